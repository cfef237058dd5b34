// Planning an inspection in a case: the case's unit (or another unit of the same provider), announced or
// not, the date, the team from the case team, and the selection project it came from, if any. Planning
// registers no document: an unannounced inspection must not show in the diarium before it has happened.
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { CaseViewer } from '../access.ts';
import { staffActor, withCaseAccess } from './case-work.ts';

import { findProjectsChoosing, findUnitsForInspection } from './repository.ts';
import { isCalendarDate } from '../../../platform/dates.ts';

export interface PlanInspectionInput {
  unitId: string;
  /** 'yes' announced, 'no' unannounced. */
  announced: string;
  plannedOn: string;
  /** Subjects of case team members. */
  team: string[];
  /** An urvalsprojekt whose stage 3 chose the unit, or ''. */
  selectionProjectId: string;
}

export async function planInspection(db: Db, options: { caseId: number; staff: CaseViewer; input: PlanInspectionInput }): Promise<{ id: number }> {
  const { caseId, staff, input } = options;
  const errors: FieldError[] = [];
  if (!['yes', 'no'].includes(input.announced)) errors.push({ field: 'announced', message: 'Välj om inspektionen är anmäld eller oanmäld' });
  const plannedOn = input.plannedOn.trim();
  if (!plannedOn) errors.push({ field: 'plannedOn', message: 'Skriv vilken dag inspektionen är planerad' });
  else if (!isCalendarDate(plannedOn)) errors.push({ field: 'plannedOn', message: 'Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-15' });
  const projectRaw = input.selectionProjectId.trim();
  if (projectRaw && !/^[1-9]\d{0,14}$/.test(projectRaw)) errors.push({ field: 'selectionProjectId', message: 'Välj ett urvalsprojekt i listan' });

  return withCaseAccess(db, staff, caseId, ['canWork'], 'plan inspection', async (trx) => {
    const caseRow = await trx.selectFrom('case_file').select(['status', 'unit_id', 'provider_id']).where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
    const units = await findUnitsForInspection(trx, caseRow);
    const unit = units.find((u) => u.id === input.unitId);
    if (units.length === 0) errors.push({ field: 'unitId', message: 'Ärendet är inte kopplat till någon verksamhet eller vårdgivare att inspektera' });
    else if (!unit) errors.push({ field: 'unitId', message: 'Välj en verksamhet i listan' });
    const members = await trx.selectFrom('case_member').select(['subject', 'name']).where('case_id', '=', caseId).execute();
    const chosen = [...new Set(input.team)];
    const team = members.filter((m) => chosen.includes(m.subject));
    if (chosen.length === 0) errors.push({ field: 'team', message: 'Välj minst en person ur ärendets team' });
    else if (team.length !== chosen.length) errors.push({ field: 'team', message: 'Välj bara personer ur ärendets team' });
    if (projectRaw && unit && !errors.some((e) => e.field === 'selectionProjectId')) {
      const projects = await findProjectsChoosing(trx, [unit.id]);
      if (!projects.some((p) => p.project_id === Number(projectRaw))) {
        errors.push({ field: 'selectionProjectId', message: 'Urvalsprojektet valde inte den här verksamheten för inspektion. Välj ett annat projekt eller ingen' });
      }
    }
    if (errors.length > 0) throw AppError.validation(errors);

    const created = await trx
      .insertInto('case_inspection')
      .values({
        case_id: caseId,
        unit_id: unit!.id,
        selection_project_id: projectRaw ? Number(projectRaw) : null,
        announced: input.announced === 'yes',
        planned_on: plannedOn,
        status: 'planned',
        team: JSON.stringify(team.map((m) => ({ subject: m.subject, name: m.name }))),
        created_by: staff.subject,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (caseRow.status === 'open') await trx.updateTable('case_file').set({ status: 'investigation' }).where('id', '=', caseId).execute();
    await recordAudit(trx, {
      actor: staffActor(staff),
      action: 'case.inspection_plan',
      entityType: 'case',
      entityId: String(caseId),
      details: { inspectionId: created.id, unitId: unit!.id, announced: input.announced === 'yes', plannedOn, team: team.map((m) => m.subject), selectionProjectId: projectRaw ? Number(projectRaw) : null },
    });
    return { id: created.id };
  });
}
