import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema.ts';

type Queryable = Kysely<Database> | Transaction<Database>;

export interface Organisation {
  id: string;
  name: string;
  orgnr: string | null;
  kind: string;
}

export async function findOrganisations(db: Queryable, ids: string[]): Promise<Organisation[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('provider').select(['id', 'name', 'orgnr', 'kind']).where('id', 'in', ids).orderBy('name').execute();
}

export interface ReportableUnit {
  id: string;
  name: string;
  form: string;
  operation_codes: string[] | null;
  provider_id: string;
  provider_name: string;
  kommun_name: string;
}

/** The open units of the given providers, by provider and name. */
export async function findUnitsOf(db: Queryable, providerIds: string[]): Promise<ReportableUnit[]> {
  if (providerIds.length === 0) return [];
  return db
    .selectFrom('unit')
    .innerJoin('provider', 'provider.id', 'unit.provider_id')
    .innerJoin('municipality', 'municipality.code', 'unit.kommun')
    .select(['unit.id', 'unit.name', 'unit.form', 'unit.operation_codes', 'unit.provider_id', 'provider.name as provider_name', 'municipality.name as kommun_name'])
    .where('unit.provider_id', 'in', providerIds)
    .where('unit.closed', 'is', null)
    .orderBy('provider.name')
    .orderBy('unit.name')
    .orderBy('unit.id')
    .execute();
}

export async function findUnit(db: Queryable, unitId: string): Promise<ReportableUnit | undefined> {
  return db
    .selectFrom('unit')
    .innerJoin('provider', 'provider.id', 'unit.provider_id')
    .innerJoin('municipality', 'municipality.code', 'unit.kommun')
    .select(['unit.id', 'unit.name', 'unit.form', 'unit.operation_codes', 'unit.provider_id', 'provider.name as provider_name', 'municipality.name as kommun_name'])
    .where('unit.id', '=', unitId)
    .executeTakeFirst();
}

export interface SentReport {
  signal_id: string;
  kind: 'lex_maria' | 'lex_sarah';
  provider_id: string;
  provider_name: string;
  unit_name: string | null;
  received_at: Date;
  occurred_on: string | null;
  event_description: string;
  consequences: string;
  root_causes: unknown[];
  actions: unknown[];
  follow_up: string;
  completeness: Record<string, unknown>;
  extra: Record<string, unknown>;
}

function reportQuery(db: Queryable) {
  return db
    .selectFrom('provider_report')
    .innerJoin('signal', 'signal.id', 'provider_report.signal_id')
    .innerJoin('provider', 'provider.id', 'provider_report.provider_id')
    .leftJoin('unit', 'unit.id', 'signal.unit_id')
    .select([
      'provider_report.signal_id',
      'provider_report.kind',
      'provider_report.provider_id',
      'provider.name as provider_name',
      'unit.name as unit_name',
      'signal.received_at',
      'signal.occurred_on',
      'provider_report.event_description',
      'provider_report.consequences',
      'provider_report.root_causes',
      'provider_report.actions',
      'provider_report.follow_up',
      'provider_report.completeness',
      'signal.extra',
    ]);
}

export async function findReport(db: Queryable, signalId: string): Promise<SentReport | undefined> {
  return reportQuery(db).where('provider_report.signal_id', '=', signalId).executeTakeFirst();
}

export async function findRecentReports(db: Queryable, providerIds: string[], limit = 20): Promise<SentReport[]> {
  if (providerIds.length === 0) return [];
  return reportQuery(db).where('provider_report.provider_id', 'in', providerIds).orderBy('signal.received_at', 'desc').limit(limit).execute();
}

export interface DecisionBatch {
  signal_id: string;
  provider_id: string;
  provider_name: string;
  received_at: Date;
  extra: Record<string, unknown>;
}

function batchQuery(db: Queryable) {
  return db
    .selectFrom('signal')
    .innerJoin('provider', 'provider.id', 'signal.provider_id')
    .select(['signal.id as signal_id', 'provider.id as provider_id', 'provider.name as provider_name', 'signal.received_at', 'signal.extra'])
    .where('signal.channel', '=', 'unexecuted_decision')
    .where('signal.submitter_kind', '=', 'provider');
}

export async function findBatch(db: Queryable, signalId: string): Promise<DecisionBatch | undefined> {
  return batchQuery(db).where('signal.id', '=', signalId).executeTakeFirst();
}

export async function findRecentBatches(db: Queryable, providerIds: string[], limit = 20): Promise<DecisionBatch[]> {
  if (providerIds.length === 0) return [];
  return batchQuery(db).where('signal.provider_id', 'in', providerIds).orderBy('signal.received_at', 'desc').limit(limit).execute();
}

export async function findBatchDecisions(db: Queryable, signalId: string) {
  return db
    .selectFrom('unexecuted_decision')
    .select(['id', 'quarter', 'decision_date', 'law', 'kind_of_help', 'reason', 'interrupted_on', 'executed_on'])
    .where('signal_id', '=', signalId)
    .orderBy('id')
    .execute();
}

/**
 * The kommun a kommun provider is: the municipality of the same name, else where most of its units are. Used
 * to route its reports to the right regional department.
 */
export async function findKommunCodeOf(db: Queryable, provider: { id: string; name: string }): Promise<string | undefined> {
  const byName = await db.selectFrom('municipality').select('code').where('name', '=', provider.name).executeTakeFirst();
  if (byName) return byName.code;
  const byUnits = await db
    .selectFrom('unit')
    .select(['kommun', (eb) => eb.fn.countAll<number>().as('units')])
    .where('provider_id', '=', provider.id)
    .groupBy('kommun')
    .orderBy('units', 'desc')
    .orderBy('kommun')
    .executeTakeFirst();
  return byUnits?.kommun;
}
