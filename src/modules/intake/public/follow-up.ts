import type { Transaction } from 'kysely';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { hashReceiptCode } from './receipt-code.ts';

// Two-way messages with an anonymous sender through their receipt code. The sender sees when they sent the
// tip and the messages — never the tip's handling or outcome (seed 004: no feedback on what a tip led to).

export interface ThreadMessage {
  direction: 'to_sender' | 'from_sender';
  body: string;
  createdAt: Date;
}

export interface ReceiptThread {
  signalId: string;
  channel: string;
  receivedAt: Date;
  messages: ThreadMessage[];
}

/**
 * The thread of the tip a code belongs to, or undefined for a wrong code. One query by the code's hash either
 * way: a wrong code costs the same as a right one, and no comparison of secrets happens in our code.
 */
async function findThread(db: Db | Transaction<Database>, code: string): Promise<ReceiptThread | undefined> {
  const rows = await db
    .selectFrom('signal_receipt')
    .innerJoin('signal', 'signal.id', 'signal_receipt.signal_id')
    .leftJoin('signal_message', 'signal_message.signal_id', 'signal_receipt.signal_id')
    .select(['signal.id', 'signal.channel', 'signal.received_at', 'signal_message.direction', 'signal_message.body', 'signal_message.created_at'])
    .where('signal_receipt.code_hash', '=', hashReceiptCode(code))
    .orderBy('signal_message.id')
    .execute();
  if (rows.length === 0) return undefined;
  return {
    signalId: rows[0].id,
    channel: rows[0].channel,
    receivedAt: rows[0].received_at,
    messages: rows
      .filter((r) => r.direction !== null && r.body !== null && r.created_at !== null)
      .map((r) => ({ direction: r.direction!, body: r.body!, createdAt: r.created_at! })),
  };
}

export function findReceiptThread(db: Db, code: string): Promise<ReceiptThread | undefined> {
  return findThread(db, code);
}

/** Adds the sender's answer (or new information) to the thread; undefined for a wrong code, nothing stored. */
export async function answerReceiptThread(db: Db, code: string, body: string): Promise<ReceiptThread | undefined> {
  return db.transaction().execute(async (trx) => {
    const thread = await findThread(trx, code);
    if (!thread) return undefined;
    await trx.insertInto('signal_message').values({ signal_id: thread.signalId, direction: 'from_sender', author: null, body }).execute();
    await recordAudit(trx, { actor: 'anonymous', action: 'signal.message.from_sender', entityType: 'signal', entityId: thread.signalId, details: { channel: thread.channel } });
    return findThread(trx, code);
  });
}
