// From one parsed exchange-format line to the row the register stores, checking every field
// (exchange format v1 plus Vaka's extensions, docs/exchange-extensions.md).
import {
  HOME_TYPES,
  INDICATOR_DIRECTIONS,
  INSPECTION_OUTCOMES,
  LEGAL_FORMS,
  NOTIFICATION_KINDS,
  ORIENTATIONS,
  PERMIT_STATUSES,
  PROVIDER_KINDS,
  RISK_AREAS,
  SIGNAL_CHANNELS,
  UNIT_FORMS,
  URGENCIES,
} from '../registry/index.ts';
import { FieldReader, show, type ReportIssue } from './field-reader.ts';
import { normaliseOrgnr, normalisePersonnummer } from './swedish-ids.ts';

type Extra = Record<string, unknown>;

export interface ProviderRow {
  id: string;
  name: string;
  orgnr?: string;
  kind: string;
  parent_id?: string;
  email?: string;
  phone?: string;
  peppol_id?: string;
  extra: Extra;
}

export interface UnitRow {
  id: string;
  provider_id: string;
  name: string;
  form: string;
  orientation?: string[];
  home_type?: string;
  age_min?: number;
  age_max?: number;
  size: number;
  capacity?: number;
  street?: string;
  postal_code?: string;
  city?: string;
  kommun: string;
  lat?: number;
  lon?: number;
  phone?: string;
  email?: string;
  website?: string;
  operation_codes?: string[];
  hsa_id?: string;
  opened?: string;
  closed?: string;
  extra: Extra;
}

export interface PermitStatusRow {
  permit_id: string;
  seq: number;
  status: string;
  valid_from: string;
  reason?: string;
}

export interface PermitRow {
  id: string;
  provider_id: string;
  unit_id?: string;
  legal_form: string;
  granted_on: string;
  status: string;
  status_from: string;
  extra: Extra;
}

export interface NotificationRow {
  id: string;
  provider_id: string;
  unit_id?: string;
  kind: string;
  event_date: string;
  received_on: string;
  description?: string;
  extra: Extra;
}

export interface SignalRow {
  id: string;
  unit_id: string;
  channel: string;
  received_at: string;
  occurred_on?: string;
  severity?: number;
  urgency?: string;
  text?: string;
  risk_areas?: string[];
  personnummer?: string;
  extra: Extra;
}

export interface IndicatorRow {
  unit_id: string;
  indicator: string;
  period: string;
  period_end: string;
  value: number;
  denominator?: number;
  direction: string;
  extra: Extra;
}

export interface InspectionRow {
  id: string;
  unit_id: string;
  date: string;
  announced?: boolean;
  deficiencies: number;
  outcome: string;
  extra: Extra;
}

/** What the checks need to know beyond the line itself. */
export interface ReferenceCodes {
  municipalities: ReadonlySet<string>;
  /** Postcode → the kommun it belongs to. */
  postcodes: ReadonlyMap<string, string>;
}

const codes = (list: Iterable<string>): ReadonlySet<string> => new Set(list);
const PROVIDER_KIND_CODES = codes(Object.keys(PROVIDER_KINDS));
const UNIT_FORM_CODES = codes(Object.keys(UNIT_FORMS));
const ORIENTATION_CODES = codes(Object.keys(ORIENTATIONS));
const HOME_TYPE_CODES = codes(Object.keys(HOME_TYPES));
const LEGAL_FORM_CODES = codes(Object.keys(LEGAL_FORMS));
const PERMIT_STATUS_CODES = codes(Object.keys(PERMIT_STATUSES));
const NOTIFICATION_KIND_CODES = codes(NOTIFICATION_KINDS);
const CHANNEL_CODES = codes(SIGNAL_CHANNELS);
const URGENCY_CODES = codes(URGENCIES);
const RISK_AREA_CODES = codes(Object.keys(RISK_AREAS));
const DIRECTION_CODES = codes(INDICATOR_DIRECTIONS);
const OUTCOME_CODES = codes(INSPECTION_OUTCOMES);

