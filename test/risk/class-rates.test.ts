// A score keeps its unit's class (size band and size): with the run's class rates it gives back exactly the
// expected counts the run compared the unit with. A unit the run did not see (opened since) is put in the
// size band its size falls in.
import { beforeAll, describe, expect, it } from 'vitest';
import { asOfDate, type UnitSignalRow } from '../../src/modules/risk/risk-data.ts';
import { classOfNewUnit, computeRisks, referenceOfClass, type RiskInput } from '../../src/modules/risk/risk-model.ts';

function unit(id: string, form: string, size: number, externalRef: number, providerRef: number): UnitSignalRow {
  return {
    id, form, size, opened: '2015-01-01', weeks: [0, 3], counts: [externalRef % 3, 1], log_lr: [0.2, 0], serious_counts: [0, 1],
    external_ref: externalRef, lr_ref: externalRef, serious_ref: Math.floor(externalRef / 3), provider_ref: providerRef, external_recent: externalRef % 4,
    serious_b0: 0, serious_b1: 0, serious_b2: 0, provider_52w: providerRef % 2, acute_recent: 0, last_acute: null,
  };
}

describe('unit classes and class rates', () => {
  // 300 SÄBO (60 per size band: rates of their own), 12 small forms (form rates) and 3 of a rare form (national rate).
  const units = [
    ...Array.from({ length: 300 }, (_, i) => unit(`S${i}`, 'sabo', 10 + i, (i * 7) % 13, i % 4)),
    ...Array.from({ length: 12 }, (_, i) => unit(`L${i}`, 'lss_bostad', 4 + (i % 3), i % 5, 0)),
    ...Array.from({ length: 3 }, (_, i) => unit(`R${i}`, 'sallsynt', 2, i, 0)),
  ];
  const input: RiskInput = { asOf: asOfDate('2024-12-31'), units, indicators: [], inspections: [], inspectionCoverageStart: null, permits: [] };
  let national: Awaited<ReturnType<typeof computeRisks>>;
  let classRates: NonNullable<typeof national.parameters.classRates>;
  beforeAll(async () => {
    national = await computeRisks(input);
    classRates = national.parameters.classRates!;
  });

  it('scores every unit, from its class and the run’s parameters alone, exactly as the run did', async () => {
    const fixed = await computeRisks(input, { national: { ...national.parameters, classRates }, classes: national.classes });
    const pick = (r: (typeof fixed.results)[number]) => [r.unitId, r.score, r.raw, r.expectedRecent, r.cusumAlarm, r.cusumPath];
    expect(fixed.results.map(pick)).toEqual(national.results.map(pick));
    expect(national.classes.get('S0')).toEqual({ band: 1, size: 10 });
    expect(national.classes.get('S299')).toEqual({ band: 5, size: 309 });
  });

  it('puts a new unit in the size band its size falls in, the largest band above it, the smallest below it', () => {
    const classOf = (size: number) => national.classes.get(units.find((u) => u.form === 'sabo' && u.size === size)!.id)!;
    expect(classOfNewUnit(classRates, 'sabo', 69)).toEqual(classOf(69));
    expect(classOfNewUnit(classRates, 'sabo', 1000)).toEqual({ band: classOf(309).band, size: 1000 });
    expect(classOfNewUnit(classRates, 'sabo', 5)).toEqual({ band: classOf(10).band, size: 5 });
    expect(referenceOfClass(classRates, 'sabo', classOfNewUnit(classRates, 'sabo', 1000)).external)
      .toBeCloseTo((referenceOfClass(classRates, 'sabo', classOf(309)).external / 309) * 1000, 10);
    // A form the run never saw: band 0, the national rate per unit, as for the rare form.
    expect(classOfNewUnit(classRates, 'ny_form', 40)).toEqual({ band: 0, size: 40 });
    expect(referenceOfClass(classRates, 'ny_form', { band: 0, size: 40 })).toEqual(referenceOfClass(classRates, 'sallsynt', national.classes.get('R0')!));
  });

  it('gives a class without a single signal a small rate, not zero, so a signal there still stands out among peers', async () => {
    // 150 quiet homes (five size bands of 30, no signal in the window) among the world's other units, scored
    // nationally; then one of them gets four signals and is rescored against the run's stored parameters, as a
    // new signal is.
    const quiet = (id: string, size: number): UnitSignalRow => ({ ...unit(id, 'hvb', size, 0, 0), weeks: [], counts: [], log_lr: [], serious_counts: [], serious_ref: 0 });
    const homes = Array.from({ length: 150 }, (_, i) => quiet(`H${i}`, 4 + (i % 10)));
    const run = await computeRisks({ ...input, units: [...units, ...homes] });
    const hvbRates = run.parameters.classRates!.external.bands.hvb;
    expect(hvbRates.every((rate) => rate !== null && rate > 0)).toBe(true);
    const loud: UnitSignalRow = { ...quiet('H0', 4), weeks: [0, 1], counts: [2, 2], log_lr: [0, 0], serious_counts: [0, 0], external_ref: 4, lr_ref: 4, external_recent: 4 };
    const rescored = await computeRisks({ ...input, units: [loud] }, { national: { ...run.parameters, classRates: run.parameters.classRates! }, classes: run.classes });
    const result = rescored.results[0];
    expect(result.expectedRecent).toBeGreaterThan(0);
    expect(result.contributions.map((c) => c.code)).toContain('signals_vs_peers');
  });
});
