import type { Db } from '../../platform/db/database.ts';

export const AUDIT_PAGE_SIZE = 100;

export async function findLatestAuditRows(db: Db, limit = AUDIT_PAGE_SIZE) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'occurred_at', 'actor', 'action', 'entity_type', 'entity_id', 'reason'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The department map: each regional department with the län it covers. */
export async function findDepartmentMap(db: Db) {
  const [departments, counties] = await Promise.all([
    db.selectFrom('department').select(['code', 'name', 'city']).orderBy('name').execute(),
    db.selectFrom('county').select(['code', 'name', 'department_code']).orderBy('code').execute(),
  ]);
  return departments.map((d) => ({ ...d, counties: counties.filter((c) => c.department_code === d.code) }));
}
