// Risk alerts in the departments' triage queues: a CUSUM that just crossed its threshold, or a hard trigger
// that just lifted a unit. Staff take them and close them like signals; who and when is kept.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { canInDepartment, type StaffUser } from '../../../platform/auth/index.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';

export const ALERT_KIND_LABELS: Record<string, string> = {
  cusum: 'Signalerna ökar (CUSUM-larm)',
  acute_signal: 'Akut signal',
  permit_status: 'Förbud eller återkallelse',
};

export const ALERT_STATUSES = ['new', 'in_progress', 'done'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const STATUS_TEXT: Record<AlertStatus, string> = { new: 'Ny', in_progress: 'Pågår', done: 'Klar' };
/** What an alert's status is now, said of the alert ("… sedan sidan visades: någon har tagit det"). */
const NOW_SO: Record<AlertStatus, string> = { new: 'det väntar på att någon tar det', in_progress: 'någon har tagit det', done: 'det är markerat som klart' };

/** Which departments' alerts to show: all, the ones without a department, or one. */
export type AlertScope = { kind: 'all' } | { kind: 'none' } | { kind: 'code'; code: string };

export interface OpenAlert {
  id: number;
  unit_id: string;
  unit_name: string;
  kommun_name: string | null;
  department_code: string | null;
  kind: string;
  raised_at: Date;
  score: number;
  explanation: string[];
  status: AlertStatus;
  handled_by: string | null;
}

/**
 * Open alerts (new and in progress) of the departments in scope (and of one kommun), the highest score first:
 * when more are open than shown, those left out are the least risky, not the ones that have waited longest.
 */
export async function findOpenAlerts(db: Db, scope: AlertScope, options: { kommun?: string; limit?: number } = {}): Promise<{ rows: OpenAlert[]; total: number }> {
  const limit = options.limit ?? 50;
  let query = db
    .selectFrom('risk_alert as a')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .leftJoin('municipality as m', 'm.code', 'u.kommun')
    .where('a.status', '<>', 'done');
  if (scope.kind === 'code') query = query.where('a.department_code', '=', scope.code);
  if (scope.kind === 'none') query = query.where('a.department_code', 'is', null);
  if (options.kommun) query = query.where('u.kommun', '=', options.kommun);
  const [rows, total] = await Promise.all([
    query
      .select(['a.id', 'a.unit_id', 'u.name as unit_name', 'm.name as kommun_name', 'a.department_code', 'a.kind', 'a.raised_at', 'a.score', 'a.explanation', 'a.status', 'a.handled_by'])
      .orderBy('a.score', 'desc')
      .orderBy('a.raised_at')
      .orderBy('a.id')
      .limit(limit)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as OpenAlert[], total: Number(total.n) };
}

/** The alerts closed most recently in the departments in scope: what was raised, and who closed it when. */
/** How many closed alerts the alert list shows. */
export const CLOSED_ALERTS_SHOWN = 50;

export async function findClosedAlerts(db: Db, scope: AlertScope, limit = CLOSED_ALERTS_SHOWN) {
  let query = db
    .selectFrom('risk_alert as a')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.unit_id', 'u.name as unit_name', 'a.kind', 'a.raised_at', 'a.handled_by', 'a.handled_at'])
    .where('a.status', '=', 'done');
  if (scope.kind === 'code') query = query.where('a.department_code', '=', scope.code);
  if (scope.kind === 'none') query = query.where('a.department_code', 'is', null);
  return query.orderBy('a.handled_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

/** A unit's open alerts, oldest first, for its risk card. */
export async function findUnitOpenAlerts(db: Db, unitId: string): Promise<{ id: number; kind: string; status: AlertStatus; raised_at: Date }[]> {
  const rows = await db.selectFrom('risk_alert').select(['id', 'kind', 'status', 'raised_at']).where('unit_id', '=', unitId).where('status', '<>', 'done').orderBy('raised_at').orderBy('id').execute();
  return rows as { id: number; kind: string; status: AlertStatus; raised_at: Date }[];
}

/** An alert's unit name, for saying what was just done to it, if the person may read its department's risk analysis. */
export async function findChangedAlert(db: Db, alertId: number, staff: Pick<StaffUser, 'roles' | 'department'>): Promise<{ unitName: string } | undefined> {
  const alert = await db
    .selectFrom('risk_alert as a')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .select(['u.name', 'a.department_code'])
    .where('a.id', '=', alertId)
    .executeTakeFirst();
  return alert && canInDepartment(staff, 'risk.read', alert.department_code) ? { unitName: alert.name } : undefined;
}

/**
 * Takes (in progress, assigned to the person) or closes an alert; only staff who triage its department may.
 * `seen` is the status the person's page showed and `seenBy` who held the alert then: if someone else has
 * changed the alert since, nothing is done (a page left open must not reopen an alert a colleague closed, or
 * take, hand back or close one a colleague has taken since). Asking for what is already so (a double click, a
 * second tab) does nothing and is no error.
 */
export async function setAlertStatus(
  db: Db, input: { alertId: number; staff: Pick<StaffUser, 'subject' | 'roles' | 'department'>; status: string; seen: string; seenBy?: string },
): Promise<void> {
  if (!(ALERT_STATUSES as readonly string[]).includes(input.status)) {
    throw AppError.validation([{ field: 'status', message: 'Välj ny, pågår eller klar' }]);
  }
  const status = input.status as AlertStatus;
  await db.transaction().execute(async (trx) => {
    const alert = await trx.selectFrom('risk_alert').select(['id', 'department_code', 'status', 'unit_id', 'kind', 'handled_by']).where('id', '=', input.alertId).forUpdate().executeTakeFirst();
    // Both: triage of the alert's department, and the risk analysis there (the alert is a part of it).
    if (!alert || !canInDepartment(input.staff, 'signal.triage', alert.department_code) || !canInDepartment(input.staff, 'risk.read', alert.department_code)) {
      throw AppError.notFound(`risk alert ${input.alertId}`);
    }
    if (alert.status === status && (status !== 'in_progress' || alert.handled_by === input.staff.subject)) return;
    if (alert.status !== input.seen || (input.seenBy !== undefined && (alert.handled_by ?? '') !== input.seenBy)) {
      throw new AppError('conflict', `risk alert ${alert.id}: ${alert.status} by ${alert.handled_by}, the page showed ${input.seen} by ${input.seenBy}`, {
        userMessage: `Någon annan har ändrat larmet sedan sidan visades: ${NOW_SO[alert.status]}. Inget har ändrats. Se listan igen.`,
      });
    }
    // A closed alert opened again must not stand beside a newer open one of the same kind (one open per unit).
    if (alert.status === 'done') {
      const open = await trx.selectFrom('risk_alert').select('id').where('unit_id', '=', alert.unit_id).where('kind', '=', alert.kind).where('status', '<>', 'done').executeTakeFirst();
      if (open) {
        throw new AppError('conflict', `risk alert ${alert.id}: alert ${open.id} of the same kind is open`, {
          userMessage: 'Verksamheten har redan ett öppet larm av samma slag. Arbeta vidare med det i stället.',
        });
      }
    }
    await trx
      .updateTable('risk_alert')
      .set({ status, handled_by: status === 'new' ? null : input.staff.subject, handled_at: status === 'new' ? null : new Date() })
      .where('id', '=', alert.id)
      .execute();
    await recordAudit(trx, {
      actor: `staff:${input.staff.subject}`, action: 'risk_alert.status', entityType: 'risk_alert', entityId: String(alert.id),
      details: { unit: alert.unit_id, kind: alert.kind, from: alert.status, to: status },
    });
  });
}
