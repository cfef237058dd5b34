// The decisions module's reads: a case's decisions with their deficiencies and reported actions, the letter's
// facts, the stored PDF, and the public decision search.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import type { DecisionLetter } from './decision-pdf.ts';
import { addressColumnsSql } from '../../registry/index.ts';
import type { DecisionTool } from './labels.ts';

type Queryable = Db | Transaction<Database>;

export interface DeficiencyView {
  seq: number;
  finding: string;
  legal_basis: string;
  risk_area: string;
  severity: number;
}

export interface ActionView {
  id: number;
  deficiency_seq: number | null;
  action: string;
  owner: string;
  done_on: string;
  evidence: string | null;
  document_id: number | null;
  document_number: number | null;
  has_file: boolean;
  reported_at: Date;
  reported_by_name: string;
  assessment: 'pending' | 'accepted' | 'insufficient';
  assessment_note: string | null;
  assessed_at: Date | null;
}

export interface DecisionView {
  id: number;
  case_id: number;
  tool: DecisionTool;
  fine_amount: number | null;
  report_by: string | null;
  summary: string;
  decided_on: string;
  decided_by_name: string;
  decided_at: Date;
  published_at: Date | null;
  follow_up_status: 'none' | 'awaiting_report' | 'assessing' | 'closed';
  follow_up_closed_at: Date | null;
  follow_up_closed_by: string | null;
  document_id: number | null;
  document_number: number | null;
  inspection_id: string | null;
  deficiencies: DeficiencyView[];
  actions: ActionView[];
}

async function attachParts(db: Queryable, decisions: Omit<DecisionView, 'deficiencies' | 'actions'>[]): Promise<DecisionView[]> {
  if (decisions.length === 0) return [];
  const ids = decisions.map((d) => d.id);
  const [deficiencies, actions] = await Promise.all([
    db.selectFrom('decision_deficiency').select(['decision_id', 'seq', 'finding', 'legal_basis', 'risk_area', 'severity']).where('decision_id', 'in', ids).orderBy('decision_id').orderBy('seq').execute(),
    db
      .selectFrom('action_report as a')
      .leftJoin('case_document as doc', 'doc.id', 'a.document_id')
      .select([
        'a.id', 'a.decision_id', 'a.deficiency_seq', 'a.action', 'a.owner', 'a.done_on', 'a.evidence', 'a.document_id', 'doc.document_number',
        'a.reported_at', 'a.reported_by_name', 'a.assessment', 'a.assessment_note', 'a.assessed_at',
      ])
      .select((eb) => eb.exists(eb.selectFrom('case_document_version as v').select('v.version').whereRef('v.document_id', '=', 'a.document_id')).as('has_file'))
      .where('a.decision_id', 'in', ids)
      .orderBy('a.id')
      .execute(),
  ]);
  return decisions.map((d) => ({
    ...d,
    deficiencies: deficiencies.filter((x) => x.decision_id === d.id).map(({ decision_id: _, ...rest }) => rest),
    actions: actions.filter((a) => a.decision_id === d.id).map(({ decision_id: _, ...rest }) => ({ ...rest, has_file: Boolean(rest.has_file) })),
  }));
}

function decisionQuery(db: Queryable) {
  return db
    .selectFrom('case_decision as d')
    .leftJoin('case_document as doc', 'doc.id', 'd.document_id')
    .select([
      'd.id', 'd.case_id', 'd.tool', 'd.fine_amount', 'd.report_by', 'd.summary', 'd.decided_on', 'd.decided_by_name', 'd.decided_at', 'd.published_at',
      'd.follow_up_status', 'd.follow_up_closed_at', 'd.follow_up_closed_by', 'd.document_id', 'doc.document_number', 'd.inspection_id',
    ]);
}

/** Every decision of a case, newest first, with deficiencies and reported actions. */
export async function findCaseDecisions(db: Queryable, caseId: number): Promise<DecisionView[]> {
  const rows = await decisionQuery(db).where('d.case_id', '=', caseId).orderBy('d.decided_on', 'desc').orderBy('d.id', 'desc').execute();
  return attachParts(db, rows);
}

/** One decision of a case, or undefined when the decision is not this case's. */
export async function findCaseDecision(db: Queryable, caseId: number, decisionId: number): Promise<DecisionView | undefined> {
  const row = await decisionQuery(db).where('d.case_id', '=', caseId).where('d.id', '=', decisionId).executeTakeFirst();
  return row ? (await attachParts(db, [row]))[0] : undefined;
}

