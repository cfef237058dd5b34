// The statistical post-processing of the aggregates (docs/risk-method.md): expected counts from national
// rates per form × size, funnel z-scores with over-dispersion, Poisson–gamma shrinkage, the self-starting
// change scan and the CUSUM alarm, indicator EWMAs, inspections, permits and hard triggers, combined into
// one score with non-negative weights. Pure: rows in, results out.
import { addDays } from '../../platform/dates.ts';
import type { AsOf, IndicatorSeriesRow, InspectionRow, PermitRow, UnitSignalRow } from './risk-data.ts';
import { sentences } from './explain.ts';
import { METHOD, WEIGHTS, type ContributionCode } from './method.ts';
import {
  betaBinomialShrink,
  changePointScan,
  countFunnelPoint,
  estimateBetaPrior,
  estimateGammaShape,
  estimateTau2,
  funnelZ,
  poissonCusum,
  poissonGammaShrink,
  proportionFunnelPoint,
  ewmaWeights,
  standardisedEwma,
  thresholdForAlarmBudget,
} from './statistics.ts';

export interface Contribution {
  code: ContributionCode;
  weight: number;
  value: number;
  sentence: string;
}

export type TriggerCode = 'acute_signal' | 'permit_status';

/** Details read only for the units whose sentences are written. */
export interface ExplainDetail {
  /** External signals of the last 26 weeks by channel. */
  recentChannels: Record<string, number> | null;
  /** Provider reports of the last 52 weeks by channel. */
  providerChannels: Record<string, number> | null;
}

/** A contribution before its sentence is written (sentences are made only for the units returned). */
export interface DraftContribution {
  code: ContributionCode;
  weight: number;
  value: number;
  explain: (detail: ExplainDetail) => string;
}

export interface UnitRiskResult {
  unitId: string;
  form: string;
  /** 0–1: raw / (raw + METHOD.scoreHalfAt), at least METHOD.triggerScoreFloor when a hard trigger fired. */
  score: number;
  /** Σ weight × value, floored at 0. */
  raw: number;
  triggers: TriggerCode[];
  /** Largest weight × value first. */
  contributions: DraftContribution[];
  triggerReasons: (() => string)[];
  /** The unit's Poisson CUSUM is above its threshold on the as-of date. */
  cusumAlarm: boolean;
  /** The peer funnel of external signals over the last 26 weeks: observed and expected count. */
  observedRecent: number;
  expectedRecent: number;
  /** The CUSUM path over the last year, oldest week first (its threshold is in the run summary). */
  cusumPath: number[];
}

/**
 * Writes the sentences of one result: its contributions and its reasons (hard triggers first). With
 * `reasonsOnly`, only the sentences the reasons use are written and no contributions are returned.
 */
export function explainResult(result: UnitRiskResult, detail: ExplainDetail, options: { reasonsOnly?: boolean } = {}): { contributions: Contribution[]; reasons: string[] } {
  const triggered = new Set<string>(result.triggers.map((t) => (t === 'permit_status' ? 'permit_status' : 'acute_signals')));
  const explained = result.contributions.filter((c) => c.weight * c.value >= METHOD.reasonThreshold && !triggered.has(c.code)).slice(0, METHOD.maxReasons);
  const reasons = [...result.triggerReasons.map((explain) => explain()), ...explained.map((c) => c.explain(detail))];
  // A unit in CUSUM alarm is never explained as quiet: the alarm is said even when its change term is small
  // (its sentence names the alarm), and alerts carry these reasons to triage.
  if (result.cusumAlarm && !explained.some((c) => c.code === 'change')) {
    const change = result.contributions.find((c) => c.code === 'change');
    reasons.push(change ? change.explain(detail) : sentences.cusumAlarm());
  }
  if (reasons.length === 0) reasons.push(sentences.quiet());
  if (options.reasonsOnly) return { contributions: [], reasons };
  const contributions = result.contributions.map((c) => ({ code: c.code, weight: c.weight, value: c.value, sentence: c.explain(detail) }));
  return { contributions, reasons };
}

export interface RiskInput {
  asOf: AsOf;
  units: UnitSignalRow[];
  indicators: IndicatorSeriesRow[];
  inspections: InspectionRow[];
  inspectionCoverageStart: string | null;
  permits: PermitRow[];
}

