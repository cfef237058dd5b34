// Notifications to the healthcare provider register (vårdgivarregistret): new operations at least one month
// before start, changes and closures within one month after (DOMAIN.md "Registers"). Some arrive late, so
// the register's one-month rule has something to warn about.
import { UNIT_FORMS } from '../registry/codes.ts';
import { dayOf, formatDay, nextWorkingDay } from './dates.ts';
import type { UnitModel } from './build-register.ts';
import { Random } from './random.ts';
import type { Notification } from './world-types.ts';

/** New operations from this date on have their notification in the demo register. */
const NOTIFIED_FROM = dayOf(2019, 1, 1);
/** The aesthetic-clinic rules took effect 2021-07-01: every existing clinic had to notify then. */
const AESTHETIC_RULES = dayOf(2021, 7, 1);
const LATE_SHARE = 0.12;
const CHANGE_DESCRIPTIONS = [
  'Ny verksamhetschef.',
  'Verksamheten har flyttat till nya lokaler.',
  'Verksamheten har utökats med nya verksamhetsinriktningar.',
  'Ändrade öppettider och bemanning.',
  'Ny adress för verksamheten.',
];

export function buildNotifications(seed: number, units: UnitModel[], untilDay: number): Notification[] {
  const random = new Random(seed, 'notifications');
  const drafts: { notification: Notification; day: number }[] = [];
  const add = (model: UnitModel, kind: Notification['kind'], eventDay: number, receivedDay: number, description: string) => {
    if (receivedDay > untilDay) return; // not yet received
    drafts.push({
      day: receivedDay,
      notification: {
        id: '', providerId: model.provider.id, unitId: model.unit.id, kind,
        eventDate: formatDay(eventDay), receivedOn: formatDay(receivedDay), description,
      },
    });
  };

  for (const model of units) {
    if (model.profile.sector !== 'health') continue;
    const label = UNIT_FORMS[model.profile.form];

    const isAesthetic = model.profile.form === 'estetisk';
    if (model.openedDay >= NOTIFIED_FROM || isAesthetic) {
      const startDay = isAesthetic ? Math.max(model.openedDay, AESTHETIC_RULES) : model.openedDay;
      // Due at least one month before the start; late ones come days before or even after it.
      const late = random.chance(LATE_SHARE);
      const receivedDay = late
        ? startDay + (random.chance(0.6) ? -random.int(0, 29) : random.int(1, 90))
        : startDay - random.int(31, 120);
      add(model, 'new', startDay, nextWorkingDay(receivedDay), `Anmälan om ny verksamhet: ${label}.`);
    }

    if (random.chance(0.08)) {
      const earliest = Math.max(model.openedDay + 180, dayOf(2022, 1, 1));
      const latest = (model.closedDay ?? untilDay) - 1;
      if (earliest < latest) {
        const changeDay = random.int(earliest, latest);
        add(model, 'change', changeDay, nextWorkingDay(changeDay + dueAfter(random)), random.pick(CHANGE_DESCRIPTIONS));
      }
    }

    if (model.closedDay !== null && model.closedDay <= untilDay) {
      add(model, 'closure', model.closedDay, nextWorkingDay(model.closedDay + dueAfter(random)), 'Verksamheten har upphört.');
    }
  }

  drafts.sort((a, b) => a.day - b.day || (a.notification.unitId! < b.notification.unitId! ? -1 : 1));
  drafts.forEach((d, i) => { d.notification.id = `N${String(i + 1).padStart(6, '0')}`; });
  return drafts.map((d) => d.notification);
}

/** Days after a change or closure until the notification arrives: within a month, or late. */
function dueAfter(random: Random): number {
  return random.chance(LATE_SHARE) ? random.int(31, 150) : random.int(0, 30);
}
