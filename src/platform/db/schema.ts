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
  /** The form's random id (migration 019; null for reports sent before). */
  submission_id: string | null;
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

/**
 * The staff directory (migration 008): each member of staff as of their latest sign-in, or as the development
 * identity provider lists them. What the pickers for case teams and assignments offer.
 */
export interface StaffMemberTable {
  subject: string;
  name: string;
  email: string | null;
  roles: string[];
  department: string | null;
  first_seen_at: DefaultedTimestamp;
  /** The latest sign-in; null for a demo person who has not signed in. */
  last_seen_at: Date | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
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

export interface RiskRunTable {
  id: Generated<number>;
  kind: 'national';
  as_of: DateString;
  started_at: Timestamp;
  finished_at: DefaultedTimestamp;
  units: number;
  summary: Json;
  parameters: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

export interface RiskScoreTable {
  unit_id: string;
  form: string;
  score: number;
  raw: number;
  national_rank: number;
  triggers: string[];
  cusum_alarm: boolean;
  reasons: string[];
  observed_recent: number;
  expected_recent: number;
  /** The unit's size band within its form and its size at the national run: its class (null before 015). */
  size_band: number | null;
  size: number | null;
  as_of: DateString;
  run_id: number;
  computed_at: DefaultedTimestamp;
}

export interface RiskAlertTable {
  id: Generated<number>;
  unit_id: string;
  department_code: string | null;
  kind: 'cusum' | 'acute_signal' | 'permit_status';
  raised_at: DefaultedTimestamp;
  as_of: DateString;
  score: number;
  explanation: string[];
  status: ColumnType<'new' | 'in_progress' | 'done', 'new' | 'in_progress' | 'done' | undefined, 'new' | 'in_progress' | 'done'>;
  handled_by: string | null;
  handled_at: Timestamp | null;
  /** Why a closed alert was closed: its outcome's reason, or the person's note. */
  note: string | null;
  /** What came of a closed alert (null while it is open); a case has its diarienummer in case_ref. */
  outcome: 'case' | 'inspection' | 'known' | 'no_action' | 'not_recorded' | null;
  case_ref: string | null;
}

export interface RiskRescoreRequestTable { unit_id: string; requested_at: DefaultedTimestamp }
/** codes: 4 bytes per signal, a big-endian integer day · 256 + channel · 10 + severity · 2 + acute. */
export interface RiskSignalHistoryTable { unit_id: string; codes: Uint8Array }

// (selection projects: tables added below by their migration)

/** A population definition as entered on the new-project form (codes, not names). */
export interface SelectionPopulation {
  forms: string[];
  county: string | null;
  kommun: string | null;
  department: string | null;
  provider: { id: string; name: string; orgnr: string | null } | null;
}

export interface SelectionIndicatorSnapshot {
  indicator: string;
  period: string;
  periodEnd: DateString;
  value: number;
  denominator: number | null;
  direction: string;
  /** The national level of the same indicator and period (pooled over the units reporting it). */
  national: number;
}

export interface SelectionProjectTable {
  id: Generated<number>;
  title: string;
  purpose: string;
  population: JSONColumnType<SelectionPopulation, string, string>;
  department_code: string | null;
  run_id: number;
  as_of: DateString;
  population_count: number;
  created_by: string;
  created_by_name: string;
  created_at: DefaultedTimestamp;
  /** The new-project form's random id: one project per form sent (NULL before migration 020). */
  submission_id: string | null;
}

export interface SelectionPopulationUnitTable {
  project_id: number;
  unit_id: string;
  unit_name: string;
  form: string;
  kommun: string;
  kommun_name: string;
  county_name: string;
  provider_name: string | null;
  score: number;
  national_rank: number;
  triggers: string[];
  cusum_alarm: boolean;
  contributions: JSONColumnType<{ code: string; weight: number; value: number; sentence: string }[], string, never>;
  reasons: string[];
  observed_recent: number;
  expected_recent: number;
  indicators: JSONColumnType<SelectionIndicatorSnapshot[], string, never>;
  score_as_of: DateString;
}

export interface SelectionStageTable {
  project_id: number;
  stage: 1 | 2 | 3;
  criteria: JSONColumnType<Record<string, unknown>, string, never>;
  rationale: string;
  candidates: number;
  kept: number;
  decided_by: string;
  decided_by_name: string;
  decided_at: DefaultedTimestamp;
}

export interface SelectionStageUnitTable {
  project_id: number;
  stage: 1 | 2 | 3;
  unit_id: string;
  position: number;
  inclusion: 'rule' | 'added' | 'removed' | 'chosen';
  measure: number | null;
  evidence: string[];
  figures: JSONColumnType<Record<string, unknown>, string, never>;
  reason: string | null;
}

export interface SelectionControlSampleTable {
  project_id: number;
  seed: number;
  size: number;
  frame_size: number;
  method: string;
  unit_ids: string[];
  rationale: string | null;
  drawn_by: string;
  drawn_by_name: string;
  drawn_at: DefaultedTimestamp;
}


// ---- cases (migration 2026_11_29_005_cases) ----
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export const CASE_TYPES = ['complaint', 'lex_maria', 'lex_sarah', 'own_initiative', 'government_assignment', 'permit_application', 'register_notification', 'fee', 'public_documents', 'journal_custody', 'unexecuted_decision'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export const CASE_STATUSES = ['open', 'investigation', 'decided', 'follow_up', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const DECISION_TOOLS = ['closure', 'criticism', 'demand_actions', 'injunction', 'ban', 'revocation', 'police_report'] as const;
export type DecisionTool = (typeof DECISION_TOOLS)[number];
export type DocumentDirection = 'incoming' | 'outgoing' | 'drawn_up';
export type DocumentSecrecy = 'public' | 'partly_secret' | 'secret';
export type DocumentKind = 'signal' | 'request' | 'answer' | 'reminder' | 'inspection_record' | 'interview' | 'decision' | 'action_report' | 'assessment' | 'note' | 'other';

export interface DiariumCounterTable { series: string; year: number; last_number: number }

export interface CaseFileTable {
  id: Generated<number>;
  diarienummer: string;
  diarium_class: string;
  diarium_series: string;
  diarium_year: number;
  diarium_number: number;
  case_type: CaseType;
  title: string;
  status: Defaulted<CaseStatus>;
  department_code: Nullable<string>;
  unit_id: Nullable<string>;
  provider_id: Nullable<string>;
  responsible: Nullable<string>;
  responsible_name: Nullable<string>;
  due_on: Nullable<DateString>;
  opened_at: DefaultedTimestamp;
  closed_at: Nullable<Date>;
  created_by: string;
  extra: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Drawn from one sequence at every insert and update (migration 007). */
  change_seq: Generated<number>;
}

export interface CaseMemberTable {
  case_id: number;
  subject: string;
  name: string;
  role: 'responsible' | 'member' | 'decision_maker';
  added_at: DefaultedTimestamp;
  added_by: string;
}

export interface CaseSignalTable { case_id: number; signal_id: string; linked_at: DefaultedTimestamp; linked_by: string }

export interface CaseDocumentTable {
  id: Generated<number>;
  case_id: number;
  document_number: number;
  direction: DocumentDirection;
  document_date: DateString;
  registered_at: DefaultedTimestamp;
  counterpart: Nullable<string>;
  subject: string;
  secrecy: Defaulted<DocumentSecrecy>;
  secrecy_reference: Nullable<string>;
  registered_by: string;
  kind: Defaulted<DocumentKind>;
}

export interface CaseDocumentVersionTable {
  document_id: number;
  version: number;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: DefaultedTimestamp;
}

export interface CaseNoteTable { id: Generated<number>; case_id: number; author: string; author_name: string; body: string; created_at: DefaultedTimestamp }

export interface CaseRequestTable {
  id: Generated<number>;
  case_id: number;
  provider_id: string;
  subject: string;
  body: string;
  reply_by: DateString;
  status: Defaulted<'open' | 'answered' | 'withdrawn'>;
  sent_at: DefaultedTimestamp;
  sent_by: string;
  sent_by_name: string;
  outgoing_document_id: Nullable<number>;
  reminded_at: Nullable<Date>;
  answer: Nullable<string>;
  answered_at: Nullable<Date>;
  answered_by: Nullable<string>;
  answered_by_name: Nullable<string>;
  incoming_document_id: Nullable<number>;
  withdrawn_at: Nullable<Date>;
  withdrawn_by: Nullable<string>;
  withdrawn_by_name: Nullable<string>;
}

export interface CaseInspectionTable {
  id: Generated<number>;
  case_id: number;
  unit_id: string;
  selection_project_id: Nullable<number>;
  announced: boolean;
  planned_on: DateString;
  performed_on: Nullable<DateString>;
  status: Defaulted<'planned' | 'performed' | 'cancelled'>;
  team: ColumnType<{ subject: string; name: string }[], string | undefined, string>;
  created_by: string;
  created_at: DefaultedTimestamp;
}

export interface InspectionFindingTable {
  id: Generated<number>;
  case_inspection_id: number;
  risk_area: string;
  legal_basis: string;
  finding: string;
  severity: number;
  created_by: string;
  created_at: DefaultedTimestamp;
}

export interface InspectionInterviewTable {
  id: Generated<number>;
  case_inspection_id: number;
  interviewee: 'patient' | 'user' | 'relative' | 'staff' | 'management';
  summary: string;
  user_perspective: Nullable<string>;
  created_by: string;
  created_at: DefaultedTimestamp;
}

export interface CaseDecisionTable {
  id: Generated<number>;
  case_id: number;
  document_id: Nullable<number>;
  tool: DecisionTool;
  fine_amount: Nullable<number>;
  report_by: Nullable<DateString>;
  summary: string;
  decided_on: DateString;
  decided_by: string;
  decided_by_name: string;
  decided_at: DefaultedTimestamp;
  published_at: Nullable<Date>;
  follow_up_status: Defaulted<'none' | 'awaiting_report' | 'assessing' | 'closed'>;
  follow_up_closed_at: Nullable<Date>;
  follow_up_closed_by: Nullable<string>;
  inspection_id: Nullable<string>;
}

export interface DecisionDeficiencyTable { decision_id: number; seq: number; finding: string; legal_basis: string; risk_area: string; severity: number }

export interface ActionReportTable {
  id: Generated<number>;
  decision_id: number;
  deficiency_seq: Nullable<number>;
  action: string;
  owner: string;
  done_on: DateString;
  evidence: Nullable<string>;
  document_id: Nullable<number>;
  reported_at: DefaultedTimestamp;
  reported_by: string;
  reported_by_name: string;
  assessment: Defaulted<'pending' | 'accepted' | 'insufficient'>;
  assessment_note: Nullable<string>;
  assessed_by: Nullable<string>;
  assessed_at: Nullable<Date>;
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
  staff_member: StaffMemberTable;
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
  risk_run: RiskRunTable;
  risk_score: RiskScoreTable;
  risk_alert: RiskAlertTable;
  risk_rescore_request: RiskRescoreRequestTable;
  risk_signal_history: RiskSignalHistoryTable;
  diarium_counter: DiariumCounterTable;
  case_file: CaseFileTable;
  case_member: CaseMemberTable;
  case_signal: CaseSignalTable;
  case_document: CaseDocumentTable;
  case_document_version: CaseDocumentVersionTable;
  case_note: CaseNoteTable;
  case_request: CaseRequestTable;
  case_inspection: CaseInspectionTable;
  inspection_finding: InspectionFindingTable;
  inspection_interview: InspectionInterviewTable;
  case_decision: CaseDecisionTable;
  decision_deficiency: DecisionDeficiencyTable;
  action_report: ActionReportTable;
  selection_project: SelectionProjectTable;
  selection_population_unit: SelectionPopulationUnitTable;
  selection_stage: SelectionStageTable;
  selection_stage_unit: SelectionStageUnitTable;
  selection_control_sample: SelectionControlSampleTable;
}
