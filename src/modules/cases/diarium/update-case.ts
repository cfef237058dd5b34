// The case's own progress: internal notes, the deadline, and its status (opening an investigation, closing
// with a reason, reopening). Decisions move a case to decided and follow-up (see ../decisions).
import { sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { CaseStatus } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import type { CaseViewer } from '../access.ts';
import { actorOf, isCaseDate, withCaseAccess } from './case-access.ts';

export const MAX_NOTE_LENGTH = 10_000;
export const MAX_REASON_LENGTH = 2_000;

type Staff = CaseViewer & { name: string };

function requireText(value: string, field: string, missing: string, maxLength: number): string {
  const text = value.replace(/\r\n/g, '\n').trim();
  if (!text) throw AppError.validation([{ field, message: missing }]);
  if (text.length > maxLength) throw AppError.validation([{ field, message: `Texten får vara högst ${maxLength.toLocaleString('sv-SE')} tecken (nu ${text.length.toLocaleString('sv-SE')})` }]);
  return text;
}

/** An internal note: for staff who may read the case, never public, never shown to the provider. */
export async function addCaseNote(db: Db, { staff, caseId, body }: { staff: Staff; caseId: number; body: string }): Promise<void> {
  await withCaseAccess(db, staff, caseId, ['canWork'], 'add note', async (trx) => {
    const text = requireText(body, 'note', 'Skriv anteckningen', MAX_NOTE_LENGTH);
    const note = await trx.insertInto('case_note').values({ case_id: caseId, author: staff.subject, author_name: staff.name, body: text }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: actorOf(staff), action: 'case.note', entityType: 'case', entityId: String(caseId), details: { note: note.id } });
  });
}

/** Sets the case's deadline, or removes it (an empty value). */
export async function setCaseDueDate(db: Db, { staff, caseId, dueOn }: { staff: Staff; caseId: number; dueOn: string }): Promise<void> {
  await withCaseAccess(db, staff, caseId, ['canWork'], 'set due date', async (trx) => {
    const value = dueOn.trim();
    if (value && !isCaseDate(value)) throw AppError.validation([{ field: 'dueOn', message: 'Skriv tidsfristen som ett datum, ÅÅÅÅ-MM-DD, till exempel 2026-03-31' }]);
    const before = await trx.selectFrom('case_file').select('due_on').where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
    await trx.updateTable('case_file').set({ due_on: value || null }).where('id', '=', caseId).execute();
    await recordAudit(trx, { actor: actorOf(staff), action: 'case.due', entityType: 'case', entityId: String(caseId), details: { from: before.due_on, to: value || null } });
  });
}

/** Where a case can go from each status on the overview; a reason is asked for closing and reopening. */
export const NEXT_STATUSES: Record<CaseStatus, CaseStatus[]> = {
  open: ['investigation', 'closed'],
  investigation: ['open', 'closed'],
  decided: ['closed'],
  follow_up: ['closed'],
  closed: ['investigation'],
};
export const needsReason = (from: CaseStatus, to: CaseStatus) => to === 'closed' || from === 'closed';

export async function changeCaseStatus(db: Db, { staff, caseId, status, reason }: { staff: Staff; caseId: number; status: string; reason: string }): Promise<void> {
  await withCaseAccess(db, staff, caseId, ['canWork'], 'change status', async (trx) => {
    const before = await trx.selectFrom('case_file').select('status').where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
    const next = NEXT_STATUSES[before.status].find((s) => s === status);
    if (!next) throw AppError.validation([{ field: 'status', message: 'Välj en av de statusar som ärendet kan gå vidare till' }]);
    const why = needsReason(before.status, next) ? requireText(reason, 'reason', next === 'closed' ? 'Skriv varför ärendet avslutas' : 'Skriv varför ärendet öppnas igen', MAX_REASON_LENGTH) : null;
    const change = { status: next, by: staff.subject, byName: staff.name, at: new Date().toISOString(), reason: why };
    await trx
      .updateTable('case_file')
      .set({
        status: next,
        closed_at: next === 'closed' ? new Date() : null,
        extra: sql`jsonb_set(extra, '{statusChanges}', coalesce(extra->'statusChanges', '[]'::jsonb) || ${JSON.stringify([change])}::jsonb)`,
      })
      .where('id', '=', caseId)
      .execute();
    await recordAudit(trx, { actor: actorOf(staff), action: 'case.status', entityType: 'case', entityId: String(caseId), reason: why, details: { from: before.status, to: next } });
  });
}