const PERIOD = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** The last day of an indicator period: `YYYY` → Dec 31, `YYYY-Qn` → quarter end, `YYYY-MM` → month end. */
export function periodEnd(period: string): string | undefined {
  const match = PERIOD.exec(period);
  if (!match) return undefined;
  const year = Number(match[1]);
  // There is no year 0 (the database refuses it).
  if (year < 1) return undefined;
  const lastMonth = match[2] ? Number(match[2]) * 3 : match[3] ? Number(match[3]) : 12;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return `${match[1]}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

function orgnr(r: FieldReader, report: ReportIssue): string | undefined {
  const value = r.string('orgnr');
  if (value === undefined) return undefined;
  const normalised = normaliseOrgnr(value);
  if (normalised === undefined) report('orgnr', `not a valid organisationsnummer: ${show(value)}`);
  return normalised;
}

export function readProvider(r: FieldReader, report: ReportIssue): ProviderRow | undefined {
  const row = {
    id: r.string('id', true),
    name: r.string('name', true),
    orgnr: orgnr(r, report),
    kind: r.code('kind', PROVIDER_KIND_CODES, true),
    parent_id: r.string('parentId'),
    email: r.string('email'),
    phone: r.string('phone'),
    peppol_id: r.string('peppolId'),
    extra: r.extra(),
  };
  if (row.id === undefined || row.name === undefined || row.kind === undefined) return undefined;
  return row as ProviderRow;
}

export function readUnit(r: FieldReader, report: ReportIssue, reference: ReferenceCodes): UnitRow | undefined {
  const kommunText = r.string('kommun', true);
  let kommun = kommunText;
  if (kommunText !== undefined && !reference.municipalities.has(kommunText)) {
    report('kommun', `unknown kommun code ${show(kommunText)}; expected a 4-digit SCB municipality code such as "0180"`);
    kommun = undefined;
  }
  const postalText = r.string('postalCode');
  let postalCode: string | undefined;
  if (postalText !== undefined) {
    if (!/^\d{3} ?\d{2}$/.test(postalText)) {
      report('postalCode', `must be 5 digits, got ${show(postalText)}`);
    } else {
      postalCode = postalText.replace(' ', '');
      const owner = reference.postcodes.get(postalCode);
      if (kommun !== undefined && owner !== undefined && owner !== kommun) {
        report('postalCode', `postcode ${postalCode} belongs to kommun ${owner}, not ${kommun}`);
      }
    }
  }
  const ageMin = r.number('ageMin', { integer: true, min: 0, max: 120 });
  const ageMax = r.number('ageMax', { integer: true, min: 0, max: 120 });
  if (ageMin !== undefined && ageMax !== undefined && ageMin > ageMax) report('ageMax', `must not be below ageMin (${ageMin}), got ${ageMax}`);
  const row = {
    id: r.string('id', true),
    provider_id: r.string('providerId', true),
    name: r.string('name', true),
    form: r.code('form', UNIT_FORM_CODES, true),
    orientation: r.strings('orientation', ORIENTATION_CODES),
    home_type: r.code('homeType', HOME_TYPE_CODES),
    age_min: ageMin,
    age_max: ageMax,
    size: r.number('size', { required: true, above: 0 }),
    capacity: r.number('capacity', { integer: true, min: 0 }),
    street: r.string('street'),
    postal_code: postalCode,
    city: r.string('city'),
    kommun,
    lat: r.number('lat', { min: -90, max: 90 }),
    lon: r.number('lon', { min: -180, max: 180 }),
    phone: r.string('phone'),
    email: r.string('email'),
    website: r.string('website'),
    operation_codes: r.strings('operationCodes'),
    hsa_id: r.string('hsaId'),
    opened: r.date('opened'),
    closed: r.date('closed'),
    extra: r.extra(),
  };
  if (row.id === undefined || row.provider_id === undefined || row.name === undefined || row.form === undefined) return undefined;
  if (row.size === undefined || row.kommun === undefined) return undefined;
  return row as UnitRow;
}

export function readPermit(r: FieldReader, report: ReportIssue): { permit: PermitRow; history: PermitStatusRow[] } | undefined {
  const id = r.string('id', true);
  const providerId = r.string('providerId', true);
  const unitId = r.string('unitId');
  const legalForm = r.code('legalForm', LEGAL_FORM_CODES, true);
  const grantedOn = r.date('grantedOn', true);
  const history = r.objects(
    'history',
    (entry) => {
      const status = entry.code('status', PERMIT_STATUS_CODES, true);
      const from = entry.date('from', true);
      const reason = entry.string('reason');
      return status === undefined || from === undefined ? undefined : { status, from, reason };
    },
    true,
  );
  const extra = r.extra();
  if (history === undefined) return undefined;
  if (history.length === 0) {
    report('history', 'must hold at least one status');
    return undefined;
  }
  let ordered = true;
  for (let i = 1; i < history.length; i++) {
    if (history[i].from < history[i - 1].from) {
      report(`history[${i}].from`, `must not be before ${history[i - 1].from}, the date of the status before it; the history is in date order`);
      ordered = false;
    }
  }
  if (!ordered || id === undefined || providerId === undefined || legalForm === undefined || grantedOn === undefined) return undefined;
  const last = history[history.length - 1];
  return {
    permit: { id, provider_id: providerId, unit_id: unitId, legal_form: legalForm, granted_on: grantedOn, status: last.status, status_from: last.from, extra },
    history: history.map((entry, index) => ({ permit_id: id, seq: index + 1, status: entry.status, valid_from: entry.from, reason: entry.reason })),
  };
}

export function readNotification(r: FieldReader, _report: ReportIssue): NotificationRow | undefined {
  const row = {
    id: r.string('id', true),
    provider_id: r.string('providerId', true),
    unit_id: r.string('unitId'),
    kind: r.code('kind', NOTIFICATION_KIND_CODES, true),
    event_date: r.date('eventDate', true),
    received_on: r.date('receivedOn', true),
    description: r.string('description'),
    extra: r.extra(),
  };
  if (row.id === undefined || row.provider_id === undefined || row.kind === undefined) return undefined;
  if (row.event_date === undefined || row.received_on === undefined) return undefined;
  return row as NotificationRow;
}

export function readSignal(r: FieldReader, report: ReportIssue): SignalRow | undefined {
  const personnummerText = r.string('personnummer');
  let personnummer: string | undefined;
  if (personnummerText !== undefined) {
    personnummer = normalisePersonnummer(personnummerText);
    if (personnummer === undefined) report('personnummer', `not a valid personnummer: ${show(personnummerText)}`);
  }
  const row = {
    id: r.string('id', true),
    unit_id: r.string('unitId', true),
    channel: r.code('channel', CHANNEL_CODES, true),
    received_at: r.timestamp('receivedAt', true),
    occurred_on: r.date('occurredAt'),
    severity: r.number('severity', { integer: true, min: 1, max: 4 }),
    urgency: r.code('urgency', URGENCY_CODES),
    text: r.string('text'),
    risk_areas: r.strings('riskAreas', RISK_AREA_CODES),
    personnummer,
    extra: r.extra(),
  };
  if (row.id === undefined || row.unit_id === undefined || row.channel === undefined || row.received_at === undefined) return undefined;
  return row as SignalRow;
}

export function readIndicator(r: FieldReader, report: ReportIssue): IndicatorRow | undefined {
  const period = r.string('period', true);
  const end = period === undefined ? undefined : periodEnd(period);
  if (period !== undefined && end === undefined) report('period', `must be YYYY, YYYY-Qn or YYYY-MM, got ${show(period)}`);
  const row = {
    unit_id: r.string('unitId', true),
    indicator: r.string('indicator', true),
    period,
    period_end: end,
    value: r.number('value', { required: true }),
    denominator: r.number('denominator', { min: 0 }),
    direction: r.code('direction', DIRECTION_CODES, true),
    extra: r.extra(),
  };
  if (row.unit_id === undefined || row.indicator === undefined || row.period_end === undefined) return undefined;
  if (row.value === undefined || row.direction === undefined) return undefined;
  return row as IndicatorRow;
}

export function readInspection(r: FieldReader, _report: ReportIssue): InspectionRow | undefined {
  const row = {
    id: r.string('id', true),
    unit_id: r.string('unitId', true),
    date: r.date('date', true),
    announced: r.boolean('announced'),
    deficiencies: r.number('deficiencies', { required: true, integer: true, min: 0 }),
    outcome: r.code('outcome', OUTCOME_CODES, true),
    extra: r.extra(),
  };
  if (row.id === undefined || row.unit_id === undefined || row.date === undefined) return undefined;
  if (row.deficiencies === undefined || row.outcome === undefined) return undefined;
  return row as InspectionRow;
}