/** National parameters of one run, for the model card and the risk workspace. */
export interface RiskRunSummary {
  units: number;
  /** Gamma shape of the shrinkage, nationally and per form. */
  alpha: number;
  alphaByForm: Record<string, number>;
  tau2: { signals: number; serious: number; provider: number };
  cusumThreshold: number;
  /** Units in CUSUM alarm on the as-of date, and those whose alarm started in its last week. */
  cusumAlarms: number;
  cusumNewAlarms: number;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Below this many units a (form, size band) or a form is too small to have its own rate. */
const MIN_CLASS_UNITS = 30;
const MIN_FORM_UNITS = 10;
/**
 * Class rates are the posterior mean under Jeffreys' prior, (O + ½) / X: a class without a single signal in
 * the window gets half a signal's worth of rate, not zero, so its units keep their peer comparisons (with an
 * expectation of zero a unit's first signals would have no funnel to stand out in). For a class with
 * hundreds of signals the half is nothing.
 */
const JEFFREYS_HALF = 0.5;
/** A form needs this many expected signals in the reference window to have its own shrinkage. */
const MIN_FORM_EXPECTED = 50;
/** Below this many external signals in the reference window the weekly time profile is flat. */
const MIN_SIGNALS_FOR_PROFILE = 500;

/** Day number of a YYYY-MM-DD date (days since 1970-01-01). */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** First day of the week `weeksAgo` (0 = the seven days ending on the as-of date). */
function weekStart(asOf: AsOf, weeksAgo: number): string {
  return new Date(Date.parse(asOf.cutoff) - (weeksAgo + 1) * WEEK_MS).toISOString().slice(0, 10);
}

/**
 * The national time profile m[w] (w = weeks ago): external signals per open unit in week w relative to the
 * reference-window average, smoothed over three weeks; 0 before the first week with any signal. It carries
 * season, holidays and the growth of tips, so a unit is compared with what the whole country saw that week.
 */
function timeProfile(units: UnitSignalRow[], openWeeks: number[], horizon: number): Float64Array {
  const signals = new Float64Array(horizon);
  const open = new Float64Array(horizon);
  units.forEach((unit, i) => {
    unit.weeks.forEach((w, j) => {
      if (w < horizon) signals[w] += unit.counts[j];
    });
    for (let w = 0; w < Math.min(horizon, openWeeks[i]); w++) open[w]++;
  });
  let oldest = -1;
  for (let w = horizon - 1; w >= 0; w--) {
    if (signals[w] > 0) {
      oldest = w;
      break;
    }
  }
  const profile = new Float64Array(horizon);
  if (oldest < 0) return profile;
  let referenceSignals = 0;
  for (let w = 0; w < Math.min(METHOD.referenceWeeks, horizon); w++) referenceSignals += signals[w];
  if (referenceSignals < MIN_SIGNALS_FOR_PROFILE) {
    for (let w = 0; w <= oldest; w++) profile[w] = 1;
    return profile;
  }
  const rate = new Float64Array(horizon);
  for (let w = 0; w <= oldest; w++) rate[w] = open[w] > 0 ? signals[w] / open[w] : 0;
  for (let w = 0; w <= oldest; w++) {
    let sum = 0;
    let n = 0;
    for (let v = Math.max(0, w - 1); v <= Math.min(oldest, w + 1); v++) {
      sum += rate[v];
      n++;
    }
    profile[w] = sum / n;
  }
  let mean = 0;
  let n = 0;
  for (let w = 0; w < Math.min(METHOD.referenceWeeks, oldest + 1); w++) {
    mean += profile[w];
    n++;
  }
  mean /= n;
  if (mean > 0) for (let w = 0; w <= oldest; w++) profile[w] /= mean;
  return profile;
}

/**
 * Expected weekly count per unit at an average week (time profile 1), from national rates per form × size
 * band (per unit of size), falling back to the form and then to all units when a class is too small.
 */
/**
 * Size band 1…bands of each unit: quantiles of size within its form. Units of the same size share a band (the
 * band of the first of them), so two HVB with 6 places never get different expected counts.
 */
export function sizeBands(units: Pick<UnitSignalRow, 'form' | 'size'>[]): Int32Array {
  const byForm = new Map<string, number[]>();
  units.forEach((u, i) => {
    const list = byForm.get(u.form) ?? [];
    list.push(i);
    byForm.set(u.form, list);
  });
  const bands = new Int32Array(units.length);
  for (const list of byForm.values()) {
    list.sort((a, b) => units[a].size - units[b].size);
    list.forEach((index, position) => {
      const previous = position > 0 ? list[position - 1] : -1;
      bands[index] = previous >= 0 && units[previous].size === units[index].size ? bands[previous] : 1 + Math.floor((position * METHOD.sizeBands) / list.length);
    });
  }
  return bands;
}

/**
 * A stream's national rates per class, resolved as expectedWeekly uses them: per unit of size for a form ×
 * size band or a form (null when the class is too small to have its own rate), per unit for all units.
 */
export interface StreamRates {
  bands: Record<string, (number | null)[]>;
  forms: Record<string, number | null>;
  all: number;
}

/** What a national run knows of every class, so a unit it did not see (a new one) can be given its reference. */
export interface ClassRates {
  /** Per form, the largest size in each size band (band 1 first). */
  bandMaxSize: Record<string, number[]>;
  external: StreamRates;
  serious: StreamRates;
  provider: StreamRates;
}

/** Each unit's form as a number, forms numbered in the order they first appear. */
interface FormIndex {
  forms: string[];
  formOf: Int32Array;
}

function indexForms(units: UnitSignalRow[]): FormIndex {
  const numbers = new Map<string, number>();
  const formOf = Int32Array.from(units, (unit) => {
    let number = numbers.get(unit.form);
    if (number === undefined) numbers.set(unit.form, (number = numbers.size));
    return number;
  });
  return { forms: [...numbers.keys()], formOf };
}

function expectedWeekly(
  units: UnitSignalRow[], bands: Int32Array, { forms, formOf }: FormIndex, observed: (u: UnitSignalRow) => number, exposure: Float64Array,
): { expected: Float64Array; rates: StreamRates } {
  // Observed count, exposure (× size for the per-size classes) and units per form × band, per form and in all.
  const bandCount = METHOD.sizeBands;
  const band = { o: new Float64Array(forms.length * bandCount), x: new Float64Array(forms.length * bandCount), n: new Int32Array(forms.length * bandCount) };
  const form = { o: new Float64Array(forms.length), x: new Float64Array(forms.length), n: new Int32Array(forms.length) };
  let allO = 0;
  let allX = 0;
  units.forEach((unit, i) => {
    const o = observed(unit);
    const x = unit.size * exposure[i];
    const f = formOf[i];
    const c = f * bandCount + bands[i] - 1;
    band.o[c] += o;
    band.x[c] += x;
    band.n[c]++;
    form.o[f] += o;
    form.x[f] += x;
    form.n[f]++;
    allO += o;
    allX += exposure[i];
  });
  const rateOf = (sums: { o: Float64Array; x: Float64Array; n: Int32Array }, at: number, minUnits: number) =>
    sums.n[at] >= minUnits && sums.x[at] > 0 ? (sums.o[at] + JEFFREYS_HALF) / sums.x[at] : null;
  const rates: StreamRates = { bands: {}, forms: {}, all: allX > 0 ? (allO + JEFFREYS_HALF) / allX : 0 };
  forms.forEach((name, f) => {
    rates.forms[name] = rateOf(form, f, MIN_FORM_UNITS);
    rates.bands[name] = Array.from({ length: bandCount }, (_, b) => rateOf(band, f * bandCount + b, MIN_CLASS_UNITS));
  });
  const expected = Float64Array.from(units, (unit, i) => classRate(rates, unit.form, bands[i], unit.size));
  return { expected, rates };
}

/** The expected weekly count of a unit of this form, size band and size, from the rates of its class. */
function classRate(rates: StreamRates, form: string, band: number, size: number): number {
  const bandRate = rates.bands[form]?.[band - 1] ?? null;
  if (bandRate !== null) return bandRate * size;
  const formRate = rates.forms[form] ?? null;
  return formRate !== null ? formRate * size : rates.all;
}

/**
 * What a unit's reference is computed from: its size band within its form and its size, as a national run
 * saw them (band 0: a form the run never saw). Stored with the score, it gives back the exact reference.
 */
export interface UnitClass {
  band: number;
  size: number;
}

/** A unit's reference from the rates of its class. */
export function referenceOfClass(classes: ClassRates, form: string, unitClass: UnitClass): UnitReference {
  return {
    external: classRate(classes.external, form, unitClass.band, unitClass.size),
    serious: classRate(classes.serious, form, unitClass.band, unitClass.size),
    provider: classRate(classes.provider, form, unitClass.band, unitClass.size),
  };
}

/**
 * The class of a unit a national run did not score (opened since): the size band its size falls in, as that
 * run drew the bands. A size between two bands goes to the lower one.
 */
export function classOfNewUnit(classes: ClassRates, form: string, size: number): UnitClass {
  const maxSizes = classes.bandMaxSize[form] ?? [];
  const found = maxSizes.findIndex((max) => size <= max);
  return { band: maxSizes.length === 0 ? 0 : found >= 0 ? found + 1 : maxSizes.length, size };
}

/** The largest size in each size band of each form. */
function bandMaxSizes(units: UnitSignalRow[], bands: Int32Array): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  units.forEach((unit, i) => {
    const sizes = (result[unit.form] ??= Array.from({ length: METHOD.sizeBands }, () => -Infinity));
    sizes[bands[i] - 1] = Math.max(sizes[bands[i] - 1], unit.size);
  });
  // A band without units (a form with fewer units than bands) takes the largest size below it.
  for (const sizes of Object.values(result)) {
    for (let b = 0; b < sizes.length; b++) if (sizes[b] === -Infinity) sizes[b] = b > 0 ? sizes[b - 1] : -Infinity;
  }
  return result;
}

