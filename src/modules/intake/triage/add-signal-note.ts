import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { actorOf, requireText, withTriageAccess, type Triager } from './access.ts';

export const MAX_NOTE_LENGTH = 5000;

/** An internal note on a signal, for colleagues; never shown to the sender. */
export async function addSignalNote(db: Db, { signalId, staff, body }: { signalId: string; staff: Triager; body: string }): Promise<void> {
  const text = requireText(body, 'note', 'anteckningen', MAX_NOTE_LENGTH);
  await withTriageAccess(db, staff, signalId, async (trx) => {
    const note = await trx.insertInto('signal_note').values({ signal_id: signalId, author: staff.subject, body: text }).returning('id').executeTakeFirstOrThrow();
    // The note's text stays out of the audit log: it may hold personal data.
    await recordAudit(trx, { actor: actorOf(staff), action: 'signal.note.add', entityType: 'signal', entityId: signalId, details: { noteId: note.id } });
  });
}
