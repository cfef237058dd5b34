// The effect of a decision as a difference in differences: how much the decided unit's rate of external
// signals changed from the window before the decision to the window after it, beyond the change among
// comparable units without decisions in the same period:
//
//   DiD = (after_treated − before_treated) − (after_control − before_control)
//
// Rates are signals per week. A negative DiD means the unit's signals fell more (or rose less) than among
// comparable units. Pure functions: the database hands in counts, this file does the arithmetic.

export interface DecisionCounts {
  /** Length of the windows in days (the same for the unit and its controls). */
  beforeDays: number;
  afterDays: number;
  treated: { before: number; after: number };
  /** Sums over the control units, and how many of them had a lower rate after than before. */
  controls: { units: number; before: number; after: number; fell: number };
}

export interface Interval {
  low: number;
  high: number;
}

export interface DecisionEffect {
  beforeWeeks: number;
  afterWeeks: number;
  treatedBeforeRate: number;
  treatedAfterRate: number;
  /** The control units' mean rate (total signals over total unit-weeks). */
  controlBeforeRate: number | null;
  controlAfterRate: number | null;
  /** Null when there is no after window yet or no comparable unit. */
  did: number | null;
  /** 95 % interval, normal approximation to the Poisson counts. */
  interval: Interval | null;
  treatedFell: boolean | null;
  controlShareFell: number | null;
}

/** Two-sided 95 % normal quantile. */
export const Z95 = 1.959963984540054;

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The effect of one decision. The interval treats each window's count as Poisson: the variance of a rate
 * count/weeks is count/weeks², and of the control mean total/(units·weeks)². A window without signals counts
 * as one signal in the variance (not in the estimate), so that a rate never observed is not taken as known
 * to be exactly zero.
 */
export function estimateDecisionEffect(c: DecisionCounts): DecisionEffect {
  const beforeWeeks = c.beforeDays / 7;
  const afterWeeks = c.afterDays / 7;
  const treatedBeforeRate = beforeWeeks > 0 ? c.treated.before / beforeWeeks : 0;
  const treatedAfterRate = afterWeeks > 0 ? c.treated.after / afterWeeks : 0;
  const hasControls = c.controls.units > 0 && beforeWeeks > 0;
  const controlBeforeRate = hasControls ? c.controls.before / (c.controls.units * beforeWeeks) : null;
  const controlAfterRate = hasControls && afterWeeks > 0 ? c.controls.after / (c.controls.units * afterWeeks) : null;
  const ready = afterWeeks > 0 && beforeWeeks > 0 && controlBeforeRate !== null && controlAfterRate !== null;
  let did: number | null = null;
  let interval: Interval | null = null;
  if (ready) {
    did = treatedAfterRate - treatedBeforeRate - (controlAfterRate! - controlBeforeRate!);
    const n = c.controls.units;
    const variance =
      Math.max(c.treated.before, 1) / beforeWeeks ** 2 +
      Math.max(c.treated.after, 1) / afterWeeks ** 2 +
      Math.max(c.controls.before, 1) / (n * beforeWeeks) ** 2 +
      Math.max(c.controls.after, 1) / (n * afterWeeks) ** 2;
    const half = Z95 * Math.sqrt(variance);
    interval = { low: round(did - half), high: round(did + half) };
    did = round(did);
  }
  return {
    beforeWeeks,
    afterWeeks,
    treatedBeforeRate: round(treatedBeforeRate),
    treatedAfterRate: round(treatedAfterRate),
    controlBeforeRate: controlBeforeRate === null ? null : round(controlBeforeRate),
    controlAfterRate: controlAfterRate === null ? null : round(controlAfterRate),
    did,
    interval,
    treatedFell: afterWeeks > 0 && beforeWeeks > 0 ? treatedAfterRate < treatedBeforeRate : null,
    controlShareFell: hasControls && afterWeeks > 0 ? c.controls.fell / c.controls.units : null,
  };
}

export interface IndicatorCounts {
  /** The unit's mean value in the window before and after (null when it has none there). */
  treatedBefore: number | null;
  treatedAfter: number | null;
  /** Control units with values in both windows: how many, their mean change (after − before) and its standard deviation. */
  controls: { units: number; meanChange: number | null; sdChange: number | null };
}

export interface IndicatorEffect {
  did: number | null;
  /**
   * 95 % interval from the spread of the control units' changes: if the decision made no difference, the
   * unit's change is one more draw among theirs, so var(DiD) = sd² · (1 + 1/n). Needs two control units.
   */
  interval: Interval | null;
}

export function estimateIndicatorEffect(c: IndicatorCounts): IndicatorEffect {
  if (c.treatedBefore === null || c.treatedAfter === null || c.controls.units === 0 || c.controls.meanChange === null) return { did: null, interval: null };
  const did = c.treatedAfter - c.treatedBefore - c.controls.meanChange;
  if (c.controls.units < 2 || c.controls.sdChange === null) return { did: round(did), interval: null };
  const half = Z95 * c.controls.sdChange * Math.sqrt(1 + 1 / c.controls.units);
  return { did: round(did), interval: { low: round(did - half), high: round(did + half) } };
}

/** A small, fast, seeded generator (mulberry32): the same seed, the same resamples. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The p-quantile of sorted values, by linear interpolation between order statistics. */
export function quantile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export interface ToolEffect {
  decisions: number;
  meanDid: number | null;
  /** 95 % percentile bootstrap interval over decisions (null for fewer than two). */
  interval: Interval | null;
  /** Share of the decided units whose rate fell, and of all their control units. */
  treatedShareFell: number | null;
  controlShareFell: number | null;
}

/**
 * The effect of a tool over its decisions: the mean DiD, with a percentile bootstrap interval that resamples
 * whole decisions (so the spread between units and between decisions is what the interval reflects).
 */
export function aggregateEffects(
  effects: { did: number; treatedFell: boolean; controlUnits: number; controlFell: number }[],
  options: { resamples?: number; seed?: number } = {},
): ToolEffect {
  const n = effects.length;
  if (n === 0) return { decisions: 0, meanDid: null, interval: null, treatedShareFell: null, controlShareFell: null };
  const dids = effects.map((e) => e.did);
  const mean = dids.reduce((a, b) => a + b, 0) / n;
  const controlUnits = effects.reduce((a, e) => a + e.controlUnits, 0);
  const result: ToolEffect = {
    decisions: n,
    meanDid: round(mean),
    interval: null,
    treatedShareFell: effects.filter((e) => e.treatedFell).length / n,
    controlShareFell: controlUnits > 0 ? effects.reduce((a, e) => a + e.controlFell, 0) / controlUnits : null,
  };
  if (n < 2) return result;
  const resamples = options.resamples ?? 2000;
  const random = seededRandom(options.seed ?? 20261129);
  const means = new Array<number>(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += dids[Math.floor(random() * n)];
    means[b] = sum / n;
  }
  means.sort((a, b) => a - b);
  result.interval = { low: round(quantile(means, 0.025)), high: round(quantile(means, 0.975)) };
  return result;
}
