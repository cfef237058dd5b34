// The three-month rule for unexecuted decisions (ej verkställda beslut), in one place.
//
// (law, verify) Socialtjänstlagen 16 kap. 6 f § and LSS 28 f §: a kommun reports to the inspectorate, every
// quarter and de-identified, each favourable decision it has not executed within three months of the day of
// the decision, and each decision whose execution was interrupted and not resumed within three months of the
// interruption. A late decision is reported again when it has been executed. Not reporting, or executing
// late, can lead to a special fee (särskild avgift) sought in court.
//
// Months are calendar months: the period ends on the same day-number of the third month after, or on that
// month's last day when it has no such day (a decision of 30 November must be executed by 28 February, or
// 29 February in a leap year). Executing on the last day is in time. (law, verify)

/** How long a kommun has to execute a favourable decision before it must be reported. (law, verify) */
export const UNEXECUTED_DECISION_LIMIT_MONTHS = 3;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(isoDate: string): [number, number, number] {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${isoDate}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The same day-number `months` later, or the last day of that month when it has no such day. */
export function addCalendarMonths(isoDate: string, months: number): string {
  const [year, month, day] = parts(isoDate);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Whole calendar months and the days left over from `from` to `to` (`to` not earlier). */
export function monthsAndDaysBetween(from: string, to: string): { months: number; days: number } {
  const [y1, m1] = parts(from);
  const [y2, m2] = parts(to);
  let months = (y2 - y1) * 12 + (m2 - m1);
  while (months > 0 && addCalendarMonths(from, months) > to) months--;
  return { months, days: daysBetween(addCalendarMonths(from, months), to) };
}

/** "4 månader och 12 dagar", "1 månad", "20 dagar". */
export function waitedText({ months, days }: { months: number; days: number }): string {
  const m = months === 1 ? '1 månad' : `${months} månader`;
  const d = days === 1 ? '1 dag' : `${days} dagar`;
  if (months === 0) return d;
  return days === 0 ? m : `${m} och ${d}`;
}

/** The quarter a report covers: "2026-Q3". */
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export function isQuarter(value: string): boolean {
  return QUARTER_PATTERN.test(value);
}

/** The last day of a quarter: the day the report describes. */
export function quarterEnd(quarter: string): string {
  const match = QUARTER_PATTERN.exec(quarter);
  if (!match) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(match[1]);
  const month = Number(match[2]) * 3;
  return format(year, month, daysInMonth(year, month));
}

export function quarterStart(quarter: string): string {
  const match = QUARTER_PATTERN.exec(quarter);
  if (!match) throw new Error(`not a quarter: ${quarter}`);
  return format(Number(match[1]), Number(match[2]) * 3 - 2, 1);
}

export function quarterOf(isoDate: string): string {
  const [year, month] = parts(isoDate);
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** The latest quarters that have ended by `today`, newest first: the ones a kommun can report. */
export function reportableQuarters(today: string, count = 4): string[] {
  const [year, month] = parts(today);
  let index = year * 4 + Math.ceil(month / 3) - 1 - 1; // the quarter before today's
  const quarters: string[] = [];
  while (quarters.length < count) {
    quarters.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
    index--;
  }
  return quarters;
}

export interface DecisionDates {
  decisionDate: string;
  /** When execution was interrupted: the three months then run from here. */
  interruptedOn: string | null;
  /** When the decision was executed (or execution resumed). */
  executedOn: string | null;
}

export type DecisionStatus =
  /** Not executed, and the deadline had passed on the reference date: to be reported. */
  | 'overdue'
  /** Executed, but after the deadline: to be reported (with the date it was executed). */
  | 'executed_late'
  /** Not executed, but the deadline had not passed on the reference date: not to be reported yet. */
  | 'not_yet_due'
  /** Executed in time: never to be reported. */
  | 'executed_in_time';

export interface DecisionTiming {
  status: DecisionStatus;
  reportable: boolean;
  /** The day the three months run from: the decision, or the interruption. */
  waitingSince: string;
  /** The last day on which execution was still in time. */
  deadline: string;
  /** How long the person waited: until execution, or until the reference date. */
  waitedDays: number;
  waited: { months: number; days: number };
}

/**
 * Applies the three-month rule to one decision as of `asOf` (the last day of the reported quarter).
 * `limitMonths` is there for tests and for a change in the law; the app uses the constant.
 */
export function assessDecision(dates: DecisionDates, asOf: string, limitMonths = UNEXECUTED_DECISION_LIMIT_MONTHS): DecisionTiming {
  const waitingSince = dates.interruptedOn ?? dates.decisionDate;
  const deadline = addCalendarMonths(waitingSince, limitMonths);
  const end = dates.executedOn ?? asOf;
  const late = end > deadline;
  const status: DecisionStatus = dates.executedOn ? (late ? 'executed_late' : 'executed_in_time') : late ? 'overdue' : 'not_yet_due';
  return {
    status,
    reportable: late,
    waitingSince,
    deadline,
    waitedDays: Math.max(0, daysBetween(waitingSince, end)),
    waited: end >= waitingSince ? monthsAndDaysBetween(waitingSince, end) : { months: 0, days: 0 },
  };
}
