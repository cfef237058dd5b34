// The counts behind the effect view, aggregated in the database in one set-based query per question: for
// each decision, the decided unit's external signals in the windows before and after the decision date, and
// the same for comparable units without decisions in the same period (same form, nearest in size, open the
// whole time, no inspection outcome other than "no remarks" in the windows). The estimator does the arithmetic.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../../platform/db/database.ts';
import { SIGNAL_CHANNELS } from '../../../registry/codes.ts';
import { CHANNEL_RULES } from '../../../risk/index.ts';
import type { DecisionTool } from '../labels.ts';

export const EFFECT_METHOD = {
  /** Weeks before the decision, and at most after it. */
  windowWeeks: 26,
  /** A decision counts in the per-tool summary once this many weeks have passed (or the unit closed). */
  minFollowUpWeeks: 13,
  /** Comparable units per decision: the nearest in size among the units ranked within `candidateSpan` of it. */
  controlsPerDecision: 40,
  candidateSpan: 60,
  /** Indicators come per quarter or year: their windows are a year on each side. */
  indicatorWindowDays: 365,
} as const;

/**
 * The risk method's external channels (tips, complaints, calls, police, other authorities, media): what
 * patients, users, relatives and others outside the unit tell the inspectorate. Lex Maria and lex Sarah are
 * the provider's own reports and would rise with better reporting after a decision, so they are left out.
 */
export const EXTERNAL_CHANNELS: string[] = SIGNAL_CHANNELS.filter((c) => CHANNEL_RULES[c].stream === 'external');

export interface EffectScope {
  decisionId?: number;
  /** Only decisions of cases in this department (null: the whole country). */
  departmentCode?: string | null;
  /** The last day with data; by default today or the newest signal's day, whichever is earlier. */
  until?: string;
}

export interface DecisionCountsRow {
  decision_id: number;
  case_id: number;
  tool: DecisionTool;
  decided_on: string;
  unit_id: string;
  unit_name: string;
  form: string;
  department_code: string | null;
  diarienummer: string;
  unit_closed: string | null;
  before_days: number;
  after_days: number;
  treated_before: number;
  treated_after: number;
  control_units: number;
  control_before: number;
  control_after: number;
  control_fell: number;
  until: string;
}

const WINDOW_DAYS = EFFECT_METHOD.windowWeeks * 7;

/** The decisions in scope with their windows, and the treated unit and its controls as `members`. */
function membersOf(scope: EffectScope): RawBuilder<unknown> {
  const n = EFFECT_METHOD.controlsPerDecision;
  const span = EFFECT_METHOD.candidateSpan;
  return sql`
    until AS (
      SELECT coalesce(${scope.until ?? null}::date, least(current_date, coalesce((SELECT max(received_at) FROM signal)::date, current_date))) AS day
    ),
    d0 AS (
      SELECT x.id, x.case_id, x.tool, x.decided_on, c.unit_id, c.department_code, c.diarienummer, u.name AS unit_name, u.form, u.size, u.closed AS unit_closed,
             greatest(x.decided_on - ${WINDOW_DAYS}::int, coalesce(u.opened, x.decided_on - ${WINDOW_DAYS}::int)) AS before_start,
             least(x.decided_on + ${WINDOW_DAYS}::int, (SELECT day FROM until) + 1, coalesce(u.closed + 1, x.decided_on + ${WINDOW_DAYS}::int)) AS after_end
      FROM case_decision x
      JOIN case_file c ON c.id = x.case_id
      JOIN unit u ON u.id = c.unit_id
      WHERE (${scope.decisionId ?? null}::bigint IS NULL OR x.id = ${scope.decisionId ?? null}::bigint)
        AND (${scope.departmentCode ?? null}::text IS NULL OR c.department_code = ${scope.departmentCode ?? null}::text)
    ),
    -- The units of each form in order of size, once; a decision's candidates are the slice around its unit.
    by_form AS (
      SELECT form, array_agg(id ORDER BY size, id) AS ids FROM unit WHERE form IN (SELECT form FROM d0) GROUP BY form
    ),
    d AS (
      SELECT d0.*, f.ids[greatest(p.r - ${span}::int, 1):p.r + ${span}::int] AS near_ids
      FROM d0
      JOIN by_form f ON f.form = d0.form
      CROSS JOIN LATERAL (SELECT array_position(f.ids, d0.unit_id) AS r) p
    ),
    -- Of those, the units open the whole time and without an inspection outcome other than "no remarks" in the windows.
    candidates AS (
      SELECT d.id AS decision_id, k.id AS unit_id, abs(k.size - d.size) AS distance, md5(k.id || ':' || d.id::text) AS tiebreak
      FROM d
      CROSS JOIN LATERAL unnest(d.near_ids) AS near(id)
      JOIN unit k ON k.id = near.id
      WHERE k.id <> d.unit_id
        AND (k.opened IS NULL OR k.opened <= d.before_start)
        AND (k.closed IS NULL OR k.closed >= d.after_end)
        AND NOT EXISTS (
          SELECT 1 FROM inspection i
          WHERE i.unit_id = k.id AND i.outcome <> 'no_remarks' AND i.date >= d.before_start AND i.date < d.after_end
        )
    ),
    controls AS (
      SELECT decision_id, unit_id
      FROM (SELECT decision_id, unit_id, row_number() OVER (PARTITION BY decision_id ORDER BY distance, tiebreak) AS pick FROM candidates) ranked_candidates
      WHERE pick <= ${n}
    ),
    members AS (
      SELECT d.id AS decision_id, d.unit_id, true AS treated FROM d
      UNION ALL
      SELECT decision_id, unit_id, false AS treated FROM controls
    )`;
}

