import { assertCanInDepartment, scopeOf, type StaffUser } from '../../../platform/auth/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { findDepartment, findMunicipality, findUnitPlace } from './repository.ts';

// The access checks of the risk workspace, in one place. Reading the risk analysis ('risk.read') is national
// for analysts and decision makers; an inspector reads the units of their own department only. Anything
// else is "not found", so an outsider cannot tell a forbidden department, kommun or unit from a missing one.

type Reader = Pick<StaffUser, 'roles' | 'department'>;

/** Does the person read the whole country (true), or one department only (false)? */
export function readsNationally(staff: Reader): boolean {
  return scopeOf(staff, 'risk.read') === 'national';
}

export async function requireDepartmentView(db: Db, staff: Reader, code: string) {
  const department = await findDepartment(db, code);
  if (!department) throw AppError.notFound(`department ${code}`);
  assertCanInDepartment(staff, 'risk.read', department.code, `risk view of department ${code}`);
  return department;
}

export async function requireKommunView(db: Db, staff: Reader, code: string) {
  const kommun = /^\d{4}$/.test(code) ? await findMunicipality(db, code) : undefined;
  if (!kommun) throw AppError.notFound(`kommun ${code}`);
  assertCanInDepartment(staff, 'risk.read', kommun.department_code, `risk view of kommun ${code}`);
  return kommun;
}

export async function requireUnitView(db: Db, staff: Reader, unitId: string) {
  const unit = await findUnitPlace(db, unitId);
  if (!unit) throw AppError.notFound(`unit ${unitId}`);
  assertCanInDepartment(staff, 'risk.read', unit.department_code, `risk card of unit ${unitId}`);
  return unit;
}
