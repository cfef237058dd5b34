import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  betaBinomialShrink,
  changePointScan,
  countFunnelLimits,
  countZ,
  estimateBetaPrior,
  estimateGammaShape,
  estimateTau2,
  winsorisedNullMeanSquare,
  standardisedEwma,
  funnelLimits,
  funnelZ,
  normalQuantile,
  poissonCusum,
  poissonGammaShrink,
  proportionFunnelPoint,
  thresholdForAlarmBudget,
  Z95,
  Z998,
} from '../../src/modules/risk/statistics.ts';
import { sizeBands } from '../../src/modules/risk/risk-model.ts';

// Reference values below are worked by hand (see the comments), not produced by the code under test.

describe('normal quantiles', () => {
  it('match the tables', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 6);
    expect(Z95).toBeCloseTo(normalQuantile(0.975), 8);
    expect(Z998).toBeCloseTo(normalQuantile(0.999), 8);
  });
});

describe('funnel z-scores', () => {
  it('count on the square-root scale: z = 2(√O − √E)', () => {
    // O = 9, E = 4: 2(3 − 2) = 2
    expect(countZ(9, 4)).toBeCloseTo(2, 12);
    expect(countZ(1, 4)).toBeCloseTo(-2, 12);
  });

  it('adds the between-unit variance τ² to the chance variance ¼', () => {
    // (3 − 2) / √(0.25 + 0.25) = 1.414214
    expect(countZ(9, 4, 0.25)).toBeCloseTo(1.414214, 6);
  });

  it('proportion on the arcsine-square-root scale with s = 1/(2√n)', () => {
    // p = 0.25 → asin(0.5) = π/6; target 0.5 → asin(√0.5) = π/4; s = 1/(2·10) = 0.05
    const point = proportionFunnelPoint(0.25, 100, 0.5);
    expect(point.y).toBeCloseTo(Math.PI / 6, 12);
    expect(point.target).toBeCloseTo(Math.PI / 4, 12);
    expect(point.se).toBeCloseTo(0.05, 12);
    // (π/6 − π/4) / 0.05 = −5.235988
    expect(funnelZ(point)).toBeCloseTo(-5.235988, 6);
  });
});

describe('funnel limits', () => {
  it('at 95 % and 99.8 % on the transformed scale', () => {
    // 2 ± 1.959964·0.5 and 2 ± 3.090232·0.5
    const l95 = funnelLimits(2, 0.5, 0.95);
    expect(l95.lower).toBeCloseTo(1.020018, 6);
    expect(l95.upper).toBeCloseTo(2.979982, 6);
    const l998 = funnelLimits(2, 0.5, 0.998);
    expect(l998.lower).toBeCloseTo(0.454884, 6);
    expect(l998.upper).toBeCloseTo(3.545116, 6);
  });

  it('for a count with E = 4, back on the count scale', () => {
    // (2 ± 0.979982)² and (2 ± 1.545116)²
    const l95 = countFunnelLimits(4, 0.95);
    expect(l95.lower).toBeCloseTo(1.040437, 5);
    expect(l95.upper).toBeCloseTo(8.880293, 5);
    const l998 = countFunnelLimits(4, 0.998);
    expect(l998.lower).toBeCloseTo(0.206919, 5);
    expect(l998.upper).toBeCloseTo(12.567847, 5);
  });

  it('widen with over-dispersion', () => {
    // τ² = 0.25: half-width 1.959964·√0.5 = 1.385904
    const limits = funnelLimits(2, 0.5, 0.95, 0.25);
    expect(limits.upper - 2).toBeCloseTo(1.385904, 6);
  });
});

