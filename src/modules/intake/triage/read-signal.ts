import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, withTriageAccess, type Triager } from './access.ts';
import { findAttachments, findMessages, findNotes, findSignalDetail, hasReceipt } from './repository.ts';

export interface ReadSignalOptions {
  signalId: string;
  staff: Triager;
}

/**
 * A signal as the triage page shows it: the full text, contact details the sender gave, attachments,
 * notes and the messages with the sender. Reading a secret signal is a read of personal data: it writes
 * an audit row (reason "triage") in the same transaction as the read.
 */
export async function readSignalForTriage(db: Db, { signalId, staff }: ReadSignalOptions) {
  return withTriageAccess(db, staff, signalId, async (trx, access) => {
    const signal = await findSignalDetail(trx, signalId);
    if (!signal) throw AppError.notFound(`signal ${signalId}`);
    const attachments = await findAttachments(trx, signalId);
    const notes = await findNotes(trx, signalId);
    const messages = await findMessages(trx, signalId);
    const receipt = await hasReceipt(trx, signalId);
    if (signal.secrecy === 'secret') {
      const fields = ['text', ...(signal.contact ? ['contact'] : []), ...(messages.some((m) => m.direction === 'from_sender') ? ['messages'] : [])];
      await recordAudit(trx, { actor: actorOf(staff), action: 'signal.read', entityType: 'signal', entityId: signal.id, reason: 'triage', details: { fields } });
    }
    // The department the signal belongs to for access (the unit's, for history routed before triage existed).
    return { signal, attachments, notes, messages, hasReceipt: receipt, departmentCode: access.department_code };
  });
}
export type TriageSignal = Awaited<ReturnType<typeof readSignalForTriage>>;
