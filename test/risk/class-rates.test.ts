// A unit a national run did not see (opened since) gets its reference from the rates the run estimated for
// its form and size band: for the units the run did see, that gives exactly the reference the run gave them.
import { describe, expect, it } from 'vitest';
import { asOfDate, type UnitSignalRow } from '../../src/modules/risk/risk-data.ts';
import { computeRisks, referenceFromClassRates } from '../../src/modules/risk/risk-model.ts';

function unit(id: string, form: string, size: number, externalRef: number, providerRef: number): UnitSignalRow {
  return {
    id, form, size, opened: '2015-01-01', weeks: [], counts: [], log_lr: [], serious_counts: [],
    external_ref: externalRef, lr_ref: externalRef, serious_ref: Math.floor(externalRef / 3), provider_ref: providerRef, external_recent: 0,
    serious_b0: 0, serious_b1: 0, serious_b2: 0, provider_52w: 0, acute_recent: 0, last_acute: null,
  };
}

describe('references from class rates', () => {
  // 300 SÄBO (60 per size band: rates of their own), 12 small forms (form rates) and 3 of a rare form (national rate).
  const units = [
    ...Array.from({ length: 300 }, (_, i) => unit(`S${i}`, 'sabo', 10 + i, (i * 7) % 13, i % 4)),
    ...Array.from({ length: 12 }, (_, i) => unit(`L${i}`, 'lss_bostad', 4 + (i % 3), i % 5, 0)),
    ...Array.from({ length: 3 }, (_, i) => unit(`R${i}`, 'sallsynt', 2, i, 0)),
  ];
  const { parameters, references } = computeRisks({ asOf: asOfDate('2024-12-31'), units, indicators: [], inspections: [], inspectionCoverageStart: null, permits: [] });

  it('gives every unit the run scored the reference the run gave it', () => {
    const classes = parameters.classRates!;
    for (const u of units) expect(referenceFromClassRates(classes, u.form, u.size)).toEqual(references.get(u.id));
  });

  it('puts a new unit in the size band its size falls in, the largest band above it, the smallest below it', () => {
    const classes = parameters.classRates!;
    const bandOf = (size: number) => units.find((u) => u.form === 'sabo' && u.size === size)!.id;
    expect(referenceFromClassRates(classes, 'sabo', 69)).toEqual(references.get(bandOf(69)));
    expect(referenceFromClassRates(classes, 'sabo', 1000).external).toBeCloseTo((references.get(bandOf(309))!.external / 309) * 1000, 10);
    expect(referenceFromClassRates(classes, 'sabo', 5).external).toBeCloseTo((references.get(bandOf(10))!.external / 10) * 5, 10);
    // A form the run never saw: the national rate per unit.
    expect(referenceFromClassRates(classes, 'ny_form', 40)).toEqual(references.get('R0'));
  });
});