interface IndicatorFinding {
  trend: number;
  largestTrend: number;
  level: number;
  trendSentence?: () => string;
  levelSentence?: () => string;
}

interface Proportion {
  end: string;
  p: number;
  n: number;
}

function proportions(series: IndicatorSeriesRow): Proportion[] {
  const out: Proportion[] = [];
  series.period_ends.forEach((end, i) => {
    const p = series.values[i];
    const n = series.denominators[i];
    if (n > 0 && p >= 0 && p <= 1) out.push({ end, p, n });
  });
  return out;
}

/**
 * Indicators: for each proportion indicator, (1) the decline against the unit's own earlier level (periods
 * ended more than a year before the as-of date), standardised and smoothed by an EWMA over the last year's
 * periods; (2) the latest value, shrunk by a beta-binomial prior, against the national level of that period
 * in a funnel with over-dispersion. Arcsine-square-root scale throughout.
 */
/** National parameters of one indicator: period-to-period excess variance and the level per period end. */
export interface IndicatorNational {
  sigma2: number;
  /** Per period: the pooled mean, beta prior and τ², and how many units reported it (absent in runs before it was kept). */
  periods: Record<string, { mean: number; prior: { a: number; b: number } | null; tau2: number; units?: number }>;
}

/** Units a period's national level must rest on before a unit's trend is measured against it. */
const NATIONAL_PERIOD_MIN_UNITS = 10;

