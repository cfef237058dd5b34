import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);
// Any constant works; it serialises audit writers so the chain never forks.
const AUDIT_LOCK_KEY = 727_001;

export interface AuditEntry {
  /** Who: a staff subject, 'system', 'cli', or 'anonymous' — never an IP address. */
  actor: string;
  /** What was done, as a verb phrase: 'unit.read', 'unit.correct', 'register.import'. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Why: the reason given for a change, or the purpose of a read. */
  reason?: string | null;
  details?: Record<string, unknown>;
}

/** JSON with keys in sorted order, so the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface HashedFields {
  id: number;
  occurred_at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
}

export function hashAuditRow(row: HashedFields): string {
  const content = canonicalJson({
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    reason: row.reason,
    details: row.details,
    prevHash: row.prev_hash,
  });
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Appends one row to the audit log, chained to the previous one. Call it inside the transaction of the
 * change it records, so the change and its audit row commit or roll back together.
 */
export async function recordAudit(trx: Transaction<Database> | Kysely<Database>, entry: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const { id } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`.execute(trx).then((r) => r.rows[0]);
  const row: HashedFields = {
    id,
    occurred_at: new Date(),
    actor: entry.actor,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({ ...row, details: JSON.stringify(row.details), hash: hashAuditRow(row) })
    .execute();
}
