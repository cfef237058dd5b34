import type { Db } from '../db/database.ts';
import { GENESIS_HASH, hashAuditRow } from './record-audit.ts';

export type AuditVerification = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; problem: string };

/** Walks the whole chain in id order; the first row whose content or link does not match is named. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
  let previousHash = GENESIS_HASH;
  let afterId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(batchSize).execute();
    if (batch.length === 0) return { ok: true, rows };
    for (const row of batch) {
      if (row.prev_hash !== previousHash) {
        return { ok: false, rows, brokenAt: row.id, problem: 'its link to the previous row does not match (a row was removed or reordered)' };
      }
      if (hashAuditRow(row) !== row.hash) {
        return { ok: false, rows, brokenAt: row.id, problem: 'its content does not match its hash (the row was edited)' };
      }
      previousHash = row.hash;
      afterId = row.id;
      rows += 1;
    }
  }
}
