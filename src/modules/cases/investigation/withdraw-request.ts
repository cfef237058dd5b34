// Withdrawing an open request: the provider no longer has to answer it, and cannot. The portal keeps showing
// it as withdrawn (when, from withdrawn_at), and the provider is told by e-mail which request of which case
// needs no answer — the notice queued in the same transaction as the withdrawal and its audit row.
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import type { CaseViewer } from '../access.ts';
import { staffActor, withCaseAccess } from './case-work.ts';
import { queueWithdrawalNotice } from './provider-mail.ts';
import { registerDocument } from '../register-document.ts';
import { swedishToday } from '../../../platform/dates.ts';
import { formatSwedishDate } from '../../../platform/dates.ts';

export interface WithdrawnResult {
  /** Whether an e-mail notice was queued (the provider has an e-mail address in the register). */
  emailed: boolean;
}

export async function withdrawRequest(
  db: Db,
  options: { caseId: number; requestId: number; staff: CaseViewer & { name: string }; publicUrl?: string },
): Promise<WithdrawnResult> {
  const { caseId, requestId, staff } = options;
  return withCaseAccess(db, staff, caseId, ['canWork'], 'withdraw request', async (trx) => {
    const request = await trx
      .selectFrom('case_request as r')
      .innerJoin('case_file as c', 'c.id', 'r.case_id')
      .innerJoin('provider as p', 'p.id', 'r.provider_id')
      .leftJoin('case_document as d', 'd.id', 'r.outgoing_document_id')
      .select(['r.id', 'r.status', 'r.subject', 'r.sent_at', 'r.reply_by', 'c.diarienummer', 'p.name as provider_name', 'p.email as provider_email', 'd.document_number'])
      .where('r.id', '=', requestId)
      .where('r.case_id', '=', caseId)
      .forUpdate('r')
      .executeTakeFirst();
    if (!request) throw AppError.notFound(`request ${requestId} in case ${caseId}`);
    if (request.status !== 'open') {
      throw AppError.validation([{ field: `begaran-${requestId}`, message: request.status === 'answered' ? 'Begäran är redan besvarad och kan inte återkallas' : 'Begäran är redan återkallad' }]);
    }
    await trx
      .updateTable('case_request')
      .set({ status: 'withdrawn', withdrawn_at: new Date(), withdrawn_by: staff.subject, withdrawn_by_name: staff.name })
      .where('id', '=', requestId)
      .execute();
    // The withdrawal is a letter to the provider like the request was: registered in the case as outgoing.
    const ref = request.document_number !== null ? ` (aktbilaga ${request.document_number})` : '';
    const notice = await registerDocument(trx, {
      caseId,
      direction: 'outgoing',
      documentDate: swedishToday(),
      counterpart: request.provider_name,
      subject: `Återkallelse av begäran${ref}: ${request.subject}`.slice(0, 300),
      secrecy: 'public',
      kind: 'other',
      registeredBy: staffActor(staff),
    });
    const email = request.provider_email?.trim();
    if (email) {
      await queueWithdrawalNotice(
        trx,
        email,
        { caseId, diarienummer: request.diarienummer, subject: request.subject, sentOn: formatSwedishDate(request.sent_at), replyBy: request.reply_by, documentNumber: request.document_number },
        options.publicUrl,
      );
    }
    await recordAudit(trx, { actor: staffActor(staff), action: 'case.request_withdraw', entityType: 'case', entityId: String(caseId), details: { requestId, emailed: !!email, documentNumber: notice.documentNumber } });
    return { emailed: !!email };
  });
}
