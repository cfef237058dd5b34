// Risk alerts in the departments' triage queues: a CUSUM that just crossed its threshold, or a hard trigger
// that just lifted a unit. Staff take them and close them like signals; who and when is kept.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { canInDepartment, findStaffWhoMay, type StaffUser } from '../../../platform/auth/index.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { caseRefFormatProblem, normaliseCaseRef } from '../../../platform/text.ts';
import { CHANNEL_RULES, METHOD } from '../method.ts';

export const ALERT_KIND_LABELS: Record<string, string> = {
  cusum: 'Signalerna ökar (CUSUM-larm)',
  acute_signal: 'Akut signal',
  permit_status: 'Förbud eller återkallelse',
};

export const ALERT_STATUSES = ['new', 'in_progress', 'done'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const STATUS_TEXT: Record<AlertStatus, string> = { new: 'Ny', in_progress: 'Pågår', done: 'Avslutat' };
/** What an alert's status is now, said of the alert ("… sedan sidan visades: någon har tagit det"). */
const NOW_SO: Record<AlertStatus, string> = { new: 'det väntar på att någon tar det', in_progress: 'någon har tagit det', done: 'det är avslutat' };

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

/** How many closed alerts the alert list shows. */
export const CLOSED_ALERTS_SHOWN = 50;

/** The alerts closed most recently in the departments in scope: what was raised, who closed it when, and what came of it. */
export async function findClosedAlerts(db: Db, scope: AlertScope, limit = CLOSED_ALERTS_SHOWN) {
  let query = db
    .selectFrom('risk_alert as a')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.unit_id', 'u.name as unit_name', 'a.kind', 'a.raised_at', 'a.handled_by', 'a.handled_at', 'a.outcome', 'a.case_ref'])
    .where('a.status', '=', 'done');
  if (scope.kind === 'code') query = query.where('a.department_code', '=', scope.code);
  if (scope.kind === 'none') query = query.where('a.department_code', 'is', null);
  return query.orderBy('a.handled_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

/**
 * What the alerts closed in the last year led to, per kind: how many went to a case or an inspection, were
 * already known or needed nothing. The alerts' yield in practice, beside the backtest's figures.
 */
export async function summariseAlertOutcomes(db: Db, scope: AlertScope, today: string): Promise<{ kind: string; outcome: string; alerts: number }[]> {
  let query = db
    .selectFrom('risk_alert as a')
    .select(['a.kind', 'a.outcome', sql<number>`count(*)::int`.as('alerts')])
    .where('a.status', '=', 'done')
    .where(sql<boolean>`a.handled_at >= ${today}::date - 365`);
  if (scope.kind === 'code') query = query.where('a.department_code', '=', scope.code);
  if (scope.kind === 'none') query = query.where('a.department_code', 'is', null);
  const rows = await query.groupBy(['a.kind', 'a.outcome']).execute();
  return rows.map((row) => ({ kind: row.kind, outcome: row.outcome ?? 'not_recorded', alerts: Number(row.alerts) }));
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

/** What came of an alert, as the person closing it says. */
export const ALERT_OUTCOMES = {
  case: 'Ett ärende har öppnats eller fått larmet',
  inspection: 'En inspektion planeras',
  known: 'Redan känt i pågående tillsyn',
  no_action: 'Ingen åtgärd behövs',
} as const;
export type AlertOutcome = keyof typeof ALERT_OUTCOMES;
/** Outcomes as listed among closed alerts: alerts closed before outcomes were asked for have none. */
export const OUTCOME_TEXT: Record<AlertOutcome | 'not_recorded', string> = { ...ALERT_OUTCOMES, not_recorded: 'Inte angivet' };
export const MAX_ALERT_NOTE_LENGTH = 2000;

/** How an alert is closed: its outcome, the case it went to, and why (required when nothing is done). */
export interface AlertClosing {
  outcome: string;
  caseRef?: string;
  note?: string;
}

type AlertActor = Pick<StaffUser, 'subject' | 'roles' | 'department'>;
type Trx = Transaction<Database>;

interface LockedAlert {
  id: number;
  department_code: string | null;
  status: AlertStatus;
  unit_id: string;
  kind: 'cusum' | 'acute_signal' | 'permit_status';
  handled_by: string | null;
  outcome: string | null;
}

/**
 * Locks an alert for a change by someone who triages its department (and reads its risk analysis, of which
 * the alert is a part). `seen` is the status the person's page showed and `seenBy` who held the alert then:
 * if someone else has changed it since, nothing is done, so a page left open cannot reopen an alert a
 * colleague closed, or take, hand back or close one a colleague has taken since.
 */
async function lockAlertAsSeen(trx: Trx, alertId: number, staff: AlertActor, seen: { status: string; by?: string }, unchanged: (alert: LockedAlert) => boolean): Promise<LockedAlert | undefined> {
  const alert = (await trx.selectFrom('risk_alert').select(['id', 'department_code', 'status', 'unit_id', 'kind', 'handled_by', 'outcome']).where('id', '=', alertId).forUpdate().executeTakeFirst()) as LockedAlert | undefined;
  if (!alert || !canInDepartment(staff, 'signal.triage', alert.department_code) || !canInDepartment(staff, 'risk.read', alert.department_code)) {
    throw AppError.notFound(`risk alert ${alertId}`);
  }
  // Asking for what is already so (a double click, a second tab) does nothing and is no error.
  if (unchanged(alert)) return undefined;
  if (alert.status !== seen.status || (seen.by !== undefined && (alert.handled_by ?? '') !== seen.by)) {
    throw new AppError('conflict', `risk alert ${alert.id}: ${alert.status} by ${alert.handled_by}, the page showed ${seen.status} by ${seen.by}`, {
      userMessage: `Någon annan har ändrat larmet sedan sidan visades: ${NOW_SO[alert.status]}. Inget har ändrats. Så här ser larmet ut nu.`,
    });
  }
  return alert;
}

/** Outcomes that can name the case they went to (for a case it must). */
const WITH_CASE = new Set<string>(['case', 'inspection', 'known']);

/** The outcome, case and note of a closing, checked; a case must be in the diarium and concern the alert's unit. */
async function checkClosing(trx: Trx, unitId: string, closing: AlertClosing | undefined): Promise<{ outcome: AlertOutcome; case_ref: string | null; note: string | null }> {
  const errors: FieldError[] = [];
  const outcome = closing?.outcome ?? '';
  const note = (closing?.note ?? '').trim();
  const caseRef = normaliseCaseRef(closing?.caseRef ?? '');
  if (!Object.hasOwn(ALERT_OUTCOMES, outcome)) errors.push({ field: 'outcome', message: 'Välj vad larmet ledde till' });
  if (outcome === 'case' && !caseRef) errors.push({ field: 'caseRef', message: 'Skriv ärendets diarienummer' });
  if (caseRef && outcome === 'no_action') errors.push({ field: 'caseRef', message: 'Ett larm som inte behöver någon åtgärd har inget ärende. Välj ett annat utfall eller ta bort diarienumret' });
  else if (caseRef && WITH_CASE.has(outcome)) {
    const problem = caseRefFormatProblem(caseRef);
    if (problem) errors.push({ field: 'caseRef', message: problem });
    else {
      const found = await trx.selectFrom('case_file').select('unit_id').where('diarienummer', '=', caseRef).executeTakeFirst();
      if (!found) errors.push({ field: 'caseRef', message: `Det finns inget ärende med diarienummer ${caseRef}` });
      // A case about another unit is a mistyped number, not where this alert went (a provider's case has no unit).
      else if (found.unit_id !== null && found.unit_id !== unitId) errors.push({ field: 'caseRef', message: `Ärendet ${caseRef} gäller en annan verksamhet` });
    }
  }
  if (outcome === 'no_action' && !note) errors.push({ field: 'note', message: 'Skriv varför ingen åtgärd behövs' });
  if (note.length > MAX_ALERT_NOTE_LENGTH) errors.push({ field: 'note', message: `Skriv högst ${MAX_ALERT_NOTE_LENGTH} tecken` });
  if (errors.length > 0) throw AppError.validation(errors);
  return { outcome: outcome as AlertOutcome, case_ref: caseRef || null, note: note || null };
}

/**
 * Takes (in progress, held by the person), hands back (new) or closes an alert (done, with what came of it);
 * only staff who triage its department may. A closed alert opened again loses its outcome.
 */
export async function setAlertStatus(
  db: Db, input: { alertId: number; staff: AlertActor; status: string; seen: string; seenBy?: string; closing?: AlertClosing },
): Promise<void> {
  if (!(ALERT_STATUSES as readonly string[]).includes(input.status)) {
    throw AppError.validation([{ field: 'status', message: 'Välj ny, pågår eller klar' }]);
  }
  const status = input.status as AlertStatus;
  await db.transaction().execute(async (trx) => {
    // Already so: handed back, taken by the person, or closed by them as they now ask (a double click). An
    // alert a colleague closed, or closed otherwise, is a conflict: what the person wrote would be lost.
    const alreadySo = (a: LockedAlert) =>
      a.status === status && (status === 'new' || a.handled_by === input.staff.subject) && (status !== 'done' || a.outcome === input.closing?.outcome);
    const alert = await lockAlertAsSeen(trx, input.alertId, input.staff, { status: input.seen, by: input.seenBy }, alreadySo);
    if (!alert) return;
    const closing = status === 'done' ? await checkClosing(trx, alert.unit_id, input.closing) : { outcome: null, case_ref: null, note: null };
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
      .set({ status, handled_by: status === 'new' ? null : input.staff.subject, handled_at: status === 'new' ? null : new Date(), ...closing })
      .where('id', '=', alert.id)
      .execute();
    await recordAudit(trx, {
      actor: `staff:${input.staff.subject}`, action: 'risk_alert.status', entityType: 'risk_alert', entityId: String(alert.id),
      details: { unit: alert.unit_id, kind: alert.kind, from: alert.status, to: status, ...(status === 'done' ? { outcome: closing.outcome, case: closing.case_ref, note: closing.note } : {}) },
    });
  });
}

/** Who may hold an alert of the department: those who triage there and read its risk analysis. */
export function findPossibleAlertHolders(db: Db, departmentCode: string | null) {
  return findStaffWhoMay(db, ['signal.triage', 'risk.read'], departmentCode);
}

/** Hands an open alert to a colleague (in progress, held by them), as seen on the person's page. */
export async function assignAlert(db: Db, input: { alertId: number; staff: AlertActor; assignee: string; seen: string; seenBy?: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const alert = await lockAlertAsSeen(trx, input.alertId, input.staff, { status: input.seen, by: input.seenBy },
      (a) => a.status === 'in_progress' && a.handled_by === input.assignee);
    if (!alert) return;
    if (alert.status === 'done') {
      throw new AppError('conflict', `risk alert ${alert.id} is closed`, { userMessage: 'Larmet är avslutat och kan inte tilldelas. Öppna det igen först.' });
    }
    const holders = await findPossibleAlertHolders(trx, alert.department_code);
    if (!holders.some((h) => h.subject === input.assignee)) {
      throw AppError.validation([{ field: 'assignee', message: 'Välj en kollega som triagerar på avdelningen och får läsa dess riskanalys' }], `assignee ${input.assignee}`);
    }
    await trx.updateTable('risk_alert').set({ status: 'in_progress', handled_by: input.assignee, handled_at: new Date() }).where('id', '=', alert.id).execute();
    await recordAudit(trx, {
      actor: `staff:${input.staff.subject}`, action: 'risk_alert.assign', entityType: 'risk_alert', entityId: String(alert.id),
      details: { unit: alert.unit_id, kind: alert.kind, from: alert.handled_by, to: input.assignee, status: { from: alert.status, to: 'in_progress' } },
    });
  });
}

export interface AlertDetails extends OpenAlert {
  raised_as_of: string;
  handled_at: Date | null;
  outcome: AlertOutcome | 'not_recorded' | null;
  case_ref: string | null;
  /** The case of case_ref, for a link (access to it is checked there). */
  case_id: number | null;
  note: string | null;
  /** For an acute-signal alert: the acute external signals that lifted the unit (newest first). */
  signals: { id: string; channel: string; received_at: Date }[];
  /** Who took, handed back, assigned and closed it, oldest first. */
  history: { at: Date; actor: string; action: string; from: string | null; to: string | null; outcome: string | null }[];
}

/** One alert in full, if the person may read its department's risk analysis. */
export async function findAlert(db: Db, alertId: number, staff: Pick<StaffUser, 'roles' | 'department'>): Promise<AlertDetails> {
  const alert = await db
    .selectFrom('risk_alert as a')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .leftJoin('municipality as m', 'm.code', 'u.kommun')
    .leftJoin('case_file as c', 'c.diarienummer', 'a.case_ref')
    .select(['a.id', 'a.unit_id', 'u.name as unit_name', 'm.name as kommun_name', 'a.department_code', 'a.kind', 'a.raised_at', 'a.as_of as raised_as_of', 'a.score', 'a.explanation', 'a.status', 'a.handled_by', 'a.handled_at', 'a.outcome', 'a.case_ref', 'c.id as case_id', 'a.note'])
    .where('a.id', '=', alertId)
    .executeTakeFirst();
  if (!alert || !canInDepartment(staff, 'risk.read', alert.department_code)) throw AppError.notFound(`risk alert ${alertId}`);
  const externalChannels = Object.entries(CHANNEL_RULES).filter(([, rule]) => rule.stream === 'external').map(([channel]) => channel);
  const [signals, history] = await Promise.all([
    alert.kind === 'acute_signal'
      ? db
          .selectFrom('signal')
          .select(['id', 'channel', 'received_at'])
          .where('unit_id', '=', alert.unit_id)
          .where('urgency', '=', 'acute')
          .where('channel', 'in', externalChannels)
          .where('received_at', '<=', alert.raised_at)
          .where(sql<boolean>`received_at >= ${alert.raised_as_of}::date - ${METHOD.acuteTriggerDays}::int`)
          .orderBy('received_at', 'desc')
          .limit(5)
          .execute()
      : [],
    db
      .selectFrom('audit_log')
      .select(['occurred_at', 'actor', 'action', 'details'])
      .where('entity_type', '=', 'risk_alert')
      .where('entity_id', '=', String(alertId))
      .where('action', 'in', ['risk_alert.status', 'risk_alert.assign'])
      .orderBy('id')
      .execute(),
  ]);
  return {
    ...(alert as unknown as Omit<AlertDetails, 'signals' | 'history'>),
    signals,
    history: history.map((h) => {
      const details = (h.details ?? {}) as { from?: string | null; to?: string | null; outcome?: string | null };
      return { at: h.occurred_at, actor: h.actor.replace(/^staff:/, ''), action: h.action, from: details.from ?? null, to: details.to ?? null, outcome: details.outcome ?? null };
    }),
  };
}
