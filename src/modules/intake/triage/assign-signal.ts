import type { Transaction } from 'kysely';
import { recordAudit } from '../../../platform/audit/index.ts';
import { findStaffWhoMay } from '../../../platform/auth/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, withTriageAccess, type Triager } from './access.ts';

export interface AssignSignalOptions {
  signalId: string;
  staff: Triager;
  /** The subject of the person to assign, or null to leave the signal unassigned. */
  assignee: string | null;
}

/** Colleagues who may take a signal of this department (the person themself included). */
export function findPossibleAssignees(db: Db | Transaction<Database>, departmentCode: string | null) {
  return findStaffWhoMay(db, ['signal.triage'], departmentCode);
}

/** Assigns a signal to the person themself or to a colleague who may triage it, or unassigns it. */
export async function assignSignal(db: Db, { signalId, staff, assignee }: AssignSignalOptions): Promise<void> {
  await withTriageAccess(db, staff, signalId, async (trx, signal) => {
    if (assignee !== null && assignee !== staff.subject) {
      const possible = await findPossibleAssignees(trx, signal.department_code);
      if (!possible.some((p) => p.subject === assignee)) {
        throw AppError.validation([{ field: 'assignee', message: 'Välj en kollega som får handlägga signaler på den här avdelningen' }], `assignee ${assignee}`);
      }
    }
    const before = await trx.selectFrom('signal').select('assigned_to').where('id', '=', signalId).executeTakeFirstOrThrow();
    await trx.updateTable('signal').set({ assigned_to: assignee }).where('id', '=', signalId).execute();
    await recordAudit(trx, { actor: actorOf(staff), action: 'signal.assign', entityType: 'signal', entityId: signalId, details: { from: before.assigned_to, to: assignee } });
  });
}
