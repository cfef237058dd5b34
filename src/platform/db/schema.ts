import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Dates travel as 'YYYY-MM-DD' strings: no time zone can shift them. */
type DateString = string;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in on insert. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = JSONColumnType<Record<string, unknown>, Record<string, unknown> | string, Record<string, unknown> | string>;

export interface DepartmentTable { code: string; name: string; city: string; duty_email: string | null }
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
  unit_id: string | null;
  channel: string;
  received_at: Timestamp;
  occurred_on: DateString | null;
  severity: number | null;
  urgency: string | null;
  text: string | null;
  risk_areas: string[] | null;
  personnummer: string | null;
  extra: Json;
  provider_id: ColumnType<string | null, string | null | undefined, string | null>;
  department_code: ColumnType<string | null, string | null | undefined, string | null>;
  /** NULL for history that never passed through triage; 'new' for everything received live. */
  triage_status: ColumnType<'new' | 'in_progress' | 'done' | null, 'new' | 'in_progress' | 'done' | null | undefined, 'new' | 'in_progress' | 'done' | null>;
  assigned_to: ColumnType<string | null, string | null | undefined, string | null>;
  unit_match: ColumnType<'given' | 'automatic' | 'manual' | 'unmatched' | null, 'given' | 'automatic' | 'manual' | 'unmatched' | null | undefined, 'given' | 'automatic' | 'manual' | 'unmatched' | null>;
  unit_hint: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  submitter_kind: ColumnType<string | null, string | null | undefined, string | null>;
  contact: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  secrecy: ColumnType<'public' | 'secret', 'public' | 'secret' | undefined, 'public' | 'secret'>;
  reliability: ColumnType<string | null, string | null | undefined, string | null>;
  classification: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  case_ref: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SignalAttachmentTable {
  id: Generated<number>;
  signal_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
}

export interface SignalReceiptTable { code_hash: string; signal_id: string }

export interface SignalMessageTable {
  id: Generated<number>;
  signal_id: string;
  direction: 'to_sender' | 'from_sender';
  author: string | null;
  body: string;
  created_at: DefaultedTimestamp;
}

export interface SignalNoteTable {
  id: Generated<number>;
  signal_id: string;
  author: string;
  body: string;
  created_at: DefaultedTimestamp;
}

export interface ComplaintTable {
  signal_id: string;
  complainant_name: string;
  complainant_personnummer: string;
  relation: string;
  patient_name: string | null;
  patient_personnummer: string | null;
  event_date: DateString;
  what_happened: string;
  harm: string;
  recommendation: JSONColumnType<Record<string, unknown>, string, string>;
}

export interface ProviderReportTable {
  signal_id: string;
  kind: 'lex_maria' | 'lex_sarah';
  provider_id: string;
  reported_by: string;
  event_description: string;
  consequences: string;
  root_causes: JSONColumnType<unknown[], string, string>;
  actions: JSONColumnType<unknown[], string, string>;
  follow_up: string;
  completeness: JSONColumnType<Record<string, unknown>, string, string>;
}

export interface UnexecutedDecisionTable {
  id: Generated<number>;
  provider_id: string;
  unit_id: string | null;
  quarter: string;
  decision_date: DateString;
  law: 'SoL' | 'LSS';
  kind_of_help: string;
  reason: string | null;
  executed_on: DateString | null;
  interrupted_on: DateString | null;
  reported_by: string;
  reported_at: DefaultedTimestamp;
  signal_id: string | null;
}

export interface ServiceFeedbackTable {
  id: Generated<number>;
  service: string;
  rating: number;
  comment: string | null;
  created_at: ColumnType<DateString, DateString | undefined, DateString>;
}

export interface ClassifierCorrectionTable {
  id: Generated<number>;
  signal_id: string | null;
  text: string;
  risk_areas: string[];
  urgency: 'acute' | 'high' | 'normal';
  corrected_by: string;
  created_at: DefaultedTimestamp;
}

export interface ApiClientTable { id: string; name: string; secret_hash: string; channel: string; created_at: DefaultedTimestamp }

export interface IdempotencyRecordTable {
  client_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: JSONColumnType<Record<string, unknown>, string, string>;
  created_at: DefaultedTimestamp;
}

export interface OutboxEmailTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  body: string;
  created_at: DefaultedTimestamp;
  sent_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
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
  signal_attachment: SignalAttachmentTable;
  signal_receipt: SignalReceiptTable;
  signal_message: SignalMessageTable;
  signal_note: SignalNoteTable;
  complaint: ComplaintTable;
  provider_report: ProviderReportTable;
  unexecuted_decision: UnexecutedDecisionTable;
  service_feedback: ServiceFeedbackTable;
  classifier_correction: ClassifierCorrectionTable;
  api_client: ApiClientTable;
  idempotency_record: IdempotencyRecordTable;
  outbox_email: OutboxEmailTable;
}
