import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.ts';

describe('configuration', () => {
  it('has working defaults for the embedded demo', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.demo).toEqual({ loadOnFirstStart: true, units: 40000, seed: 1 });
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
