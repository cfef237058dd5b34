// Recording that an inspection was carried out (the date), which registers the inspection record as a
// drawn-up document of the case, secret under the provision for the unit's kind; or cancelling a planned one.
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import type { CaseViewer } from '../access.ts';
import { registerDocument, secrecyReferenceForForm } from '../register-document.ts';
import { staffActor, withCaseAccess } from './case-work.ts';

import { lockInspection } from './repository.ts';
import { isCalendarDate } from '../../../platform/dates.ts';

export async function recordInspectionPerformed(
  db: Db,
  options: { caseId: number; inspectionId: number; staff: CaseViewer; performedOn: string; today: string },
): Promise<{ documentNumber: number }> {
  const { caseId, inspectionId, staff, today } = options;
  const performedOn = options.performedOn.trim();
  return withCaseAccess(db, staff, caseId, ['canWork'], 'record inspection', async (trx) => {
    const inspection = await lockInspection(trx, caseId, inspectionId);
    if (!performedOn) throw AppError.validation([{ field: 'performedOn', message: 'Skriv vilken dag inspektionen genomfördes' }]);
    if (!isCalendarDate(performedOn)) throw AppError.validation([{ field: 'performedOn', message: 'Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-15' }]);
    if (performedOn > today) throw AppError.validation([{ field: 'performedOn', message: 'Dagen för inspektionen kan inte vara i framtiden' }]);
    if (inspection.status !== 'planned') {
      throw AppError.validation([{ field: 'performedOn', message: inspection.status === 'performed' ? 'Inspektionen är redan registrerad som genomförd' : 'Inspektionen är inställd' }]);
    }
    await trx.updateTable('case_inspection').set({ status: 'performed', performed_on: performedOn }).where('id', '=', inspectionId).execute();
    const document = await registerDocument(trx, {
      caseId,
      direction: 'drawn_up',
      documentDate: performedOn,
      counterpart: null,
      subject: `Inspektionsprotokoll, ${inspection.announced ? 'anmäld' : 'oanmäld'} inspektion ${performedOn}`,
      secrecy: 'secret',
      secrecyReference: secrecyReferenceForForm(inspection.unit_form),
      kind: 'inspection_record',
      registeredBy: staff.subject,
    });
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'case.inspection_perform',
      entityType: 'case',
      entityId: String(caseId),
      details: { inspectionId, performedOn, documentNumber: document.documentNumber },
    });
    return { documentNumber: document.documentNumber };
  });
}

export async function cancelInspection(db: Db, options: { caseId: number; inspectionId: number; staff: CaseViewer }): Promise<void> {
  const { caseId, inspectionId, staff } = options;
  await withCaseAccess(db, staff, caseId, ['canWork'], 'cancel inspection', async (trx) => {
    const inspection = await lockInspection(trx, caseId, inspectionId);
    if (inspection.status !== 'planned') {
      throw AppError.validation([{ field: 'cancel', message: inspection.status === 'performed' ? 'En genomförd inspektion kan inte ställas in' : 'Inspektionen är redan inställd' }]);
    }
    await trx.updateTable('case_inspection').set({ status: 'cancelled' }).where('id', '=', inspectionId).execute();
    await recordAudit(trx, { actor: staffActor(staff), action: 'case.inspection_cancel', entityType: 'case', entityId: String(caseId), details: { inspectionId } });
  });
}
