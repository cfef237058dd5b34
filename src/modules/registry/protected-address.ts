// Skyddade boenden shelter people hiding from violence, honour-related violence among it, children and young
// people too: where such a home is must not be public. The public register and its API, the unit search of the
// public forms, and decisions (their page and letter) show such a unit's kommun and län, never its street,
// postcode, town, position or phone. A unit is one when its home type is skyddat boende or it holds a permit
// for skyddat boende.
import { sql, type RawBuilder } from 'kysely';

/** The SQL truth of "this unit's address is protected", for the unit table under `alias`. */
export function addressProtectedSql(alias: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${alias}.home_type`)} IS NOT DISTINCT FROM 'skyddat' OR EXISTS (
    SELECT 1 FROM permit protected_permit WHERE protected_permit.unit_id = ${sql.ref(`${alias}.id`)} AND protected_permit.legal_form = 'skyddat_boende'))`;
}

/** The unit's street, postcode and town for a select list, each NULL when its address is protected. */
export function addressColumnsSql(alias: string) {
  const unlessProtected = (column: 'street' | 'postal_code' | 'city') =>
    sql<string | null>`CASE WHEN ${addressProtectedSql(alias)} THEN NULL ELSE ${sql.ref(`${alias}.${column}`)} END`;
  return [unlessProtected('street').as('street'), unlessProtected('postal_code').as('postal_code'), unlessProtected('city').as('city')] as const;
}

/** The fields that would tell where a unit is. */
export type LocatingFields = { street: string | null; postal_code: string | null; city: string | null; lat: number | null; lon: number | null; phone: string | null };

/** The row with its locating fields emptied when its address is protected. */
export function withProtectedAddress<T extends Partial<LocatingFields>>(row: T, addressProtected: boolean): T & { address_protected: boolean } {
  if (!addressProtected) return { ...row, address_protected: false };
  const hidden: Partial<LocatingFields> = {};
  for (const field of ['street', 'postal_code', 'city', 'lat', 'lon', 'phone'] as const) if (field in row) hidden[field] = null;
  return { ...row, ...hidden, address_protected: true };
}

/** What the public sees instead of the address. */
export const PROTECTED_ADDRESS_TEXT = 'Skyddad adress. Skyddade boenden visar inte var de ligger.';
