// The full content of the register's tables, for comparing two databases or one database before and after.
import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';

const TABLES: Record<string, string> = {
  provider: 'id',
  unit: 'id',
  permit: 'id',
  permit_status: 'permit_id, seq',
  provider_notification: 'id',
  signal: 'id',
  indicator_value: 'unit_id, indicator, period',
  inspection: 'id',
};

const BOOKKEEPING = new Set(['change_seq', 'updated_at']);

function plain(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Every row of every register table in key order (C collation, so both databases sort alike), with or without
 * the bookkeeping columns change_seq and updated_at.
 */
export async function snapshotTables(db: Db, options: { bookkeeping?: boolean } = {}): Promise<Record<string, Record<string, unknown>[]>> {
  const snapshot: Record<string, Record<string, unknown>[]> = {};
  for (const [table, key] of Object.entries(TABLES)) {
    const order = key.split(', ').map((column) => (column === 'seq' ? column : `${column} COLLATE "C"`)).join(', ');
    const result = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY ${sql.raw(order)}`.execute(db);
    snapshot[table] = result.rows.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([column]) => options.bookkeeping || !BOOKKEEPING.has(column)).map(([column, value]) => [column, plain(value)])),
    );
  }
  return snapshot;
}

export async function countAuditRows(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}