function scoreIndicators(
  asOf: AsOf, rows: IndicatorSeriesRow[], fixed: Record<string, IndicatorNational> | null,
): { findings: Map<string, IndicatorFinding>; national: Record<string, IndicatorNational> } {
  const byIndicator = new Map<string, IndicatorSeriesRow[]>();
  for (const row of rows) {
    const list = byIndicator.get(row.indicator) ?? [];
    list.push(row);
    byIndicator.set(row.indicator, list);
  }
  const recentFrom = addDays(asOf.date, -METHOD.indicatorRecentDays);
  const findings = new Map<string, IndicatorFinding>();
  const nationalOut: Record<string, IndicatorNational> = {};
  const transform = (p: number) => Math.asin(Math.sqrt(p));

  for (const [indicator, list] of byIndicator) {
    const series = list.map((row) => ({ row, points: proportions(row) })).filter((s) => s.points.length > 0);
    const given = fixed ? fixed[indicator] : undefined;
    if (fixed && !given) continue;
    // Period-to-period variance beyond binomial chance (σ²), from consecutive differences across units.
    let excess = 0;
    let pairs = 0;
    for (const { points } of series) {
      for (let t = 1; t < points.length; t++) {
        const d = transform(points[t].p) - transform(points[t - 1].p);
        excess += d * d - 1 / (4 * points[t].n) - 1 / (4 * points[t - 1].n);
        pairs++;
      }
    }
    const sigma2 = given ? given.sigma2 : pairs > 0 ? Math.max(0, excess / pairs / 2) : 0;

    // National level per period: pooled mean, beta prior and τ² of the shrunk values, from every unit's value
    // for that period (not only the units whose latest it is: a unit a period behind would be compared with the
    // few others behind, or with itself).
    const byPeriod = new Map<string, Proportion[]>();
    for (const { points } of series) {
      for (const point of points) {
        const group = byPeriod.get(point.end) ?? [];
        group.push(point);
        byPeriod.set(point.end, group);
      }
    }
    const national = new Map<string, IndicatorNational['periods'][string]>(given ? Object.entries(given.periods) : []);
    for (const [end, group] of given ? [] : byPeriod) {
      const successes = group.map((g) => g.p * g.n);
      const trials = group.map((g) => g.n);
      const mean = successes.reduce((a, b) => a + b, 0) / trials.reduce((a, b) => a + b, 0);
      const prior = estimateBetaPrior(successes, trials);
      const points = group.map((g) => proportionFunnelPoint(prior ? betaBinomialShrink(g.p * g.n, g.n, prior) : mean, g.n, mean));
      national.set(end, { mean, prior, tau2: estimateTau2(points, METHOD.winsor), units: group.length });
    }
    nationalOut[indicator] = { sigma2, periods: Object.fromEntries(national) };

    for (const { row, points } of series) {
      const worse = row.direction === 'lower_better' ? 1 : -1;
      const finding = findings.get(row.unit_id) ?? { trend: 0, largestTrend: 0, level: 0 };
      // (1) Trend against the unit's own earlier level.
      const baseline = points.filter((p) => p.end <= recentFrom);
      const recent = points.filter((p) => p.end > recentFrom);
      if (baseline.length > 0 && recent.length > 0) {
        let sumW = 0;
        let sumWY = 0;
        let sumWP = 0;
        for (const b of baseline) {
          const w = 1 / (1 / (4 * b.n) + sigma2);
          sumW += w;
          sumWY += w * transform(b.p);
          sumWP += w * b.p;
        }
        const mu = sumWY / sumW;
        // The nation's own change over the same periods is taken out: a decline every unit shares (a new
        // survey question, a hard winter) is not this unit's risk. Needs the national level of each period.
        const nationalOf = (end: string) => national.get(end)?.mean;
        const againstNation = points.every((p) => (national.get(p.end)?.units ?? 0) >= NATIONAL_PERIOD_MIN_UNITS);
        let nationalMu = 0;
        let nationalBaseline = 0;
        if (againstNation) {
          for (const b of baseline) {
            const w = 1 / (1 / (4 * b.n) + sigma2);
            nationalMu += (w * transform(nationalOf(b.end)!)) / sumW;
            nationalBaseline += (w * nationalOf(b.end)!) / sumW;
          }
        }
        const nationalShift = (end: string) => (againstNation ? transform(nationalOf(end)!) - nationalMu : 0);
        // Every difference shares the error of μ (variance 1/Σw): standardised as one correlated EWMA.
        const zEwma = standardisedEwma(
          recent.map((r) => worse * (transform(r.p) - mu - nationalShift(r.end))), recent.map((r) => 1 / (4 * r.n) + sigma2), METHOD.ewmaLambda, 1 / sumW,
        );
        const value = Math.max(0, zEwma);
        // Each indicator is separate evidence: their declines add up; the sentence names the largest.
        if (value > finding.largestTrend) {
          finding.largestTrend = value;
          // The year's level with the EWMA's weights (latest period heaviest), as the value weighs it.
          let level = 0;
          let nationalLevel = 0;
          let weights = 0;
          ewmaWeights(recent.length, METHOD.ewmaLambda).forEach((weight, t) => {
            level += weight * recent[t].p;
            nationalLevel += weight * (nationalOf(recent[t].end) ?? 0);
            weights += weight;
          });
          const p = {
            indicator, recent: level / weights, baseline: sumWP / sumW, lowerBetter: row.direction === 'lower_better',
            nation: againstNation ? { recent: nationalLevel / weights, baseline: nationalBaseline } : undefined,
          };
          finding.trendSentence = () => sentences.indicatorTrend(p);
        }
        finding.trend += value;
      }
      // (2) Latest level against the nation.
      const last = points[points.length - 1];
      const level = national.get(last.end);
      if (level && last.end > recentFrom) {
        const shrunk = level.prior ? betaBinomialShrink(last.p * last.n, last.n, level.prior) : level.mean;
        const z = worse * funnelZ(proportionFunnelPoint(shrunk, last.n, level.mean), level.tau2);
        if (z > finding.level) {
          finding.level = z;
          const p = { indicator, value: last.p, national: level.mean };
          finding.levelSentence = () => sentences.indicatorLevel(p);
        }
      }
      findings.set(row.unit_id, finding);
    }
  }
  return { findings, national: nationalOut };
}

