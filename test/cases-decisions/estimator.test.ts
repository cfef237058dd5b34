import { describe, expect, it } from 'vitest';
import { aggregateEffects, estimateDecisionEffect, estimateIndicatorEffect } from '../../src/modules/cases/decisions/index.ts';
import { quantile, seededRandom, Z95 } from '../../src/modules/cases/decisions/effect/estimator.ts';

// The difference-in-differences estimator on constructed examples, each worked out by hand in the comments.

describe('the effect of one decision', () => {
  // 26 weeks before and 13 weeks after the decision.
  // The unit: 26 signals before (1 a week), 6 after (6/13 ≈ 0.4615 a week).
  // Three comparable units: 39 signals before (39 / (3·26) = 0.5 a week each), 27 after (27 / (3·13) ≈ 0.6923).
  // DiD = (6/13 − 1) − (27/39 − 0.5) = −0.538462 − 0.192308 = −0.730769.
  // Poisson variance: 26/26² + 6/13² + 39/78² + 27/39² = 0.038462 + 0.035503 + 0.006410 + 0.017751 = 0.098126,
  // so the 95 % half-width is 1.959964 · √0.098126 = 1.959964 · 0.313251 = 0.613960.
  const counts = { beforeDays: 182, afterDays: 91, treated: { before: 26, after: 6 }, controls: { units: 3, before: 39, after: 27, fell: 1 } };

  it('gives the rates, the DiD and its Poisson interval as worked out by hand', () => {
    const effect = estimateDecisionEffect(counts);
    expect(effect.beforeWeeks).toBe(26);
    expect(effect.afterWeeks).toBe(13);
    expect(effect.treatedBeforeRate).toBeCloseTo(1, 6);
    expect(effect.treatedAfterRate).toBeCloseTo(0.461538, 5);
    expect(effect.controlBeforeRate).toBeCloseTo(0.5, 6);
    expect(effect.controlAfterRate).toBeCloseTo(0.692308, 5);
    expect(effect.did).toBeCloseTo(-0.730769, 5);
    expect(effect.interval!.low).toBeCloseTo(-0.730769 - 0.61396, 4);
    expect(effect.interval!.high).toBeCloseTo(-0.730769 + 0.61396, 4);
    expect(effect.treatedFell).toBe(true);
    expect(effect.controlShareFell).toBeCloseTo(1 / 3, 6);
  });

  it('is zero when the unit changed exactly as its comparison did, and positive when it rose more', () => {
    const same = estimateDecisionEffect({ ...counts, treated: { before: 13, after: 9 } });
    // (9/13 − 0.5) − (27/39 − 0.5) = 0
    expect(same.did).toBeCloseTo(0, 9);
    const rose = estimateDecisionEffect({ ...counts, treated: { before: 0, after: 13 } });
    // (1 − 0) − 0.192308 = 0.807692
    expect(rose.did).toBeCloseTo(0.807692, 5);
    expect(rose.treatedFell).toBe(false);
  });

  it('counts a window without signals as one signal in the variance, not in the estimate', () => {
    const effect = estimateDecisionEffect({ beforeDays: 182, afterDays: 91, treated: { before: 13, after: 0 }, controls: { units: 2, before: 26, after: 13, fell: 0 } });
    // DiD = (0 − 0.5) − (13/26 − 26/52) = −0.5.
    // Variance: 13/26² + 1/13² (zero counted as one) + 26/52² + 13/26² = 0.019231 + 0.005917 + 0.009615 + 0.019231 = 0.053994.
    expect(effect.did).toBeCloseTo(-0.5, 6);
    const half = Z95 * Math.sqrt(13 / 26 ** 2 + 1 / 13 ** 2 + 26 / 52 ** 2 + 13 / 26 ** 2);
    expect(half).toBeCloseTo(0.45543, 5);
    expect(effect.interval!.high).toBeCloseTo(-0.5 + half, 5);
  });

  it('has no estimate before any time has passed or without comparable units', () => {
    expect(estimateDecisionEffect({ ...counts, afterDays: 0 }).did).toBeNull();
    const alone = estimateDecisionEffect({ ...counts, controls: { units: 0, before: 0, after: 0, fell: 0 } });
    expect(alone.did).toBeNull();
    expect(alone.interval).toBeNull();
    expect(alone.treatedAfterRate).toBeCloseTo(0.461538, 5);
  });
});

