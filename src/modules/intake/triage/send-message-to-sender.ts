import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, requireText, withTriageAccess, type Triager } from './access.ts';
import { hasReceipt } from './repository.ts';

export const MAX_MESSAGE_LENGTH = 5000;

/**
 * A question or message to the person who sent the signal, read by them when they come back with their
 * receipt code. Only a signal with a receipt can be answered this way: there is no other address.
 */
export async function sendMessageToSender(db: Db, { signalId, staff, body }: { signalId: string; staff: Triager; body: string }): Promise<void> {
  const text = requireText(body, 'message', 'meddelandet', MAX_MESSAGE_LENGTH);
  await withTriageAccess(db, staff, signalId, async (trx) => {
    if (!(await hasReceipt(trx, signalId))) {
      throw AppError.validation([{ field: 'message', message: 'Uppgiftslämnaren har ingen kvittokod, så det går inte att skicka meddelanden till hen här' }], `signal ${signalId} has no receipt`);
    }
    const message = await trx
      .insertInto('signal_message')
      .values({ signal_id: signalId, direction: 'to_sender', author: staff.subject, body: text })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: actorOf(staff), action: 'signal.message.send', entityType: 'signal', entityId: signalId, details: { messageId: message.id } });
  });
}
