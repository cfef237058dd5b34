import { sql, type Updateable } from 'kysely';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertCanInDepartment, type StaffUser } from '../../../platform/auth/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { UnitTable } from '../../../platform/db/schema.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { findMunicipality, findPostcode, findUnitDepartment } from './repository.ts';

/** The register fields a member of staff may correct, in form order, with their Swedish names. */
export const CORRECTABLE_FIELDS = {
  name: 'Namn',
  street: 'Gatuadress',
  postal_code: 'Postnummer',
  city: 'Postort',
  kommun: 'Kommun',
  size: 'Storlek',
  capacity: 'Antal platser',
  age_min: 'Lägsta ålder',
  age_max: 'Högsta ålder',
  phone: 'Telefon',
  email: 'E-post',
  website: 'Webbplats',
  closed: 'Datum då verksamheten upphörde',
} as const;
export type CorrectableField = keyof typeof CORRECTABLE_FIELDS;
export const CORRECTABLE_FIELD_NAMES = Object.keys(CORRECTABLE_FIELDS) as CorrectableField[];

/** The form as typed: every field a string (empty for "no value"). */
export type CorrectionForm = Record<CorrectableField | 'reason', string>;

type CorrectedValues = Pick<UnitTable, CorrectableField>;

const MAX_TEXT = 200;
const MAX_REASON = 2000;

function parseNumber(raw: string): number {
  return /^-?\d+([.,]\d+)?$/.test(raw) ? Number(raw.replace(',', '.')) : Number.NaN;
}

function isRealDate(raw: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return false;
  const date = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === raw;
}

/**
 * Checks the form and turns it into register values. Errors name the field and say what to do, in Swedish;
 * the kommun and postcode are checked against the reference tables.
 */
