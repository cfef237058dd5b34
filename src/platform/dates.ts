// Dates: today and this year as they are in Sweden (deadlines, as-of dates and diarium years follow Swedish
// days, not UTC), and the one check that a written date is a real day.
const swedishDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Sweden, YYYY-MM-DD. */
export function swedishToday(now = new Date()): string {
  return swedishDate.format(now);
}

/** The calendar year in Sweden. */
export function swedishYear(now = new Date()): number {
  return Number(swedishToday(now).slice(0, 4));
}

/** A date as people write it, YYYY-MM-DD, that is a real day of the calendar (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
