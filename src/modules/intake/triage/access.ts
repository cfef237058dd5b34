import type { Transaction } from 'kysely';
import { assertCanInDepartment, type StaffUser } from '../../../platform/auth/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import { findSignalAccess } from './repository.ts';

export type Triager = Pick<StaffUser, 'subject' | 'roles' | 'department'>;

/**
 * The one access check of the triage workspace: the signal exists and the person may triage signals of its
 * department. Anything else is "not found", so an outsider cannot tell that the signal exists.
 */
export async function requireTriageAccess(db: Db | Transaction<Database>, staff: Triager, signalId: string) {
  const signal = await findSignalAccess(db, signalId);
  if (!signal) throw AppError.notFound(`signal ${signalId}`);
  assertCanInDepartment(staff, 'signal.triage', signal.department_code, `signal ${signalId}`);
  return signal;
}

/**
 * Runs one triage action in its own transaction: the access check, the change and its audit row commit
 * together or not at all.
 */
export async function withTriageAccess<T>(
  db: Db,
  staff: Triager,
  signalId: string,
  work: (trx: Transaction<Database>, signal: NonNullable<Awaited<ReturnType<typeof findSignalAccess>>>) => Promise<T>,
): Promise<T> {
  // Checked once outside, so an outsider's request never opens a transaction or takes the audit lock.
  await requireTriageAccess(db, staff, signalId);
  return db.transaction().execute(async (trx) => work(trx, await requireTriageAccess(trx, staff, signalId)));
}

export const actorOf = (staff: Pick<StaffUser, 'subject'>) => `staff:${staff.subject}`;

/** The trimmed text of a free-text field, or a validation error naming the field. */
export function requireText(value: string, field: string, what: string, maxLength: number): string {
  const text = value.replace(/\r\n/g, '\n').trim();
  if (!text) throw AppError.validation([{ field, message: `Skriv ${what}` }]);
  if (text.length > maxLength) throw AppError.validation([{ field, message: `Texten får vara högst ${maxLength.toLocaleString('sv-SE')} tecken (nu ${text.length.toLocaleString('sv-SE')})` }]);
  return text;
}
