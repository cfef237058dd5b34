import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, withTriageAccess, type Triager } from './access.ts';
import { findUnitWithDepartment } from './repository.ts';

/**
 * Links a signal to a unit of the register by hand. The signal moves to the department of the unit's län
 * (and may leave the person's own queue with that).
 */
export async function linkSignalToUnit(db: Db, { signalId, staff, unitId }: { signalId: string; staff: Triager; unitId: string }) {
  if (!unitId.trim()) throw AppError.validation([{ field: 'unitId', message: 'Välj en verksamhet' }]);
  return withTriageAccess(db, staff, signalId, async (trx, signal) => {
    const unit = await findUnitWithDepartment(trx, unitId.trim());
    if (!unit) throw AppError.validation([{ field: 'unitId', message: 'Verksamheten finns inte i registret' }], `unit ${unitId}`);
    const before = await trx.selectFrom('signal').select(['unit_id', 'unit_match']).where('id', '=', signalId).executeTakeFirstOrThrow();
    await trx
      .updateTable('signal')
      .set({ unit_id: unit.id, unit_match: 'manual', provider_id: unit.provider_id, department_code: unit.department_code })
      .where('id', '=', signalId)
      .execute();
    await recordAudit(trx, {
      actor: actorOf(staff),
      action: 'signal.link_unit',
      entityType: 'signal',
      entityId: signalId,
      details: { from: before.unit_id, fromMatch: before.unit_match, to: unit.id, departmentFrom: signal.department_code, departmentTo: unit.department_code },
    });
    return { unitId: unit.id, unitName: unit.name, departmentCode: unit.department_code };
  });
}
