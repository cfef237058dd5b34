// The selection projects' SQL: reference lists for the forms, the frozen population, the stages' decisions
// and the control sample. Set-based; the population is copied from the latest scores in one statement.
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database, SelectionPopulation, SelectionProjectTable, SelectionStageTable, SelectionStageUnitTable } from '../../../platform/db/schema.ts';
import type { SnapshotUnit } from './rank-candidates.ts';
import { recomputeStoredScores } from '../scoring/index.ts';

type Queryable = Db | Transaction<Database>;

export type ProjectRow = Selectable<SelectionProjectTable>;
export type StageRow = Selectable<SelectionStageTable>;
export type StageUnitRow = Selectable<SelectionStageUnitTable> & { unit_name: string; kommun_name: string; provider_name: string | null };

const collator = new Intl.Collator('sv');

// ---- reference lists ----

export async function findDepartments(db: Queryable) {
  const rows = await db.selectFrom('department').select(['code', 'name']).execute();
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** Län, optionally only those of one department, in Swedish alphabetical order. */
export async function findCounties(db: Queryable, departmentCode?: string) {
  let query = db.selectFrom('county').select(['code', 'name', 'department_code']);
  if (departmentCode) query = query.where('department_code', '=', departmentCode);
  const rows = await query.execute();
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** Kommuner with their län and department, optionally only those of one department. */
export async function findMunicipalities(db: Queryable, departmentCode?: string) {
  let query = db
    .selectFrom('municipality as m')
    .innerJoin('county as c', 'c.code', 'm.county_code')
    .select(['m.code', 'm.name', 'm.county_code', 'c.department_code']);
  if (departmentCode) query = query.where('c.department_code', '=', departmentCode);
  const rows = await query.execute();
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** Providers a person may mean: the id, the organisationsnummer (with or without hyphen) or the exact name. */
export async function findProvidersMatching(db: Queryable, text: string) {
  const digits = text.replace(/[\s-]/g, '');
  return db
    .selectFrom('provider')
    .select(['id', 'name', 'orgnr'])
    .where((eb) => eb.or([eb('id', '=', text), ...(/^\d{10}$/.test(digits) ? [eb('orgnr', '=', digits)] : []), eb(sql<string>`lower(name)`, '=', text.toLowerCase())]))
    .limit(5)
    .execute();
}

// ---- the population ----

/**
 * Copies every unit of the population from the latest scores into the project, in one statement: its
 * score and contributions, and the latest value of each indicator (a period ended in the year before the
 * as-of date) beside the national level of that indicator and period, pooled over every unit reporting it
 * and weighted by the denominator. Returns how many units it copied.
 */
export async function insertPopulation(
  trx: Transaction<Database>,
  options: { projectId: number; asOf: string; population: SelectionPopulation; withinDepartment: string | null },
): Promise<number> {
  const { population } = options;
  const conditions = [
    sql`u.form IN (${sql.join(population.forms.map((f) => sql`${f}`))})`,
    sql`(u.closed IS NULL OR u.closed >= ${options.asOf}::date)`,
  ];
  if (population.county) conditions.push(sql`c.code = ${population.county}`);
  if (population.kommun) conditions.push(sql`u.kommun = ${population.kommun}`);
  if (population.department) conditions.push(sql`c.department_code = ${population.department}`);
  if (options.withinDepartment) conditions.push(sql`c.department_code = ${options.withinDepartment}`);
  if (population.provider) conditions.push(sql`u.provider_id = ${population.provider.id}`);
  // The contributions (with their sentences) are not stored with the scores: computed again for the population.
  const populationIds = (await sql<{ unit_id: string }>`
    SELECT rs.unit_id FROM risk_score rs
    JOIN unit u ON u.id = rs.unit_id
    JOIN municipality m ON m.code = u.kommun
    JOIN county c ON c.code = m.county_code
    WHERE ${sql.join(conditions, sql` AND `)}
  `.execute(trx)).rows.map((r) => r.unit_id);
  const explained = await recomputeStoredScores(trx, populationIds);
  const explainedIds = [...explained.keys()];
  await sql`
    WITH explained AS (
      SELECT * FROM unnest(${explainedIds}::text[], ${explainedIds.map((id) => JSON.stringify(explained.get(id)!.contributions))}::text[]) AS e(unit_id, contributions)
    ),
    pop AS (
      SELECT rs.unit_id, u.name AS unit_name, u.form, u.kommun, m.name AS kommun_name, c.name AS county_name,
             p.name AS provider_name, rs.score, rs.national_rank, rs.triggers, rs.cusum_alarm,
             rs.reasons, rs.observed_recent, rs.expected_recent, rs.as_of
      FROM risk_score rs
      JOIN unit u ON u.id = rs.unit_id
      JOIN municipality m ON m.code = u.kommun
      JOIN county c ON c.code = m.county_code
      LEFT JOIN provider p ON p.id = u.provider_id
      WHERE ${sql.join(conditions, sql` AND `)}
    ),
    latest AS (
      SELECT DISTINCT ON (iv.unit_id, iv.indicator) iv.unit_id, iv.indicator, iv.period, iv.period_end, iv.value, iv.denominator, iv.direction
      FROM indicator_value iv
      JOIN pop ON pop.unit_id = iv.unit_id
      WHERE iv.period_end <= ${options.asOf}::date AND iv.period_end > ${options.asOf}::date - 365
      ORDER BY iv.unit_id, iv.indicator, iv.period_end DESC
    ),
    -- The national level of each period the population's latest values belong to: a few periods, each read
    -- through the (indicator, period_end) index. Computed once (MATERIALIZED) and as a lateral join, so the
    -- plan does not hang on row estimates: planned for one row each, the levels were computed again for
    -- every unit and period, over a minute for 238 units without statistics.
    national AS MATERIALIZED (
      SELECT periods.indicator, periods.period_end, level.level
      FROM (SELECT DISTINCT indicator, period_end FROM latest) periods
      CROSS JOIN LATERAL (
        SELECT CASE WHEN sum(coalesce(iv.denominator, 0)) > 0
                    THEN sum(iv.value * coalesce(iv.denominator, 0)) / sum(coalesce(iv.denominator, 0))
                    ELSE avg(iv.value) END AS level
        FROM indicator_value iv
        WHERE iv.indicator = periods.indicator AND iv.period_end = periods.period_end
      ) level
    ),
    ind AS MATERIALIZED (
      SELECT l.unit_id,
             jsonb_agg(jsonb_build_object(
               'indicator', l.indicator, 'period', l.period, 'periodEnd', l.period_end::text, 'value', l.value,
               'denominator', l.denominator, 'direction', l.direction, 'national', round(n.level::numeric, 4)::float8
             ) ORDER BY l.indicator) AS indicators
      FROM latest l
      JOIN national n ON n.indicator = l.indicator AND n.period_end = l.period_end
      GROUP BY l.unit_id
    )
    INSERT INTO selection_population_unit (
      project_id, unit_id, unit_name, form, kommun, kommun_name, county_name, provider_name, score, national_rank,
      triggers, cusum_alarm, contributions, reasons, observed_recent, expected_recent, indicators, score_as_of
    )
    SELECT ${options.projectId}::bigint, pop.unit_id, pop.unit_name, pop.form, pop.kommun, pop.kommun_name, pop.county_name,
           pop.provider_name, pop.score, pop.national_rank, pop.triggers, pop.cusum_alarm, coalesce(ex.contributions::jsonb, '[]'::jsonb), pop.reasons,
           pop.observed_recent, pop.expected_recent, coalesce(ind.indicators, '[]'::jsonb), pop.as_of
    FROM pop
    LEFT JOIN ind ON ind.unit_id = pop.unit_id
    LEFT JOIN explained ex ON ex.unit_id = pop.unit_id
  `.execute(trx);
  const { n } = await trx
    .selectFrom('selection_population_unit')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('project_id', '=', options.projectId)
    .executeTakeFirstOrThrow();
  return n;
}

export async function findPopulation(db: Queryable, projectId: number): Promise<SnapshotUnit[]> {
  return db.selectFrom('selection_population_unit').selectAll().where('project_id', '=', projectId).orderBy('unit_id').execute();
}

// ---- projects, stages and samples ----

export type ProjectScope = { kind: 'national' } | { kind: 'department'; code: string };

/** Projects newest first, with how many units each stage kept. */
export async function findProjects(db: Queryable, scope: ProjectScope) {
  let query = db
    .selectFrom('selection_project as p')
    .select([
      'p.id',
      'p.title',
      'p.population',
      'p.department_code',
      'p.population_count',
      'p.as_of',
      'p.created_by_name',
      'p.created_at',
      (eb) => eb.selectFrom('selection_stage as s').select('s.kept').whereRef('s.project_id', '=', 'p.id').where('s.stage', '=', 1).as('stage1'),
      (eb) => eb.selectFrom('selection_stage as s').select('s.kept').whereRef('s.project_id', '=', 'p.id').where('s.stage', '=', 2).as('stage2'),
      (eb) => eb.selectFrom('selection_stage as s').select('s.kept').whereRef('s.project_id', '=', 'p.id').where('s.stage', '=', 3).as('stage3'),
      (eb) => eb.selectFrom('selection_control_sample as k').select('k.size').whereRef('k.project_id', '=', 'p.id').as('control'),
    ])
    .orderBy('p.id', 'desc')
    .limit(200);
  if (scope.kind === 'department') query = query.where('p.department_code', '=', scope.code);
  return query.execute();
}

export async function findProject(db: Queryable, id: number, options: { forUpdate?: boolean } = {}): Promise<ProjectRow | undefined> {
  let query = db.selectFrom('selection_project').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findStages(db: Queryable, projectId: number): Promise<StageRow[]> {
  return db.selectFrom('selection_stage').selectAll().where('project_id', '=', projectId).orderBy('stage').execute();
}

/** Every unit of every stage's decision, in each stage's order, with the names it had in the population. */
export async function findStageUnits(db: Queryable, projectId: number): Promise<StageUnitRow[]> {
  return db
    .selectFrom('selection_stage_unit as su')
    .innerJoin('selection_population_unit as pu', (join) => join.onRef('pu.project_id', '=', 'su.project_id').onRef('pu.unit_id', '=', 'su.unit_id'))
    .selectAll('su')
    .select(['pu.unit_name', 'pu.kommun_name', 'pu.provider_name'])
    .where('su.project_id', '=', projectId)
    .orderBy('su.stage')
    .orderBy('su.position')
    .execute();
}

export async function findControlSample(db: Queryable, projectId: number) {
  return db.selectFrom('selection_control_sample').selectAll().where('project_id', '=', projectId).executeTakeFirst();
}

/** Kept units of a stage: by the rule or added by hand (stages 1–2), chosen (stage 3). */
export const isKept = (row: Pick<StageUnitRow, 'inclusion'>) => row.inclusion !== 'removed';

/**
 * Inspections held after a date at the given units: how many were inspected and how many of those
 * inspections found deficiencies or led to a decision beyond "no remarks" (for the lift of the selection).
 */
export async function findInspectionsSince(db: Queryable, unitIds: string[], since: string) {
  if (unitIds.length === 0) return new Map<string, { inspections: number; withFindings: number }>();
  const rows = await db
    .selectFrom('inspection')
    .select([
      'unit_id',
      sql<number>`count(*)::int`.as('inspections'),
      sql<number>`count(*) FILTER (WHERE deficiencies > 0 OR outcome <> 'no_remarks')::int`.as('with_findings'),
    ])
    .where('unit_id', 'in', unitIds)
    .where('date', '>=', since)
    .groupBy('unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, { inspections: r.inspections, withFindings: r.with_findings }]));
}
