import type { Transaction } from 'kysely';
import { assertCanInDepartment, scopeOf, type StaffUser } from '../../../platform/auth/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import { findProject, type ProjectRow, type ProjectScope } from './repository.ts';

export type Selector = Pick<StaffUser, 'subject' | 'name' | 'roles' | 'department'>;

/** The projects a person may see: all of them nationally, or those of their own department. */
export function projectScopeOf(staff: Selector): ProjectScope {
  return scopeOf(staff, 'risk.select') === 'national' ? { kind: 'national' } : { kind: 'department', code: staff.department ?? '' };
}

/** A project id from the address: digits only, or the project does not exist. */
export function parseProjectId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw AppError.notFound(`selection project ${raw.slice(0, 40)}`);
  return Number(raw);
}

/**
 * The one access check of the selection projects: the project exists and the person may select among the
 * units of its department (a project across departments is national staff's only). Anything else is "not
 * found", so nobody learns that another department's project exists.
 */
export async function requireProject(db: Db | Transaction<Database>, staff: Selector, rawId: string, options: { forUpdate?: boolean } = {}): Promise<ProjectRow> {
  const id = parseProjectId(rawId);
  const project = await findProject(db, id, options);
  if (!project) throw AppError.notFound(`selection project ${id}`);
  assertCanInDepartment(staff, 'risk.select', project.department_code, `selection project ${id}`);
  return project;
}

/**
 * One decision on a project in its own transaction, with the project row locked so two people deciding the
 * same stage at once cannot both succeed: the check, the decision and its audit row commit together or not at all.
 */
export async function withProject<T>(db: Db, staff: Selector, rawId: string, work: (trx: Transaction<Database>, project: ProjectRow) => Promise<T>): Promise<T> {
  // Checked once outside, so an outsider's request never opens a transaction or takes the audit lock.
  await requireProject(db, staff, rawId);
  return db.transaction().execute(async (trx) => work(trx, await requireProject(trx, staff, rawId, { forUpdate: true })));
}

export const actorOf = (staff: Pick<StaffUser, 'subject'>) => `staff:${staff.subject}`;
