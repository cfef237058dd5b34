// Sending a request to the case's provider (begäran om yttrande or komplettering) with a reply date: the
// request is registered as an outgoing document, the case moves into investigation, and the provider gets an
// e-mail saying that something waits in the portal — all in one transaction with the audit row.
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { CaseViewer } from '../access.ts';
import { registerDocument, secrecyReferenceForForm } from '../register-document.ts';
import { staffActor, withCaseAccess } from './case-work.ts';
import { readText } from './form.ts';
import { queueProviderNotice } from './provider-mail.ts';
import { isCalendarDate } from '../../../platform/dates.ts';

export interface RequestInput {
  subject: string;
  body: string;
  replyBy: string;
  /** Marked secret (the text holds details about individuals); public otherwise. */
  secret: boolean;
}

export const REQUEST_SUBJECT_MAX = 250;
/** How far ahead a reply date may be set. */
const MAX_REPLY_DAYS = 366;

export function checkRequestInput(input: RequestInput, today: string): { errors: FieldError[]; subject: string; body: string } {
  const errors: FieldError[] = [];
  const subject = readText(errors, 'subject', input.subject.replace(/[\r\n\t]+/g, ' '), { what: 'vad begäran gäller', label: 'Rubriken', max: REQUEST_SUBJECT_MAX, isPublic: true });
  const body = readText(errors, 'body', input.body, { what: 'vad verksamheten ska svara på', label: 'Texten', max: 20_000 });
  const replyBy = input.replyBy.trim();
  if (!replyBy) errors.push({ field: 'replyBy', message: 'Skriv senaste dag för svar' });
  else if (!isCalendarDate(replyBy)) errors.push({ field: 'replyBy', message: 'Skriv senaste dag för svar som ÅÅÅÅ-MM-DD, till exempel 2026-12-15' });
  else if (replyBy < today) errors.push({ field: 'replyBy', message: 'Senaste dag för svar kan inte ha passerat' });
  else if (Date.parse(replyBy) - Date.parse(today) > MAX_REPLY_DAYS * 86_400_000) errors.push({ field: 'replyBy', message: 'Senaste dag för svar får vara högst ett år fram' });
  return { errors, subject, body };
}

export interface SentRequest {
  id: number;
  documentNumber: number;
  /** Whether an e-mail notice was queued (the provider has an e-mail address in the register). */
  emailed: boolean;
}

export async function sendRequest(
  db: Db,
  options: { caseId: number; staff: CaseViewer & { name: string }; input: RequestInput; today: string; publicUrl?: string },
): Promise<SentRequest> {
  const { caseId, staff, input, today } = options;
  const checked = checkRequestInput(input, today);
  if (checked.errors.length > 0) throw AppError.validation(checked.errors);
  return withCaseAccess(db, staff, caseId, ['canWork'], 'send request', async (trx) => {
    const target = await trx
      .selectFrom('case_file as c')
      .leftJoin('provider as p', 'p.id', 'c.provider_id')
      .leftJoin('unit as u', 'u.id', 'c.unit_id')
      .select(['c.status', 'c.provider_id', 'p.name as provider_name', 'p.email as provider_email', 'u.form'])
      .where('c.id', '=', caseId)
      .forUpdate('c')
      .executeTakeFirstOrThrow();
    if (!target.provider_id || !target.provider_name) {
      throw AppError.validation([{ field: 'subject', message: 'Ärendet är inte kopplat till någon vårdgivare eller huvudman, så det finns ingen att skicka begäran till' }]);
    }
    if (target.status === 'closed') throw AppError.validation([{ field: 'subject', message: 'Ärendet är avslutat: det går inte att skicka en begäran' }]);

    const document = await registerDocument(trx, {
      caseId,
      direction: 'outgoing',
      documentDate: today,
      counterpart: target.provider_name,
      subject: `Begäran: ${checked.subject}`,
      secrecy: input.secret ? 'secret' : 'public',
      secrecyReference: input.secret ? secrecyReferenceForForm(target.form) : null,
      kind: 'request',
      registeredBy: staff.subject,
    });
    const request = await trx
      .insertInto('case_request')
      .values({
        case_id: caseId,
        provider_id: target.provider_id,
        subject: checked.subject,
        body: checked.body,
        reply_by: input.replyBy.trim(),
        status: 'open',
        sent_by: staff.subject,
        sent_by_name: staff.name,
        outgoing_document_id: document.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (target.status === 'open') await trx.updateTable('case_file').set({ status: 'investigation' }).where('id', '=', caseId).execute();
    const email = target.provider_email?.trim();
    if (email) await queueProviderNotice(trx, email, 'request', options.publicUrl);
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'case.request_send',
      entityType: 'case',
      entityId: String(caseId),
      details: { requestId: request.id, documentNumber: document.documentNumber, replyBy: input.replyBy.trim(), secret: input.secret, emailed: !!email },
    });
    return { id: request.id, documentNumber: document.documentNumber, emailed: !!email };
  });
}
