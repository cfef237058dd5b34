// Opening a case from the staff form: the form's checks (who may open a case for which unit, which signals,
// who may be responsible), then openCase, which takes the diarienummer in the one transaction.
import { canInDepartment, hasPermission, type StaffUser } from '../../../platform/auth/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { checkOpenCaseInput, openCase, type OpenedCase } from '../open-case.ts';
import { findStaffWith, isCaseDate, signalIdsOf } from './case-access.ts';
import { checkSignalsForCase } from './link-case-signals.ts';
import { findDepartments, findUnitForCase } from './repository.ts';

export const NEW_CASE_FIELDS = ['caseType', 'title', 'unitId', 'unitQuery', 'departmentCode', 'signalIds', 'responsible', 'dueOn'] as const;
export type NewCaseForm = Record<(typeof NEW_CASE_FIELDS)[number], string>;

export const EMPTY_NEW_CASE_FORM: NewCaseForm = { caseType: '', title: '', unitId: '', unitQuery: '', departmentCode: '', signalIds: '', responsible: '', dueOn: '' };

/** May the person open cases at all (the door to the form)? */
export function canOpenCases(staff: Pick<StaffUser, 'roles' | 'department'>): boolean {
  return hasPermission(staff, 'case.work') || hasPermission(staff, 'case.register');
}

/** Everything wrong with the form, field by field; the department the case will belong to. */
export async function checkNewCaseForm(db: Db, staff: StaffUser, form: NewCaseForm): Promise<{ errors: FieldError[]; departmentCode: string | null }> {
  const errors: FieldError[] = checkOpenCaseInput({ caseType: form.caseType, title: form.title, dueOn: null });
  const dueOn = form.dueOn.trim();
  if (dueOn && !isCaseDate(dueOn)) errors.push({ field: 'dueOn', message: 'Skriv tidsfristen som ett datum, ÅÅÅÅ-MM-DD, till exempel 2026-03-31' });

  let departmentCode: string | null = null;
  const unitId = form.unitId.trim();
  if (unitId) {
    const unit = await findUnitForCase(db, unitId);
    if (!unit) errors.push({ field: 'unitId', message: 'Verksamheten finns inte i registret. Sök fram den och välj den i listan.' });
    else if (!canInDepartment(staff, 'case.work', unit.department_code) && !canInDepartment(staff, 'case.register', unit.department_code)) {
      errors.push({ field: 'unitId', message: 'Verksamheten hör till en annan avdelning. Du kan bara öppna ärenden för verksamheter på din egen avdelning.' });
    } else departmentCode = unit.department_code;
  } else if (hasPermission(staff, 'case.register') || canInDepartment(staff, 'case.work', null)) {
    // National roles choose the department of a case without a unit (or none).
    const code = form.departmentCode.trim();
    if (code) {
      if (!(await findDepartments(db)).some((d) => d.code === code)) errors.push({ field: 'departmentCode', message: 'Välj en avdelning i listan' });
      else departmentCode = code;
    }
  } else {
    departmentCode = staff.department;
  }

  const signalIds = signalIdsOf(form.signalIds);
  if (signalIds.length > 0) errors.push(...(await checkSignalsForCase(db, staff, signalIds, departmentCode)).errors);

  const responsible = form.responsible.trim();
  if (responsible && !errors.some((e) => e.field === 'unitId' || e.field === 'departmentCode')) {
    const eligible = await findStaffWith(db, 'case.work', departmentCode);
    const isSelf = responsible === staff.subject && canInDepartment(staff, 'case.work', departmentCode);
    if (!isSelf && !eligible.some((p) => p.subject === responsible)) {
      errors.push({ field: 'responsible', message: 'Välj en handläggare som får utreda ärenden på ärendets avdelning' });
    }
  }
  return { errors, departmentCode };
}

/** Checks the form and opens the case; a validation error lists every field that needs correcting. */
export async function openCaseFromForm(db: Db, deps: { diariumTemplate: string }, staff: StaffUser, form: NewCaseForm): Promise<OpenedCase> {
  if (!canOpenCases(staff)) throw AppError.notFound('new case (no case.work or case.register)');
  const { errors, departmentCode } = await checkNewCaseForm(db, staff, form);
  if (errors.length > 0) throw AppError.validation(errors, 'new case');
  const responsibleSubject = form.responsible.trim();
  let responsible: { subject: string; name: string } | null = null;
  if (responsibleSubject === staff.subject) responsible = { subject: staff.subject, name: staff.name };
  else if (responsibleSubject) {
    const person = (await findStaffWith(db, 'case.work', departmentCode)).find((p) => p.subject === responsibleSubject)!;
    responsible = { subject: person.subject, name: person.name };
  }
  return openCase(
    db,
    { diariumTemplate: deps.diariumTemplate, actor: { subject: staff.subject, name: staff.name } },
    {
      caseType: form.caseType,
      title: form.title,
      unitId: form.unitId.trim() || null,
      departmentCode: form.unitId.trim() ? null : departmentCode,
      signalIds: signalIdsOf(form.signalIds),
      responsible,
      dueOn: form.dueOn.trim() || null,
    },
  );
}