/** The 0–1 scale: raw / (raw + c). Monotone, 0.5 at raw = c, and it does not saturate among the riskiest. */
export function scoreFromRaw(raw: number): number {
  return raw / (raw + METHOD.scoreHalfAt);
}

/**
 * The national profile of a run `days` days earlier, seen from a later as-of date: its weeks move back by whole
 * weeks, and the weeks since take the level of its most recent week.
 */
function shiftProfile(profile: number[], days: number): Float64Array {
  const shift = Math.max(0, Math.floor(days / 7));
  const shifted = new Float64Array(profile.length);
  for (let w = 0; w < profile.length; w++) shifted[w] = w < shift ? profile[0] : profile[w - shift];
  return shifted;
}

/**
 * Everything a unit's score depends on besides its own data, from one national run: rescoring a single unit
 * against these gives the score it would have had in that run, with its new data.
 */
export interface NationalParameters {
  asOf: string;
  /** The national time profile m[w], w = weeks before the as-of date. */
  profile: number[];
  alpha: number;
  alphaByForm: Record<string, number>;
  /** ln of the national mean likelihood ratio of an external signal. */
  logNorm: number;
  tau2: { signals: number; serious: number; provider: number };
  cusumThreshold: number;
  indicators: Record<string, IndicatorNational>;
  inspectionCoverageStart: string | null;
  /** The class rates behind every unit's reference (absent in runs stored before they were kept). */
  classRates?: ClassRates;
}

/** A unit's expected weekly counts at an average week (profile 1), from its form × size class. */
export interface UnitReference {
  external: number;
  serious: number;
  provider: number;
}

/** National parameters (with their class rates) and each unit's class, to score units without re-estimating them. */
export interface FixedParameters {
  national: NationalParameters & { classRates: ClassRates };
  classes: Map<string, UnitClass>;
}

/**
 * Scores every unit in the input. Without `fixed`, the national parameters are estimated from the input's
 * units (a national run: the input must hold every open unit). With `fixed`, the input's units (any subset
 * whose classes are known) are scored against the given parameters; units without a class are left out.
 */
