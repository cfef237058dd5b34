import { recordAudit } from '../../../platform/audit/index.ts';
import { assertCanInDepartment, type StaffUser } from '../../../platform/auth/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { findSignalPersonalData, findUnitDepartment } from './repository.ts';

export interface RevealPersonalDataOptions {
  unitId: string;
  signalId: string;
  staff: Pick<StaffUser, 'subject' | 'roles' | 'department'>;
  /** Why the person needs to see it; kept in the audit log with the read. */
  reason: string;
}

export const MAX_READ_REASON = 500;

/**
 * Shows a signal's personal data (the personnummer of a complaint) to someone allowed to see it for the
 * unit's department. Every such read writes an audit row, in the same transaction as the read itself.
 */
export async function revealSignalPersonalData(db: Db, { unitId, signalId, staff, reason }: RevealPersonalDataOptions) {
  assertCanInDepartment(staff, 'personal_data.read', (await findUnitDepartment(db, unitId)) ?? null, `personal data of signal ${signalId}`);
  const purpose = reason.trim();
  if (!purpose) throw AppError.validation([{ field: 'reason', message: 'Skriv varför du behöver se personuppgifterna' }]);
  if (purpose.length > MAX_READ_REASON) throw AppError.validation([{ field: 'reason', message: `Skälet får vara högst ${MAX_READ_REASON} tecken` }]);

  return db.transaction().execute(async (trx) => {
    const signal = await findSignalPersonalData(trx, unitId, signalId);
    if (!signal?.personnummer) throw AppError.notFound(`personal data of signal ${signalId}`);
    await recordAudit(trx, {
      actor: `staff:${staff.subject}`,
      action: 'signal.personal_data.read',
      entityType: 'signal',
      entityId: signal.id,
      reason: purpose,
      details: { unitId, fields: ['personnummer'] },
    });
    return signal;
  });
}
