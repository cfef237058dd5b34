// The demo world: exchange-format v1 entities plus Vaka's extensions (docs/exchange-extensions.md).
// Optional fields are left undefined when absent, so they are omitted from the JSON Lines output.
import type {
  HomeType,
  INDICATOR_DIRECTIONS,
  INSPECTION_OUTCOMES,
  LegalForm,
  NOTIFICATION_KINDS,
  Orientation,
  PermitStatus,
  ProviderKind,
  RiskArea,
  SignalChannel,
  UnitForm,
  URGENCIES,
} from '../registry/codes.ts';

export type Urgency = (typeof URGENCIES)[number];
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export interface Provider {
  id: string;
  name: string;
  orgnr: string; // 10 digits, no separator
  kind: ProviderKind;
  parentId?: string;
  email?: string;
  phone?: string;
  peppolId?: string;
}

export interface Unit {
  id: string;
  providerId: string;
  name: string;
  form: UnitForm;
  kommun: string;
  size: number;
  opened?: string;
  closed?: string;
  orientation?: Orientation[];
  homeType?: HomeType;
  ageMin?: number;
  ageMax?: number;
  capacity?: number;
  street?: string;
  postalCode?: string;
  city?: string;
  lat?: number;
  lon?: number;
  phone?: string;
  email?: string;
  website?: string;
  operationCodes?: string[];
  hsaId?: string;
}

export interface PermitStatusChange {
  status: PermitStatus;
  from: string;
  reason?: string;
}

export interface Permit {
  id: string;
  providerId: string;
  unitId: string | null;
  legalForm: LegalForm;
  grantedOn: string;
  history: PermitStatusChange[];
}

export interface Notification {
  id: string;
  providerId: string;
  unitId: string | null;
  kind: NotificationKind;
  eventDate: string;
  receivedOn: string;
  description?: string;
}

export interface Signal {
  id: string;
  unitId: string;
  channel: SignalChannel;
  receivedAt: string;
  occurredAt?: string;
  severity?: 1 | 2 | 3 | 4;
  urgency?: Urgency;
  text?: string;
  riskAreas?: RiskArea[];
  personnummer?: string;
}

export interface Indicator {
  unitId: string;
  indicator: string;
  period: string;
  value: number;
  denominator?: number;
  direction: IndicatorDirection;
}

export interface Inspection {
  id: string;
  unitId: string;
  date: string;
  announced?: boolean;
  deficiencies: number;
  outcome: InspectionOutcome;
}

export type DeteriorationKind =
  | 'staffing_collapse'
  | 'violence_and_threats'
  | 'medication_errors'
  | 'access_breakdown'
  | 'hygiene_failure'
  | 'neglect_and_dignity'
  | 'dishonest_operator'
  | 'management_failure';

export interface Deterioration {
  unitId: string;
  from: string;
  kind: DeteriorationKind;
  description: string;
}

/** What the generator knows and a risk model should find: written to truth.json, never imported. */
export interface Truth {
  seed: number;
  until: string;
  deteriorating: Deterioration[];
}

export interface World {
  seed: number;
  until: string;
  providers: Provider[];
  units: Unit[];
  permits: Permit[];
  notifications: Notification[];
  signals: Signal[];
  indicators: Indicator[];
  inspections: Inspection[];
  truth: Truth;
}

export interface GenerateWorldOptions {
  /** Number of units (default 40,000, the national scale). */
  units?: number;
  /** Seed of the PRNG (default 1). Same seed and options → identical world. */
  seed?: number;
  /** Last day of the signal history, YYYY-MM-DD (default 2026-10-31); history starts 2022-01-01. */
  until?: string;
}
