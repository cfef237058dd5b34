import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';

/** What every case page shows at the top: number, heading, type, status, unit and provider, officer. */
export async function loadCaseHeader(db: Db | Transaction<Database>, caseId: number) {
  const row = await db
    .selectFrom('case_file as c')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .leftJoin('provider as p', 'p.id', 'c.provider_id')
    .leftJoin('department as d', 'd.code', 'c.department_code')
    .select([
      'c.id', 'c.diarienummer', 'c.title', 'c.case_type', 'c.status', 'c.department_code', 'd.name as department_name',
      'c.unit_id', 'u.name as unit_name', 'c.provider_id', 'p.name as provider_name', 'c.responsible', 'c.responsible_name',
      'c.due_on', 'c.opened_at', 'c.closed_at',
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw AppError.notFound(`case ${caseId}`);
  return row;
}

export type CaseHeader = Awaited<ReturnType<typeof loadCaseHeader>>;