/** The facts of a decision's letter, for rendering it again (decisions stored without a file). */
export async function findDecisionLetter(db: Queryable, decisionId: number, portalUrl: string): Promise<DecisionLetter | undefined> {
  const row = await db
    .selectFrom('case_decision as x')
    .innerJoin('case_file as c', 'c.id', 'x.case_id')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .leftJoin('provider as p', 'p.id', 'c.provider_id')
    .leftJoin('department as d', 'd.code', 'c.department_code')
    .select([
      'x.id', 'x.tool', 'x.decided_on', 'x.report_by', 'x.fine_amount', 'x.summary', 'x.decided_by_name',
      'c.diarienummer', 'c.title', 'c.responsible_name', 'u.name as unit_name',
      'p.name as provider_name', 'p.orgnr', 'd.name as department_name', 'd.city as department_city',
    ])
    // A decision is published: a skyddat boende's address stays out of it (registry/protected-address.ts).
    .select(addressColumnsSql('u'))
    .where('x.id', '=', decisionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const deficiencies = await db.selectFrom('decision_deficiency').select(['seq', 'finding', 'legal_basis', 'risk_area', 'severity']).where('decision_id', '=', decisionId).orderBy('seq').execute();
  return {
    diarienummer: row.diarienummer,
    caseTitle: row.title,
    departmentName: row.department_name,
    departmentCity: row.department_city,
    provider: row.provider_name ? { name: row.provider_name, orgnr: row.orgnr } : null,
    unit: row.unit_name ? { name: row.unit_name, street: row.street, postalCode: row.postal_code, city: row.city } : null,
    tool: row.tool,
    decidedOn: row.decided_on,
    reportBy: row.report_by,
    fineAmount: row.fine_amount,
    summary: row.summary,
    deficiencies: deficiencies.map((d) => ({ seq: d.seq, finding: d.finding, legalBasis: d.legal_basis, riskArea: d.risk_area, severity: d.severity })),
    decidedByName: row.decided_by_name,
    decidedByRole: 'Beslutsfattare',
    responsibleName: row.responsible_name,
    portalUrl,
  };
}

/** The newest stored version of a document's file. */
export async function findDocumentFile(db: Queryable, documentId: number) {
  return db
    .selectFrom('case_document_version')
    .select(['filename', 'media_type', 'content', 'version'])
    .where('document_id', '=', documentId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The letter as the decision stored it: the first version of its document, and only a PDF. A later version
 * someone added in the diarium is not the decision, and cannot stand in for it.
 */
export async function findDecisionLetterFile(db: Queryable, documentId: number) {
  return db
    .selectFrom('case_document_version')
    .select(['filename', 'media_type', 'content', 'version'])
    .where('document_id', '=', documentId)
    .where('version', '=', 1)
    .where('media_type', '=', 'application/pdf')
    .executeTakeFirst();
}

/** The case a decision belongs to, with what the provider portal and the public pages need to know. */
export async function findDecisionCase(db: Queryable, decisionId: number) {
  return db
    .selectFrom('case_decision as x')
    .innerJoin('case_file as c', 'c.id', 'x.case_id')
    .select(['x.id as decision_id', 'x.case_id', 'x.published_at', 'x.document_id', 'c.provider_id', 'c.diarienummer', 'c.department_code', 'c.unit_id'])
    .where('x.id', '=', decisionId)
    .executeTakeFirst();
}

// ---- the public decision search ---------------------------------------------------------------------

export interface PublicDecisionFilter {
  /** Part of the unit's or the provider's name. */
  name?: string;
  kommun?: string;
  form?: string;
  tool?: string;
  riskArea?: string;
  year?: number;
}

export interface PublicDecision {
  id: number;
  diarienummer: string;
  decided_on: string;
  tool: DecisionTool;
  fine_amount: number | null;
  report_by: string | null;
  summary: string;
  unit_name: string | null;
  unit_form: string | null;
  kommun_name: string | null;
  provider_name: string | null;
  deficiencies: Omit<DeficiencyView, 'severity'>[];
}

export const PUBLIC_PAGE_SIZE = 20;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function publicQuery(db: Queryable, filter: PublicDecisionFilter) {
  let query = db
    .selectFrom('case_decision as x')
    .innerJoin('case_file as c', 'c.id', 'x.case_id')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .leftJoin('provider as p', 'p.id', 'c.provider_id')
    .leftJoin('municipality as m', 'm.code', 'u.kommun')
    .where('x.published_at', 'is not', null);
  if (filter.name) {
    const pattern = likePattern(filter.name);
    query = query.where((eb) => eb.or([eb('u.name', 'ilike', pattern), eb('p.name', 'ilike', pattern)]));
  }
  if (filter.kommun) query = query.where('u.kommun', '=', filter.kommun);
  if (filter.form) query = query.where('u.form', '=', filter.form);
  if (filter.tool) query = query.where('x.tool', '=', filter.tool as DecisionTool);
  if (filter.riskArea) {
    const area = filter.riskArea;
    query = query.where((eb) => eb.exists(eb.selectFrom('decision_deficiency as dd').select('dd.seq').whereRef('dd.decision_id', '=', 'x.id').where('dd.risk_area', '=', area)));
  }
  if (filter.year) query = query.where('x.decided_on', '>=', `${filter.year}-01-01`).where('x.decided_on', '<=', `${filter.year}-12-31`);
  return query;
}

const publicColumns = [
  'x.id', 'c.diarienummer', 'x.decided_on', 'x.tool', 'x.fine_amount', 'x.report_by', 'x.summary',
  'u.name as unit_name', 'u.form as unit_form', 'm.short_name as kommun_name', 'p.name as provider_name',
] as const;

async function withPublicDeficiencies(db: Queryable, rows: Omit<PublicDecision, 'deficiencies'>[]): Promise<PublicDecision[]> {
  if (rows.length === 0) return [];
  const deficiencies = await db
    .selectFrom('decision_deficiency')
    .select(['decision_id', 'seq', 'finding', 'legal_basis', 'risk_area'])
    .where('decision_id', 'in', rows.map((r) => r.id))
    .orderBy('decision_id')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, deficiencies: deficiencies.filter((d) => d.decision_id === r.id).map(({ decision_id: _, ...rest }) => rest) }));
}

