// Runs one change to a case in its own transaction, after the one access check of the cases module: the
// case exists for the person and the action is theirs; anything else is "not found".
import type { Transaction } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { assertCase, requireCaseAccess, type CaseAccess, type CaseViewer } from '../access.ts';

export type Need = 'canWork' | 'canRegister' | 'canDecide' | 'seesSecret';

export async function withCaseAccess<T>(
  db: Db,
  staff: CaseViewer,
  caseId: number,
  needs: Need[],
  what: string,
  work: (trx: Transaction<Database>, access: CaseAccess) => Promise<T>,
): Promise<T> {
  // Checked once outside, so an outsider's request never opens a transaction or takes a lock.
  const outside = await requireCaseAccess(db, staff, caseId);
  for (const need of needs) assertCase(outside, need, what);
  return db.transaction().execute(async (trx) => {
    const access = await requireCaseAccess(trx, staff, caseId);
    for (const need of needs) assertCase(access, need, what);
    return work(trx, access);
  });
}

export const staffActor = (staff: Pick<CaseViewer, 'subject'>) => `staff:${staff.subject}`;
