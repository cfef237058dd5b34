import type { Db } from '../../src/platform/db/database.ts';
import type { ProviderTable, UnitTable } from '../../src/platform/db/schema.ts';
import type { Insertable } from 'kysely';

// Test factories: each call makes its own rows with unique ids, defaults a real register would hold.
let counter = 0;
const nextId = (prefix: string) => `${prefix}${process.pid}-${++counter}`;

/** A valid organisationsnummer with a Luhn check digit, different each call. */
export function makeOrgnr(prefix = '556'): string {
  const body = `${prefix}${String(100000 + ((counter * 7919) % 900000)).padStart(9 - prefix.length, '0')}`.slice(0, 9);
  const digits = body.split('').map(Number);
  const sum = digits.reduce((acc, d, i) => {
    const v = i % 2 === 0 ? d * 2 : d;
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export async function buildProvider(db: Db, overrides: Partial<Insertable<ProviderTable>> = {}) {
  const row = {
    id: nextId('P'),
    name: `Testomsorg ${counter} AB`,
    orgnr: makeOrgnr(),
    kind: 'company',
    parent_id: null,
    email: null,
    phone: null,
    peppol_id: null,
    extra: '{}',
    ...overrides,
  };
  return db.insertInto('provider').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function buildUnit(db: Db, overrides: Partial<Insertable<UnitTable>> = {}) {
  const providerId = overrides.provider_id ?? (await buildProvider(db)).id;
  const row = {
    id: nextId('U'),
    provider_id: providerId,
    name: `HVB Testgården ${counter}`,
    form: 'hvb',
    orientation: ['psykosocial'],
    home_type: 'behandlingshem',
    age_min: 13,
    age_max: 17,
    size: 8,
    capacity: 8,
    street: 'Storgatan 1',
    postal_code: '11122',
    city: 'Stockholm',
    kommun: '0180',
    lat: 59.33,
    lon: 18.06,
    phone: '08-123 456 78',
    email: 'info@example.se',
    website: null,
    operation_codes: null,
    hsa_id: null,
    opened: '2020-01-01',
    closed: null,
    extra: '{}',
    ...overrides,
  };
  return db.insertInto('unit').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function buildPermit(
  db: Db,
  options: { unitId: string; providerId: string; legalForm?: string; history?: { status: string; from: string; reason?: string }[] },
) {
  const history = options.history ?? [{ status: 'active', from: '2020-01-01' }];
  const last = history[history.length - 1];
  const id = nextId('T');
  await db
    .insertInto('permit')
    .values({
      id,
      provider_id: options.providerId,
      unit_id: options.unitId,
      legal_form: options.legalForm ?? 'hvb_barn',
      granted_on: history[0].from,
      status: last.status,
      status_from: last.from,
      extra: '{}',
    })
    .execute();
  await db
    .insertInto('permit_status')
    .values(history.map((h, seq) => ({ permit_id: id, seq, status: h.status, valid_from: h.from, reason: h.reason ?? null })))
    .execute();
  return { id };
}
