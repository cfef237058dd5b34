import { sql, type Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../../platform/db/database.ts';
import type { PermitTable, ProviderTable, UnitTable } from '../../../platform/db/schema.ts';
import { HVB_FORMS } from './hvb-snapshot.ts';
import { addressProtectedSql, withProtectedAddress } from '../protected-address.ts';
import { inByteOrder, swedishCollator, swedishSortKey } from './swedish-text.ts';

// The public register's SQL: one HVB home, units, providers, places and the change feed. Read-only.
// The HVB list itself is searched in memory: see hvb-snapshot.ts.

export interface Paging {
  page: number;
  pageSize: number;
}

export interface PageOf<T> {
  items: T[];
  total: number;
}

const offsetOf = ({ page, pageSize }: Paging) => (page - 1) * pageSize;

export interface PermitWithHistory {
  permit: Selectable<PermitTable>;
  history: { status: string; valid_from: string }[];
}

/** A unit's permits, newest first, each with its status history in date order. */
async function findPermitsWithHistory(db: Db, where: { unitIds?: string[]; permitIds?: string[] }): Promise<PermitWithHistory[]> {
  if (!where.unitIds?.length && !where.permitIds?.length) return [];
  const permits = await db
    .selectFrom('permit')
    .selectAll()
    .$if(Boolean(where.unitIds?.length), (q) => q.where('unit_id', 'in', where.unitIds!))
    .$if(Boolean(where.permitIds?.length), (q) => q.where('id', 'in', where.permitIds!))
    .orderBy('granted_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  if (permits.length === 0) return [];
  const statuses = await db
    .selectFrom('permit_status')
    .select(['permit_id', 'status', 'valid_from'])
    .where(
      'permit_id',
      'in',
      permits.map((p) => p.id),
    )
    .orderBy('permit_id')
    .orderBy('seq')
    .execute();
  return permits.map((permit) => ({
    permit,
    history: statuses.filter((s) => s.permit_id === permit.id).map(({ status, valid_from }) => ({ status, valid_from })),
  }));
}

/** A unit's current permit (the most recently granted) with its status history in date order. */
async function findCurrentPermit(db: Db, unitId: string): Promise<PermitWithHistory | undefined> {
  const row = await db
    .selectFrom('permit')
    .selectAll('permit')
    .select((eb) =>
      jsonArrayFrom(
        eb.selectFrom('permit_status').select(['permit_status.status', 'permit_status.valid_from']).whereRef('permit_status.permit_id', '=', 'permit.id').orderBy('permit_status.seq'),
      ).as('history'),
    )
    .where('permit.unit_id', '=', unitId)
    .orderBy('permit.granted_on', 'desc')
    .orderBy('permit.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const { history, ...permit } = row;
  return { permit, history };
}

/** Everything the public page of one HVB or stödboende shows; nothing when the unit is not one. */
export async function getHvbHome(db: Db, id: string) {
  const [home, currentPermit] = await Promise.all([
    db
      .selectFrom('unit as u')
      .innerJoin('provider as p', 'p.id', 'u.provider_id')
      .innerJoin('municipality as m', 'm.code', 'u.kommun')
      .innerJoin('county as c', 'c.code', 'm.county_code')
      .selectAll('u')
      .select(['m.name as kommun_name', 'c.code as lan', 'c.name as lan_name', 'p.name as provider_name', 'p.orgnr as provider_orgnr', 'p.kind as provider_kind'])
      .select(addressProtectedSql('u').as('address_protected'))
      .where('u.id', '=', id)
      .where('u.form', 'in', HVB_FORMS)
      .executeTakeFirst(),
    findCurrentPermit(db, id),
  ]);
  return home ? { home: withProtectedAddress(home, home.address_protected), currentPermit } : undefined;
}

export type HvbHome = NonNullable<Awaited<ReturnType<typeof getHvbHome>>>;

export interface Municipality {
  code: string;
  /** e.g. "Stockholms kommun" */
  name: string;
  /** e.g. "Stockholm" */
  shortName: string;
  lan: string;
}
export interface County {
  code: string;
  name: string;
}

/** The 290 kommuner in Swedish alphabetical order. */
export async function listMunicipalities(db: Db): Promise<Municipality[]> {
  const rows = await db.selectFrom('municipality').select(['code', 'name', 'short_name as shortName', 'county_code as lan']).execute();
  return rows.sort((a, b) => swedishCollator.compare(a.shortName, b.shortName));
}

/** The 21 län in Swedish alphabetical order. */
export async function listCounties(db: Db): Promise<County[]> {
  const rows = await db.selectFrom('county').select(['code', 'name']).execute();
  return rows.sort((a, b) => swedishCollator.compare(a.name, b.name));
}

export interface UnitFilter {
  kommun?: string;
  form?: string;
  providerId?: string;
}

/** Units of any form, in Swedish name order. */
export async function findUnits(db: Db, filter: UnitFilter, paging: Paging): Promise<PageOf<PublicUnit>> {
  const matching = db
    .selectFrom('unit')
    .$if(filter.kommun !== undefined, (q) => q.where('kommun', '=', filter.kommun!))
    .$if(filter.form !== undefined, (q) => q.where('form', '=', filter.form!))
    .$if(filter.providerId !== undefined, (q) => q.where('provider_id', '=', filter.providerId!));
  const [items, count] = await Promise.all([
    matching
      .selectAll()
      .select(addressProtectedSql('unit').as('address_protected'))
      .orderBy((eb) => inByteOrder(swedishSortKey(eb.ref('name'))))
      .orderBy('id')
      .limit(paging.pageSize)
      .offset(offsetOf(paging))
      .execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((unit) => withProtectedAddress(unit, unit.address_protected)), total: Number(count.total) };
}

/** A unit as the public may see it: a skyddat boende without the fields that tell where it is. */
export type PublicUnit = Selectable<UnitTable> & { address_protected: boolean };

/** One unit with its permits; nothing when it does not exist. */
export async function getUnit(db: Db, id: string) {
  const unit = await db.selectFrom('unit').selectAll().select(addressProtectedSql('unit').as('address_protected')).where('id', '=', id).executeTakeFirst();
  if (!unit) return undefined;
  return { unit: withProtectedAddress(unit, unit.address_protected), permits: await findPermitsWithHistory(db, { unitIds: [id] }) };
}

export interface ProviderFilter {
  orgnr?: string;
}

/** Providers in Swedish name order. */
export async function findProviders(db: Db, filter: ProviderFilter, paging: Paging): Promise<PageOf<Selectable<ProviderTable>>> {
  const matching = db.selectFrom('provider').$if(filter.orgnr !== undefined, (q) => q.where('orgnr', '=', filter.orgnr!));
  const [items, count] = await Promise.all([
    matching
      .selectAll()
      .orderBy((eb) => inByteOrder(swedishSortKey(eb.ref('name'))))
      .orderBy('id')
      .limit(paging.pageSize)
      .offset(offsetOf(paging))
      .execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

/** One provider and how many units it runs; nothing when it does not exist. */
export async function getProvider(db: Db, id: string) {
  const provider = await db
    .selectFrom('provider')
    .selectAll('provider')
    .select((eb) => eb.selectFrom('unit').select(eb.fn.countAll<number>().as('n')).whereRef('unit.provider_id', '=', 'provider.id').as('unit_count'))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!provider) return undefined;
  const { unit_count, ...rest } = provider;
  return { provider: rest, unitCount: Number(unit_count ?? 0) };
}

export type RegisterEntityType = 'unit' | 'provider' | 'permit';

export type RegisterChange =
  | { seq: number; type: 'unit'; id: string; unit: Selectable<UnitTable> }
  | { seq: number; type: 'provider'; id: string; provider: Selectable<ProviderTable> }
  | { seq: number; type: 'permit'; id: string; permit: PermitWithHistory };

/**
 * Units, providers and permits changed after `since`, in change order, with their current state.
 * Every insert or update of those tables takes a new `change_seq` from one sequence, so a client that
 * asks again with the last seq it saw gets what changed since. A record changed twice appears once, at its
 * latest seq. Known limit: a transaction that takes a seq and commits after a later one can be passed
 * over by a client that polled in between; clients that must not miss anything re-read a short overlap.
 */
export async function findRegisterChanges(db: Db, { since, limit }: { since: number; limit: number }): Promise<RegisterChange[]> {
  const { rows: changed } = await sql<{ seq: number; type: RegisterEntityType; id: string }>`
    (select change_seq as seq, 'unit' as type, id from unit where change_seq > ${since} order by change_seq limit ${limit})
    union all
    (select change_seq, 'provider', id from provider where change_seq > ${since} order by change_seq limit ${limit})
    union all
    (select change_seq, 'permit', id from permit where change_seq > ${since} order by change_seq limit ${limit})
    order by seq
    limit ${limit}
  `.execute(db);

  const idsOf = (type: RegisterEntityType) => changed.filter((c) => c.type === type).map((c) => c.id);
  const [units, providers, permits] = await Promise.all([
    idsOf('unit').length ? db.selectFrom('unit').selectAll().select(addressProtectedSql('unit').as('address_protected')).where('id', 'in', idsOf('unit')).execute() : [],
    idsOf('provider').length ? db.selectFrom('provider').selectAll().where('id', 'in', idsOf('provider')).execute() : [],
    findPermitsWithHistory(db, { permitIds: idsOf('permit') }),
  ]);
  const unitById = new Map(units.map((u) => [u.id, withProtectedAddress(u, u.address_protected)]));
  const providerById = new Map(providers.map((p) => [p.id, p]));
  const permitById = new Map(permits.map((p) => [p.permit.id, p]));

  // A row found by the first query and gone by the next is left out: the feed only carries what exists.
  return changed.flatMap(({ seq, type, id }): RegisterChange[] => {
    const unit = type === 'unit' ? unitById.get(id) : undefined;
    if (unit) return [{ seq: Number(seq), type: 'unit', id, unit }];
    const provider = type === 'provider' ? providerById.get(id) : undefined;
    if (provider) return [{ seq: Number(seq), type: 'provider', id, provider }];
    const permit = type === 'permit' ? permitById.get(id) : undefined;
    if (permit) return [{ seq: Number(seq), type: 'permit', id, permit }];
    return [];
  });
}