export async function validateCorrection(db: Db, form: CorrectionForm, opened: string | null): Promise<{ values: CorrectedValues; reason: string; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const text = (field: CorrectableField | 'reason') => (form[field] ?? '').trim();
  const optional = (field: CorrectableField) => text(field) || null;
  const error = (field: CorrectableField | 'reason', message: string) => errors.push({ field, message });

  const name = text('name');
  if (!name) error('name', 'Ange verksamhetens namn');
  else if (name.length > MAX_TEXT) error('name', `Namnet får vara högst ${MAX_TEXT} tecken`);
  for (const field of ['street', 'city'] as const) {
    if (text(field).length > MAX_TEXT) error(field, `${CORRECTABLE_FIELDS[field]} får vara högst ${MAX_TEXT} tecken`);
  }

  const kommun = text('kommun');
  const municipality = /^\d{4}$/.test(kommun) ? await findMunicipality(db, kommun) : undefined;
  if (!kommun) error('kommun', 'Välj kommun');
  else if (!municipality) error('kommun', 'Välj en kommun som finns i listan');

  const postalCode = text('postal_code').replace(/\s/g, '');
  if (postalCode) {
    if (!/^\d{5}$/.test(postalCode)) error('postal_code', 'Postnumret ska ha fem siffror, till exempel 111 22');
    else {
      const postcode = await findPostcode(db, postalCode);
      if (!postcode) error('postal_code', 'Postnumret finns inte i postnummerregistret');
      else if (municipality && postcode.municipality_code !== municipality.code) {
        const owner = await findMunicipality(db, postcode.municipality_code);
        error('postal_code', `Postnumret hör till ${owner?.name ?? 'en annan kommun'}, inte till ${municipality.name}`);
      }
    }
  }

  const size = parseNumber(text('size'));
  if (!text('size')) error('size', 'Ange storlek');
  else if (!Number.isFinite(size) || size <= 0) error('size', 'Storleken ska vara ett tal större än 0');

  const integer = (field: 'capacity' | 'age_min' | 'age_max', min: number, max: number, message: string): number | null => {
    if (!text(field)) return null;
    const value = parseNumber(text(field));
    if (!Number.isInteger(value) || value < min || value > max) {
      error(field, message);
      return null;
    }
    return value;
  };
  const capacity = integer('capacity', 0, 1_000_000, 'Antal platser ska vara ett heltal, 0 eller större');
  const ageMin = integer('age_min', 0, 120, 'Lägsta ålder ska vara ett heltal mellan 0 och 120');
  const ageMax = integer('age_max', 0, 120, 'Högsta ålder ska vara ett heltal mellan 0 och 120');
  if (ageMin !== null && ageMax !== null && ageMin > ageMax) error('age_max', 'Högsta ålder får inte vara lägre än lägsta ålder');

  const phone = optional('phone');
  if (phone && !/^\+?[0-9][0-9 ()-]{4,24}$/.test(phone)) error('phone', 'Telefonnumret får bara innehålla siffror, mellanslag, bindestreck och +, till exempel 08-123 456 78');
  const email = optional('email');
  if (email && (email.length > MAX_TEXT || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) error('email', 'Ange en e-postadress i rätt format, till exempel namn@exempel.se');
  const website = optional('website');
  if (website) {
    let valid = false;
    try {
      valid = ['http:', 'https:'].includes(new URL(website).protocol) && website.length <= MAX_TEXT;
    } catch {
      valid = false;
    }
    if (!valid) error('website', 'Ange webbplatsen som en fullständig adress, till exempel https://www.exempel.se');
  }
  const closed = optional('closed');
  if (closed && !isRealDate(closed)) error('closed', 'Datum då verksamheten upphörde ska vara ett riktigt datum, till exempel 2025-06-30');
  else if (closed && opened && closed < opened) error('closed', `Datum då verksamheten upphörde kan inte vara före startdatum ${opened}`);

  const reason = text('reason');
  if (!reason) error('reason', 'Skriv varför uppgifterna rättas');
  else if (reason.length > MAX_REASON) error('reason', `Skälet får vara högst ${MAX_REASON} tecken`);

  return {
    values: {
      name,
      street: optional('street'),
      postal_code: postalCode || null,
      city: optional('city'),
      kommun,
      size,
      capacity,
      age_min: ageMin,
      age_max: ageMax,
      phone,
      email,
      website,
      closed,
    },
    reason,
    errors,
  };
}

export interface CorrectUnitOptions {
  unitId: string;
  staff: Pick<StaffUser, 'subject' | 'name' | 'roles' | 'department'>;
  form: CorrectionForm;
}

export interface CorrectionResult {
  registerChangeId: number;
  changedFields: CorrectableField[];
}

/**
 * Corrects a unit's register entry: the unit, its register_change row (who, when, why, before → after of
 * the changed fields) and the audit row are written in one transaction, or nothing is.
 */
export async function correctUnit(db: Db, { unitId, staff, form }: CorrectUnitOptions): Promise<CorrectionResult> {
  assertCanInDepartment(staff, 'register.correct', (await findUnitDepartment(db, unitId)) ?? null, `unit ${unitId}`);
  const current = await db.selectFrom('unit').select(['opened']).where('id', '=', unitId).executeTakeFirst();
  if (!current) throw AppError.notFound(`unit ${unitId}`);
  const { values, reason, errors } = await validateCorrection(db, form, current.opened);
  if (errors.length > 0) throw AppError.validation(errors, `correction of unit ${unitId}`);

  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('unit').select(CORRECTABLE_FIELD_NAMES).where('id', '=', unitId).forUpdate().executeTakeFirst();
    if (!before) throw AppError.notFound(`unit ${unitId}`);
    const changedFields = CORRECTABLE_FIELD_NAMES.filter((field) => before[field] !== values[field]);
    if (changedFields.length === 0) {
      throw AppError.validation([{ field: 'name', message: 'Ingen uppgift har ändrats. Ändra det som är fel innan du sparar.' }], `correction of unit ${unitId} changes nothing`);
    }
    const pick = (source: Record<CorrectableField, unknown>) => Object.fromEntries(changedFields.map((f) => [f, source[f]]));
    const update = pick(values) as Updateable<UnitTable>;

    // (updated_at is Generated<Timestamp> in the schema, an update type Kysely cannot match; hence `never`.)
    await trx
      .updateTable('unit')
      .set({ ...update, change_seq: sql<number>`nextval('register_change_seq')`, updated_at: sql<never>`now()` })
      .where('id', '=', unitId)
      .execute();
    const { id: registerChangeId } = await trx
      .insertInto('register_change')
      .values({
        entity_type: 'unit',
        entity_id: unitId,
        action: 'correct',
        changed_at: sql<Date>`now()`,
        changed_by: `${staff.name} (${staff.subject})`,
        reason,
        before: JSON.stringify(pick(before)),
        after: JSON.stringify(pick(values)),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: `staff:${staff.subject}`,
      action: 'unit.correct',
      entityType: 'unit',
      entityId: unitId,
      reason,
      details: { fields: changedFields, registerChangeId },
    });
    return { registerChangeId, changedFields };
  });
}
