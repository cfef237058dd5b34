import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';

/** A unit's stored signal history (4 bytes per signal, big-endian), decoded and sorted. */
export async function storedHistory(db: Db, unitId: string): Promise<number[]> {
  const row = await db.selectFrom('risk_signal_history').select('codes').where('unit_id', '=', unitId).executeTakeFirst();
  const bytes = Buffer.from(row?.codes ?? []);
  return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readInt32BE(4 * i)).sort((a, b) => a - b);
}

/** The history the unit's signals give now, coded by the database's own risk_signal_code, sorted. */
export async function historyFromSignals(db: Db, unitId: string): Promise<number[]> {
  const rows = await sql<{ code: number }>`SELECT risk_signal_code(channel, received_at, severity, urgency) AS code FROM signal WHERE unit_id = ${unitId}`.execute(db);
  return rows.rows.map((r) => r.code).sort((a, b) => a - b);
}
