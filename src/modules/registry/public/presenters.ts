import type { Selectable } from 'kysely';
import type { ProviderTable, UnitTable } from '../../../platform/db/schema.ts';
import type { HvbHomeSummary } from './hvb-snapshot.ts';
import type { PermitWithHistory, RegisterChange } from './repository.ts';

// What leaves the server from the public register: an explicit list of fields per record, camelCase,
// never the free-form `extra` column and never a person's identity number.

/**
 * A sole trader's organisationsnummer is the owner's personnummer. Organisationsnummer proper have a
 * third digit of 2 or more; personnummer and samordningsnummer have a month there (01–12).
 */
export function isPersonalIdentityNumber(orgnr: string): boolean {
  return /^[0-9]{10}$/.test(orgnr) && Number(orgnr[2]) < 2;
}

/** The organisationsnummer the public may see, or null for a sole trader's personnummer. */
export function publicOrgnr(orgnr: string | null): string | null {
  return orgnr && !isPersonalIdentityNumber(orgnr) ? orgnr : null;
}

/** NNNNNN-NNNN, as organisationsnummer are written. */
export function formatOrgnr(orgnr: string): string {
  return /^[0-9]{10}$/.test(orgnr) ? `${orgnr.slice(0, 6)}-${orgnr.slice(6)}` : orgnr;
}

// `updated_at` is typed Generated<ColumnType<Date, …>> in the schema, which Kysely does not unwrap twice.
const isoTimestamp = (value: unknown) => (value instanceof Date ? value : new Date(String(value))).toISOString();

export function presentHvbHomeSummary(row: HvbHomeSummary) {
  return {
    id: row.id,
    name: row.name,
    form: row.form,
    homeType: row.home_type,
    orientation: row.orientation ?? [],
    ageMin: row.age_min,
    ageMax: row.age_max,
    capacity: row.capacity ?? Math.round(row.size),
    kommun: { code: row.kommun, name: row.kommun_name },
    lan: { code: row.lan, name: row.lan_name },
    status: row.status,
    provider: { id: row.provider_id, name: row.provider_name },
  };
}

export function presentUnit(unit: Selectable<UnitTable> & { address_protected?: boolean }) {
  return {
    id: unit.id,
    providerId: unit.provider_id,
    name: unit.name,
    form: unit.form,
    homeType: unit.home_type,
    orientation: unit.orientation ?? [],
    ageMin: unit.age_min,
    ageMax: unit.age_max,
    size: unit.size,
    capacity: unit.capacity,
    street: unit.street,
    postalCode: unit.postal_code,
    city: unit.city,
    kommun: unit.kommun,
    lat: unit.lat,
    lon: unit.lon,
    phone: unit.phone,
    addressProtected: unit.address_protected ?? false,
    email: unit.email,
    website: unit.website,
    operationCodes: unit.operation_codes ?? [],
    hsaId: unit.hsa_id,
    opened: unit.opened,
    closed: unit.closed,
    updatedAt: isoTimestamp(unit.updated_at),
  };
}

export function presentProvider(provider: Selectable<ProviderTable>) {
  return {
    id: provider.id,
    name: provider.name,
    orgnr: publicOrgnr(provider.orgnr),
    kind: provider.kind,
    parentId: provider.parent_id,
    email: provider.email,
    phone: provider.phone,
    peppolId: provider.peppol_id,
    updatedAt: isoTimestamp(provider.updated_at),
  };
}

/** A permit with its status history; the reasons given for changes stay with the case files. */
export function presentPermit({ permit, history }: PermitWithHistory) {
  return {
    id: permit.id,
    providerId: permit.provider_id,
    unitId: permit.unit_id,
    legalForm: permit.legal_form,
    grantedOn: permit.granted_on,
    status: permit.status,
    statusFrom: permit.status_from,
    history: history.map((h) => ({ status: h.status, from: h.valid_from })),
    updatedAt: isoTimestamp(permit.updated_at),
  };
}

export function presentRegisterChange(change: RegisterChange) {
  const base = { seq: change.seq, type: change.type, id: change.id };
  switch (change.type) {
    case 'unit':
      return { ...base, data: presentUnit(change.unit) };
    case 'provider':
      return { ...base, data: presentProvider(change.provider) };
    case 'permit':
      return { ...base, data: presentPermit(change.permit) };
  }
}
