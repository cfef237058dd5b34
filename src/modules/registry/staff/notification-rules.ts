/**
 * The timing rules of Vårdgivarregistret (seed: the healthcare provider register), in one place:
 * a new operation is to be notified at least one month before it starts; a change, a move or a closure
 * within one month after it happened.
 */
export const NOTIFICATION_PERIOD_MONTHS = 1;

export type NotificationKind = 'new' | 'change' | 'closure';

export interface NotificationTiming {
  kind: string;
  /** 'YYYY-MM-DD': the start, change or closure the notification is about. */
  eventDate: string;
  /** 'YYYY-MM-DD': the day the notification reached the inspectorate. */
  receivedOn: string;
}

export interface NotificationWarning {
  rule: 'new_too_late' | 'change_too_late';
  /** The last day the notification would have been on time. */
  deadline: string;
  /** The rule and what happened, in plain Swedish. */
  message: string;
}

const PERIOD_WORDS: Record<number, string> = { 1: 'en månad', 2: 'två månader', 3: 'tre månader' };
const period = (months: number) => PERIOD_WORDS[months] ?? `${months} månader`;

/** Calendar months on a 'YYYY-MM-DD' date; the 31st plus one month is the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const dayWord = (n: number) => (Math.abs(n) === 1 ? 'dag' : 'dagar');

/** A warning when the notification broke the one-month rule; null when it was on time. */
export function checkNotificationTiming(notification: NotificationTiming, months = NOTIFICATION_PERIOD_MONTHS): NotificationWarning | null {
  const { kind, eventDate, receivedOn } = notification;
  if (kind === 'new') {
    const deadline = addMonths(eventDate, -months);
    if (receivedOn <= deadline) return null;
    const before = daysBetween(receivedOn, eventDate);
    const when = before > 0 ? `${before} ${dayWord(before)} före start` : before === 0 ? 'samma dag som starten' : `${-before} ${dayWord(before)} efter start`;
    return {
      rule: 'new_too_late',
      deadline,
      message: `För sent anmäld: en ny verksamhet ska anmälas senast ${period(months)} innan den startar, alltså senast ${deadline}. Anmälan kom in ${receivedOn}, ${when} (${eventDate}).`,
    };
  }
  if (kind === 'change' || kind === 'closure') {
    const deadline = addMonths(eventDate, months);
    if (receivedOn <= deadline) return null;
    const after = daysBetween(eventDate, receivedOn);
    const what = kind === 'closure' ? 'en nedläggning' : 'en ändring eller flytt';
    const event = kind === 'closure' ? 'nedläggningen' : 'ändringen';
    return {
      rule: 'change_too_late',
      deadline,
      message: `För sent anmäld: ${what} ska anmälas inom ${period(months)} efter att den skett, alltså senast ${deadline}. Anmälan kom in ${receivedOn}, ${after} ${dayWord(after)} efter ${event} (${eventDate}).`,
    };
  }
  return null;
}
