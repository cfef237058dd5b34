import { describe, expect, it } from 'vitest';
import { sentences, signalBreakdown } from '../../src/modules/risk/explain.ts';
import { explainResult, type UnitRiskResult } from '../../src/modules/risk/risk-model.ts';

// The reasons' Swedish: every channel named, number agreement, and figures that show the change they claim.
describe('reason sentences', () => {
  it('names every channel of a breakdown, so no remainder is mistaken for the channel "övrig signal"', () => {
    expect(signalBreakdown(16, { tip: 8, complaint: 6, other: 1, police: 1 })).toBe('16 signaler (8 tips, 6 klagomål, 1 övrig signal, 1 polisanmälan)');
    expect(signalBreakdown(3, { tip: 3 })).toBe('3 tips');
  });

  it('says "varav 1 allvarlig" and "varav 2 allvarliga"', () => {
    const change = (serious: number) => sentences.change({ since: '2026-05-04', observed: 5, serious, expected: 1.2, alarm: false });
    expect(change(1)).toContain('5 sedan dess (varav 1 allvarlig) mot');
    expect(change(2)).toContain('5 sedan dess (varav 2 allvarliga) mot');
  });

  it('does not call one signal a rise', () => {
    expect(sentences.change({ since: '2024-11-04', observed: 1, serious: 1, expected: 0.2, alarm: false }))
      .toBe('1 allvarlig signal sedan november 2024 mot 0,2 väntade utifrån verksamhetens egen historik.');
    expect(sentences.change({ since: '2024-11-04', observed: 2, serious: 0, expected: 0.2, alarm: false })).toMatch(/^Signalerna ökar sedan november 2024: 2 sedan dess mot/);
  });

  it('shows a decline in an indicator with a decimal when whole percent would show two equal figures', () => {
    expect(sentences.indicatorTrend({ indicator: 'waiting_time_90d', recent: 0.938, baseline: 0.944, lowerBetter: false }))
      .toBe('Andel som fått vård inom 90 dagar har försämrats: 93,8 % det senaste året mot 94,4 % tidigare.');
    expect(sentences.indicatorTrend({ indicator: 'waiting_time_90d', recent: 0.81, baseline: 0.9, lowerBetter: false })).toContain(': 81 % det senaste året mot 90 % tidigare.');
  });

  it('does not call a level that is steadily above its peers from the first week a rise against its own history', () => {
    expect(sentences.change({ since: '2022-01-03', observed: 48, serious: 2, expected: 15, alarm: false, ownHistory: false }))
      .toBe('48 signaler (varav 2 allvarliga) sedan januari 2022 mot 15 väntade för liknande verksamheter av samma form och storlek.');
    expect(sentences.change({ since: '2022-01-03', observed: 1, serious: 0, expected: 0.3, alarm: true, ownHistory: false }))
      .toBe('1 signal sedan januari 2022 mot 0,3 väntade för liknande verksamheter av samma form och storlek (CUSUM-larm).');
  });
});

describe('the reasons of a unit in CUSUM alarm', () => {
  const result = (contributions: UnitRiskResult['contributions']): UnitRiskResult => ({
    unitId: 'U1', form: 'vardcentral', score: 0.2, raw: 1, triggers: [], contributions, triggerReasons: [], cusumAlarm: true,
    observedRecent: 4, expectedRecent: 2, cusumPath: [0, 3.5],
  });
  const detail = { recentChannels: null, providerChannels: null };
  const change = { code: 'change' as const, weight: 1, value: 0.3, explain: () => 'Signalerna ökar sedan maj 2026: 4 sedan dess mot 1,2 väntade utifrån verksamhetens egen historik (CUSUM-larm).' };

  it('name the alarm even when its change term is below the reason threshold, never "nothing deviates"', () => {
    const small = { code: 'signals_vs_peers' as const, weight: 0.5, value: 0.4, explain: () => 'x' };
    const { reasons } = explainResult(result([small, change]), detail, { reasonsOnly: true });
    expect(reasons).toEqual([change.explain()]);
    expect(explainResult({ ...result([small, change]), cusumAlarm: false }, detail, { reasonsOnly: true }).reasons).toEqual([sentences.quiet()]);
  });

  it('say the alarm in its own words when there is no rise against the unit\'s own history to name', () => {
    expect(explainResult(result([]), detail, { reasonsOnly: true }).reasons).toEqual([sentences.cusumAlarm()]);
  });
});
