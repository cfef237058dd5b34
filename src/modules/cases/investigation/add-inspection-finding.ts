// A finding of a performed inspection: the risk area, the legal basis it is judged against, what was found,
// and how serious it is (1–4). Findings become the deficiencies a decision lists.
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { RISK_AREAS } from '../../registry/index.ts';
import type { CaseViewer } from '../access.ts';
import { staffActor, withCaseAccess } from './case-work.ts';
import { readText } from './form.ts';
import { lockInspection } from './repository.ts';

export interface FindingInput {
  riskArea: string;
  legalBasis: string;
  finding: string;
  severity: string;
}

export function checkFindingInput(input: FindingInput) {
  const errors: FieldError[] = [];
  if (!Object.hasOwn(RISK_AREAS, input.riskArea)) errors.push({ field: 'riskArea', message: 'Välj ett riskområde' });
  const legalBasis = readText(errors, 'legalBasis', input.legalBasis.replace(/[\r\n\t]+/g, ' '), { what: 'den bestämmelse iakttagelsen gäller, till exempel 3 kap. 2 § HSL', label: 'Lagrummet', max: 300 });
  const finding = readText(errors, 'finding', input.finding, { what: 'vad ni iakttog', label: 'Iakttagelsen', max: 10_000 });
  if (!/^[1-4]$/.test(input.severity)) errors.push({ field: 'severity', message: 'Välj hur allvarlig bristen är, 1 till 4' });
  return { errors, legalBasis, finding, severity: Number(input.severity) };
}

export async function addInspectionFinding(db: Db, options: { caseId: number; inspectionId: number; staff: CaseViewer; input: FindingInput }): Promise<{ id: number }> {
  const { caseId, inspectionId, staff, input } = options;
  return withCaseAccess(db, staff, caseId, ['canWork'], 'add finding', async (trx) => {
    const inspection = await lockInspection(trx, caseId, inspectionId);
    const checked = checkFindingInput(input);
    if (inspection.status !== 'performed') checked.errors.unshift({ field: 'riskArea', message: 'Registrera först att inspektionen är genomförd' });
    if (checked.errors.length > 0) throw AppError.validation(checked.errors);
    const created = await trx
      .insertInto('inspection_finding')
      .values({ case_inspection_id: inspectionId, risk_area: input.riskArea, legal_basis: checked.legalBasis, finding: checked.finding, severity: checked.severity, created_by: staff.subject })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'case.inspection_finding',
      entityType: 'case',
      entityId: String(caseId),
      details: { inspectionId, findingId: created.id, riskArea: input.riskArea, severity: checked.severity },
    });
    return { id: created.id };
  });
}
