// Small pure statistical functions behind the risk score (docs/risk-method.md). No database, no dates:
// arrays in, numbers out, so each can be checked against hand-computed values.

/** Two-sided normal quantiles used for funnel limits. */
export const Z95 = 1.959963984540054;
export const Z998 = 3.090232306167813;

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

// ---------------------------------------------------------------------------------------------------------
// Funnel plots (Spiegelhalter 2005): a transformed indicator y with target θ and standard error s.

/** A count on the square-root scale: y = √O, θ = √E, s = ½ (the variance-stabilising transform of a Poisson). */
export function countFunnelPoint(observed: number, expected: number): { y: number; target: number; se: number } {
  return { y: Math.sqrt(observed), target: Math.sqrt(expected), se: 0.5 };
}

/** A proportion on the arcsine-square-root scale: y = asin √p, s = 1 / (2 √n). */
export function proportionFunnelPoint(proportion: number, denominator: number, targetProportion: number): { y: number; target: number; se: number } {
  const clamp = (p: number) => Math.min(1, Math.max(0, p));
  return {
    y: Math.asin(Math.sqrt(clamp(proportion))),
    target: Math.asin(Math.sqrt(clamp(targetProportion))),
    se: 1 / (2 * Math.sqrt(Math.max(denominator, 1e-9))),
  };
}

/** z = (y − θ) / √(s² + τ²): the standardised score, with additive between-unit variance τ² (0 = pure chance). */
export function funnelZ(point: { y: number; target: number; se: number }, tau2 = 0): number {
  return (point.y - point.target) / Math.sqrt(point.se * point.se + tau2);
}

/** The z-score of an observed count against its expected count, square-root scale: 2(√O − √E) when τ² = 0. */
export function countZ(observed: number, expected: number, tau2 = 0): number {
  return funnelZ(countFunnelPoint(observed, expected), tau2);
}

/** Funnel limits on the transformed scale: θ ± z·√(s² + τ²). `coverage` is two-sided, e.g. 0.95 or 0.998. */
export function funnelLimits(target: number, se: number, coverage: number, tau2 = 0): { lower: number; upper: number } {
  const z = normalQuantile(1 - (1 - coverage) / 2);
  const half = z * Math.sqrt(se * se + tau2);
  return { lower: target - half, upper: target + half };
}

/** Funnel limits for a count with expectation E, back on the count scale: (√E ± z·√(¼ + τ²))², lower floored at 0. */
export function countFunnelLimits(expected: number, coverage: number, tau2 = 0): { lower: number; upper: number } {
  const { lower, upper } = funnelLimits(Math.sqrt(expected), 0.5, coverage, tau2);
  return { lower: lower > 0 ? lower * lower : 0, upper: upper * upper };
}

/** The q-quantile of sorted numbers (linear interpolation between order statistics). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/**
 * The additive between-unit variance τ² (DerSimonian–Laird moment estimator with winsorised z-scores, as in
 * Spiegelhalter, "Handling over-dispersion of performance indicators", 2005): z-scores beyond the `winsor`
 * and 1 − `winsor` quantiles are pulled in to them, φ = mean(z²) ÷ κ, and
 *   τ² = (N·φ − (N − 1)) / (Σw − Σw² / Σw),  w = 1/s²,
 * or 0 when N·φ ≤ N − 1 (no more spread than chance). κ = E[min(z², c²)] for z ~ N(0, 1) and c its 1 − `winsor`
 * quantile (0.68 at 10 %) is what winsorising leaves of chance's mean z² of 1: without it, φ is compared with
 * the wrong null and τ² comes out about half of the true value (a simulation with τ² = 0.35 gave 0.16).
 */
