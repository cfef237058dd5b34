// Registering a document in a case: the next document number (aktbilaga) of the case, taken under the case
// row's lock so numbers stay gapless, and optionally its first file version.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, DocumentDirection, DocumentKind, DocumentSecrecy } from '../../platform/db/schema.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { isCalendarDate } from '../../platform/dates.ts';

/** Units whose supervision falls under social services (SoL, LSS): their secrecy is 26 kap. 1 § OSL. */
const SOCIAL_FORMS = new Set(['hvb', 'stodboende', 'sabo', 'hemtjanst', 'personlig_assistans', 'lss_bostad', 'lss_daglig', 'missbruk']);

/** The provision that protects individuals' personal circumstances in a case about a unit of this form. */
export function secrecyReferenceForForm(form: string | null | undefined): string {
  return form && SOCIAL_FORMS.has(form) ? '26 kap. 1 § OSL' : '25 kap. 1 § OSL';
}

export interface DocumentInput {
  caseId: number;
  direction: DocumentDirection;
  documentDate: string;
  counterpart?: string | null;
  subject: string;
  secrecy: DocumentSecrecy;
  secrecyReference?: string | null;
  kind?: DocumentKind;
  registeredBy: string;
  file?: { filename: string; mediaType: string; content: Uint8Array };
}

export function checkDocumentInput(input: Omit<DocumentInput, 'caseId' | 'registeredBy'>): FieldError[] {
  const errors: FieldError[] = [];
  if (!['incoming', 'outgoing', 'drawn_up'].includes(input.direction)) errors.push({ field: 'direction', message: 'Välj inkommande, utgående eller upprättad' });
  if (!isCalendarDate(input.documentDate)) {
    errors.push({ field: 'documentDate', message: 'Skriv datumet som ÅÅÅÅ-MM-DD' });
  }
  const subject = input.subject.trim();
  if (subject.length === 0) errors.push({ field: 'subject', message: 'Skriv vad handlingen gäller' });
  else if (subject.length > 300) errors.push({ field: 'subject', message: 'Beskrivningen får vara högst 300 tecken' });
  else if (/\b(19|20)?\d{6}[-+]?\d{4}\b/.test(subject)) errors.push({ field: 'subject', message: 'Beskrivningen är offentlig: skriv den utan personnummer' });
  if (!['public', 'partly_secret', 'secret'].includes(input.secrecy)) errors.push({ field: 'secrecy', message: 'Välj offentlig, delvis sekretess eller sekretess' });
  else if (input.secrecy !== 'public' && !input.secrecyReference?.trim()) errors.push({ field: 'secrecyReference', message: 'Ange lagrummet för sekretessen, till exempel 25 kap. 1 § OSL' });
  if ((input.counterpart ?? '').length > 300) errors.push({ field: 'counterpart', message: 'Avsändare eller mottagare får vara högst 300 tecken' });
  return errors;
}

/** Registers a document (and its first version when a file is given) in the caller's transaction. */
export async function registerDocument(trx: Transaction<Database>, input: DocumentInput): Promise<{ id: number; documentNumber: number }> {
  const errors = checkDocumentInput(input);
  if (errors.length > 0) throw AppError.validation(errors);
  const locked = await trx.selectFrom('case_file').select('id').where('id', '=', input.caseId).forUpdate().executeTakeFirst();
  if (!locked) throw AppError.notFound(`case ${input.caseId}`);
  const last = await trx.selectFrom('case_document').select((eb) => eb.fn.max('document_number').as('n')).where('case_id', '=', input.caseId).executeTakeFirst();
  const documentNumber = Number(last?.n ?? 0) + 1;
  const document = await trx
    .insertInto('case_document')
    .values({
      case_id: input.caseId,
      document_number: documentNumber,
      direction: input.direction,
      document_date: input.documentDate,
      counterpart: input.counterpart?.trim() || null,
      subject: input.subject.trim(),
      secrecy: input.secrecy,
      secrecy_reference: input.secrecy === 'public' ? null : input.secrecyReference!.trim(),
      registered_by: input.registeredBy,
      kind: input.kind ?? 'other',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.file) await addDocumentVersion(trx, { documentId: document.id, uploadedBy: input.registeredBy, ...input.file });
  return { id: document.id, documentNumber };
}

/** Adds the next version of a document's file. */
export async function addDocumentVersion(
  trx: Transaction<Database>,
  input: { documentId: number; filename: string; mediaType: string; content: Uint8Array; uploadedBy: string },
): Promise<number> {
  // The document row's lock makes concurrent uploads take version numbers in turn.
  const document = await trx.selectFrom('case_document').select('id').where('id', '=', input.documentId).forUpdate().executeTakeFirst();
  if (!document) throw AppError.notFound(`document ${input.documentId}`);
  const last = await trx.selectFrom('case_document_version').select((eb) => eb.fn.max('version').as('v')).where('document_id', '=', input.documentId).executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await trx
    .insertInto('case_document_version')
    .values({
      document_id: input.documentId,
      version,
      filename: input.filename.slice(0, 200),
      media_type: input.mediaType,
      size: input.content.byteLength,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      content: input.content,
      uploaded_by: input.uploadedBy,
    })
    .execute();
  return version;
}
