// The provider portal's one access check for cases: the case exists and is about one of the organisations
// the representative acts for. Anything else is "not found", so nobody learns that another's case exists.
import type { Transaction } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Representative } from '../../intake/index.ts';

type Queryable = Db | Transaction<Database>;

export async function requireProviderCase(db: Queryable, representative: Pick<Representative, 'subject' | 'organisations'>, caseId: number) {
  if (!Number.isSafeInteger(caseId) || caseId <= 0 || representative.organisations.length === 0) throw AppError.notFound(`case ${caseId} for representative`);
  const row = await db
    .selectFrom('case_file as c')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .leftJoin('provider as p', 'p.id', 'c.provider_id')
    .select(['c.id', 'c.diarienummer', 'c.title', 'c.case_type', 'c.status', 'c.provider_id', 'p.name as provider_name', 'c.unit_id', 'u.name as unit_name', 'u.form as unit_form', 'c.opened_at'])
    .where('c.id', '=', caseId)
    .where('c.provider_id', 'in', representative.organisations)
    .executeTakeFirst();
  if (!row) throw AppError.notFound(`case ${caseId} (not about an organisation of ${representative.subject})`);
  return row;
}

export type ProviderCase = Awaited<ReturnType<typeof requireProviderCase>>;

/** Parses a numeric id from a route parameter; anything else is 404. */
export function idOf(raw: string, what: string): number {
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw AppError.notFound(`${what} ${raw}`);
  return Number(raw);
}
