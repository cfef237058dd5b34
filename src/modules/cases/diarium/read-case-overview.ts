// The case overview as staff see it: facts, team, linked signals, the documents as the diarium lists them,
// and the internal notes. Secret and partly secret documents' counterparts and files are shown to the case
// team only; when they are shown, the read is audited in the same transaction.
import type { Db } from '../../../platform/db/database.ts';
import { auditCaseRead, requireCaseAccess, type CaseViewer } from '../access.ts';
import { loadCaseHeader } from '../case-header.ts';
import { findCaseDocuments, findCaseExtra, findCaseMembers, findCaseNotes, findCaseSignals, type CaseDocument } from './repository.ts';

/** What someone outside the team sees of a secret document: the row, never its counterpart or its files. */
export function maskForOutsider(document: CaseDocument): CaseDocument {
  if (document.secrecy === 'public') return document;
  return { ...document, counterpart: null, versions: [] };
}

export async function readCaseOverview(db: Db, { staff, caseId }: { staff: CaseViewer; caseId: number }) {
  await requireCaseAccess(db, staff, caseId);
  return db.transaction().execute(async (trx) => {
    const access = await requireCaseAccess(trx, staff, caseId);
    const [header, members, signals, documents, notes, extra] = [
      await loadCaseHeader(trx, caseId),
      await findCaseMembers(trx, caseId),
      await findCaseSignals(trx, caseId),
      await findCaseDocuments(trx, [caseId]),
      await findCaseNotes(trx, caseId),
      await findCaseExtra(trx, caseId),
    ];
    const secretShown = access.seesSecret ? documents.filter((d) => d.secrecy !== 'public' && (d.counterpart || d.versions.length > 0)) : [];
    if (secretShown.length > 0) await auditCaseRead(trx, staff, caseId, `secret documents ${secretShown.map((d) => d.document_number).join(', ')}: counterpart and files`);
    const statusChanges = ((extra?.extra as { statusChanges?: unknown } | undefined)?.statusChanges ?? []) as { status: string; byName: string; at: string; reason: string | null }[];
    return {
      access,
      header,
      members,
      signals,
      documents: access.seesSecret ? documents : documents.map(maskForOutsider),
      notes,
      statusChanges: Array.isArray(statusChanges) ? statusChanges : [],
    };
  });
}
export type CaseOverview = Awaited<ReturnType<typeof readCaseOverview>>;

/** One document of the case with its versions, as the document page shows it. */
export async function readCaseDocument(db: Db, { staff, caseId, documentId }: { staff: CaseViewer; caseId: number; documentId: number }) {
  await requireCaseAccess(db, staff, caseId);
  return db.transaction().execute(async (trx) => {
    const access = await requireCaseAccess(trx, staff, caseId);
    const document = (await findCaseDocuments(trx, [caseId])).find((d) => d.id === documentId);
    if (!document) return null;
    if (document.secrecy !== 'public' && access.seesSecret && (document.counterpart || document.versions.length > 0)) {
      await auditCaseRead(trx, staff, caseId, `secret document ${document.document_number}: counterpart and files`);
    }
    return { access, header: await loadCaseHeader(trx, caseId), document: access.seesSecret ? document : maskForOutsider(document) };
  });
}
