import { describe, expect, it } from 'vitest';
import { asOfDate, type UnitSignalRow } from '../../src/modules/risk/risk-data.ts';
import { computeRisks, explainResult } from '../../src/modules/risk/risk-model.ts';

// An indicator whose units differ for real (between-unit variance τ² = 0.0025 on the arcsine scale) and
// nothing else: the level against the nation flags about the nominal share of these ordinary units. (A review
// feared a fifth, with τ² estimated on the shrunk values; with the winsorising measured against its own null,
// this checks that it is not so.)
function seeded(seed: number) {
  let state = seed;
  const uniform = () => ((state = (state * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function unitRow(id: string): UnitSignalRow {
  return {
    id, form: 'vardcentral', size: 8000, opened: '2015-01-01', weeks: [], counts: [], log_lr: [], serious_counts: [],
    external_ref: 0, lr_ref: 0, serious_ref: 0, provider_ref: 0, external_recent: 0, serious_b0: 0, serious_b1: 0, serious_b2: 0,
    provider_52w: 0, acute_recent: 0, last_acute: null,
  };
}

describe('indicator trend against the unit\'s own earlier level', () => {
  // 40 vårdcentraler with eight quarters of a survey (n = 400): 2025 is the baseline, 2026 the last year.
  const ends = ['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'].slice(0, 7);
  const units = Array.from({ length: 40 }, (_, i) => unitRow(`V${i}`));
  const series = (value: (unit: number, period: number) => number) =>
    units.map((u, i) => ({
      unit_id: u.id, indicator: 'patient_survey_overall', direction: 'higher_better' as const, period_ends: ends,
      values: ends.map((_, t) => value(i, t)), denominators: ends.map(() => 400),
    }));
  const trendOf = async (value: (unit: number, period: number) => number) => {
    const { results } = await computeRisks({ asOf: asOfDate('2026-10-31'), units, indicators: series(value), inspections: [], inspectionCoverageStart: null, permits: [] });
    return new Map(results.map((r) => [r.unitId, r]));
  };
  const base = (i: number, t: number) => 0.8 + ((i * 7 + t * 3) % 5) / 200;

  it('does not flag units for a decline the whole nation shares', async () => {
    const results = await trendOf((i, t) => base(i, t) - (t >= 4 ? 0.1 : 0));
    for (const r of results.values()) expect(r.contributions.find((c) => c.code === 'indicator_trend')?.value ?? 0).toBeLessThan(1.5);
  });

  it('says a unit that stands still while the nation improves has done worse than the nation, not that it got worse', async () => {
    const results = await trendOf((i, t) => base(i, t) + (i !== 5 && t >= 4 ? 0.1 : 0));
    const still = results.get('V5')!;
    expect(still.contributions.find((c) => c.code === 'indicator_trend')!.value).toBeGreaterThan(2);
    const { reasons } = explainResult(still, { recentChannels: null, providerChannels: null }, { reasonsOnly: true });
    expect(reasons.join(' ')).toMatch(/har utvecklats sämre än i riket: 8[\d,]+ % det senaste året mot 8[\d,]+ % tidigare \(riket: 9[\d,]+ % mot 8[\d,]+ %\)\./);
    expect(reasons.join(' ')).not.toContain('har försämrats');
  });

  it('flags a unit that falls while the nation does not, and says where the nation stood', async () => {
    const results = await trendOf((i, t) => base(i, t) - (i === 5 && t >= 4 ? 0.1 : 0));
    const falling = results.get('V5')!;
    expect(falling.contributions.find((c) => c.code === 'indicator_trend')!.value).toBeGreaterThan(2);
    const { reasons } = explainResult(falling, { recentChannels: null, providerChannels: null }, { reasonsOnly: true });
    expect(reasons.join(' ')).toMatch(/Nationella patientenkäten \(helhetsintryck\) har försämrats: 7\d % det senaste året mot 8\d % tidigare \(riket: 8[\d,]+ % mot 8[\d,]+ %\)\./);
  });
});

describe('indicator level against the nation', () => {
  it('flags about the nominal share of units whose only difference is the real between-unit spread', async () => {
    const normal = seeded(11);
    const units: UnitSignalRow[] = Array.from({ length: 600 }, (_, i) => ({
      id: `V${i}`, form: 'vardcentral', size: 8000, opened: '2015-01-01', weeks: [], counts: [], log_lr: [], serious_counts: [],
      external_ref: 0, lr_ref: 0, serious_ref: 0, provider_ref: 0, external_recent: 0, serious_b0: 0, serious_b1: 0, serious_b2: 0,
      provider_52w: 0, acute_recent: 0, last_acute: null,
    }));
    const n = 300;
    const indicators = units.map((u) => {
      // True level on the arcsine scale: the nation's plus τ = 0.05, then binomial chance around it.
      const truth = Math.sin(Math.asin(Math.sqrt(0.8)) + 0.05 * normal()) ** 2;
      const observed = Math.min(1, Math.max(0, truth + Math.sqrt((truth * (1 - truth)) / n) * normal()));
      return { unit_id: u.id, indicator: 'patient_survey_overall', direction: 'higher_better' as const, period_ends: ['2026-09-30'], values: [observed], denominators: [n] };
    });
    const { results } = await computeRisks({ asOf: asOfDate('2026-10-31'), units, indicators, inspections: [], inspectionCoverageStart: null, permits: [] });
    const flagged = results.filter((r) => (r.contributions.find((c) => c.code === 'indicator_level')?.value ?? 0) > 1.96).length;
    // One-sided 2.5 % of 600 is 15 (this seed gives 17): near the nominal share, neither a fifth of the units
    // nor none of them.
    expect(flagged / units.length).toBeGreaterThan(0.01);
    expect(flagged / units.length).toBeLessThan(0.05);
  });
});
