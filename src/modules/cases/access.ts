// Who may do what with a case. Cases belong to a department (the unit's län); staff reach them through the
// policy table's case permissions in that department, and secret documents only through the case team.
// Anyone without access gets 404: an outsider cannot tell a forbidden case from a missing one.
import type { Transaction } from 'kysely';
import { canInDepartment, hasPermission, type StaffUser } from '../../platform/auth/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';

export type CaseViewer = Pick<StaffUser, 'subject' | 'roles' | 'department'>;
type Queryable = Db | Transaction<Database>;

export interface CaseAccess {
  caseId: number;
  departmentCode: string | null;
  canRead: boolean;
  /** Investigate: documents, notes, requests, inspections, follow-up. */
  canWork: boolean;
  /** Register documents in the diarium. */
  canRegister: boolean;
  canDecide: boolean;
  /** A member of the case team (responsible officer, members, the assigned decision maker). */
  inTeam: boolean;
  /** Secret documents and their details: the case team only. */
  seesSecret: boolean;
}

export function accessFor(staff: CaseViewer, departmentCode: string | null, inTeam: boolean, caseId: number): CaseAccess {
  const canRead = canInDepartment(staff, 'case.read', departmentCode);
  return {
    caseId,
    departmentCode,
    canRead,
    canWork: canRead && canInDepartment(staff, 'case.work', departmentCode),
    canRegister: canRead && hasPermission(staff, 'case.register'),
    canDecide: canRead && canInDepartment(staff, 'case.decide', departmentCode),
    inTeam: canRead && inTeam,
    seesSecret: canRead && inTeam,
  };
}

/** The person's access to a case; 404 when they may not read it (or it does not exist). */
export async function requireCaseAccess(db: Queryable, staff: CaseViewer, caseId: number): Promise<CaseAccess> {
  if (!Number.isSafeInteger(caseId) || caseId <= 0) throw AppError.notFound(`case ${caseId}`);
  const row = await db
    .selectFrom('case_file')
    .select(['id', 'department_code'])
    .select((eb) =>
      eb.exists(eb.selectFrom('case_member').select('subject').whereRef('case_member.case_id', '=', 'case_file.id').where('case_member.subject', '=', staff.subject)).as('in_team'),
    )
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw AppError.notFound(`case ${caseId}`);
  const access = accessFor(staff, row.department_code, Boolean(row.in_team), row.id);
  if (!access.canRead) throw AppError.notFound(`case ${caseId} (no case.read for department ${row.department_code})`);
  return access;
}

/** Throws 404 unless the access allows the action (the case exists for them, but the action is not theirs). */
export function assertCase(access: CaseAccess, need: 'canWork' | 'canRegister' | 'canDecide' | 'seesSecret', what: string): void {
  if (!access[need]) throw AppError.notFound(`${what} on case ${access.caseId} (${need} missing)`);
}

/** Parses a case id from a route parameter; anything else is 404. */
export function caseIdOf(raw: string): number {
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw AppError.notFound(`case ${raw}`);
  return Number(raw);
}

/** Logs a read of a case's personal data (complainant, interviews, secret documents): who, which case, what. */
export async function auditCaseRead(db: Queryable, staff: CaseViewer, caseId: number, what: string): Promise<void> {
  await recordAudit(db, { actor: `staff:${staff.subject}`, action: 'case.read', entityType: 'case', entityId: String(caseId), details: { what } });
}
