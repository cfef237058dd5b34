// A provider answers a request in the portal: the answer (and its attachment) is registered as an incoming
// document of the case, and the request is marked answered by whom and when. A request answered or withdrawn
// already is refused with a message that says so, and nothing changes.
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { CheckedAttachment, Representative } from '../../intake/index.ts';
import { registerDocument, secrecyReferenceForForm } from '../register-document.ts';
import { readText } from './form.ts';
import { requireProviderCase } from './provider-access.ts';

export const ANSWER_MAX = 20_000;

export function checkAnswer(raw: string): { errors: FieldError[]; answer: string } {
  const errors: FieldError[] = [];
  const answer = readText(errors, 'answer', raw, { what: 'ert svar', label: 'Svaret', max: ANSWER_MAX });
  return { errors, answer };
}

export const ALREADY_ANSWERED = 'Begäran är redan besvarad. Ert tidigare svar gäller och har inte ändrats. Vill ni komplettera, kontakta handläggaren.';
export const WITHDRAWN = 'IVO har återkallat begäran, så den behöver inte besvaras. Ingenting har sparats.';

export async function answerRequest(
  db: Db,
  options: { representative: Pick<Representative, 'subject' | 'name' | 'organisations'>; caseId: number; requestId: number; answer: string; attachment?: CheckedAttachment; today: string },
): Promise<{ documentNumber: number }> {
  const { representative, caseId, requestId, today } = options;
  // Someone else's case is "not found" before anything about the answer is judged.
  await requireProviderCase(db, representative, caseId);
  const checked = checkAnswer(options.answer);
  if (checked.errors.length > 0) throw AppError.validation(checked.errors);
  return db.transaction().execute(async (trx) => {
    const found = await requireProviderCase(trx, representative, caseId);
    const request = await trx
      .selectFrom('case_request')
      .select(['id', 'status', 'subject', 'provider_id'])
      .where('id', '=', requestId)
      .where('case_id', '=', caseId)
      .where('provider_id', 'in', representative.organisations)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw AppError.notFound(`request ${requestId} in case ${caseId} for ${representative.subject}`);
    if (request.status === 'answered') throw new AppError('conflict', `request ${requestId} already answered`, { userMessage: ALREADY_ANSWERED });
    if (request.status === 'withdrawn') throw new AppError('conflict', `request ${requestId} withdrawn`, { userMessage: WITHDRAWN });

    const provider = await trx.selectFrom('provider').select('name').where('id', '=', request.provider_id).executeTakeFirstOrThrow();
    const actor = `provider:${representative.subject}`;
    // What a provider writes about a case usually concerns patients or users: registered as secret until the
    // inspectorate has reviewed it (the diarium shows that it came in, and when).
    const document = await registerDocument(trx, {
      caseId,
      direction: 'incoming',
      documentDate: today,
      counterpart: provider.name,
      subject: `Svar på begäran: ${request.subject}`,
      secrecy: 'secret',
      secrecyReference: secrecyReferenceForForm(found.unit_form),
      kind: 'answer',
      registeredBy: actor,
      file: options.attachment ? { filename: options.attachment.fileName, mediaType: options.attachment.mediaType, content: options.attachment.content } : undefined,
    });
    await trx
      .updateTable('case_request')
      .set({
        status: 'answered',
        answer: checked.answer,
        answered_at: new Date(),
        answered_by: representative.subject,
        answered_by_name: representative.name,
        incoming_document_id: document.id,
      })
      .where('id', '=', requestId)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'case.request_answer',
      entityType: 'case',
      entityId: String(caseId),
      details: { requestId, documentNumber: document.documentNumber, attachment: options.attachment ? { mediaType: options.attachment.mediaType, size: options.attachment.content.length } : null },
    });
    return { documentNumber: document.documentNumber };
  });
}
