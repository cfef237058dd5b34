import { describe, expect, it } from 'vitest';
import { parseCriteria, rankCandidates, measureOptions, ruleText, type SnapshotUnit } from '../../src/modules/risk/selection/rank-candidates.ts';
import { drawSample, mulberry32 } from '../../src/modules/risk/selection/random-sample.ts';
import { pdfText as encodeForPdf } from '../../src/platform/pdf/index.ts';

// The pure parts of the selection funnel: the stage ranking and its rules, and the seeded control sample.

function unit(id: string, options: Partial<SnapshotUnit> & { indicator?: number; signal?: number; survey?: { value: number; national: number; direction?: string } } = {}): SnapshotUnit {
  const contributions = [];
  if (options.indicator) contributions.push({ code: 'indicator_trend', weight: 2, value: options.indicator / 2, sentence: `${id} försämras.` });
  if (options.signal) contributions.push({ code: 'change', weight: 1, value: options.signal, sentence: `${id} ökar.` });
  contributions.push({ code: 'inspection_overdue', weight: 0.2, value: 1, sentence: `${id} länge sedan inspektion.` });
  return {
    project_id: 1,
    unit_id: id,
    unit_name: `Enhet ${id}`,
    form: 'vardcentral',
    kommun: '0180',
    kommun_name: 'Stockholms kommun',
    county_name: 'Stockholms län',
    provider_name: null,
    score: 0.1,
    national_rank: 1,
    triggers: [],
    cusum_alarm: false,
    contributions,
    reasons: [],
    observed_recent: 0,
    expected_recent: 0,
    indicators: options.survey
      ? [{ indicator: 'patient_survey_overall', period: '2026-Q2', periodEnd: '2026-06-30', value: options.survey.value, denominator: 200, direction: options.survey.direction ?? 'higher_better', national: options.survey.national }]
      : [],
    score_as_of: '2026-06-30',
    ...options,
  } as SnapshotUnit;
}

describe('rankCandidates', () => {
  it('stage 1: ranks by the indicator evidence only, keeps the top n, ties broken by score and then id', () => {
    const units = [unit('A', { indicator: 1 }), unit('B', { indicator: 5, signal: 9 }), unit('C', { indicator: 3 }), unit('D', { indicator: 3, score: 0.5 }), unit('E')];
    const ranked = rankCandidates(1, units, { measure: 'indicator_evidence', rule: { kind: 'top', n: 3 } });
    expect(ranked.map((r) => [r.unit.unit_id, r.position, r.measure, r.byRule])).toEqual([
      ['B', 1, 5, true],
      ['D', 2, 3, true],
      ['C', 3, 3, true],
      ['A', 4, 1, false],
      ['E', 5, 0, false],
    ]);
    // Only the evidence of the stage is shown beside the unit.
    expect(ranked[0].evidence).toEqual(['B försämras.']);
  });

  it('stage 1 by one indicator: the gap to the nation in percentage points, worse direction up, units without it last and never kept', () => {
    const units = [
      unit('A', { survey: { value: 0.7, national: 0.8 } }),
      unit('B', { survey: { value: 0.85, national: 0.8 } }),
      unit('C'),
      unit('D', { survey: { value: 0.3, national: 0.1, direction: 'lower_better' } }),
    ];
    const ranked = rankCandidates(1, units, { measure: 'indicator:patient_survey_overall', rule: { kind: 'top', n: 4 } });
    expect(ranked.map((r) => [r.unit.unit_id, r.measure, r.byRule])).toEqual([
      ['D', 20, true],
      ['A', 10, true],
      ['B', -5, true],
      ['C', null, false],
    ]);
    expect(ranked[1].evidence).toContain('Nationella patientenkäten (helhetsintryck) 2026-Q2: 70 % mot 80 % i riket.');
    const threshold = rankCandidates(1, units, { measure: 'indicator:patient_survey_overall', rule: { kind: 'threshold', threshold: 10 } });
    expect(threshold.filter((r) => r.byRule).map((r) => r.unit.unit_id)).toEqual(['D', 'A']);
    expect(measureOptions(1, units).map((o) => o.value)).toEqual(['indicator_evidence', 'indicator:patient_survey_overall']);
  });

  it('states a threshold as it was written, so the memo says the rule that was applied', () => {
    expect(ruleText(2, { kind: 'threshold', threshold: 0.92 }, 'signal_ratio')).toBe('De med minst 0,92 gånger väntat går vidare. Verksamheter med hårda larm går alltid vidare.');
    expect(ruleText(1, { kind: 'threshold', threshold: 12.5 }, 'indicator_evidence')).toBe('De med minst 12,5 poäng går vidare.');
    expect(ruleText(1, { kind: 'threshold', threshold: 1.04 }, 'indicator_evidence')).toMatch(/^De med minst 1,04 poäng går vidare/);
    expect(ruleText(1, { kind: 'top', n: 1500 }, 'indicator_evidence')).toBe('De 1\u00a0500 högst rangordnade går vidare.');
  });

  it('stage 2: hard triggers first and always through a threshold; then the signal evidence', () => {
    const units = [unit('A', { signal: 4 }), unit('B', { signal: 0.5, triggers: ['acute_signal'] }), unit('C', { signal: 2, indicator: 50 }), unit('D')];
    const top = rankCandidates(2, units, { measure: 'signal_evidence', rule: { kind: 'top', n: 2 } });
    expect(top.map((r) => [r.unit.unit_id, r.triggered, r.byRule])).toEqual([
      ['B', true, true],
      ['A', false, true],
      ['C', false, false],
      ['D', false, false],
    ]);
    expect(top[0].evidence[0]).toBe('Hårt larm: en akut signal de senaste 14 dagarna.');
    const threshold = rankCandidates(2, units, { measure: 'signal_evidence', rule: { kind: 'threshold', threshold: 2 } });
    expect(threshold.filter((r) => r.byRule).map((r) => r.unit.unit_id)).toEqual(['B', 'A', 'C']);
    // Signals against the expected count: no expected count, no value.
    const ratio = rankCandidates(2, [unit('A', { observed_recent: 6, expected_recent: 2 }), unit('B', { observed_recent: 1, expected_recent: 0 })], { measure: 'signal_ratio', rule: { kind: 'top', n: 2 } });
    expect(ratio.map((r) => [r.unit.unit_id, r.measure, r.byRule])).toEqual([
      ['A', 3, true],
      ['B', null, false],
    ]);
  });

  it('reads criteria from the form, naming each bad field', () => {
    const options = measureOptions(2, []);
    expect(parseCriteria({ matt: 'signal_evidence', regel: 'antal', antal: '3', grans: '' }, options, 10)).toEqual({ criteria: { measure: 'signal_evidence', rule: { kind: 'top', n: 3 } }, errors: [] });
    expect(parseCriteria({ matt: 'signal_evidence', regel: 'grans', antal: '', grans: '-1,25' }, options, 10).criteria).toEqual({ measure: 'signal_evidence', rule: { kind: 'threshold', threshold: -1.25 } });
    expect(parseCriteria({ matt: 'indicator_evidence', regel: 'antal', antal: '11', grans: '' }, options, 10).errors.map((e) => e.field)).toEqual(['matt', 'antal']);
    expect(parseCriteria({ matt: 'signal_evidence', regel: 'antal', antal: '2.5', grans: '' }, options, 10).errors.map((e) => e.field)).toEqual(['antal']);
  });
});

