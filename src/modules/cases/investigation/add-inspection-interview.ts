// An interview held at an inspection: with whom (patient, user, relative, staff, management), a summary,
// and — for patients, users and relatives — what matters to them, in their own words, kept apart so the
// assessment can give the patient's and user's perspective its own place. Interviews are personal data:
// only the case team records and reads them, and each one is registered as a secret drawn-up document.
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { CaseViewer } from '../access.ts';
import { registerDocument, secrecyReferenceForForm } from '../register-document.ts';
import { staffActor, withCaseAccess } from './case-work.ts';
import { readText } from './form.ts';
import { INTERVIEWEE_LABELS, INTERVIEWEES, PERSPECTIVE_INTERVIEWEES, type Interviewee } from './labels.ts';
import { lockInspection } from './repository.ts';

export interface InterviewInput {
  interviewee: string;
  summary: string;
  userPerspective: string;
}

export function checkInterviewInput(input: InterviewInput) {
  const errors: FieldError[] = [];
  const interviewee = (INTERVIEWEES as readonly string[]).includes(input.interviewee) ? (input.interviewee as Interviewee) : null;
  if (!interviewee) errors.push({ field: 'interviewee', message: 'Välj vem ni intervjuade' });
  const summary = readText(errors, 'summary', input.summary, { what: 'en sammanfattning av intervjun', label: 'Sammanfattningen', max: 20_000 });
  const userPerspective = readText(errors, 'userPerspective', input.userPerspective, { what: '', label: 'Det som är viktigt för patienten eller brukaren', max: 10_000, optional: true });
  if (userPerspective && interviewee && !PERSPECTIVE_INTERVIEWEES.includes(interviewee)) {
    errors.push({ field: 'userPerspective', message: 'Vad som är viktigt för patienten eller brukaren skrivs vid intervjuer med patienter, brukare och närstående. Skriv personalens och ledningens svar i sammanfattningen' });
  }
  return { errors, interviewee, summary, userPerspective };
}

export async function addInspectionInterview(db: Db, options: { caseId: number; inspectionId: number; staff: CaseViewer; input: InterviewInput }): Promise<{ id: number }> {
  const { caseId, inspectionId, staff, input } = options;
  return withCaseAccess(db, staff, caseId, ['canWork', 'seesSecret'], 'add interview', async (trx) => {
    const inspection = await lockInspection(trx, caseId, inspectionId);
    const checked = checkInterviewInput(input);
    if (inspection.status !== 'performed') checked.errors.unshift({ field: 'interviewee', message: 'Registrera först att inspektionen är genomförd' });
    if (checked.errors.length > 0) throw AppError.validation(checked.errors);
    const created = await trx
      .insertInto('inspection_interview')
      .values({
        case_inspection_id: inspectionId,
        interviewee: checked.interviewee!,
        summary: checked.summary,
        user_perspective: checked.userPerspective || null,
        created_by: staff.subject,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const document = await registerDocument(trx, {
      caseId,
      direction: 'drawn_up',
      documentDate: inspection.performed_on!,
      counterpart: null,
      subject: `Anteckning från intervju (${INTERVIEWEE_LABELS[checked.interviewee!].toLocaleLowerCase('sv')}) vid inspektion ${inspection.performed_on}`,
      secrecy: 'secret',
      secrecyReference: secrecyReferenceForForm(inspection.unit_form),
      kind: 'interview',
      registeredBy: staff.subject,
    });
    // The audit row says that an interview was recorded, and with whom by role, never what was said.
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'case.inspection_interview',
      entityType: 'case',
      entityId: String(caseId),
      details: { inspectionId, interviewId: created.id, interviewee: checked.interviewee, documentNumber: document.documentNumber },
    });
    return { id: created.id };
  });
}
