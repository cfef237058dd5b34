import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, withTriageAccess, type Triager } from './access.ts';
import { TRIAGE_STATUSES, type TriageStatus } from './repository.ts';

export function isTriageStatus(value: unknown): value is TriageStatus {
  return typeof value === 'string' && (TRIAGE_STATUSES as readonly string[]).includes(value);
}

/** Moves a signal through triage: new → in progress → done (or back). */
export async function setSignalStatus(db: Db, { signalId, staff, status }: { signalId: string; staff: Triager; status: string }): Promise<void> {
  if (!isTriageStatus(status)) throw AppError.validation([{ field: 'status', message: 'Välj ny, pågår eller klar' }]);
  await withTriageAccess(db, staff, signalId, async (trx, signal) => {
    await trx.updateTable('signal').set({ triage_status: status }).where('id', '=', signalId).execute();
    await recordAudit(trx, { actor: actorOf(staff), action: 'signal.status', entityType: 'signal', entityId: signalId, details: { from: signal.triage_status, to: status } });
  });
}