describe('drawSample', () => {
  const frame = Array.from({ length: 40 }, (_, i) => `U${i + 1}`);

  it('draws the same units for the same seed, whatever order the frame comes in', () => {
    const first = drawSample(frame, 8, 12345);
    expect(drawSample([...frame].reverse(), 8, 12345)).toEqual(first);
    expect(new Set(first).size).toBe(8);
    expect(first.every((id) => frame.includes(id))).toBe(true);
    expect(drawSample(frame, 8, 12346)).not.toEqual(first);
  });

  it('is a uniform draw: every unit about equally often over many seeds', () => {
    const counts = new Map(frame.map((id) => [id, 0]));
    for (let seed = 0; seed < 4000; seed++) for (const id of drawSample(frame, 5, seed)) counts.set(id, counts.get(id)! + 1);
    // Expected 4000 × 5 / 40 = 500 each; a binomial sd of about 21.
    for (const n of counts.values()) expect(Math.abs(n - 500)).toBeLessThan(100);
  });

  it('mulberry32 gives the published first values and stays in [0, 1)', () => {
    const random = mulberry32(1);
    const values = Array.from({ length: 1000 }, random);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(values[0]).toBeCloseTo(0.6270739405881613, 12);
  });

  it('refuses a bad seed or size', () => {
    expect(() => drawSample(frame, 41, 1)).toThrow(RangeError);
    expect(() => drawSample(frame, 1, 2 ** 32)).toThrow(RangeError);
    expect(() => drawSample(['A', 'A'], 1, 1)).toThrow(RangeError);
  });
});

describe('pdfText', () => {
  it('keeps every letter and symbol, drops control characters and normalises line ends', () => {
    expect(encodeForPdf('Åsa – ”Ängby” ≈ 3 ≥ 2 → ⅓ τ² Łukasz Güneş\r\nrad\u0007 två')).toBe('Åsa – ”Ängby” ≈ 3 ≥ 2 → ⅓ τ² Łukasz Güneş\nrad två');
  });
});
