// The exchange module's SQL: set-based upserts of whole batches, each batch one statement.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { PermitStatusRow } from './read-lines.ts';

type Trx = Transaction<Database>;

export interface TableSpec {
  table: 'provider' | 'unit' | 'permit' | 'provider_notification' | 'signal' | 'indicator_value' | 'inspection';
  /** The conflict key: the primary key. */
  key: string[];
  /** Every written column and its type, as the batch's JSON is read. */
  columns: Record<string, string>;
  /** Whether a real change draws a new change_seq and updated_at. */
  hasChangeSeq: boolean;
}

export const TABLES = {
  provider: {
    table: 'provider',
    key: ['id'],
    columns: { id: 'text', name: 'text', orgnr: 'text', kind: 'text', parent_id: 'text', email: 'text', phone: 'text', peppol_id: 'text', extra: 'jsonb' },
    hasChangeSeq: true,
  },
  unit: {
    table: 'unit',
    key: ['id'],
    columns: {
      id: 'text', provider_id: 'text', name: 'text', form: 'text', orientation: 'text[]', home_type: 'text', age_min: 'integer',
      age_max: 'integer', size: 'double precision', capacity: 'integer', street: 'text', postal_code: 'text', city: 'text',
      kommun: 'text', lat: 'double precision', lon: 'double precision', phone: 'text', email: 'text', website: 'text',
      operation_codes: 'text[]', hsa_id: 'text', opened: 'date', closed: 'date', extra: 'jsonb',
    },
    hasChangeSeq: true,
  },
  permit: {
    table: 'permit',
    key: ['id'],
    columns: { id: 'text', provider_id: 'text', unit_id: 'text', legal_form: 'text', granted_on: 'date', status: 'text', status_from: 'date', extra: 'jsonb' },
    hasChangeSeq: true,
  },
  notification: {
    table: 'provider_notification',
    key: ['id'],
    columns: { id: 'text', provider_id: 'text', unit_id: 'text', kind: 'text', event_date: 'date', received_on: 'date', description: 'text', extra: 'jsonb' },
    hasChangeSeq: false,
  },
  signal: {
    table: 'signal',
    key: ['id'],
    columns: {
      id: 'text', unit_id: 'text', channel: 'text', received_at: 'timestamptz', occurred_on: 'date', severity: 'smallint', urgency: 'text',
      text: 'text', risk_areas: 'text[]', personnummer: 'text', extra: 'jsonb',
    },
    hasChangeSeq: false,
  },
  indicator: {
    table: 'indicator_value',
    key: ['unit_id', 'indicator', 'period'],
    columns: {
      unit_id: 'text', indicator: 'text', period: 'text', period_end: 'date', value: 'double precision', denominator: 'double precision',
      direction: 'text', extra: 'jsonb',
    },
    hasChangeSeq: false,
  },
  inspection: {
    table: 'inspection',
    key: ['id'],
    columns: { id: 'text', unit_id: 'text', date: 'date', announced: 'boolean', deficiencies: 'integer', outcome: 'text', extra: 'jsonb' },
    hasChangeSeq: false,
  },
} as const satisfies Record<string, TableSpec>;

const upsertSqlCache = new Map<TableSpec, { head: string; tail: string }>();

/**
 * INSERT … SELECT FROM jsonb_to_recordset(batch) ON CONFLICT (key) DO UPDATE … WHERE the row differs: new rows
 * are inserted, changed rows updated (with a new change_seq where the table has one), equal rows left alone.
 */