export function estimateTau2(points: { y: number; target: number; se: number }[], winsor = 0.1): number {
  const n = points.length;
  if (n < 3) return 0;
  const z = points.map((p) => (p.y - p.target) / p.se);
  const sorted = Float64Array.from(z).sort();
  const low = quantileSorted(sorted, winsor);
  const high = quantileSorted(sorted, 1 - winsor);
  let phi = 0;
  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < n; i++) {
    const zw = Math.min(high, Math.max(low, z[i]));
    phi += zw * zw;
    const w = 1 / (points[i].se * points[i].se);
    sumW += w;
    sumW2 += w * w;
  }
  phi /= n * winsorisedNullMeanSquare(winsor);
  if (n * phi <= n - 1) return 0;
  return (n * phi - (n - 1)) / (sumW - sumW2 / sumW);
}

/**
 * E[min(z², c²)] for z ~ N(0, 1), c = Φ⁻¹(1 − w): the mean square of standard normal z-scores winsorised at
 * their w and 1 − w quantiles, (1 − 2w) − 2c·φ(c) + 2w·c². 1 without winsorising.
 */
export function winsorisedNullMeanSquare(winsor: number): number {
  if (winsor <= 0) return 1;
  const c = normalQuantile(1 - winsor);
  const density = Math.exp((-c * c) / 2) / Math.sqrt(2 * Math.PI);
  return 1 - 2 * winsor - 2 * c * density + 2 * winsor * c * c;
}

// ---------------------------------------------------------------------------------------------------------
// Shrinkage for small units.

/**
 * Shape α of the gamma distribution of units' relative risks θ (mean 1) in a Poisson–gamma model
 * O ~ Poisson(θE), by the method of moments: Var(O) = E + E²/α, so 1/α = Σ[(O − E)² − O] / ΣE².
 * Clamped to [minAlpha, maxAlpha]; a large α means units hardly differ, a small one that they differ a lot.
 */
export function estimateGammaShape(observed: ArrayLike<number>, expected: ArrayLike<number>, minAlpha = 0.2, maxAlpha = 1000): number {
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i];
    if (!(e > 0)) continue;
    const o = observed[i];
    numerator += (o - e) * (o - e) - o;
    denominator += e * e;
  }
  if (denominator <= 0 || numerator <= 0) return maxAlpha;
  return Math.min(maxAlpha, Math.max(minAlpha, denominator / numerator));
}

/**
 * Empirical-Bayes relative risk of one unit under the Poisson–gamma model with prior θ ~ Gamma(α, α):
 * the posterior is Gamma(α + O, α + E), with mean (α + O) / (α + E). A unit with little exposure (small E)
 * stays near 1, the national level; a big one keeps its own O/E.
 */
export function poissonGammaShrink(observed: number, expected: number, alpha: number): { mean: number; shape: number; rate: number } {
  const shape = alpha + observed;
  const rate = alpha + expected;
  return { mean: shape / rate, shape, rate };
}

/**
 * Beta prior (a, b) for proportions x/n across units by the method of moments on the beta-binomial:
 * mean μ and between-unit variance of the true proportions, taking off the binomial part μ(1 − μ)·mean(1/n).
 * Returns null when there is no spread beyond chance (then every unit is shrunk all the way to μ).
 */
export function estimateBetaPrior(successes: ArrayLike<number>, trials: ArrayLike<number>): { a: number; b: number; mean: number } | null {
  let sumN = 0;
  let sumX = 0;
  let count = 0;
  for (let i = 0; i < trials.length; i++) {
    if (!(trials[i] > 0)) continue;
    sumN += trials[i];
    sumX += successes[i];
    count++;
  }
  if (count < 3 || sumN <= 0) return null;
  const mean = sumX / sumN;
  let spread = 0;
  let inverseN = 0;
  for (let i = 0; i < trials.length; i++) {
    if (!(trials[i] > 0)) continue;
    const p = successes[i] / trials[i];
    spread += (p - mean) * (p - mean);
    inverseN += 1 / trials[i];
  }
  const variance = spread / (count - 1) - (mean * (1 - mean) * inverseN) / count;
  if (!(variance > 0) || mean <= 0 || mean >= 1) return null;
  const total = (mean * (1 - mean)) / variance - 1;
  if (!(total > 0)) return null;
  return { a: mean * total, b: (1 - mean) * total, mean };
}

