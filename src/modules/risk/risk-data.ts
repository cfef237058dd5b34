// The database side of the risk score: a few grouped, set-based passes that turn signals, indicators,
// inspections and permits into per-unit aggregates as they were known at the as-of date. Everything after
// that (funnels, shrinkage, change scans) works on these arrays in risk-model.ts.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { SIGNAL_CHANNELS } from '../registry/codes.ts';
import { CHANNEL_RULES, METHOD, SERIOUS_SEVERITY, SEVERE_PERMIT_STATUSES, SEVERITY_LIKELIHOOD_RATIO, UNKNOWN_SEVERITY } from './method.ts';

/** The as-of date and the instant it ends: date-only times in the exchange format mean midnight UTC. */
export interface AsOf {
  date: string;
  /** The first instant after the as-of day: signals received before it are known. */
  cutoff: string;
}

export function asOfDate(date: string): AsOf {
  const day = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) {
    throw new RangeError(`as-of must be a date YYYY-MM-DD, got "${date}"`);
  }
  return { date, cutoff: new Date(day.getTime() + 86_400_000).toISOString() };
}

export interface UnitSignalRow {
  id: string;
  form: string;
  size: number;
  opened: string | null;
  /** External-stream signals by week (0 = the seven days ending on the as-of date), weeks with signals only. */
  weeks: number[];
  counts: number[];
  /** Σ ln(likelihood ratio) of the week's external signals (before national renormalisation). */
  log_lr: number[];
  /** Serious (severity ≥ 3) external signals in the same weeks. */
  serious_counts: number[];
  /** Reference window (last `referenceWeeks`): external count, Σ likelihood ratios, serious count, provider reports. */
  external_ref: number;
  lr_ref: number;
  serious_ref: number;
  provider_ref: number;
  /** External signals in the peer window (last 26 weeks). */
  external_recent: number;
  /** Serious external signals in the recency bands 0–13, 13–26, 26–52 weeks. */
  serious_b0: number;
  serious_b1: number;
  serious_b2: number;
  /** Provider reports (lex Maria, lex Sarah) in the last 52 weeks. */
  provider_52w: number;
  /** Acute signals in the last `acuteWindowDays`, and the day of the latest acute signal. */
  acute_recent: number;
  last_acute: string | null;
}

/** Units open on the as-of date with their signal aggregates: one grouped pass over the signals. */
export async function loadUnitSignals(db: Db, asOf: AsOf): Promise<UnitSignalRow[]> {
  return (await unitSignalsQuery(asOf).execute(db)).rows;
}

