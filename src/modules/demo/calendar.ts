// The signal calendar: how many signals a day brings relative to an average day (season, holidays,
// weekends) and how tips grow over time, as prefix sums so any period's expected count is two lookups.
import { dayOf, monthsBetween } from './dates.ts';
import type { Random } from './random.ts';

/** Relative intake per month: more in spring and autumn, fewer in July (holidays) and around Christmas. */
const MONTH_FACTOR = [1.0, 1.05, 1.1, 1.05, 1.0, 0.9, 0.6, 0.85, 1.15, 1.2, 1.1, 1.0];
const WEEKEND_FACTOR = 0.75;
/** Tips grow by a quarter of their 2022 level each year (the web form made tipping easy, seed 001/004). */
const TIP_GROWTH_PER_YEAR = 0.25;
const CHILD_LINE_GROWTH_PER_YEAR = 0.08;

export type GrowthComponent = 'flat' | 'tip' | 'childLine';

export class SignalCalendar {
  readonly firstDay: number;
  readonly lastDay: number;
  /** Prefix sums (index = day - firstDay) of the daily weight, without growth, with tip growth, with child-line growth. */
  private readonly prefix: Record<GrowthComponent, Float64Array>;

  constructor(firstDay: number, lastDay: number) {
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    const length = lastDay - firstDay + 1;
    const weights = new Float64Array(length);
    for (const month of monthsBetween(firstDay, lastDay)) {
      for (let d = 0; d < month.days; d++) {
        const day = month.firstDay + d;
        if (day < firstDay || day > lastDay) continue;
        let weight = MONTH_FACTOR[month.month - 1];
        const weekday = (((day + 4) % 7) + 7) % 7;
        if (weekday === 0 || weekday === 6) weight *= WEEKEND_FACTOR;
        weight *= holidayFactor(month.month, d + 1);
        weights[day - firstDay] = weight;
      }
    }
    // Normalise so that an average day weighs 1: a rate per day times the weight sum is an expected count.
    let total = 0;
    for (const w of weights) total += w;
    const mean = total / length;
    this.prefix = { flat: new Float64Array(length + 1), tip: new Float64Array(length + 1), childLine: new Float64Array(length + 1) };
    const startYear = dayOf(2022, 1, 1);
    for (let i = 0; i < length; i++) {
      const weight = weights[i] / mean;
      const years = Math.max(0, (firstDay + i - startYear) / 365.25);
      this.prefix.flat[i + 1] = this.prefix.flat[i] + weight;
      this.prefix.tip[i + 1] = this.prefix.tip[i] + weight * (1 + TIP_GROWTH_PER_YEAR * years);
      this.prefix.childLine[i + 1] = this.prefix.childLine[i] + weight * (1 + CHILD_LINE_GROWTH_PER_YEAR * years);
    }
  }

  /** Weighted number of "average days" in [fromDay, toDay] for a component. */
  weight(component: GrowthComponent, fromDay: number, toDay: number): number {
    const p = this.prefix[component];
    return p[toDay - this.firstDay + 1] - p[fromDay - this.firstDay];
  }

  /** A day in [fromDay, toDay] drawn in proportion to the component's daily weight. */
  sampleDay(random: Random, component: GrowthComponent, fromDay: number, toDay: number): number {
    const p = this.prefix[component];
    let low = fromDay - this.firstDay;
    let high = toDay - this.firstDay;
    const target = p[low] + random.next() * (p[high + 1] - p[low]);
    while (low < high) {
      const mid = (low + high) >> 1;
      if (p[mid + 1] > target) high = mid;
      else low = mid + 1;
    }
    return this.firstDay + low;
  }
}

/** Christmas to New Year is quiet; the first week of January picks up slowly. */
function holidayFactor(month: number, dayOfMonth: number): number {
  if (month === 12 && dayOfMonth >= 22) return 0.35;
  if (month === 1 && dayOfMonth === 1) return 0.35;
  if (month === 1 && dayOfMonth <= 6) return 0.7;
  return 1;
}
