// Calendar dates as whole days since 1970-01-01 (UTC): cheap to compare and add, formatted once at the end.

const MS_PER_DAY = 86_400_000;
const formatted = new Map<number, string>();

/** 'YYYY-MM-DD' → day number. */
export function toDay(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`not a date (YYYY-MM-DD): ${isoDate}`);
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
  if (formatDay(day) !== isoDate) throw new Error(`not a calendar date: ${isoDate}`);
  return day;
}

export function dayOf(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

/** Day number → 'YYYY-MM-DD' (memoised: the world uses a few thousand distinct days). */
export function formatDay(day: number): string {
  let text = formatted.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    formatted.set(day, text);
  }
  return text;
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Moves a weekend day to the following Monday (authorities and providers report on working days). */
export function nextWorkingDay(day: number): number {
  const weekday = weekdayOf(day);
  if (weekday === 6) return day + 2;
  if (weekday === 0) return day + 1;
  return day;
}

/** A calendar month, with its first day and length. */
export interface Month {
  year: number;
  month: number; // 1–12
  firstDay: number;
  days: number;
}

/** The months overlapping [fromDay, untilDay], in order. */
export function monthsBetween(fromDay: number, untilDay: number): Month[] {
  const start = new Date(fromDay * MS_PER_DAY);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  const months: Month[] = [];
  for (;;) {
    const firstDay = dayOf(year, month, 1);
    if (firstDay > untilDay) break;
    const nextFirst = month === 12 ? dayOf(year + 1, 1, 1) : dayOf(year, month + 1, 1);
    months.push({ year, month, firstDay, days: nextFirst - firstDay });
    if (month === 12) { year++; month = 1; } else month++;
  }
  return months;
}
