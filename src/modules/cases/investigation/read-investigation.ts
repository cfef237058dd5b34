// Reading a case's requests and inspections as a member of staff. What is secret — a secret request's text,
// the provider's answers, interviews — is given only to the case team, and each time it is, the read is
// written to the audit log in the same transaction.
import type { Db } from '../../../platform/db/database.ts';
import { auditCaseRead, type CaseAccess, type CaseViewer } from '../access.ts';
import { countInterviews, findAnswerFiles, findCaseRequests, findFindings, findInspection, findInterviews, type AnswerFile, type CaseRequestRow, type InterviewRow } from './repository.ts';

export type StaffRequestView = CaseRequestRow & {
  /** The request's text is secret and the reader is not in the case team: not given. */
  bodyHidden: boolean;
  /** The answer exists but the reader is not in the case team: not given. */
  answerHidden: boolean;
  /**
   * The answer document's files (its attachment and any later versions); null when the document is secret and
   * the reader is outside the case team, who then learn nothing about them (as in the diarium).
   */
  answerFiles: AnswerFile[] | null;
};

export async function readCaseRequests(db: Db, options: { access: CaseAccess; staff: CaseViewer }): Promise<StaffRequestView[]> {
  const { access, staff } = options;
  return db.transaction().execute(async (trx) => {
    const rows = await findCaseRequests(trx, access.caseId);
    const files = await findAnswerFiles(trx, rows.flatMap((r) => (r.answer_document_id !== null ? [r.answer_document_id] : [])));
    const views = rows.map((r) => {
      const bodyHidden = r.request_secrecy !== null && r.request_secrecy !== 'public' && !access.seesSecret;
      const answerHidden = r.answer !== null && !access.seesSecret;
      // The same rule as the document download: a secret document's files are for the case team only.
      const filesVisible = r.answer_secrecy === 'public' || access.seesSecret;
      const answerFiles = filesVisible ? files.filter((f) => f.document_id === r.answer_document_id) : null;
      return { ...r, body: bodyHidden ? '' : r.body, answer: answerHidden ? null : r.answer, bodyHidden, answerHidden, answerFiles };
    });
    const secretShown = views.filter(
      (v) =>
        (v.answer !== null && !v.answerHidden) ||
        (v.request_secrecy !== 'public' && v.request_secrecy !== null && !v.bodyHidden) ||
        (v.answerFiles !== null && v.answerFiles.length > 0 && v.answer_secrecy !== 'public'),
    );
    if (secretShown.length > 0) {
      await auditCaseRead(trx, staff, access.caseId, `request answers and secret requests (${secretShown.map((v) => v.id).join(', ')})`);
    }
    return views;
  });
}

export interface InspectionView {
  inspection: Awaited<ReturnType<typeof findInspection>>;
  findings: Awaited<ReturnType<typeof findFindings>>;
  /** The interviews, for the case team only (null for anyone else). */
  interviews: InterviewRow[] | null;
  interviewCount: number;
}

export async function readInspection(db: Db, options: { access: CaseAccess; staff: CaseViewer; inspectionId: number }): Promise<InspectionView> {
  const { access, staff, inspectionId } = options;
  return db.transaction().execute(async (trx) => {
    const inspection = await findInspection(trx, access.caseId, inspectionId);
    const findings = await findFindings(trx, inspectionId);
    const interviewCount = await countInterviews(trx, inspectionId);
    let interviews: InterviewRow[] | null = null;
    if (access.seesSecret) {
      interviews = await findInterviews(trx, inspectionId);
      if (interviews.length > 0) await auditCaseRead(trx, staff, access.caseId, `inspection ${inspectionId} interviews (${interviews.map((i) => i.id).join(', ')})`);
    }
    return { inspection, findings, interviews, interviewCount };
  });
}