/** The query behind loadUnitSignals (exported for EXPLAIN in benchmarks). */
export function unitSignalsQuery(asOf: AsOf) {
  const channels = [...SIGNAL_CHANNELS];
  const streams = channels.map((c) => CHANNEL_RULES[c].stream);
  const channelLr = channels.map((c) => CHANNEL_RULES[c].likelihoodRatio);
  const severities = [1, 2, 3, 4];
  const severityLr = severities.map((s) => SEVERITY_LIKELIHOOD_RATIO[s as 1 | 2 | 3 | 4]);
  const [b0, b1, b2] = METHOD.recencyBands;
  return sql<UnitSignalRow>`
    WITH channel_rule AS (
      SELECT * FROM unnest(${channels}::text[], ${streams}::text[], ${channelLr}::float8[]) AS r(channel, stream, lr)
    ),
    severity_rule AS (
      SELECT * FROM unnest(${severities}::int[], ${severityLr}::float8[]) AS r(severity, lr)
    ),
    known AS (
      -- Every signal the inspectorate had received by the end of the as-of day, with its age in weeks.
      SELECT s.unit_id, s.urgency, s.received_at,
             coalesce(cr.stream, 'none') AS stream,
             coalesce(s.severity, ${UNKNOWN_SEVERITY}) AS severity,
             floor(date_part('epoch', ${asOf.cutoff}::timestamptz - s.received_at) / 604800)::int AS week,
             cr.lr * sr.lr AS lr
      FROM signal s
      LEFT JOIN channel_rule cr ON cr.channel = s.channel
      LEFT JOIN severity_rule sr ON sr.severity = coalesce(s.severity, ${UNKNOWN_SEVERITY})
      WHERE s.received_at < ${asOf.cutoff}::timestamptz
        AND s.received_at >= ${asOf.cutoff}::timestamptz - make_interval(weeks => ${METHOD.horizonWeeks})
    ),
    unit_week AS (
      SELECT unit_id, week,
             count(*) FILTER (WHERE stream = 'external')::int AS external,
             coalesce(sum(ln(lr)) FILTER (WHERE stream = 'external'), 0)::float8 AS log_lr,
             coalesce(sum(lr) FILTER (WHERE stream = 'external'), 0)::float8 AS lr,
             count(*) FILTER (WHERE stream = 'external' AND severity >= ${SERIOUS_SEVERITY})::int AS serious,
             count(*) FILTER (WHERE stream = 'provider')::int AS provider,
             count(*) FILTER (WHERE urgency = 'acute'
               AND received_at >= ${asOf.cutoff}::timestamptz - make_interval(days => ${METHOD.acuteWindowDays}))::int AS acute,
             max(received_at) FILTER (WHERE urgency = 'acute') AS last_acute
      FROM known
      GROUP BY unit_id, week
    ),
    unit_signal AS (
      SELECT unit_id,
             array_agg(week ORDER BY week) FILTER (WHERE external > 0) AS weeks,
             array_agg(external ORDER BY week) FILTER (WHERE external > 0) AS counts,
             array_agg(log_lr ORDER BY week) FILTER (WHERE external > 0) AS log_lr,
             array_agg(serious ORDER BY week) FILTER (WHERE external > 0) AS serious_counts,
             sum(external) FILTER (WHERE week < ${METHOD.referenceWeeks})::int AS external_ref,
             sum(lr) FILTER (WHERE week < ${METHOD.referenceWeeks})::float8 AS lr_ref,
             sum(serious) FILTER (WHERE week < ${METHOD.referenceWeeks})::int AS serious_ref,
             sum(provider) FILTER (WHERE week < ${METHOD.referenceWeeks})::int AS provider_ref,
             sum(external) FILTER (WHERE week < ${METHOD.peerWindowWeeks})::int AS external_recent,
             sum(serious) FILTER (WHERE week >= ${b0.fromWeek} AND week < ${b0.toWeek})::int AS serious_b0,
             sum(serious) FILTER (WHERE week >= ${b1.fromWeek} AND week < ${b1.toWeek})::int AS serious_b1,
             sum(serious) FILTER (WHERE week >= ${b2.fromWeek} AND week < ${b2.toWeek})::int AS serious_b2,
             sum(provider) FILTER (WHERE week < 52)::int AS provider_52w,
             sum(acute)::int AS acute_recent,
             max(last_acute) AS last_acute
      FROM unit_week
      GROUP BY unit_id
    )
    SELECT u.id, u.form, u.size, u.opened::text AS opened,
           coalesce(s.weeks, '{}') AS weeks,
           coalesce(s.counts, '{}') AS counts,
           coalesce(s.log_lr, '{}') AS log_lr,
           coalesce(s.serious_counts, '{}') AS serious_counts,
           coalesce(s.external_ref, 0) AS external_ref,
           coalesce(s.lr_ref, 0) AS lr_ref,
           coalesce(s.serious_ref, 0) AS serious_ref,
           coalesce(s.provider_ref, 0) AS provider_ref,
           coalesce(s.external_recent, 0) AS external_recent,
           coalesce(s.serious_b0, 0) AS serious_b0,
           coalesce(s.serious_b1, 0) AS serious_b1,
           coalesce(s.serious_b2, 0) AS serious_b2,
           coalesce(s.provider_52w, 0) AS provider_52w,
           coalesce(s.acute_recent, 0) AS acute_recent,
           to_char(s.last_acute AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last_acute
    FROM unit u
    LEFT JOIN unit_signal s ON s.unit_id = u.id
    WHERE (u.opened IS NULL OR u.opened <= ${asOf.date}::date)
      AND (u.closed IS NULL OR u.closed >= ${asOf.date}::date)
  `;
}

/** Signals per channel for the explanations of a few units: external ones of the last 26 weeks, provider reports of the last 52. */
export async function loadChannelCounts(
  db: Db, asOf: AsOf, unitIds: string[],
): Promise<Map<string, { recent: Record<string, number>; provider: Record<string, number> }>> {
  const result = new Map<string, { recent: Record<string, number>; provider: Record<string, number> }>();
  if (unitIds.length === 0) return result;
  const external = SIGNAL_CHANNELS.filter((c) => CHANNEL_RULES[c].stream === 'external');
  const provider = SIGNAL_CHANNELS.filter((c) => CHANNEL_RULES[c].stream === 'provider');
  const rows = await sql<{ unit_id: string; channel: string; recent: number; last_year: number }>`
    SELECT unit_id, channel,
           count(*) FILTER (WHERE received_at >= ${asOf.cutoff}::timestamptz - make_interval(weeks => ${METHOD.peerWindowWeeks}))::int AS recent,
           count(*)::int AS last_year
    FROM signal
    WHERE unit_id = ANY(${unitIds}::text[])
      AND received_at < ${asOf.cutoff}::timestamptz
      AND received_at >= ${asOf.cutoff}::timestamptz - make_interval(weeks => 52)
    GROUP BY unit_id, channel
  `.execute(db);
  for (const row of rows.rows) {
    const entry = result.get(row.unit_id) ?? { recent: {}, provider: {} };
    if ((external as string[]).includes(row.channel) && row.recent > 0) entry.recent[row.channel] = row.recent;
    if ((provider as string[]).includes(row.channel)) entry.provider[row.channel] = row.last_year;
    result.set(row.unit_id, entry);
  }
  return result;
}