function upsertSql(spec: TableSpec): { head: string; tail: string } {
  const cached = upsertSqlCache.get(spec);
  if (cached) return cached;
  const names = Object.keys(spec.columns);
  const list = names.join(', ');
  const valueColumns = names.filter((name) => !spec.key.includes(name));
  const sets = valueColumns.map((name) => `${name} = excluded.${name}`);
  if (spec.hasChangeSeq) sets.push(`change_seq = nextval('register_change_seq')`, 'updated_at = now()');
  const differs = `(${valueColumns.map((n) => `cur.${n}`).join(', ')}) IS DISTINCT FROM (${valueColumns.map((n) => `excluded.${n}`).join(', ')})`;
  const built = {
    head: `WITH up AS (INSERT INTO ${spec.table} AS cur (${list}) SELECT ${list} FROM jsonb_to_recordset(`,
    tail:
      `::jsonb) AS t(${names.map((n) => `${n} ${spec.columns[n]}`).join(', ')}) ` +
      `ON CONFLICT (${spec.key.join(', ')}) DO UPDATE SET ${sets.join(', ')} WHERE ${differs} ` +
      `RETURNING cur.${spec.key[0]} AS id, (cur.xmax = 0) AS inserted) `,
  };
  upsertSqlCache.set(spec, built);
  return built;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/** Upserts one batch (rows keyed by column name); counts what was new and what changed. */
export async function upsertBatch(trx: Trx, spec: TableSpec, rows: readonly object[]): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const { head, tail } = upsertSql(spec);
  const result = await sql<UpsertCounts>`${sql.raw(head)}${JSON.stringify(rows)}${sql.raw(
    `${tail}SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM up`,
  )}`.execute(trx);
  return result.rows[0];
}

/** Like upsertBatch, and says which ids were inserted or changed. */
export async function upsertBatchReturningIds(trx: Trx, spec: TableSpec, rows: readonly object[]): Promise<{ id: string; inserted: boolean }[]> {
  if (rows.length === 0) return [];
  const { head, tail } = upsertSql(spec);
  const result = await sql<{ id: string; inserted: boolean }>`${sql.raw(head)}${JSON.stringify(rows)}${sql.raw(`${tail}SELECT id, inserted FROM up`)}`.execute(trx);
  return result.rows;
}

/** The stored status history of the given permits, by permit id, in order. */
export async function findPermitHistories(trx: Trx, permitIds: readonly string[]): Promise<Map<string, PermitStatusRow[]>> {
  const histories = new Map<string, PermitStatusRow[]>();
  if (permitIds.length === 0) return histories;
  const rows = await trx
    .selectFrom('permit_status')
    .select(['permit_id', 'seq', 'status', 'valid_from', 'reason'])
    .where('permit_id', '=', sql<string>`any(${[...permitIds]}::text[])`)
    .orderBy('permit_id')
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const list = histories.get(row.permit_id) ?? [];
    list.push({ permit_id: row.permit_id, seq: row.seq, status: row.status, valid_from: row.valid_from, reason: row.reason ?? undefined });
    histories.set(row.permit_id, list);
  }
  return histories;
}

/** Replaces the status history of the given permits by `rows`. */
export async function replacePermitHistories(trx: Trx, permitIds: readonly string[], rows: readonly PermitStatusRow[]): Promise<void> {
  if (permitIds.length === 0) return;
  await trx.deleteFrom('permit_status').where('permit_id', '=', sql<string>`any(${[...permitIds]}::text[])`).execute();
  if (rows.length === 0) return;
  await sql`INSERT INTO permit_status (permit_id, seq, status, valid_from, reason)
    SELECT permit_id, seq, status, valid_from, reason
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS t(permit_id text, seq integer, status text, valid_from date, reason text)`.execute(trx);
}

/** A permit whose history changed while its own row did not still counts as changed. */
export async function touchPermits(trx: Trx, permitIds: readonly string[]): Promise<void> {
  if (permitIds.length === 0) return;
  await sql`UPDATE permit SET change_seq = nextval('register_change_seq'), updated_at = now() WHERE id = any(${[...permitIds]}::text[])`.execute(trx);
}

/** Which of the ids exist in the table (checked in chunks, so any number of ids works). */
export async function findExistingIds(db: Trx | Db, table: 'provider' | 'unit', ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 10_000) {
    const chunk = ids.slice(i, i + 10_000);
    const rows = await db.selectFrom(table).select('id').where('id', '=', sql<string>`any(${chunk}::text[])`).execute();
    for (const row of rows) found.add(row.id);
  }
  return found;
}
