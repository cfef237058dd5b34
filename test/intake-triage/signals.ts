import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { receiveSignal, type IncomingSignal, type SignalClassifier, type Urgency } from '../../src/modules/intake/index.ts';
import type { Db } from '../../src/platform/db/database.ts';

/** A classifier with a fixed answer, so tests decide urgency and risk areas. */
export const fixedClassifier = (urgency: Urgency, riskAreas: string[] = ['safety_abuse']): SignalClassifier => ({
  classify: () => ({ riskAreas: riskAreas.map((code) => ({ code, score: 0.8 })), urgency, explanation: `Orden ”slår” och ”barnen” talar för ${riskAreas.join(', ')}.` }),
});

/** Receives a signal through the real intake path, as a tipster would send it. */
export async function receiveTestSignal(
  db: Db,
  incoming: Partial<IncomingSignal> & { text?: string },
  answer: { urgency?: Urgency; riskAreas?: string[] } = {},
) {
  return db.transaction().execute((trx) =>
    receiveSignal(
      trx,
      { channel: 'tip', text: 'Personalen slår barnen på boendet.', submitterKind: 'anonymous', ...incoming },
      { classifier: fixedClassifier(answer.urgency ?? 'normal', answer.riskAreas), actor: 'anonymous', publicUrl: 'http://vaka.test' },
    ),
  );
}

/** Gives a signal a receipt, as the public tip form does (only the code's hash is stored). */
export async function giveReceipt(db: Db, signalId: string): Promise<string> {
  const code = randomBytes(16).toString('base64url');
  await db.insertInto('signal_receipt').values({ code_hash: createHash('sha256').update(code).digest('hex'), signal_id: signalId }).execute();
  return code;
}

export async function countRows(db: Db, table: 'audit_log' | 'signal' | 'signal_note' | 'signal_message' | 'classifier_correction' | 'outbox_email' | 'idempotency_record') {
  return Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

export async function auditRowsAfter(db: Db, afterId: number) {
  return db.selectFrom('audit_log').select(['id', 'actor', 'action', 'entity_id', 'reason', 'details']).where('id', '>', afterId).orderBy('id').execute();
}

export async function lastAuditId(db: Db): Promise<number> {
  return (await db.selectFrom('audit_log').select(sql<number>`coalesce(max(id), 0)`.as('id')).executeTakeFirstOrThrow()).id;
}
