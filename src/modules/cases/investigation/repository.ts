// The investigation's SQL: requests, inspections and the provider portal's view of cases.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';

type Queryable = Db | Transaction<Database>;

// ---- requests --------------------------------------------------------------------------------------------

/** A case's requests, newest first, with their documents' numbers and markings (the answer's files: findAnswerFiles). */
export async function findCaseRequests(db: Queryable, caseId: number) {
  return db
    .selectFrom('case_request as r')
    .leftJoin('case_document as out', 'out.id', 'r.outgoing_document_id')
    .leftJoin('case_document as inc', 'inc.id', 'r.incoming_document_id')
    .select([
      'r.id', 'r.subject', 'r.body', 'r.reply_by', 'r.status', 'r.sent_at', 'r.sent_by_name', 'r.reminded_at',
      'r.answer', 'r.answered_at', 'r.answered_by_name', 'r.withdrawn_at', 'r.withdrawn_by_name',
      'out.document_number as request_document_number', 'out.secrecy as request_secrecy',
      'r.incoming_document_id as answer_document_id', 'inc.document_number as answer_document_number', 'inc.secrecy as answer_secrecy',
    ])
    .where('r.case_id', '=', caseId)
    .orderBy('r.sent_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}
export type CaseRequestRow = Awaited<ReturnType<typeof findCaseRequests>>[number];

/** The files of answer documents (without their content), each document's versions in order. */
export async function findAnswerFiles(db: Queryable, documentIds: number[]) {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom('case_document_version')
    .select(['document_id', 'version', 'filename', 'media_type', 'size'])
    .where('document_id', 'in', documentIds)
    .orderBy('document_id')
    .orderBy('version')
    .execute();
}
export type AnswerFile = Awaited<ReturnType<typeof findAnswerFiles>>[number];

// ---- inspections -----------------------------------------------------------------------------------------

/** The units an inspection in the case may visit: the case's unit and the open units of its provider. */
export async function findUnitsForInspection(db: Queryable, target: { unit_id: string | null; provider_id: string | null }) {
  if (!target.unit_id && !target.provider_id) return [];
  return db
    .selectFrom('unit as u')
    .innerJoin('municipality as m', 'm.code', 'u.kommun')
    .select(['u.id', 'u.name', 'u.form', 'm.name as kommun_name'])
    .where((eb) => {
      const ors = [];
      if (target.unit_id) ors.push(eb('u.id', '=', target.unit_id));
      if (target.provider_id) ors.push(eb.and([eb('u.provider_id', '=', target.provider_id), eb('u.closed', 'is', null)]));
      return eb.or(ors);
    })
    .orderBy(sql`u.id = ${target.unit_id ?? ''}`, 'desc')
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(500)
    .execute();
}

/** Selection projects whose third stage chose any of the units for inspection. */
export async function findProjectsChoosing(db: Queryable, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('selection_stage_unit as su')
    .innerJoin('selection_project as p', 'p.id', 'su.project_id')
    .innerJoin('selection_population_unit as pu', (join) => join.onRef('pu.project_id', '=', 'su.project_id').onRef('pu.unit_id', '=', 'su.unit_id'))
    .select(['su.project_id', 'p.title', 'p.as_of', 'su.unit_id', 'pu.unit_name', 'su.reason'])
    .where('su.stage', '=', 3)
    .where('su.inclusion', '=', 'chosen')
    .where('su.unit_id', 'in', unitIds)
    .orderBy('su.project_id', 'desc')
    .orderBy('pu.unit_name')
    .execute();
}
export type ChoosingProject = Awaited<ReturnType<typeof findProjectsChoosing>>[number];

/** An inspection of the case, locked for a change; "not found" when it belongs to another case. */
export async function lockInspection(trx: Transaction<Database>, caseId: number, inspectionId: number) {
  const inspection = await trx
    .selectFrom('case_inspection as i')
    .innerJoin('unit as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.status', 'i.announced', 'i.performed_on', 'u.form as unit_form'])
    .where('i.id', '=', inspectionId)
    .where('i.case_id', '=', caseId)
    .forUpdate('i')
    .executeTakeFirst();
  if (!inspection) throw AppError.notFound(`inspection ${inspectionId} in case ${caseId}`);
  return inspection;
}

const inspectionColumns = [
  'i.id', 'i.unit_id', 'u.name as unit_name', 'u.form as unit_form', 'i.selection_project_id', 'p.title as project_title',
  'i.announced', 'i.planned_on', 'i.performed_on', 'i.status', 'i.team', 'i.created_at',
] as const;

export async function findInspections(db: Queryable, caseId: number) {
  return db
    .selectFrom('case_inspection as i')
    .innerJoin('unit as u', 'u.id', 'i.unit_id')
    .leftJoin('selection_project as p', 'p.id', 'i.selection_project_id')
    .select(inspectionColumns)
    .select((eb) => [
      eb.selectFrom('inspection_finding as f').select((e) => e.fn.countAll<string>().as('n')).whereRef('f.case_inspection_id', '=', 'i.id').as('findings'),
      eb.selectFrom('inspection_interview as v').select((e) => e.fn.countAll<string>().as('n')).whereRef('v.case_inspection_id', '=', 'i.id').as('interviews'),
    ])
    .where('i.case_id', '=', caseId)
    .orderBy('i.planned_on', 'desc')
    .orderBy('i.id', 'desc')
    .execute();
}

export async function findInspection(db: Queryable, caseId: number, inspectionId: number) {
  const inspection = await db
    .selectFrom('case_inspection as i')
    .innerJoin('unit as u', 'u.id', 'i.unit_id')
    .leftJoin('selection_project as p', 'p.id', 'i.selection_project_id')
    .select(inspectionColumns)
    .where('i.id', '=', inspectionId)
    .where('i.case_id', '=', caseId)
    .executeTakeFirst();
  if (!inspection) throw AppError.notFound(`inspection ${inspectionId} in case ${caseId}`);
  return inspection;
}
export type InspectionRow = Awaited<ReturnType<typeof findInspection>>;

export async function findFindings(db: Queryable, inspectionId: number) {
  return db
    .selectFrom('inspection_finding')
    .select(['id', 'risk_area', 'legal_basis', 'finding', 'severity', 'created_at'])
    .where('case_inspection_id', '=', inspectionId)
    .orderBy('severity', 'desc')
    .orderBy('id')
    .execute();
}
export type FindingRow = Awaited<ReturnType<typeof findFindings>>[number];

export async function findInterviews(db: Queryable, inspectionId: number) {
  return db
    .selectFrom('inspection_interview')
    .select(['id', 'interviewee', 'summary', 'user_perspective', 'created_at'])
    .where('case_inspection_id', '=', inspectionId)
    .orderBy('id')
    .execute();
}
export type InterviewRow = Awaited<ReturnType<typeof findInterviews>>[number];

export async function countInterviews(db: Queryable, inspectionId: number): Promise<number> {
  const row = await db.selectFrom('inspection_interview').select((eb) => eb.fn.countAll<string>().as('n')).where('case_inspection_id', '=', inspectionId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findCaseTeam(db: Queryable, caseId: number) {
  return db.selectFrom('case_member').select(['subject', 'name', 'role']).where('case_id', '=', caseId).orderBy('name').execute();
}

// ---- the provider portal ---------------------------------------------------------------------------------

const PORTAL_CASE_LIMIT = 200;

/** The cases about the organisations, open ones first, newest first; at most PORTAL_CASE_LIMIT. */
export async function findProviderCases(db: Queryable, providerIds: string[]) {
  if (providerIds.length === 0) return { rows: [], more: false };
  const rows = await db
    .selectFrom('case_file as c')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.diarienummer', 'c.title', 'c.status', 'c.provider_id', 'c.unit_id', 'u.name as unit_name', 'c.opened_at'])
    .where('c.provider_id', 'in', providerIds)
    .orderBy(sql`c.status = 'closed'`)
    .orderBy('c.opened_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(PORTAL_CASE_LIMIT + 1)
    .execute();
  return { rows: rows.slice(0, PORTAL_CASE_LIMIT), more: rows.length > PORTAL_CASE_LIMIT };
}
export type ProviderCaseRow = Awaited<ReturnType<typeof findProviderCases>>['rows'][number];

/** Open requests of the cases, by reply date. */
export async function findOpenRequestsOf(db: Queryable, caseIds: number[], providerIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_request')
    .select(['id', 'case_id', 'subject', 'reply_by'])
    .where('case_id', 'in', caseIds)
    .where('provider_id', 'in', providerIds)
    .where('status', '=', 'open')
    .orderBy('reply_by')
    .orderBy('id')
    .execute();
}

/** Published decisions of the cases (what the provider may open in the portal). */
export async function findPublishedDecisionsOf(db: Queryable, caseIds: number[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_decision')
    .select(['id', 'case_id', 'tool', 'decided_on', 'report_by', 'follow_up_status'])
    .where('case_id', 'in', caseIds)
    .where('published_at', 'is not', null)
    .orderBy('decided_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
export type PublishedDecision = Awaited<ReturnType<typeof findPublishedDecisionsOf>>[number];

/** How many units of one organisation the portal lists at most (the largest regions have a few hundred). */
export const PORTAL_UNIT_LIMIT = 2000;

/**
 * Every unit the organisations have in the register, open or closed, with how many cases IVO has about each
 * (and how many are still open); at most PORTAL_UNIT_LIMIT per call, in no particular order (sort for show).
 */
export async function findProviderUnits(db: Queryable, providerIds: string[]) {
  if (providerIds.length === 0) return [];
  return db
    .selectFrom('unit as u')
    .innerJoin('municipality as m', 'm.code', 'u.kommun')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('case_file')
          .select(['unit_id', sql<number>`count(*)::int`.as('cases'), sql<number>`(count(*) FILTER (WHERE status <> 'closed'))::int`.as('open_cases')])
          .where('provider_id', 'in', providerIds)
          .groupBy('unit_id')
          .as('c'),
      (join) => join.onRef('c.unit_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.name', 'u.provider_id', 'u.form', 'u.closed', 'm.name as kommun_name'])
    .select((eb) => [eb.fn.coalesce('c.cases', sql<number>`0`).as('cases'), eb.fn.coalesce('c.open_cases', sql<number>`0`).as('open_cases')])
    .where('u.provider_id', 'in', providerIds)
    .limit(PORTAL_UNIT_LIMIT)
    .execute();
}
export type ProviderUnit = Awaited<ReturnType<typeof findProviderUnits>>[number];

/** The case's documents as the provider may see them: a secret one only as its number, date and marking. */
export async function findDocumentsForProvider(db: Queryable, caseId: number) {
  const rows = await db
    .selectFrom('case_document')
    .select(['document_number', 'direction', 'document_date', 'counterpart', 'subject', 'secrecy', 'kind'])
    .where('case_id', '=', caseId)
    .orderBy('document_number')
    .execute();
  return rows.map((d) =>
    d.secrecy === 'public'
      ? { number: d.document_number, direction: d.direction, date: d.document_date, secret: false as const, subject: d.subject, counterpart: d.counterpart }
      : { number: d.document_number, direction: d.direction, date: d.document_date, secret: true as const, subject: null, counterpart: null },
  );
}
export type ProviderDocument = Awaited<ReturnType<typeof findDocumentsForProvider>>[number];

/** The case's requests to the provider's organisations (withdrawn ones too, marked as such). */
export async function findRequestsForProvider(db: Queryable, caseId: number, providerIds: string[]) {
  return db
    .selectFrom('case_request')
    .select(['id', 'subject', 'body', 'reply_by', 'status', 'sent_at', 'answer', 'answered_at', 'answered_by_name', 'withdrawn_at'])
    .where('case_id', '=', caseId)
    .where('provider_id', 'in', providerIds)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
export type ProviderRequest = Awaited<ReturnType<typeof findRequestsForProvider>>[number];

export async function findRequestForProvider(db: Queryable, caseId: number, requestId: number, providerIds: string[]) {
  const request = await db
    .selectFrom('case_request')
    .select(['id', 'subject', 'body', 'reply_by', 'status', 'sent_at', 'answer', 'answered_at', 'answered_by_name', 'withdrawn_at'])
    .where('id', '=', requestId)
    .where('case_id', '=', caseId)
    .where('provider_id', 'in', providerIds)
    .executeTakeFirst();
  if (!request) throw AppError.notFound(`request ${requestId} in case ${caseId} for provider`);
  return request;
}