/** Posterior mean proportion under a Beta(a, b) prior: (x + a) / (n + a + b). */
export function betaBinomialShrink(successes: number, trials: number, prior: { a: number; b: number }): number {
  return (successes + prior.a) / (trials + prior.a + prior.b);
}

// ---------------------------------------------------------------------------------------------------------
// Change over time.

export interface CusumResult {
  /** S_t after each period. */
  path: number[];
  /** Indices where S crossed the threshold from below (new alarms). */
  alarms: number[];
  /** S after the last period. */
  value: number;
}

/**
 * Poisson CUSUM (Lucas 1985) in log-likelihood-ratio form: in-control mean λ0_t, out-of-control k·λ0_t,
 *   S_t = max(0, S_{t−1} + x_t·ln k − (k − 1)·λ0_t + m_t)
 * where m_t is an optional extra log-likelihood ratio carried by the period's events (their severity, say).
 * An alarm is raised when S_t ≥ h after being below it; S keeps running (no reset), so one alarm per episode.
 */
export function poissonCusum(counts: ArrayLike<number>, inControl: ArrayLike<number>, k: number, h: number, marks?: ArrayLike<number>): CusumResult {
  if (!(k > 1)) throw new RangeError(`k must be > 1, got ${k}`);
  const logK = Math.log(k);
  const path = new Array<number>(counts.length);
  const alarms: number[] = [];
  let s = 0;
  let above = false;
  for (let t = 0; t < counts.length; t++) {
    s = Math.max(0, s + counts[t] * logK - (k - 1) * inControl[t] + (marks ? marks[t] : 0));
    path[t] = s;
    if (s >= h && !above) alarms.push(t);
    above = s >= h;
  }
  return { path, alarms, value: s };
}

/**
 * Self-starting Poisson–gamma change scan: the strongest evidence that the unit's rate rose k-fold at some
 * period τ, with the in-control rate learnt from the unit's own history before τ (shrunk to its expected
 * counts). For each τ, with O/E the observed and expected counts before and after τ,
 *   θ | before ~ Gamma(a = α + O_before, b = α + E_before)
 *   LLR(τ) = O_after·ln k + (a + O_after)·ln((b + E_after) / (b + k·E_after)) + Σ marks after τ
 * which is the log of the marginal-likelihood ratio "k-fold from τ" against "no change" (θ integrated out,
 * so a short history is not over-trusted). Returns max over τ of LLR (≥ 0) and the τ that attains it.
 * This is the CUSUM's "max over change points", with the in-control rate estimated rather than fixed.
 * `counts`, `expected` and `marks` run oldest → newest; expected[t] is the count at the peers' rate.
 */
export function changePointScan(
  counts: ArrayLike<number>, expected: ArrayLike<number>, alpha: number, k: number, marks?: ArrayLike<number>,
): { llr: number; start: number } {
  const n = counts.length;
  let totalO = 0;
  let totalE = 0;
  let totalM = 0;
  for (let t = 0; t < n; t++) {
    totalO += counts[t];
    totalE += expected[t];
    totalM += marks ? marks[t] : 0;
  }
  const logK = Math.log(k);
  let best = 0;
  let bestStart = -1;
  let beforeO = 0;
  let beforeE = 0;
  let beforeM = 0;
  // Between two periods with events, O and the marks before τ stay the same while E_after shrinks, so the
  // LLR only grows with τ: the largest in such a stretch is at its last τ, first reached where the expected
  // counts stop being positive. Only those τ are evaluated (one logarithm per event instead of per period).
  let stretchStart = 0;
  let lastPositive = -1;
  for (let tau = 0; tau < n; tau++) {
    const event = counts[tau] !== 0 || (marks !== undefined && marks[tau] !== 0);
    if (event || tau === n - 1) {
      const afterO = totalO - beforeO;
      const afterE = totalE - beforeE;
      if (afterO > 0) {
        const a = alpha + beforeO;
        const b = alpha + beforeE;
        const llr = afterO * logK + (a + afterO) * Math.log((b + afterE) / (b + k * afterE)) + (totalM - beforeM);
        if (llr > best) {
          best = llr;
          bestStart = Math.max(stretchStart, lastPositive + 1);
        }
      }
    }
    beforeO += counts[tau];
    beforeE += expected[tau];
    beforeM += marks ? marks[tau] : 0;
    if (expected[tau] > 0) lastPositive = tau;
    if (event) stretchStart = tau + 1;
  }
  return { llr: best, start: bestStart };
}

