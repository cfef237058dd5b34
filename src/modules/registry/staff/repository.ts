import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';

// The staff register's SQL. Personnummer never leaves here except through findSignalPersonalData.

export async function findUnitDepartment(db: Db, unitId: string): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('unit')
    .innerJoin('municipality as m', 'm.code', 'unit.kommun')
    .innerJoin('county as c', 'c.code', 'm.county_code')
    .select('c.department_code')
    .where('unit.id', '=', unitId)
    .executeTakeFirst();
  return row ? row.department_code : undefined;
}

export async function findUnitDetail(db: Db, unitId: string) {
  return db
    .selectFrom('unit')
    .innerJoin('municipality as m', 'm.code', 'unit.kommun')
    .innerJoin('county as c', 'c.code', 'm.county_code')
    .innerJoin('department as d', 'd.code', 'c.department_code')
    .innerJoin('provider as p', 'p.id', 'unit.provider_id')
    .selectAll('unit')
    .select([
      'm.name as kommun_name',
      'c.name as county_name',
      'd.code as department_code',
      'd.name as department_name',
      'p.name as provider_name',
      'p.orgnr as provider_orgnr',
      'p.kind as provider_kind',
      'p.email as provider_email',
      'p.phone as provider_phone',
      'p.peppol_id as provider_peppol_id',
    ])
    .where('unit.id', '=', unitId)
    .executeTakeFirst();
}
export type UnitDetail = NonNullable<Awaited<ReturnType<typeof findUnitDetail>>>;

export async function findPermitsWithHistory(db: Db, unitId: string) {
  const permits = await db
    .selectFrom('permit')
    .select(['id', 'legal_form', 'granted_on', 'status', 'status_from'])
    .where('unit_id', '=', unitId)
    .orderBy('granted_on')
    .orderBy('id')
    .execute();
  if (permits.length === 0) return [];
  const history = await db
    .selectFrom('permit_status')
    .select(['permit_id', 'seq', 'status', 'valid_from', 'reason'])
    .where(
      'permit_id',
      'in',
      permits.map((p) => p.id),
    )
    .orderBy('permit_id')
    .orderBy('seq')
    .execute();
  return permits.map((p) => ({ ...p, history: history.filter((h) => h.permit_id === p.id) }));
}

/** The unit's own notifications and the provider's notifications that name no unit. */
export async function findNotifications(db: Db, unitId: string, providerId: string) {
  return db
    .selectFrom('provider_notification')
    .select(['id', 'kind', 'event_date', 'received_on', 'description', 'unit_id'])
    .where((eb) => eb.or([eb('unit_id', '=', unitId), eb.and([eb('unit_id', 'is', null), eb('provider_id', '=', providerId)])]))
    .orderBy('received_on', 'desc')
    .orderBy('id')
    .execute();
}

export async function findRegisterHistory(db: Db, unitId: string) {
  return db
    .selectFrom('register_change')
    .select(['id', 'action', 'changed_at', 'changed_by', 'reason', 'before', 'after'])
    .where('entity_type', '=', 'unit')
    .where('entity_id', '=', unitId)
    .orderBy('id', 'desc')
    .execute();
}

export const RECENT_SIGNALS = 20;

/** The latest signals, without personal data; `has_personal_data` says whether there is any to reveal. */
export async function findRecentSignals(db: Db, unitId: string, limit = RECENT_SIGNALS) {
  return db
    .selectFrom('signal')
    .select(['id', 'channel', 'received_at', 'severity', 'urgency', 'text', sql<boolean>`personnummer is not null`.as('has_personal_data')])
    .where('unit_id', '=', unitId)
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findSignalSummary(db: Db, unitId: string, signalId: string) {
  return db
    .selectFrom('signal')
    .select(['id', 'channel', 'received_at', sql<boolean>`personnummer is not null`.as('has_personal_data')])
    .where('id', '=', signalId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

export async function findSignalPersonalData(db: Db, unitId: string, signalId: string) {
  return db
    .selectFrom('signal')
    .select(['id', 'channel', 'received_at', 'personnummer'])
    .where('id', '=', signalId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

export const SEARCH_LIMIT = 50;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Units by name (part of it), by the provider's organisationsnummer, or by kommun (name or 4-digit code).
 */
export async function searchUnits(db: Db, query: string, limit = SEARCH_LIMIT) {
  const q = query.trim();
  if (!q) return { total: 0, rows: [] };
  const digits = q.replace(/[\s-]/g, '');
  const rows = await db
    .selectFrom('unit')
    .innerJoin('municipality as m', 'm.code', 'unit.kommun')
    .innerJoin('provider as p', 'p.id', 'unit.provider_id')
    .select(['unit.id', 'unit.name', 'unit.form', 'unit.closed', 'm.name as kommun_name', 'p.name as provider_name', 'p.orgnr', sql<number>`count(*) over ()`.as('total')])
    .where((eb) => {
      if (/^\d{10}$/.test(digits)) return eb('p.orgnr', '=', digits);
      if (/^\d{4}$/.test(q)) return eb('unit.kommun', '=', q);
      return eb.or([
        eb('unit.name', 'ilike', likePattern(q)),
        eb(eb.fn('lower', ['m.short_name']), '=', q.toLowerCase()),
        eb(eb.fn('lower', ['m.name']), '=', q.toLowerCase()),
      ]);
    })
    .orderBy('unit.name')
    .orderBy('unit.id')
    .limit(limit)
    .execute();
  return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _total, ...row }) => row) };
}

/** Open units per form of operation, largest first. */
export async function countUnitsByForm(db: Db) {
  return db
    .selectFrom('unit')
    .select(['form', sql<number>`count(*)::int`.as('units')])
    .where('closed', 'is', null)
    .groupBy('form')
    .orderBy('units', 'desc')
    .orderBy('form')
    .execute();
}

export async function findMunicipalities(db: Db) {
  return db.selectFrom('municipality').select(['code', 'name']).orderBy('name').execute();
}

export async function findPostcode(db: Db, code: string) {
  return db.selectFrom('postcode').select(['code', 'municipality_code']).where('code', '=', code).executeTakeFirst();
}

export async function findMunicipality(db: Db, code: string) {
  return db.selectFrom('municipality').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}
