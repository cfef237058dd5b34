import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Dates travel as 'YYYY-MM-DD' strings: no time zone can shift them. */
type DateString = string;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in on insert. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = JSONColumnType<Record<string, unknown>, Record<string, unknown> | string, Record<string, unknown> | string>;

export interface DepartmentTable { code: string; name: string; city: string }
export interface CountyTable { code: string; name: string; short_name: string; department_code: string }
export interface MunicipalityTable { code: string; name: string; short_name: string; county_code: string; lat: number | null; lon: number | null }
export interface PostcodeTable { code: string; locality: string; municipality_code: string }

export interface ProviderTable {
  id: string;
  name: string;
  orgnr: string | null;
  kind: string;
  parent_id: string | null;
  email: string | null;
  phone: string | null;
  peppol_id: string | null;
  extra: Json;
  change_seq: Generated<number>;
  updated_at: DefaultedTimestamp;
}

export interface UnitTable {
  id: string;
  provider_id: string;
  name: string;
  form: string;
  orientation: string[] | null;
  home_type: string | null;
  age_min: number | null;
  age_max: number | null;
  size: number;
  capacity: number | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  kommun: string;
  lat: number | null;
  lon: number | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  operation_codes: string[] | null;
  hsa_id: string | null;
  opened: DateString | null;
  closed: DateString | null;
  extra: Json;
  change_seq: Generated<number>;
  updated_at: DefaultedTimestamp;
}

export interface PermitTable {
  id: string;
  provider_id: string;
  unit_id: string | null;
  legal_form: string;
  granted_on: DateString;
  /** The latest status of the history, kept here so lists need no join. */
  status: string;
  status_from: DateString;
  extra: Json;
  change_seq: Generated<number>;
  updated_at: DefaultedTimestamp;
}

export interface PermitStatusTable {
  permit_id: string;
  seq: number;
  status: string;
  valid_from: DateString;
  reason: string | null;
}

export interface ProviderNotificationTable {
  id: string;
  provider_id: string;
  unit_id: string | null;
  kind: string;
  event_date: DateString;
  received_on: DateString;
  description: string | null;
  extra: Json;
}

export interface RegisterChangeTable {
  id: Generated<number>;
  entity_type: string;
  entity_id: string;
  action: string;
  changed_at: Timestamp;
  changed_by: string;
  reason: string;
  before: JSONColumnType<Record<string, unknown> | null, Record<string, unknown> | null | string, never>;
  after: JSONColumnType<Record<string, unknown> | null, Record<string, unknown> | null | string, never>;
}

export interface SignalTable {
  id: string;
  unit_id: string;
  channel: string;
  received_at: Timestamp;
  occurred_on: DateString | null;
  severity: number | null;
  urgency: string | null;
  text: string | null;
  risk_areas: string[] | null;
  personnummer: string | null;
  extra: Json;
}

export interface IndicatorValueTable {
  unit_id: string;
  indicator: string;
  period: string;
  period_end: DateString;
  value: number;
  denominator: number | null;
  direction: string;
  extra: Json;
}

export interface InspectionTable {
  id: string;
  unit_id: string;
  date: DateString;
  announced: boolean | null;
  deficiencies: number;
  outcome: string;
  extra: Json;
}

export interface StaffSessionTable {
  id_hash: string;
  subject: string;
  name: string;
  email: string | null;
  roles: string[];
  department: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  reason: string | null;
  details: Json;
  prev_hash: string;
  hash: string;
}

export interface Database {
  department: DepartmentTable;
  county: CountyTable;
  municipality: MunicipalityTable;
  postcode: PostcodeTable;
  provider: ProviderTable;
  unit: UnitTable;
  permit: PermitTable;
  permit_status: PermitStatusTable;
  provider_notification: ProviderNotificationTable;
  register_change: RegisterChangeTable;
  signal: SignalTable;
  indicator_value: IndicatorValueTable;
  inspection: InspectionTable;
  staff_session: StaffSessionTable;
  audit_log: AuditLogTable;
}