export interface IndicatorSeriesRow {
  unit_id: string;
  indicator: string;
  direction: 'higher_better' | 'lower_better';
  period_ends: string[];
  values: number[];
  denominators: number[];
}

/** Indicator series per open unit, periods ended by the as-of date, oldest first. */
export async function loadIndicatorSeries(db: Db, asOf: AsOf): Promise<IndicatorSeriesRow[]> {
  const result = await sql<IndicatorSeriesRow>`
    SELECT iv.unit_id, iv.indicator, iv.direction,
           array_agg(iv.period_end::text ORDER BY iv.period_end) AS period_ends,
           array_agg(iv.value ORDER BY iv.period_end) AS values,
           array_agg(coalesce(iv.denominator, 0) ORDER BY iv.period_end) AS denominators
    FROM indicator_value iv
    JOIN unit u ON u.id = iv.unit_id
    WHERE iv.period_end <= ${asOf.date}::date
      AND iv.period_end > ${asOf.date}::date - ${METHOD.indicatorHistoryDays}::int
      AND (u.opened IS NULL OR u.opened <= ${asOf.date}::date)
      AND (u.closed IS NULL OR u.closed >= ${asOf.date}::date)
    GROUP BY iv.unit_id, iv.indicator, iv.direction
  `.execute(db);
  return result.rows;
}

export interface InspectionRow {
  unit_id: string;
  last_date: string;
  /** Inspections of the last 36 months, newest first. */
  dates: string[];
  deficiencies: number[];
  outcomes: string[];
}

/** Inspections on or before the as-of date, per unit. Also returns the earliest inspection date known at all. */
export async function loadInspections(db: Db, asOf: AsOf): Promise<{ rows: InspectionRow[]; coverageStart: string | null }> {
  const result = await sql<InspectionRow>`
    SELECT unit_id, max(date)::text AS last_date,
           coalesce(array_agg(date::text ORDER BY date DESC) FILTER (WHERE date > ${asOf.date}::date - interval '36 months'), '{}') AS dates,
           coalesce(array_agg(deficiencies ORDER BY date DESC) FILTER (WHERE date > ${asOf.date}::date - interval '36 months'), '{}') AS deficiencies,
           coalesce(array_agg(outcome ORDER BY date DESC) FILTER (WHERE date > ${asOf.date}::date - interval '36 months'), '{}') AS outcomes
    FROM inspection
    WHERE date <= ${asOf.date}::date
    GROUP BY unit_id
  `.execute(db);
  const coverage = await sql<{ first: string | null }>`
    SELECT min(date)::text AS first FROM inspection WHERE date <= ${asOf.date}::date
  `.execute(db);
  return { rows: result.rows, coverageStart: coverage.rows[0]?.first ?? null };
}

export interface PermitRow {
  unit_id: string;
  /** The most serious status in force on the as-of date, if any is serious. */
  current_status: string | null;
  current_from: string | null;
  /** Serious statuses earlier in the history that are no longer in force. */
  earlier_serious: number;
  earlier_last: string | null;
}

/** Permit statuses as of the date: the status in force per permit, and earlier serious decisions, per unit. */
export async function loadPermits(db: Db, asOf: AsOf): Promise<PermitRow[]> {
  const serious = [...SEVERE_PERMIT_STATUSES];
  const result = await sql<PermitRow>`
    WITH history AS (
      SELECT p.unit_id, ps.permit_id, ps.status, ps.valid_from,
             row_number() OVER (PARTITION BY ps.permit_id ORDER BY ps.valid_from DESC, ps.seq DESC) AS newest
      FROM permit p
      JOIN permit_status ps ON ps.permit_id = p.id
      WHERE p.unit_id IS NOT NULL AND ps.valid_from <= ${asOf.date}::date
    ),
    ranked AS (
      SELECT unit_id, status, valid_from, newest = 1 AS in_force,
             array_position(${serious}::text[], status) AS gravity
      FROM history
    )
    SELECT unit_id,
           (array_agg(status ORDER BY gravity, valid_from DESC) FILTER (WHERE in_force AND gravity IS NOT NULL))[1] AS current_status,
           (array_agg(valid_from::text ORDER BY gravity, valid_from DESC) FILTER (WHERE in_force AND gravity IS NOT NULL))[1] AS current_from,
           count(*) FILTER (WHERE NOT in_force AND gravity IS NOT NULL)::int AS earlier_serious,
           max(valid_from::text) FILTER (WHERE NOT in_force AND gravity IS NOT NULL) AS earlier_last
    FROM ranked
    GROUP BY unit_id
    HAVING count(*) FILTER (WHERE gravity IS NOT NULL) > 0
  `.execute(db);
  return result.rows;
}