/** Per decision: the signal counts of the unit and its controls in the windows before and after. */
export async function loadDecisionCounts(db: Db, scope: EffectScope = {}): Promise<DecisionCountsRow[]> {
  const result = await sql<DecisionCountsRow>`
    WITH ${membersOf(scope)},
    counts AS (
      SELECT m.decision_id, m.unit_id, m.treated,
             count(s.id) FILTER (WHERE s.received_at < d.decided_on) AS before_n,
             count(s.id) FILTER (WHERE s.received_at >= d.decided_on) AS after_n
      FROM members m
      JOIN d ON d.id = m.decision_id
      LEFT JOIN signal s ON s.unit_id = m.unit_id AND s.channel = ANY(${EXTERNAL_CHANNELS}::text[])
                        AND s.received_at >= d.before_start AND s.received_at < d.after_end
      GROUP BY m.decision_id, m.unit_id, m.treated
    )
    SELECT d.id AS decision_id, d.case_id, d.tool, d.decided_on::text AS decided_on, d.unit_id, d.unit_name, d.form, d.department_code, d.diarienummer,
           d.unit_closed::text AS unit_closed,
           greatest(d.decided_on - d.before_start, 0) AS before_days,
           greatest(d.after_end - d.decided_on, 0) AS after_days,
           coalesce(max(k.before_n) FILTER (WHERE k.treated), 0)::int AS treated_before,
           coalesce(max(k.after_n) FILTER (WHERE k.treated), 0)::int AS treated_after,
           count(k.unit_id) FILTER (WHERE NOT k.treated)::int AS control_units,
           coalesce(sum(k.before_n) FILTER (WHERE NOT k.treated), 0)::int AS control_before,
           coalesce(sum(k.after_n) FILTER (WHERE NOT k.treated), 0)::int AS control_after,
           count(k.unit_id) FILTER (WHERE NOT k.treated AND k.after_n * (d.decided_on - d.before_start) < k.before_n * (d.after_end - d.decided_on))::int AS control_fell,
           (SELECT day FROM until)::text AS until
    FROM d
    LEFT JOIN counts k ON k.decision_id = d.id
    GROUP BY d.id, d.case_id, d.tool, d.decided_on, d.unit_id, d.unit_name, d.form, d.department_code, d.diarienummer, d.unit_closed, d.before_start, d.after_end
    ORDER BY d.decided_on DESC, d.id DESC
  `.execute(db);
  return result.rows.map((r) => ({
    ...r,
    decision_id: Number(r.decision_id),
    case_id: Number(r.case_id),
    before_days: Number(r.before_days),
    after_days: Number(r.after_days),
  }));
}

export interface IndicatorCountsRow {
  indicator: string;
  direction: 'higher_better' | 'lower_better';
  treated_before: number | null;
  treated_after: number | null;
  treated_before_n: number;
  treated_after_n: number;
  control_units: number;
  control_before: number | null;
  control_after: number | null;
  control_mean_change: number | null;
  control_sd_change: number | null;
}

/** Per indicator the unit has: its mean before and after, and the change among its controls (same control set). */
export async function loadIndicatorCounts(db: Db, scope: EffectScope & { decisionId: number }): Promise<IndicatorCountsRow[]> {
  const days = EFFECT_METHOD.indicatorWindowDays;
  const result = await sql<IndicatorCountsRow>`
    WITH ${membersOf(scope)},
    vals AS (
      SELECT m.unit_id, m.treated, v.indicator, v.direction,
             avg(v.value) FILTER (WHERE v.period_end < d.decided_on) AS before_mean,
             avg(v.value) FILTER (WHERE v.period_end >= d.decided_on) AS after_mean,
             count(*) FILTER (WHERE v.period_end < d.decided_on) AS before_n,
             count(*) FILTER (WHERE v.period_end >= d.decided_on) AS after_n
      FROM members m
      JOIN d ON d.id = m.decision_id
      JOIN indicator_value v ON v.unit_id = m.unit_id
      WHERE v.period_end >= d.decided_on - ${days}::int
        AND v.period_end < least(d.decided_on + ${days}::int, (SELECT day FROM until) + 1)
      GROUP BY m.unit_id, m.treated, v.indicator, v.direction
    )
    SELECT indicator, direction,
           max(before_mean) FILTER (WHERE treated) AS treated_before,
           max(after_mean) FILTER (WHERE treated) AS treated_after,
           coalesce(max(before_n) FILTER (WHERE treated), 0)::int AS treated_before_n,
           coalesce(max(after_n) FILTER (WHERE treated), 0)::int AS treated_after_n,
           count(*) FILTER (WHERE NOT treated AND before_mean IS NOT NULL AND after_mean IS NOT NULL)::int AS control_units,
           avg(before_mean) FILTER (WHERE NOT treated AND after_mean IS NOT NULL) AS control_before,
           avg(after_mean) FILTER (WHERE NOT treated AND before_mean IS NOT NULL) AS control_after,
           avg(after_mean - before_mean) FILTER (WHERE NOT treated) AS control_mean_change,
           stddev_samp(after_mean - before_mean) FILTER (WHERE NOT treated) AS control_sd_change
    FROM vals
    GROUP BY indicator, direction
    HAVING bool_or(treated)
    ORDER BY indicator
  `.execute(db);
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  return result.rows.map((r) => ({
    ...r,
    treated_before: num(r.treated_before),
    treated_after: num(r.treated_after),
    control_before: num(r.control_before),
    control_after: num(r.control_after),
    control_mean_change: num(r.control_mean_change),
    control_sd_change: num(r.control_sd_change),
  }));
}
