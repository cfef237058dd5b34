// The diarium's use of the case access check: every action runs in one transaction with the check, the change
// and its audit row; an outsider's request is refused before any transaction is opened.
import type { Transaction } from 'kysely';
import { findStaffWhoMay, type Permission, type Role, type StaffUser } from '../../../platform/auth/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import { requireCaseAccess, type CaseAccess, type CaseViewer } from '../access.ts';
import { isCalendarDate } from '../../../platform/dates.ts';

export type CaseNeed = 'canRead' | 'canWork' | 'canRegister' | 'canDecide' | 'seesSecret';
type Queryable = Db | Transaction<Database>;

/** Throws 404 unless the access has at least one of the needs. */
export function assertAnyOf(access: CaseAccess, needs: CaseNeed[], what: string): void {
  if (!needs.some((need) => access[need])) throw AppError.notFound(`${what} on case ${access.caseId} (needs ${needs.join(' or ')})`);
}

export async function withCaseAccess<T>(
  db: Db,
  staff: CaseViewer,
  caseId: number,
  needs: CaseNeed[],
  what: string,
  work: (trx: Transaction<Database>, access: CaseAccess) => Promise<T>,
): Promise<T> {
  assertAnyOf(await requireCaseAccess(db, staff, caseId), needs, what);
  return db.transaction().execute(async (trx) => {
    const access = await requireCaseAccess(trx, staff, caseId);
    assertAnyOf(access, needs, what);
    return work(trx, access);
  });
}

export const actorOf = (staff: Pick<StaffUser, 'subject'>) => `staff:${staff.subject}`;

export interface StaffPerson {
  subject: string;
  name: string;
  roles: Role[];
  department: string | null;
}

/** People Vaka knows who hold a permission for a department, by name (Swedish order). */
export function findStaffWith(db: Queryable, permission: Permission, departmentCode: string | null): Promise<StaffPerson[]> {
  return findStaffWhoMay(db, [permission], departmentCode);
}

/** A real calendar day (see isCalendarDate) in the years a case can concern, 1990–2100. */
export function isCaseDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return isCalendarDate(value) && year >= 1990 && year <= 2100;
}

/** Signal ids as people write lists of them: separated by commas, semicolons or spaces. */
export function signalIdsOf(raw: string): string[] {
  return [...new Set(raw.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}
