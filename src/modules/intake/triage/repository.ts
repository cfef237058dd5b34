import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';

// The triage workspace's SQL. The full text and contact details of a signal leave here only through
// findSignalDetail, which read-signal.ts calls inside the transaction that writes the read's audit row.

type Queryable = Db | Transaction<Database>;

export const QUEUE_LIMIT = 100;
export const TRIAGE_STATUSES = ['new', 'in_progress', 'done'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export type DepartmentScope = { kind: 'all' } | { kind: 'none' } | { kind: 'code'; code: string };

export interface QueueFilter {
  department: DepartmentScope;
  channel?: string;
  urgency?: string;
  riskArea?: string;
  /** A unit id, or part of a unit's name. */
  unit?: string;
  kommun?: string;
  /** 'open' is new and in progress. */
  status: TriageStatus | 'open' | 'all';
  assigned?: 'me' | 'unassigned';
  /** The signed-in person's subject, for 'assigned to me'. */
  me: string;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** acute 0, high 1, everything else 2: the queue's first sort key. */
const urgencyRank = sql<number>`case s.urgency when 'acute' then 0 when 'high' then 1 else 2 end`;

/**
 * The live signals waiting for triage, acute first, then high, then in the order they came in (the one
 * that has waited longest first). Imported history (triage_status null) is never in the queue.
 */
export async function findTriageQueue(db: Db, filter: QueueFilter, limit = QUEUE_LIMIT) {
  const rows = await db
    .selectFrom('signal as s')
    .leftJoin('unit as u', 'u.id', 's.unit_id')
    .leftJoin('municipality as m', (join) => join.on('m.code', '=', sql<string>`coalesce(u.kommun, s.unit_hint->>'kommun')`))
    .select([
      's.id',
      's.received_at',
      's.channel',
      's.urgency',
      's.risk_areas',
      's.triage_status',
      's.assigned_to',
      's.unit_id',
      's.department_code',
      'u.name as unit_name',
      'm.name as kommun_name',
      sql<string | null>`left(s.text, 300)`.as('excerpt'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .where('s.triage_status', 'is not', null)
    .$call((q) => {
      const d = filter.department;
      if (d.kind === 'code') return q.where('s.department_code', '=', d.code);
      if (d.kind === 'none') return q.where('s.department_code', 'is', null);
      return q;
    })
    .$call((q) => {
      if (filter.status === 'open') return q.where('s.triage_status', 'in', ['new', 'in_progress']);
      if (filter.status === 'all') return q;
      return q.where('s.triage_status', '=', filter.status);
    })
    .$if(!!filter.channel, (q) => q.where('s.channel', '=', filter.channel!))
    .$if(!!filter.urgency, (q) => q.where('s.urgency', '=', filter.urgency!))
    .$if(!!filter.riskArea, (q) => q.where(sql<boolean>`s.risk_areas @> array[${filter.riskArea!}]::text[]`))
    .$if(!!filter.kommun, (q) => q.where(sql<string>`coalesce(u.kommun, s.unit_hint->>'kommun')`, '=', filter.kommun!))
    .$if(!!filter.unit, (q) => q.where((eb) => eb.or([eb('s.unit_id', '=', filter.unit!), eb('u.name', 'ilike', likePattern(filter.unit!))])))
    .$if(filter.assigned === 'me', (q) => q.where('s.assigned_to', '=', filter.me))
    .$if(filter.assigned === 'unassigned', (q) => q.where('s.assigned_to', 'is', null))
    .orderBy(urgencyRank)
    .orderBy('s.received_at')
    .orderBy('s.id')
    .limit(limit)
    .execute();
  return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _total, ...row }) => row) };
}
export type QueueRow = Awaited<ReturnType<typeof findTriageQueue>>['rows'][number];

/**
 * What the access check needs: the department a signal belongs to (the one it was routed to, else the
 * department of its unit's län, for history imported before routing) and nothing secret.
 */
export async function findSignalAccess(db: Queryable, signalId: string) {
  return db
    .selectFrom('signal as s')
    .leftJoin('unit as u', 'u.id', 's.unit_id')
    .leftJoin('municipality as m', 'm.code', 'u.kommun')
    .leftJoin('county as c', 'c.code', 'm.county_code')
    .select(['s.id', 's.secrecy', 's.triage_status', sql<string | null>`coalesce(s.department_code, c.department_code)`.as('department_code')])
    .where('s.id', '=', signalId)
    .executeTakeFirst();
}

/** The whole signal, text and contact details included: call only where the read is audited. */
export async function findSignalDetail(db: Queryable, signalId: string) {
  return db
    .selectFrom('signal as s')
    .leftJoin('unit as u', 'u.id', 's.unit_id')
    .leftJoin('municipality as um', 'um.code', 'u.kommun')
    .leftJoin('municipality as hm', (join) => join.on('hm.code', '=', sql<string>`s.unit_hint->>'kommun'`))
    .leftJoin('county as uc', 'uc.code', 'um.county_code')
    // The department it was routed to; for history from before routing, the department of the unit's län.
    .leftJoin('department as d', (join) => join.on('d.code', '=', sql<string>`coalesce(s.department_code, uc.department_code)`))
    .select([
      's.id',
      's.channel',
      's.received_at',
      's.occurred_on',
      's.severity',
      's.urgency',
      's.text',
      's.risk_areas',
      's.extra',
      's.department_code',
      's.triage_status',
      's.assigned_to',
      's.unit_id',
      's.unit_match',
      's.unit_hint',
      's.submitter_kind',
      's.contact',
      's.secrecy',
      's.reliability',
      's.classification',
      's.case_ref',
      sql<boolean>`s.personnummer is not null`.as('has_personnummer'),
      'u.name as unit_name',
      'um.name as unit_kommun_name',
      'hm.name as hint_kommun_name',
      'd.name as department_name',
    ])
    .where('s.id', '=', signalId)
    .executeTakeFirst();
}
export type SignalDetail = NonNullable<Awaited<ReturnType<typeof findSignalDetail>>>;

/** How a signal is linked to a unit, and the matcher's suggestions; nothing the sender wrote about the event. */
export async function findUnitLink(db: Queryable, signalId: string) {
  return db.selectFrom('signal').select(['unit_id', 'unit_match', 'unit_hint']).where('id', '=', signalId).executeTakeFirst();
}

export async function findAttachments(db: Queryable, signalId: string) {
  return db.selectFrom('signal_attachment').select(['id', 'file_name', 'media_type', 'size_bytes']).where('signal_id', '=', signalId).orderBy('id').execute();
}

export async function findAttachmentContent(db: Queryable, signalId: string, attachmentId: number) {
  return db
    .selectFrom('signal_attachment')
    .select(['id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'content'])
    .where('signal_id', '=', signalId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

export async function findNotes(db: Queryable, signalId: string) {
  return db.selectFrom('signal_note').select(['id', 'author', 'body', 'created_at']).where('signal_id', '=', signalId).orderBy('id').execute();
}

export async function findMessages(db: Queryable, signalId: string) {
  return db.selectFrom('signal_message').select(['id', 'direction', 'author', 'body', 'created_at']).where('signal_id', '=', signalId).orderBy('id').execute();
}

export async function hasReceipt(db: Queryable, signalId: string): Promise<boolean> {
  return !!(await db.selectFrom('signal_receipt').select('signal_id').where('signal_id', '=', signalId).executeTakeFirst());
}

/** Units by id, with what staff need to tell them apart (for the matcher's suggestions). */
export async function findUnitsByIds(db: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('unit')
    .innerJoin('municipality as m', 'm.code', 'unit.kommun')
    .innerJoin('provider as p', 'p.id', 'unit.provider_id')
    .select(['unit.id', 'unit.name', 'unit.form', 'unit.closed', 'm.name as kommun_name', 'p.name as provider_name', 'p.orgnr'])
    .where('unit.id', 'in', ids)
    .execute();
}

/** A unit with the department of its län, for linking a signal to it. */
export async function findUnitWithDepartment(db: Queryable, unitId: string) {
  return db
    .selectFrom('unit')
    .innerJoin('municipality as m', 'm.code', 'unit.kommun')
    .innerJoin('county as c', 'c.code', 'm.county_code')
    .select(['unit.id', 'unit.name', 'unit.provider_id', 'unit.kommun', 'c.department_code'])
    .where('unit.id', '=', unitId)
    .executeTakeFirst();
}

export async function findDepartments(db: Queryable) {
  return db.selectFrom('department').select(['code', 'name']).orderBy('name').execute();
}

const swedishOrder = new Intl.Collator('sv');

/** Kommuner in Swedish alphabetical order (å, ä, ö after z), only the department's when one is given. */
export async function findMunicipalities(db: Queryable, departmentCode?: string) {
  const rows = await db
    .selectFrom('municipality as m')
    .innerJoin('county as c', 'c.code', 'm.county_code')
    .select(['m.code', 'm.name'])
    .$if(departmentCode !== undefined, (q) => q.where('c.department_code', '=', departmentCode!))
    .execute();
  return rows.sort((a, b) => swedishOrder.compare(a.name, b.name));
}

export async function municipalityExists(db: Queryable, code: string): Promise<boolean> {
  return !!(await db.selectFrom('municipality').select('code').where('code', '=', code).executeTakeFirst());
}

/**
 * Colleagues who may triage a department's signals are found in the staff directory (see platform/auth), and so
 * are the display names of assignees and authors (unknown subjects keep the subject).
 */
export { findStaffDirectory, findStaffNames } from '../../../platform/auth/index.ts';
