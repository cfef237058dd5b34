import type { Db } from '../../../platform/db/database.ts';
import type { UnitHint } from '../match-unit.ts';
import { receiveSignal, type ReceivedSignal, type SignalClassifier } from '../receive-signal.ts';
import type { CheckedAttachment } from './attachments.ts';
import { hashReceiptCode, newReceiptCode } from './receipt-code.ts';

export interface TipContact {
  name?: string;
  email?: string;
  phone?: string;
}

export interface TipSubmission {
  channel: 'tip' | 'child_line';
  text: string;
  /** A unit the sender picked from the register. */
  unitId?: string;
  /** What the sender wrote about the unit when they did not find it. */
  unitHint?: UnitHint;
  occurredOn?: string;
  /** Only when the sender chose to leave contact details; otherwise the tip is anonymous. */
  contact?: TipContact;
  attachments: CheckedAttachment[];
}

export interface SubmittedTip {
  signal: ReceivedSignal;
  /** Shown to the sender once; only its hash is stored. */
  receiptCode: string;
}

/**
 * Stores a tip from the public or from a child: the signal (routed, matched, classified, audited), its
 * attachments and the hash of its receipt code, in one transaction — all of it or nothing. Nothing about the
 * sender is stored beyond the contact details they chose to give.
 */
export async function submitTip(db: Db, submission: TipSubmission, deps: { classifier: SignalClassifier; publicUrl: string }): Promise<SubmittedTip> {
  const contact = submission.contact && Object.values(submission.contact).some(Boolean) ? submission.contact : undefined;
  const receiptCode = newReceiptCode();
  const signal = await db.transaction().execute(async (trx) => {
    const received = await receiveSignal(
      trx,
      {
        channel: submission.channel,
        text: submission.text,
        unitId: submission.unitId,
        unitHint: submission.unitId ? undefined : submission.unitHint,
        occurredOn: submission.occurredOn,
        submitterKind: contact ? 'identified' : 'anonymous',
        contact: contact ? { ...contact } : undefined,
        extra: { attachments: submission.attachments.length },
      },
      { classifier: deps.classifier, actor: contact ? 'public' : 'anonymous', publicUrl: deps.publicUrl },
    );
    if (submission.attachments.length > 0) {
      await trx
        .insertInto('signal_attachment')
        .values(
          submission.attachments.map((a) => ({
            signal_id: received.id,
            file_name: a.fileName,
            media_type: a.mediaType,
            size_bytes: a.content.length,
            sha256: a.sha256,
            content: a.content,
          })),
        )
        .execute();
    }
    await trx.insertInto('signal_receipt').values({ code_hash: hashReceiptCode(receiptCode), signal_id: received.id }).execute();
    return received;
  });
  return { signal, receiptCode };
}
