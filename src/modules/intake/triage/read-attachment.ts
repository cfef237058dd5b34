import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, withTriageAccess, type Triager } from './access.ts';
import { findAttachmentContent } from './repository.ts';

/** Downloads an attachment of a signal; like reading the text, every download is an audited read. */
export async function readSignalAttachment(db: Db, { signalId, attachmentId, staff }: { signalId: string; attachmentId: number; staff: Triager }) {
  return withTriageAccess(db, staff, signalId, async (trx) => {
    const attachment = await findAttachmentContent(trx, signalId, attachmentId);
    if (!attachment) throw AppError.notFound(`attachment ${attachmentId} of signal ${signalId}`);
    await recordAudit(trx, {
      actor: actorOf(staff),
      action: 'signal.attachment.read',
      entityType: 'signal',
      entityId: signalId,
      reason: 'triage',
      details: { attachmentId: attachment.id, sha256: attachment.sha256 },
    });
    return attachment;
  });
}