describe('the effect on an indicator', () => {
  it('subtracts the comparable units’ mean change and takes its interval from their spread', () => {
    // The unit went from 71 to 80 (+9); four comparable units changed by +2 on average, sd 4.
    // DiD = 9 − 2 = 7; half-width 1.959964 · 4 · √(1 + 1/4) = 1.959964 · 4.472136 = 8.765225.
    const effect = estimateIndicatorEffect({ treatedBefore: 71, treatedAfter: 80, controls: { units: 4, meanChange: 2, sdChange: 4 } });
    expect(effect.did).toBeCloseTo(7, 9);
    expect(effect.interval!.low).toBeCloseTo(7 - 8.765225, 4);
    expect(effect.interval!.high).toBeCloseTo(7 + 8.765225, 4);
  });

  it('has no estimate without values on both sides, and no interval with one comparable unit', () => {
    expect(estimateIndicatorEffect({ treatedBefore: null, treatedAfter: 80, controls: { units: 4, meanChange: 2, sdChange: 4 } }).did).toBeNull();
    const one = estimateIndicatorEffect({ treatedBefore: 70, treatedAfter: 80, controls: { units: 1, meanChange: 3, sdChange: null } });
    expect(one.did).toBeCloseTo(7, 9);
    expect(one.interval).toBeNull();
  });
});

describe('the effect of a tool over its decisions', () => {
  const effects = [
    { did: -1, treatedFell: true, controlUnits: 10, controlFell: 4 },
    { did: 0, treatedFell: false, controlUnits: 10, controlFell: 5 },
    { did: -2, treatedFell: true, controlUnits: 20, controlFell: 6 },
  ];

  it('takes the mean DiD and the shares whose rate fell', () => {
    const tool = aggregateEffects(effects);
    expect(tool.decisions).toBe(3);
    expect(tool.meanDid).toBeCloseTo(-1, 9);
    expect(tool.treatedShareFell).toBeCloseTo(2 / 3, 9);
    // (4 + 5 + 6) / (10 + 10 + 20)
    expect(tool.controlShareFell).toBeCloseTo(15 / 40, 9);
  });

  it('gives a bootstrap interval around the mean, inside the range of the decisions, the same each time', () => {
    const a = aggregateEffects(effects);
    const b = aggregateEffects(effects);
    expect(a.interval).toEqual(b.interval);
    expect(a.interval!.low).toBeGreaterThanOrEqual(-2);
    expect(a.interval!.high).toBeLessThanOrEqual(0);
    expect(a.interval!.low).toBeLessThan(-1);
    expect(a.interval!.high).toBeGreaterThan(-1);
    // With three values the resampled means are multiples of 1/3 between −2 and 0: the 2.5 % point is −2 or −5/3.
    expect([-2, -5 / 3].some((v) => Math.abs(a.interval!.low - v) < 1e-6)).toBe(true);
  });

  it('has no interval for a single decision, and nothing for none', () => {
    expect(aggregateEffects([effects[0]]).interval).toBeNull();
    expect(aggregateEffects([effects[0]]).meanDid).toBe(-1);
    expect(aggregateEffects([])).toEqual({ decisions: 0, meanDid: null, interval: null, treatedShareFell: null, controlShareFell: null });
  });

  it('draws its resamples from a seeded generator and reads quantiles between order statistics', () => {
    const one = seededRandom(7);
    const two = seededRandom(7);
    const draws = Array.from({ length: 5 }, () => one());
    expect(Array.from({ length: 5 }, () => two())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
  });
});
