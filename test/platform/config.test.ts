import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.ts';
import { addDays, swedishToday } from '../../src/platform/dates.ts';

describe('configuration', () => {
  it('has working defaults for the embedded demo', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    // The demo world's history runs to yesterday, so a fresh demo has this week's signals and alerts.
    expect(config.demo).toEqual({ loadOnFirstStart: true, units: 40000, seed: 1, until: addDays(swedishToday(), -1) });
  });

  it('pins the demo world to a day when asked, and refuses days it cannot generate', () => {
    expect(loadConfig({ VAKA_DEMO_UNTIL: '2026-10-31' }).demo.until).toBe('2026-10-31');
    for (const bad of ['2026-02-30', '2022-06-01', addDays(swedishToday(), 1), '31/10/2026']) {
      expect(() => loadConfig({ VAKA_DEMO_UNTIL: bad }), bad).toThrow(/VAKA_DEMO_UNTIL must be a date/);
    }
  });

  it('names every bad setting in one clear message', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', VAKA_DEMO: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT');
    expect(problems).toContain('DATABASE_URL');
    expect(problems).toContain('VAKA_DEMO');
  });

  it('refuses production without a session secret and a real identity provider', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/VAKA_SESSION_SECRET[\s\S]*VAKA_OIDC_ISSUER/);
  });
});