describe('between-unit variance τ² (DerSimonian–Laird, winsorised)', () => {
  // Five units, s = 0.5 (w = 4), residuals 0, ±0.5, ±1 → z = 0, ±1, ±2.
  const points = [0, 0.5, -0.5, 1, -1].map((d) => ({ y: 3 + d, target: 3, se: 0.5 }));

  it('without winsorising', () => {
    // φ = (0 + 1 + 1 + 4 + 4)/5 = 2; τ² = (5·2 − 4) / (20 − 80/20) = 6/16
    expect(estimateTau2(points, 0)).toBeCloseTo(0.375, 12);
  });

  it('with 10 % winsorising, against what winsorising leaves of chance', () => {
    // κ = E[min(z², c²)] at c = Φ⁻¹(0.9) = 1.2815516, φ(c) = 0.1754983: 0.8 − 2c·φ(c) + 0.2c² = 0.6786546.
    expect(winsorisedNullMeanSquare(0.1)).toBeCloseTo(0.6786546, 6);
    expect(winsorisedNullMeanSquare(0)).toBe(1);
    // 10 % / 90 % quantiles of z (linear interpolation) are ∓1.6: mean z² = (0 + 1 + 1 + 2.56 + 2.56)/5 = 1.424,
    // φ = 1.424 / 0.6786546 = 2.098269; τ² = (5φ − 4) / 16 = 0.405709
    expect(estimateTau2(points, 0.1)).toBeCloseTo(0.405709, 5);
  });

  it('recovers a known τ² from many units despite winsorising (simulated, fixed seed)', () => {
    // 20,000 units with s = ½ and true τ² = 0.35: the plain winsorised estimate was about 0.16.
    let state = 12345;
    const uniform = () => ((state = (state * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const many = Array.from({ length: 20000 }, () => ({ y: Math.sqrt(0.25 + 0.35) * normal(), target: 0, se: 0.5 }));
    expect(estimateTau2(many, 0.1)).toBeGreaterThan(0.31);
    expect(estimateTau2(many, 0.1)).toBeLessThan(0.39);
  });

  it('is 0 when the spread is no more than chance', () => {
    const tight = [0, 0.1, -0.1, 0.2, -0.2].map((d) => ({ y: 3 + d, target: 3, se: 0.5 }));
    expect(estimateTau2(tight)).toBe(0);
  });
});

describe('shrinkage', () => {
  it('estimates the gamma shape by moments', () => {
    // Σ[(O − E)² − O] = 4 − 2 + 0 + 54 = 56, ΣE² = 16 → α = 16/56
    expect(estimateGammaShape([0, 2, 4, 10], [2, 2, 2, 2])).toBeCloseTo(16 / 56, 12);
  });

  it('Poisson–gamma: posterior mean (α + O)/(α + E)', () => {
    expect(poissonGammaShrink(4, 1, 2).mean).toBeCloseTo(2, 12);
    // A tiny unit (E = 0.1) with one signal stays near the national level, a big one keeps its own ratio.
    expect(poissonGammaShrink(1, 0.1, 2).mean).toBeCloseTo(3 / 2.1, 12);
    expect(poissonGammaShrink(100, 10, 2).mean).toBeCloseTo(102 / 12, 12);
  });

  it('beta-binomial prior by moments and posterior mean', () => {
    // p = .2 .8 .5 .5 of n = 10: mean .5; var(p) = .18/3 = .06; minus .25·mean(1/n) = .025 → .035;
    // a + b = .25/.035 − 1 = 6.142857, a = b = 3.071429
    const prior = estimateBetaPrior([2, 8, 5, 5], [10, 10, 10, 10])!;
    expect(prior.mean).toBeCloseTo(0.5, 12);
    expect(prior.a).toBeCloseTo(3.071429, 6);
    expect(prior.b).toBeCloseTo(3.071429, 6);
    // (2 + 3.071429) / (10 + 6.142857) = 0.314159
    expect(betaBinomialShrink(2, 10, prior)).toBeCloseTo(0.314159, 6);
  });

  it('no beta prior when units differ no more than chance', () => {
    expect(estimateBetaPrior([5, 5, 5, 5], [10, 10, 10, 10])).toBeNull();
  });
});

/** A small seeded generator (mulberry32) and Knuth's Poisson sampler, so the simulated series are fixed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const poisson = (lambda: number) => {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = next();
    while (p > limit) {
      k++;
      p *= next();
    }
    return k;
  };
  return { next, poisson };
}

describe('Poisson CUSUM', () => {
  it('follows S_t = max(0, S_{t−1} + x_t ln k − (k − 1)λ0) by hand', () => {
    // k = 2, λ0 = 1: 0 → max(0, −1) = 0; 3·ln2 − 1 = 1.079442; 1.079442 − 1 = 0.079442
    const result = poissonCusum([0, 3, 0], [1, 1, 1], 2, 1);
    expect(result.path[0]).toBe(0);
    expect(result.path[1]).toBeCloseTo(1.079442, 6);
    expect(result.path[2]).toBeCloseTo(0.079442, 6);
    expect(result.alarms).toEqual([1]);
    expect(result.value).toBeCloseTo(0.079442, 6);
  });

  it('signals a planted tripling within its expected run length', () => {
    // λ0 = 2, k = 3, h = 8. After the change each period adds on average 6·ln3 − 4 = 2.59, so the expected
    // run length to cross h = 8 is about 8 / 2.59 ≈ 3 periods; allow 6. Before it, the drift is
    // 2·ln3 − 4 = −1.80 a period and an alarm needs ~11 signals in a period (P ≈ 1e-5).
    const { poisson } = seeded(20261123);
    const change = 200;
    const counts = Array.from({ length: 260 }, (_, t) => poisson(t < change ? 2 : 6));
    const result = poissonCusum(counts, counts.map(() => 2), 3, 8);
    const first = result.alarms.find((t) => t >= change - 10);
    expect(result.alarms.filter((t) => t < change)).toEqual([]);
    expect(first).toBeDefined();
    expect(first! - change).toBeGreaterThanOrEqual(0);
    expect(first! - change).toBeLessThanOrEqual(6);
  });

  it('stays quiet on a stable series', () => {
    const { poisson } = seeded(7);
    const counts = Array.from({ length: 2000 }, () => poisson(2));
    expect(poissonCusum(counts, counts.map(() => 2), 3, 8).alarms).toEqual([]);
  });

  it('sets the threshold from a national alarm budget', () => {
    // Upcrossings: h ∈ (1, 3] gives 2 (both 3s of the first path); h ≤ 1 gives 3.
    const h = thresholdForAlarmBudget([[0, 3, 0, 3], [0, 1, 0]], 2, 0.5, 10);
    expect(h).toBeGreaterThan(1);
    expect(h).toBeLessThan(1.001);
  });

  it('counts only the last periods of each path when asked, each rise from the period before them', () => {
    // Last two periods: the first path's 3 → 0 → 3 rises 0 → 3 once, the second's 0 → 1 → 0 rises 0 → 1 once.
    // A budget of 0 needs h above 3; a budget of 1 allows h just above 1 (only the 0 → 3 rise crosses it).
    const h = thresholdForAlarmBudget([[0, 3, 0, 3], [0, 1, 0]], 1, 0.5, 10, 2);
    expect(h).toBeGreaterThan(1);
    expect(h).toBeLessThan(1.001);
    expect(thresholdForAlarmBudget([[0, 3, 0, 3], [0, 1, 0]], 0, 0.5, 10, 2)).toBeGreaterThan(3);
    // Without the limit the same budget of 1 needs h above 3 (the first path crosses 3 twice).
    expect(thresholdForAlarmBudget([[0, 3, 0, 3], [0, 1, 0]], 1, 0.5, 10)).toBeGreaterThan(3);
  });
});

describe('self-starting Poisson–gamma change scan', () => {
  it('matches the hand-computed log-likelihood ratio', () => {
    // counts 0 0 4, expected 1 1 1, α = 1, k = 2. τ = 2: a = 1, b = 3, O = 4, E = 1:
    // 4 ln 2 + 5 ln(4/5) = 2.772589 − 1.115718 = 1.656871 (τ = 1 gives 0.745263, τ = 0 a negative value)
    const scan = changePointScan([0, 0, 4], [1, 1, 1], 1, 2);
    expect(scan.llr).toBeCloseTo(1.656871, 6);
    expect(scan.start).toBe(2);
  });

  it('finds a planted step near where it was planted and little in a stable series', () => {
    const { poisson } = seeded(99);
    const expected = Array.from({ length: 200 }, () => 0.5);
    const stable = expected.map(() => poisson(0.5));
    const stepped = expected.map((e, t) => poisson(t < 150 ? e : 4 * e));
    const quiet = changePointScan(stable, expected, 2, 3);
    const rise = changePointScan(stepped, expected, 2, 3);
    expect(rise.llr).toBeGreaterThan(10);
    expect(quiet.llr).toBeLessThan(5);
    expect(Math.abs(rise.start - 150)).toBeLessThanOrEqual(10);
  });
});

// The scan and the threshold search skip work that cannot change their answer; these plain versions do it
// all, and the fast ones must give exactly what they give.
function changePointScanEveryPeriod(counts: number[], expected: number[], alpha: number, k: number, marks: number[]) {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const [totalO, totalE, totalM] = [sum(counts), sum(expected), sum(marks)];
  let best = 0;
  let start = -1;
  let [beforeO, beforeE, beforeM] = [0, 0, 0];
  for (let tau = 0; tau < counts.length; tau++) {
    const afterO = totalO - beforeO;
    const afterE = totalE - beforeE;
    if (afterO > 0) {
      const b = alpha + beforeE;
      const llr = afterO * Math.log(k) + (alpha + beforeO + afterO) * Math.log((b + afterE) / (b + k * afterE)) + (totalM - beforeM);
      if (llr > best) [best, start] = [llr, tau];
    }
    beforeO += counts[tau];
    beforeE += expected[tau];
    beforeM += marks[tau];
  }
  return { llr: best, start };
}

function alarmsByWalking(paths: number[][], h: number): number {
  let total = 0;
  for (const path of paths) {
    let above = false;
    for (const s of path) {
      if (s >= h && !above) total++;
      above = s >= h;
    }
  }
  return total;
}

describe('the fast scan and threshold search give exactly what the plain ones give', () => {
  const weeks = fc.integer({ min: 0, max: 60 }).chain((n) => fc.tuple(
    fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 5 })), { minLength: n, maxLength: n }),
    // Expected counts of exactly 0 (weeks before the unit's data) make ties the scan must break as the plain one does.
    fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 3, noNaN: true })), { minLength: n, maxLength: n }),
    fc.array(fc.oneof(fc.constant(0), fc.double({ min: -2, max: 2, noNaN: true })), { minLength: n, maxLength: n }),
  ));

  it('change scan: the same LLR and the same start', () => {
    fc.assert(fc.property(weeks, fc.double({ min: 0.2, max: 50, noNaN: true }), fc.double({ min: 1.1, max: 6, noNaN: true }), ([counts, expected, marks], alpha, k) => {
      // Marks come with events, as in the risk model (a week without signals has no likelihood ratio).
      const eventMarks = marks.map((m, t) => (counts[t] > 0 ? m : 0));
      expect(changePointScan(counts, expected, alpha, k, eventMarks)).toEqual(changePointScanEveryPeriod(counts, expected, alpha, k, eventMarks));
      expect(changePointScan(counts, expected, alpha, k)).toEqual(changePointScanEveryPeriod(counts, expected, alpha, k, counts.map(() => 0)));
    }), { numRuns: 2000 });
  });

  it('alarm budget: the threshold the plain walk over every path would choose', () => {
    const paths = fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 12, noNaN: true }), fc.integer({ min: 0, max: 12 })), { maxLength: 30 }), { maxLength: 40 });
    fc.assert(fc.property(paths, fc.integer({ min: 0, max: 40 }), (list, budget) => {
      let [low, high] = [1, 12];
      if (alarmsByWalking(list, low) > budget) {
        if (alarmsByWalking(list, high) > budget) low = high;
        else {
          for (let i = 0; i < 30; i++) {
            const mid = (low + high) / 2;
            if (alarmsByWalking(list, mid) <= budget) high = mid;
            else low = mid;
          }
          low = high;
        }
      }
      expect(thresholdForAlarmBudget(list, budget, 1, 12)).toBe(low);
    }), { numRuns: 1000 });
  });
});

describe('EWMA of differences from a shared baseline', () => {
  it('is Σ w_t d_t over √(Σ w_t² v_t + (Σ w_t)² var μ), w_t = λ(1 − λ)^{T−1−t}', () => {
    // λ = 0.5, d = (1, 2), v = (1, 1), var μ = 0.5: w = (0.25, 0.5); EWMA = 0.25 + 1 = 1.25;
    // Var = 0.0625 + 0.25 + 0.75² · 0.5 = 0.59375; z = 1.25 / 0.770552 = 1.622219
    expect(standardisedEwma([1, 2], [1, 1], 0.5, 0.5)).toBeCloseTo(1.622219, 5);
    expect(standardisedEwma([], [], 0.5, 0.5)).toBe(0);
  });

  it('is a standard normal score when nothing changes, although the differences share the baseline (simulated)', () => {
    // One baseline period and four recent ones, each with variance 1: y_b, y_1…y_4 ~ N(0, 1), d_t = y_t − y_b.
    let state = 7;
    const uniform = () => ((state = (state * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const scores = Array.from({ length: 20000 }, () => {
      const baseline = normal();
      return standardisedEwma([1, 2, 3, 4].map(() => normal() - baseline), [1, 1, 1, 1], 0.5, 1);
    });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeGreaterThan(0.97);
    expect(sd).toBeLessThan(1.03);
    expect(scores.filter((z) => z > 1.645).length / scores.length).toBeLessThan(0.06);
  });
});

describe('size bands', () => {
  it('are quintiles of size within a form that keep units of the same size together', () => {
    // Ten HVB: sizes 4, 6, 6, 6, 6, 8, 8, 10, 12, 14. By position, 6-place homes would fall in bands 1 and 2.
    const sizes = [6, 4, 6, 14, 6, 8, 6, 12, 8, 10];
    const bands = sizeBands(sizes.map((size) => ({ form: 'hvb', size })));
    const bandOfSize = new Map<number, Set<number>>();
    sizes.forEach((size, i) => bandOfSize.set(size, (bandOfSize.get(size) ?? new Set()).add(bands[i])));
    for (const set of bandOfSize.values()) expect(set.size).toBe(1);
    expect([...bandOfSize.entries()].sort((a, b) => a[0] - b[0]).map(([size, set]) => [size, [...set][0]])).toEqual([[4, 1], [6, 1], [8, 3], [10, 4], [12, 5], [14, 5]]);
  });
});
