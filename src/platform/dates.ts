// Dates: today and this year as they are in Sweden (deadlines, as-of dates and diarium years follow Swedish
// days, not UTC), the one check that a written date is a real day, and the Swedish ways dates are written.
//
// Two kinds of value are formatted here. An instant (a Date, or a timestamp string) is written as it was in
// Sweden (Europe/Stockholm): 23:30 UTC on 31 December is 1 January in Sweden. A day ("2026-11-29") or a month
// ("2026-11") is a calendar date with no time of day and is written as it is, in UTC, so it never shifts.
const STOCKHOLM = 'Europe/Stockholm';
const swedishDateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM, year: 'numeric', month: '2-digit', day: '2-digit' });
const swedishDateTimeFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM, dateStyle: 'short', timeStyle: 'short' });
const swedishLongDateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM, day: 'numeric', month: 'long', year: 'numeric' });
const swedishLongDateTimeFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM, dateStyle: 'long', timeStyle: 'short' });
const longDateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const monthYearFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', month: 'long', year: 'numeric' });

// Intl may write narrow or ordinary no-break spaces in sv-SE (ICU versions differ); plain ones copy better.
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const instantOf = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** Today's date in Sweden, YYYY-MM-DD. */
export function swedishToday(now = new Date()): string {
  return swedishDateFormat.format(now);
}

/** The calendar year in Sweden. */
export function swedishYear(now = new Date()): number {
  return Number(swedishToday(now).slice(0, 4));
}

/** The day `days` after (before, when negative) a YYYY-MM-DD day, calendar arithmetic in UTC. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A date as people write it, YYYY-MM-DD, that is a real day of the calendar (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An instant's date in Sweden: 2026-11-29T23:30:00Z → "2026-11-30". */
export function formatSwedishDate(instant: Date | string): string {
  return swedishDateFormat.format(instantOf(instant));
}

/** An instant's date and time in Sweden: 2026-11-29T09:54:00Z → "2026-11-29 10:54". */
export function formatSwedishDateTime(instant: Date | string): string {
  return swedishDateTimeFormat.format(instantOf(instant));
}

/** An instant's date in Sweden, in words: 2026-11-29T09:54:00Z → "29 november 2026". */
export function formatSwedishLongDate(instant: Date | string): string {
  return swedishLongDateFormat.format(instantOf(instant));
}

/** An instant's date and time in Sweden, in words: 2026-11-29T09:54:00Z → "29 november 2026 kl. 10:54". */
export function formatSwedishLongDateTime(instant: Date | string): string {
  return plainSpaces(swedishLongDateTimeFormat.format(instantOf(instant)));
}

/** A day in words: "2026-11-29" → "29 november 2026". */
export function formatLongDate(day: string): string {
  return longDateFormat.format(new Date(`${day}T00:00:00Z`));
}

/** A month in words: "2026-11" → "november 2026". */
export function formatMonthYear(month: string): string {
  return monthYearFormat.format(new Date(`${month}-01T00:00:00Z`));
}
