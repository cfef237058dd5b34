import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { addressColumnsSql, addressProtectedSql } from '../../registry/index.ts';
import { UNIT_FORMS } from '../../registry/codes.ts';

// The public e-services' SQL that is not a use case of its own: finding a unit in the register to pick, and
// the list of kommuner. Read-only, and only what the public register shows anyway.

export interface Kommun {
  code: string;
  name: string;
}

const collator = new Intl.Collator('sv');

/** The 290 kommuner in Swedish alphabetical order, read once per app (reference data does not change). */
export function kommunList(db: Db): () => Promise<Kommun[]> {
  let cached: Promise<Kommun[]> | undefined;
  return () => {
    cached ??= db
      .selectFrom('municipality')
      .select(['code', 'short_name as name'])
      .execute()
      .then((rows) => rows.sort((a, b) => collator.compare(a.name, b.name)))
      .then((rows) => {
        // An empty list (reference data not loaded yet) is not worth keeping.
        if (rows.length === 0) cached = undefined;
        return rows;
      });
    return cached;
  };
}

export interface UnitChoice {
  id: string;
  name: string;
  formLabel: string;
  address: string;
  kommunName: string;
  providerName: string;
}

export const UNIT_SEARCH_LIMIT = 25;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function toChoice(row: { id: string; name: string; form: string; street: string | null; postal_code: string | null; city: string | null; kommun_name: string; provider_name: string }): UnitChoice {
  const place = [row.postal_code ? `${row.postal_code.slice(0, 3)} ${row.postal_code.slice(3)}` : '', row.city ?? ''].filter(Boolean).join(' ');
  return {
    id: row.id,
    name: row.name,
    formLabel: UNIT_FORMS[row.form as keyof typeof UNIT_FORMS] ?? row.form,
    address: [row.street, place].filter(Boolean).join(', '),
    kommunName: row.kommun_name,
    providerName: row.provider_name,
  };
}

function unitChoiceQuery(db: Db) {
  return db
    .selectFrom('unit')
    .innerJoin('provider', 'provider.id', 'unit.provider_id')
    .innerJoin('municipality', 'municipality.code', 'unit.kommun')
    .select(['unit.id', 'unit.name', 'unit.form', 'municipality.short_name as kommun_name', 'provider.name as provider_name'])
    // A skyddat boende's address is neither shown nor searchable (registry/protected-address.ts).
    .select(addressColumnsSql('unit'))
    .where('unit.closed', 'is', null);
}

/**
 * Open units whose name, provider's name or address contain every word typed, in the kommun if one is chosen;
 * by name. One more than the limit is fetched to know whether there are more.
 */
export async function findUnitChoices(db: Db, search: { text: string; kommun: string }): Promise<{ items: UnitChoice[]; hasMore: boolean }> {
  const words = search.text
    .toLocaleLowerCase('sv')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  const address = sql<string>`CASE WHEN ${addressProtectedSql('unit')} THEN '' ELSE coalesce(unit.street, '') || ' ' || coalesce(unit.city, '') END`;
  const haystack = sql<string>`lower(unit.name || ' ' || provider.name || ' ' || ${address})`;
  const rows = await unitChoiceQuery(db)
    .$if(search.kommun !== '', (q) => q.where('unit.kommun', '=', search.kommun))
    .$if(words.length > 0, (q) => q.where((eb) => eb.and(words.map((word) => eb(haystack, 'like', `%${escapeLike(word)}%`)))))
    .orderBy('unit.name')
    .orderBy('unit.id')
    .limit(UNIT_SEARCH_LIMIT + 1)
    .execute();
  return { items: rows.slice(0, UNIT_SEARCH_LIMIT).map(toChoice), hasMore: rows.length > UNIT_SEARCH_LIMIT };
}

/** One open unit to show on the form, or undefined. */
export async function getUnitChoice(db: Db, id: string): Promise<UnitChoice | undefined> {
  const row = await unitChoiceQuery(db).where('unit.id', '=', id).executeTakeFirst();
  return row ? toChoice(row) : undefined;
}