/** The weights an EWMA (λ, starting from 0) gives T values, oldest first: w_t = λ(1 − λ)^{T−1−t}. */
export function ewmaWeights(count: number, lambda: number): number[] {
  if (!(lambda > 0 && lambda <= 1)) throw new RangeError(`lambda must be in (0, 1], got ${lambda}`);
  return Array.from({ length: count }, (_, t) => lambda * (1 - lambda) ** (count - 1 - t));
}

/**
 * The EWMA (weight λ, starting from 0) of differences d_t = y_t − μ, divided by its exact standard deviation.
 * Each d_t has its own variance v_t (chance and period-to-period variation) and all share the error of the
 * baseline μ (variance `baselineVariance`), so they are correlated:
 *   EWMA = Σ w_t d_t,  w_t = λ(1 − λ)^{T−1−t},  Var = Σ w_t² v_t + (Σ w_t)² · var μ.
 * Standardising each d_t and using the formula for independent inputs would overstate the evidence.
 */
export function standardisedEwma(differences: ArrayLike<number>, variances: ArrayLike<number>, lambda: number, baselineVariance: number): number {
  const weights = ewmaWeights(differences.length, lambda);
  let smoothed = 0;
  let variance = 0;
  let sumWeights = 0;
  weights.forEach((weight, t) => {
    smoothed += weight * differences[t];
    variance += weight * weight * variances[t];
    sumWeights += weight;
  });
  variance += sumWeights * sumWeights * baselineVariance;
  return variance > 0 ? smoothed / Math.sqrt(variance) : 0;
}

/**
 * The smallest CUSUM threshold h (searched between `low` and `high`) at which the given paths raise at most
 * `maxAlarms` new alarms in total (upcrossings of h). This is how a national false-alarm budget becomes a
 * threshold: run every unit's CUSUM over a past window and pick h so the country would have had about the
 * number of alarms it can absorb. With `lastPeriods`, only upcrossings in each path's last periods count (a
 * rise from the period before them): paths that start at 0 hardly alarm in their first weeks, so counting
 * those weeks would set h for a rate lower than the steady one the country meets each week.
 */
export function thresholdForAlarmBudget(paths: ArrayLike<number>[], maxAlarms: number, low = 1, high = 50, lastPeriods = Infinity): number {
  // S crosses h upwards at t when S_{t−1} < h ≤ S_t (S_{−1} = −∞): every rise of a path is an interval
  // (from, to] and the alarms at h are the intervals holding h, #{to ≥ h} − #{from ≥ h}. Sorted once, each
  // step of the bisection is two binary searches instead of a pass over every path.
  let periods = 0;
  for (const path of paths) periods += path.length;
  const from = new Float64Array(periods);
  const to = new Float64Array(periods);
  let rises = 0;
  for (const path of paths) {
    const first = Math.max(0, path.length - lastPeriods);
    let previous = first > 0 ? path[first - 1] : -Infinity;
    for (let t = first; t < path.length; t++) {
      if (path[t] > previous) {
        from[rises] = previous;
        to[rises] = path[t];
        rises++;
      }
      previous = path[t];
    }
  }
  const froms = from.subarray(0, rises).sort();
  const tos = to.subarray(0, rises).sort();
  const atLeast = (sorted: Float64Array, h: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    return sorted.length - lo;
  };
  const alarmsAt = (h: number) => atLeast(tos, h) - atLeast(froms, h);
  if (alarmsAt(low) <= maxAlarms) return low;
  if (alarmsAt(high) > maxAlarms) return high;
  for (let i = 0; i < 30; i++) {
    const mid = (low + high) / 2;
    if (alarmsAt(mid) <= maxAlarms) high = mid;
    else low = mid;
  }
  return high;
}