export async function computeRisks(
  input: RiskInput, fixed: FixedParameters | null = null,
): Promise<{ results: UnitRiskResult[]; summary: RiskRunSummary; parameters: NationalParameters; classes: Map<string, UnitClass> }> {
  const asOf = input.asOf;
  const units = fixed ? input.units.filter((u) => fixed.classes.has(u.id)) : input.units;
  const horizon = METHOD.horizonWeeks;
  const reference = METHOD.referenceWeeks;

  // Weeks each unit has been open (capped at the horizon).
  const openWeeks = units.map((u) => (u.opened ? Math.max(0, Math.min(horizon, Math.ceil(daysBetween(u.opened, asOf.cutoff.slice(0, 10)) / 7))) : horizon));
  const profile = fixed ? shiftProfile(fixed.national.profile, daysBetween(fixed.national.asOf, asOf.date)) : timeProfile(units, openWeeks, horizon);
  const prefix = new Float64Array(horizon + 1);
  for (let w = 0; w < horizon; w++) prefix[w + 1] = prefix[w] + profile[w];
  /** Σ m[w] over weeks [from, to) the unit was open. */
  const exposureOf = (i: number, from: number, to: number) => {
    const end = Math.min(to, openWeeks[i]);
    return end > from ? prefix[end] - prefix[from] : 0;
  };
  const referenceExposure = Float64Array.from(units, (_, i) => exposureOf(i, 0, reference));

  // Expected weekly counts from national rates per form × size.
  let eExternal: Float64Array;
  let eSerious: Float64Array;
  let eProvider: Float64Array;
  let classRates: ClassRates;
  let classes: Map<string, UnitClass>;
  if (fixed) {
    // A rescored unit keeps the class it had in the run (its size band and its size then).
    classes = fixed.classes;
    const refs = units.map((u) => referenceOfClass(fixed.national.classRates, u.form, fixed.classes.get(u.id)!));
    eExternal = Float64Array.from(refs, (r) => r.external);
    eSerious = Float64Array.from(refs, (r) => r.serious);
    eProvider = Float64Array.from(refs, (r) => r.provider);
    classRates = fixed.national.classRates;
  } else {
    const bands = sizeBands(units);
    classes = new Map(units.map((u, i) => [u.id, { band: bands[i], size: u.size }]));
    const forms = indexForms(units);
    const external = expectedWeekly(units, bands, forms, (u) => u.external_ref, referenceExposure);
    const serious = expectedWeekly(units, bands, forms, (u) => u.serious_ref, referenceExposure);
    const provider = expectedWeekly(units, bands, forms, (u) => u.provider_ref, referenceExposure);
    [eExternal, eSerious, eProvider] = [external.expected, serious.expected, provider.expected];
    classRates = { bandMaxSize: bandMaxSizes(units, bands), external: external.rates, serious: serious.rates, provider: provider.rates };
  }

  // Between-unit variation of the external rate: the gamma prior of the shrinkage.
  // Estimated per form (forms differ in how alike their units are), nationally for small forms.
  const referenceExpected = Float64Array.from(units, (_, i) => eExternal[i] * referenceExposure[i]);
  const alpha = fixed ? fixed.national.alpha : estimateGammaShape(units.map((u) => u.external_ref), referenceExpected);
  const alphaByForm = new Map<string, number>(fixed ? Object.entries(fixed.national.alphaByForm) : []);
  if (fixed) {
    for (const u of units) if (!alphaByForm.has(u.form)) alphaByForm.set(u.form, alpha);
  } else {
    const byForm = new Map<string, number[]>();
    units.forEach((u, i) => {
      const members = byForm.get(u.form);
      if (members) members.push(i);
      else byForm.set(u.form, [i]);
    });
    for (const [form, members] of byForm) {
      const expectedTotal = members.reduce((sum, i) => sum + referenceExpected[i], 0);
      alphaByForm.set(form, members.length >= MIN_CLASS_UNITS && expectedTotal >= MIN_FORM_EXPECTED
        ? estimateGammaShape(members.map((i) => units[i].external_ref), members.map((i) => referenceExpected[i]))
        : alpha);
    }
  }

  // Signal weights renormalised so the national average external signal has likelihood ratio 1.
  let lrSum = 0;
  let lrCount = 0;
  for (const u of units) {
    lrSum += u.lr_ref;
    lrCount += u.external_ref;
  }
  const logNorm = fixed ? fixed.national.logNorm : lrCount > 0 && lrSum > 0 ? Math.log(lrSum / lrCount) : 0;

  const k = METHOD.changeMultiplier;
  const cusumWeeks = METHOD.cusumWeeks;
  const cusumPaths: number[][] = [];
  interface Work {
    change: { llr: number; since: string; observed: number; serious: number; expected: number; ownHistory: boolean } | null;
  }
  const work: Work[] = [];

  let dataWeeks = 0;
  for (let w = 0; w < horizon; w++) if (profile[w] > 0) dataWeeks = w + 1;

  // Work buffers reused for every unit (oldest week first), with their views of each length (most units
  // share a few lengths, so the views are made once rather than per unit).
  const buffers = { counts: new Float64Array(horizon), serious: new Float64Array(horizon), marks: new Float64Array(horizon), expected: new Float64Array(horizon) };
  const views = new Map<number, typeof buffers & { recentCounts: Float64Array; recentMarks: Float64Array; inControl: Float64Array }>();
  const viewsOf = (length: number) => {
    let found = views.get(length);
    if (!found) {
      const window = Math.min(cusumWeeks, length);
      const counts = buffers.counts.subarray(0, length);
      const marks = buffers.marks.subarray(0, length);
      found = {
        counts, marks, serious: buffers.serious.subarray(0, length), expected: buffers.expected.subarray(0, length),
        recentCounts: counts.subarray(length - window), recentMarks: marks.subarray(length - window), inControl: new Float64Array(window),
      };
      views.set(length, found);
    }
    return found;
  };

  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const length = Math.min(openWeeks[i], dataWeeks);
    const { counts, serious, marks, expected, recentCounts, recentMarks, inControl } = viewsOf(length);
    for (let w = 0; w < length; w++) expected[length - 1 - w] = eExternal[i] * profile[w];
    // Only the weeks with signals are written, and cleared again at the end.
    for (let j = 0; j < unit.weeks.length; j++) {
      const w = unit.weeks[j];
      if (w >= length) continue;
      counts[length - 1 - w] = unit.counts[j];
      serious[length - 1 - w] = unit.serious_counts[j];
      marks[length - 1 - w] = unit.log_lr[j] - unit.counts[j] * logNorm;
    }

    // Self-starting change scan over the whole history.
    const unitAlpha = alphaByForm.get(unit.form)!;
    const scan = changePointScan(counts, expected, unitAlpha, k, marks);
    let change: Work['change'] = null;
    if (scan.start >= 0 && scan.llr > 0) {
      let beforeO = 0;
      let beforeE = 0;
      let afterO = 0;
      let afterS = 0;
      let afterE = 0;
      for (let t = 0; t < length; t++) {
        if (t < scan.start) {
          beforeO += counts[t];
          beforeE += expected[t];
        } else {
          afterO += counts[t];
          afterS += serious[t];
          afterE += expected[t];
        }
      }
      const theta = poissonGammaShrink(beforeO, beforeE, unitAlpha).mean;
      const weeksAgo = length - 1 - scan.start;
      // With less than one signal expected before the start, the expectation is essentially the peers' rate:
      // the sentence must not speak of a rise against the unit's own history (a unit steadily above its peers
      // since its first week has none).
      change = { llr: scan.llr, since: weekStart(asOf, weeksAgo), observed: afterO, serious: afterS, expected: theta * afterE, ownHistory: beforeE >= 1 };
    }
    work.push({ change });

    // Poisson CUSUM over the last year, in-control rate from the unit's history before it.
    const window = Math.min(cusumWeeks, length);
    let preO = 0;
    let preE = 0;
    for (let t = 0; t < length - window; t++) {
      preO += counts[t];
      preE += expected[t];
    }
    const theta0 = poissonGammaShrink(preO, preE, unitAlpha).mean;
    for (let t = 0; t < window; t++) inControl[t] = theta0 * expected[length - window + t];
    cusumPaths.push(poissonCusum(recentCounts, inControl, k, Infinity, recentMarks).path);
    for (let j = 0; j < unit.weeks.length; j++) {
      const w = unit.weeks[j];
      if (w < length) counts[length - 1 - w] = serious[length - 1 - w] = marks[length - 1 - w] = 0;
    }
  }

  // Calibrated on the second half of the year's paths, after their start from 0 has worn off.
  const countedWeeks = Math.floor(cusumWeeks / 2);
  const budget = (METHOD.alarmsPerWeek * countedWeeks * units.length) / 40_000;
  const cusumThreshold = fixed ? fixed.national.cusumThreshold : thresholdForAlarmBudget(cusumPaths, budget, 1, 60, countedWeeks);
  let cusumAlarms = 0;
  let cusumNewAlarms = 0;

  // Peer funnels: all external signals (26 weeks), serious ones CMS-weighted (52 weeks), provider reports (52 weeks).
  const signalPoints = units.map((u, i) => countFunnelPoint(u.external_recent, eExternal[i] * exposureOf(i, 0, METHOD.peerWindowWeeks)));
  const seriousPoints = units.map((u, i) => {
    let o = 0;
    let e = 0;
    let v = 0;
    const bandCounts = [u.serious_b0, u.serious_b1, u.serious_b2];
    METHOD.recencyBands.forEach((band, b) => {
      const scale = (band.weight * 52) / (band.toWeek - band.fromWeek);
      const expectedBand = eSerious[i] * exposureOf(i, band.fromWeek, band.toWeek);
      o += scale * bandCounts[b];
      e += scale * expectedBand;
      v += scale * scale * expectedBand;
    });
    return { y: Math.sqrt(o), target: Math.sqrt(e), se: e > 0 ? Math.sqrt(v / (4 * e)) : 0.5, expected: eSerious[i] * exposureOf(i, 0, 52) };
  });
  const providerPoints = units.map((u, i) => countFunnelPoint(u.provider_52w, eProvider[i] * exposureOf(i, 0, 52)));
  // τ² from units expecting at least one signal: below that the square-root scale spreads much less than ¼
  // and would hide the over-dispersion.
  const usable = (p: { target: number }) => p.target * p.target >= METHOD.tauMinExpected;
  const tau2 = fixed ? fixed.national.tau2 : {
    signals: estimateTau2(signalPoints.filter(usable), METHOD.winsor),
    serious: estimateTau2(seriousPoints.filter(usable), METHOD.winsor),
    provider: estimateTau2(providerPoints.filter(usable), METHOD.winsor),
  };

  const indicatorScores = scoreIndicators(asOf, input.indicators, fixed ? fixed.national.indicators : null);
  const indicatorFindings = indicatorScores.findings;
  const inspectionsByUnit = new Map(input.inspections.map((r) => [r.unit_id, r]));
  const permitsByUnit = new Map(input.permits.map((r) => [r.unit_id, r]));
  const acuteFrom = addDays(asOf.date, -(METHOD.acuteTriggerDays - 1));

  const results: UnitRiskResult[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const contributions: DraftContribution[] = [];
    const add = (code: ContributionCode, value: number, explain: (detail: ExplainDetail) => string) => {
      if (value !== 0 && Number.isFinite(value)) contributions.push({ code, weight: WEIGHTS[code], value: round(value), explain });
    };
    const triggers: TriggerCode[] = [];
    const triggerReasons: (() => string)[] = [];

    const path = cusumPaths[i];
    const alarm = path.length > 0 && path[path.length - 1] >= cusumThreshold;
    if (alarm) cusumAlarms++;
    if (alarm && (path.length < 2 || path[path.length - 2] < cusumThreshold)) cusumNewAlarms++;
    const change = work[i].change;
    if (change) add('change', change.llr, () => sentences.change({ ...change, alarm }));

    const signalZ = funnelZ(signalPoints[i], tau2.signals);
    if (signalPoints[i].target > 0 && signalZ > 0) {
      add('signals_vs_peers', signalZ, (detail) => sentences.signalsVsPeers({
        observed: unit.external_recent, byChannel: detail.recentChannels, expected: signalPoints[i].target ** 2, form: unit.form,
      }));
    }
    const serious = seriousPoints[i];
    const seriousZ = funnelZ(serious, tau2.serious);
    if (serious.target > 0 && seriousZ > 0) {
      add('serious_vs_peers', seriousZ, () => sentences.seriousVsPeers({
        observed: unit.serious_b0 + unit.serious_b1 + unit.serious_b2, recent: unit.serious_b0, expected: serious.expected, form: unit.form,
      }));
    }
    const provider = providerPoints[i];
    const providerZ = funnelZ(provider, tau2.provider);
    if (provider.target > 0 && unit.provider_52w > 0 && providerZ > 0) {
      add('reporting_culture', -Math.min(1, providerZ / 2), (detail) => sentences.reportingCulture({
        observed: unit.provider_52w, byChannel: detail.providerChannels, expected: provider.target ** 2,
      }));
    }

    const indicator = indicatorFindings.get(unit.id);
    if (indicator?.trendSentence) add('indicator_trend', indicator.trend, indicator.trendSentence);
    if (indicator?.levelSentence) add('indicator_level', indicator.level, indicator.levelSentence);

    const inspection = inspectionsByUnit.get(unit.id);
    if (inspection) {
      const bandMax = METHOD.inspectionBands.map(() => 0);
      let worst: { points: number; index: number } | null = null;
      let withFindings = 0;
      inspection.dates.forEach((date, j) => {
        const months = daysBetween(date, asOf.date) / 30.4375;
        const band = METHOD.inspectionBands.findIndex((b) => months >= b.fromMonth && months < b.toMonth);
        if (band < 0) return;
        const points = (METHOD.outcomePoints[inspection.outcomes[j]] ?? 0)
          + METHOD.pointsPerDeficiency * Math.min(METHOD.maxDeficiencies, inspection.deficiencies[j]);
        bandMax[band] = Math.max(bandMax[band], points);
        if (points > 0) withFindings++;
        if (points > 0 && (!worst || points * METHOD.inspectionBands[band].weight > worst.points)) {
          worst = { points: points * METHOD.inspectionBands[band].weight, index: j };
        }
      });
      const value = bandMax.reduce((sum, points, b) => sum + points * METHOD.inspectionBands[b].weight, 0);
      const chosen = worst as { points: number; index: number } | null;
      if (value > 0 && chosen) {
        add('inspection_findings', value, () => sentences.inspectionFindings({
          date: inspection.dates[chosen.index], deficiencies: inspection.deficiencies[chosen.index],
          outcome: inspection.outcomes[chosen.index], others: withFindings - 1,
        }));
      }
    }
    const coverage = fixed ? fixed.national.inspectionCoverageStart : input.inspectionCoverageStart;
    if (coverage) {
      const last = inspection?.last_date ?? null;
      const since = last ?? (unit.opened && unit.opened > coverage ? unit.opened : coverage);
      const years = daysBetween(since, asOf.date) / 365.25;
      const overdue = Math.min(METHOD.maxOverdueYears - METHOD.overdueAfterYears, years - METHOD.overdueAfterYears);
      if (overdue > 0) add('inspection_overdue', overdue, () => sentences.inspectionOverdue({ years, last, since }));
    }

    const permit = permitsByUnit.get(unit.id);
    if (permit?.current_status && permit.current_from) {
      const p = { status: permit.current_status, from: permit.current_from };
      add('permit_status', 1, () => sentences.permitStatus(p));
      triggers.push('permit_status');
      triggerReasons.push(() => sentences.permitTrigger(p));
    }
    if (permit && permit.earlier_serious > 0 && permit.earlier_last) {
      add('permit_history', 1, () => sentences.permitHistory({ count: permit.earlier_serious, last: permit.earlier_last! }));
    }

    if (unit.acute_recent > 0) {
      add('acute_signals', Math.min(3, unit.acute_recent), () => sentences.acuteSignals({ count: unit.acute_recent, last: unit.last_acute }));
    }
    if (unit.last_acute && unit.last_acute >= acuteFrom) {
      triggers.push('acute_signal');
      const last = unit.last_acute;
      triggerReasons.unshift(() => sentences.acuteTrigger({ last }));
    }

    const raw = Math.max(0, contributions.reduce((sum, c) => sum + c.weight * c.value, 0));
    let score = scoreFromRaw(raw);
    if (triggers.length > 0) score = Math.max(score, METHOD.triggerScoreFloor);
    contributions.sort((a, b) => b.weight * b.value - a.weight * a.value);
    results.push({
      unitId: unit.id, form: unit.form, score: round(score, 4), raw: round(raw), triggers, contributions, triggerReasons, cusumAlarm: alarm,
      observedRecent: unit.external_recent, expectedRecent: round(signalPoints[i].target ** 2), cusumPath: roundInPlace(path),
    });
  }

  const parameters: NationalParameters = {
    asOf: asOf.date, profile: Array.from(profile), alpha, alphaByForm: Object.fromEntries(alphaByForm), logNorm, tau2, cusumThreshold,
    indicators: indicatorScores.national, inspectionCoverageStart: fixed ? fixed.national.inspectionCoverageStart : input.inspectionCoverageStart,
    classRates,
  };
  return {
    results,
    parameters,
    classes,
    summary: { units: units.length, alpha: round(alpha), alphaByForm: Object.fromEntries([...alphaByForm].map(([f, a]) => [f, round(a)])), tau2: { signals: round(tau2.signals, 5), serious: round(tau2.serious, 5), provider: round(tau2.provider, 5) }, cusumThreshold: round(cusumThreshold), cusumAlarms, cusumNewAlarms },
  };
}

/**
 * Units scored between two turns of the event loop: a national run computes for about a second, and the
 * server answers other requests meanwhile instead of after it.
 */
const YIELD_EVERY = 2000;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Rounds the values of an array this module made and no longer reads unrounded; returns it. */
function roundInPlace(values: number[]): number[] {
  for (let i = 0; i < values.length; i++) values[i] = round(values[i]);
  return values;
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