/** Published decisions matching the filter, newest first, a page at a time. */
export async function searchPublishedDecisions(db: Queryable, filter: PublicDecisionFilter, page: number): Promise<{ items: PublicDecision[]; total: number }> {
  const [rows, count] = await Promise.all([
    publicQuery(db, filter)
      .select(publicColumns)
      .orderBy('x.decided_on', 'desc')
      .orderBy('x.id', 'desc')
      .limit(PUBLIC_PAGE_SIZE)
      .offset((page - 1) * PUBLIC_PAGE_SIZE)
      .execute(),
    publicQuery(db, filter).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await withPublicDeficiencies(db, rows), total: Number(count.n) };
}

export async function findPublishedDecision(db: Queryable, decisionId: number): Promise<PublicDecision | undefined> {
  const row = await publicQuery(db, {}).select(publicColumns).where('x.id', '=', decisionId).executeTakeFirst();
  return row ? (await withPublicDeficiencies(db, [row]))[0] : undefined;
}

/** The years that have published decisions, newest first (for the search form). */
export async function findDecisionYears(db: Queryable): Promise<number[]> {
  const result = await sql<{ year: number }>`
    SELECT DISTINCT extract(year FROM decided_on)::int AS year FROM case_decision WHERE published_at IS NOT NULL ORDER BY year DESC
  `.execute(db);
  return result.rows.map((r) => Number(r.year));
}

export async function findMunicipalities(db: Queryable) {
  const rows = await db.selectFrom('municipality').select(['code', 'short_name as name']).execute();
  const collator = new Intl.Collator('sv');
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** Staff names by subject, from the staff directory (see platform/auth). */
export { findStaffNames } from '../../../platform/auth/index.ts';

/** The findings of the case's inspections (not cancelled), to start a decision's deficiencies from. */
export async function findCaseFindings(db: Queryable, caseId: number) {
  return db
    .selectFrom('inspection_finding as f')
    .innerJoin('case_inspection as i', 'i.id', 'f.case_inspection_id')
    .select(['f.finding', 'f.legal_basis', 'f.risk_area', 'f.severity'])
    .where('i.case_id', '=', caseId)
    .where('i.status', '<>', 'cancelled')
    .orderBy('i.planned_on')
    .orderBy('f.id')
    .execute();
}
