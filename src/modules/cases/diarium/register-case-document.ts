// Registering a document in a case's diarium from the staff form (with its first file, if any), adding a new
// version of a document's file, and reading a version back. Secret and partly secret documents: their files
// only for the case team, every read of one audited.
import type { Transaction } from 'kysely';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database, DocumentDirection, DocumentSecrecy } from '../../../platform/db/schema.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { CaseViewer } from '../access.ts';
import { addDocumentVersion, checkDocumentInput, registerDocument } from '../register-document.ts';
import { actorOf, isCaseDate, withCaseAccess } from './case-access.ts';
import type { CheckedDocumentFile } from './document-files.ts';
import { findDocumentVersion } from './repository.ts';

export const DOCUMENT_FIELDS = ['direction', 'documentDate', 'counterpart', 'subject', 'secrecy', 'secrecyReference'] as const;
export type DocumentForm = Record<(typeof DOCUMENT_FIELDS)[number], string>;

export const EMPTY_DOCUMENT_FORM: DocumentForm = { direction: '', documentDate: '', counterpart: '', subject: '', secrecy: 'public', secrecyReference: '' };

/** The form's problems, field by field (the file is checked by the caller, which reads it). */
export function checkDocumentForm(form: DocumentForm): FieldError[] {
  const errors = checkDocumentInput({
    direction: form.direction as DocumentDirection,
    documentDate: form.documentDate.trim(),
    counterpart: form.counterpart,
    subject: form.subject,
    secrecy: form.secrecy as DocumentSecrecy,
    secrecyReference: form.secrecyReference,
  }).filter((e) => e.field !== 'documentDate');
  if (!isCaseDate(form.documentDate.trim())) errors.push({ field: 'documentDate', message: 'Skriv handlingens datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-31' });
  if (form.secrecyReference.trim().length > 100) errors.push({ field: 'secrecyReference', message: 'Lagrummet får vara högst 100 tecken' });
  const order = DOCUMENT_FIELDS as readonly string[];
  return errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** Registers a document (the next number of the case) and its first file version, with the audit row. */
export async function registerCaseDocument(
  db: Db,
  { staff, caseId, form, file }: { staff: CaseViewer; caseId: number; form: DocumentForm; file?: CheckedDocumentFile },
): Promise<{ id: number; documentNumber: number }> {
  return withCaseAccess(db, staff, caseId, ['canWork', 'canRegister'], 'register document', async (trx) => {
    const errors = checkDocumentForm(form);
    if (errors.length > 0) throw AppError.validation(errors, 'document');
    const registered = await registerDocument(trx, {
      caseId,
      direction: form.direction as DocumentDirection,
      documentDate: form.documentDate.trim(),
      counterpart: form.counterpart,
      subject: form.subject,
      secrecy: form.secrecy as DocumentSecrecy,
      secrecyReference: form.secrecyReference,
      kind: 'other',
      registeredBy: staff.subject,
      file: file ? { filename: file.filename, mediaType: file.mediaType, content: file.content } : undefined,
    });
    await recordAudit(trx, {
      actor: actorOf(staff), action: 'case.document_register', entityType: 'case', entityId: String(caseId),
      details: { document: registered.id, number: registered.documentNumber, secrecy: form.secrecy, file: file ? file.mediaType : null },
    });
    return registered;
  });
}

/** The document of the case, locked; 404 when it is not this case's, or secret and the person is not in the team. */
async function requireDocument(trx: Transaction<Database>, caseId: number, documentId: number, seesSecret: boolean, lock: boolean) {
  const query = trx.selectFrom('case_document').select(['id', 'document_number', 'secrecy']).where('id', '=', documentId).where('case_id', '=', caseId);
  const document = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (!document) throw AppError.notFound(`document ${documentId} of case ${caseId}`);
  if (document.secrecy !== 'public' && !seesSecret) throw AppError.notFound(`secret document ${documentId} of case ${caseId} (not in the case team)`);
  return document;
}

/** Adds the next version of a document's file. */
export async function addCaseDocumentVersion(
  db: Db,
  { staff, caseId, documentId, file }: { staff: CaseViewer; caseId: number; documentId: number; file: CheckedDocumentFile },
): Promise<number> {
  return withCaseAccess(db, staff, caseId, ['canWork', 'canRegister'], 'add document version', async (trx, access) => {
    const document = await requireDocument(trx, caseId, documentId, access.seesSecret, true);
    const version = await addDocumentVersion(trx, { documentId: document.id, filename: file.filename, mediaType: file.mediaType, content: file.content, uploadedBy: staff.subject });
    await recordAudit(trx, {
      actor: actorOf(staff), action: 'case.document_version', entityType: 'case', entityId: String(caseId),
      details: { document: document.id, number: document.document_number, version, file: file.mediaType },
    });
    return version;
  });
}

/** A version's file for download; the read is audited in the same transaction. */
export async function readCaseDocumentVersion(db: Db, { staff, caseId, documentId, version }: { staff: CaseViewer; caseId: number; documentId: number; version: number }) {
  return withCaseAccess(db, staff, caseId, ['canRead'], 'read document version', async (trx, access) => {
    const document = await requireDocument(trx, caseId, documentId, access.seesSecret, false);
    const file = await findDocumentVersion(trx, document.id, version);
    if (!file) throw AppError.notFound(`version ${version} of document ${documentId}`);
    await recordAudit(trx, {
      actor: actorOf(staff), action: 'case.read', entityType: 'case', entityId: String(caseId),
      details: { what: 'document file', document: document.id, number: document.document_number, version, secrecy: document.secrecy },
    });
    return file;
  });
}
