import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';

// The risk workspace's SQL. Everything is read from the stored scores (risk_score, risk_run) and aggregated
// in the database; no signal text or personal data is read here, only counts.

/** Where a view looks: the whole country, one department's län, or one kommun. */
export type Area = { kind: 'national' } | { kind: 'department'; code: string } | { kind: 'kommun'; code: string };

/** The list filters (all optional, combined with AND). */
export interface RankFilter {
  form?: string;
  kommun?: string;
  county?: string;
  department?: string;
  /** Units with at least one signal of this risk area in the 26 weeks up to their score's as-of date. */
  riskArea?: string;
  /** Units in CUSUM alarm, or lifted by a hard trigger, as the view's figures count them. */
  alarm?: AlarmFilter;
}

export const ALARM_FILTERS = ['cusum', 'trigger'] as const;
export type AlarmFilter = (typeof ALARM_FILTERS)[number];

/** The scores in alarm of the kind asked for: the one predicate the list's filter and the figures' counts share. */
function inAlarm(alarm: AlarmFilter) {
  return alarm === 'cusum' ? sql<boolean>`rs.cusum_alarm` : sql<boolean>`cardinality(rs.triggers) > 0`;
}

/** The window of the risk-area filter, the same as the peer funnel's (METHOD.peerWindowWeeks). */
export const RISK_AREA_WINDOW_DAYS = 26 * 7;

export interface NationalRun {
  id: number;
  asOf: string;
  finishedAt: Date;
  units: number;
  tau2Signals: number;
  cusumThreshold: number;
}

/** The newest national run, if any, with the parameters the charts need. */
export async function findLatestNationalRun(db: Db): Promise<NationalRun | undefined> {
  const run = await db
    .selectFrom('risk_run')
    .select(['id', 'as_of', 'finished_at', 'units', 'summary'])
    .where('kind', '=', 'national')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!run) return undefined;
  const summary = run.summary as { tau2?: { signals?: unknown }; cusumThreshold?: unknown };
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  return {
    id: run.id,
    asOf: run.as_of,
    finishedAt: new Date(run.finished_at),
    units: run.units,
    tau2Signals: number(summary.tau2?.signals),
    cusumThreshold: number(summary.cusumThreshold),
  };
}

export async function findDepartments(db: Db) {
  return db.selectFrom('department').select(['code', 'name']).orderBy('code').execute();
}

export async function findCounties(db: Db) {
  return db.selectFrom('county').select(['code', 'name', 'department_code']).orderBy('code').execute();
}

/** Every kommun with its län and department (unsorted: sort names in Swedish order where shown). */
export async function findMunicipalities(db: Db) {
  return db
    .selectFrom('municipality as m')
    .innerJoin('county as c', 'c.code', 'm.county_code')
    .select(['m.code', 'm.name', 'm.short_name', 'm.county_code', 'c.name as county_name', 'c.department_code'])
    .execute();
}

export async function findDepartment(db: Db, code: string) {
  return db.selectFrom('department').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}

export async function findMunicipality(db: Db, code: string) {
  return db
    .selectFrom('municipality as m')
    .innerJoin('county as c', 'c.code', 'm.county_code')
    .innerJoin('department as d', 'd.code', 'c.department_code')
    .select(['m.code', 'm.name', 'm.short_name', 'm.county_code', 'c.name as county_name', 'c.department_code', 'd.name as department_name'])
    .where('m.code', '=', code)
    .executeTakeFirst();
}

/** The scored units of an area, joined to their kommun and län, with the filters applied. */
function scoredUnits(db: Db, area: Area, filter: RankFilter) {
  const departmentCode = area.kind === 'department' ? area.code : undefined;
  const kommunCode = area.kind === 'kommun' ? area.code : undefined;
  const { form, kommun, county, department, riskArea, alarm } = filter;
  return db
    .selectFrom('risk_score as rs')
    .innerJoin('unit as u', 'u.id', 'rs.unit_id')
    .innerJoin('municipality as m', 'm.code', 'u.kommun')
    .innerJoin('county as c', 'c.code', 'm.county_code')
    .$if(departmentCode !== undefined, (q) => q.where('c.department_code', '=', departmentCode!))
    .$if(kommunCode !== undefined, (q) => q.where('u.kommun', '=', kommunCode!))
    .$if(form !== undefined, (q) => q.where('rs.form', '=', form!))
    .$if(kommun !== undefined, (q) => q.where('u.kommun', '=', kommun!))
    .$if(county !== undefined, (q) => q.where('c.code', '=', county!))
    .$if(department !== undefined, (q) => q.where('c.department_code', '=', department!))
    .$if(riskArea !== undefined, (q) => q.where(recentSignalOf(riskArea!)))
    .$if(alarm !== undefined, (q) => q.where(inAlarm(alarm!)));
}

/**
 * Scores of units with a signal of the risk area in the 26 weeks up to their score's as-of date. The as-of day
 * ends at midnight in Sweden (as in the risk engine).
 */
function recentSignalOf(riskArea: string) {
  return sql<boolean>`EXISTS (
    SELECT 1 FROM signal s
    WHERE s.unit_id = rs.unit_id AND s.risk_areas @> array[${riskArea}]::text[]
      AND s.received_at < ((rs.as_of + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')
      AND s.received_at > ((rs.as_of + 1 - ${RISK_AREA_WINDOW_DAYS}::int)::timestamp AT TIME ZONE 'Europe/Stockholm')
      -- The same bound from the oldest score, a constant: the signals are then read by date through their
      -- index instead of all of them (657 → 214 ms on a 2-million-signal world on PGlite).
      AND s.received_at > (SELECT (min(as_of) + 1 - ${RISK_AREA_WINDOW_DAYS}::int)::timestamp AT TIME ZONE 'Europe/Stockholm' FROM risk_score)
  )`;
}

/**
 * The scores a national list without a place filter shows: risk_score alone. Every score has a unit and every
 * unit a kommun and län, so the joins of scoredUnits would change no row, only cost one lookup per row skipped
 * (a deep page skips tens of thousands).
 */
function nationalScores(db: Db, filter: RankFilter) {
  return db
    .selectFrom('risk_score as rs')
    .$if(filter.form !== undefined, (q) => q.where('rs.form', '=', filter.form!))
    .$if(filter.riskArea !== undefined, (q) => q.where(recentSignalOf(filter.riskArea!)))
    .$if(filter.alarm !== undefined, (q) => q.where(inAlarm(filter.alarm!)));
}

export interface RankedUnit {
  unit_id: string;
  name: string;
  form: string;
  kommun: string;
  kommun_name: string;
  county_code: string;
  department_code: string;
  score: number;
  national_rank: number;
  triggers: string[];
  cusum_alarm: boolean;
  observed_recent: number;
  expected_recent: number;
  reasons: string[];
}

/** One page of the ranked list (riskiest first) and how many units match. */
export async function findRankedUnits(db: Db, area: Area, filter: RankFilter, page: { limit: number; offset: number }): Promise<{ total: number; rows: RankedUnit[] }> {
  const byScoresAlone = area.kind === 'national' && filter.kommun === undefined && filter.county === undefined && filter.department === undefined;
  const matching = () => (byScoresAlone ? nationalScores(db, filter) : scoredUnits(db, area, filter));
  // The page's units first (by the scores alone when no place filter needs the joins), with how many match
  // counted in the same pass (a risk-area filter probes every score's signals once, not twice); then their details.
  const pageUnits = matching()
    .select(['rs.unit_id', sql<number>`count(*) OVER ()`.as('total')])
    .orderBy('rs.score', 'desc')
    .orderBy('rs.national_rank')
    .orderBy('rs.unit_id')
    .limit(page.limit)
    .offset(page.offset);
  // The details through the same joins as every list, limited to the page's units.
  const rows = await scoredUnits(db, { kind: 'national' }, {})
    .innerJoin(pageUnits.as('p'), 'p.unit_id', 'rs.unit_id')
    .select([
      'rs.unit_id',
      'u.name',
      'rs.form',
      sql<string>`u.kommun::text`.as('kommun'),
      'm.short_name as kommun_name',
      'c.code as county_code',
      'c.department_code',
      'rs.score',
      'rs.national_rank',
      'rs.triggers',
      'rs.cusum_alarm',
      'rs.observed_recent',
      'rs.expected_recent',
      'rs.reasons',
      'p.total',
    ])
    .orderBy('rs.score', 'desc')
    .orderBy('rs.national_rank')
    .orderBy('rs.unit_id')
    .execute();
  // A page past the end has no row to carry the count.
  const total = rows.length > 0 ? Number(rows[0].total) : page.offset === 0 ? 0 : Number((await matching().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return { total, rows: rows.map(({ total: _total, ...row }) => row) };
}

export interface AreaFigures {
  units: number;
  cusumAlarms: number;
  triggered: number;
  observed: number;
  expected: number;
}

/** Counts of an area: units scored, in CUSUM alarm, lifted by a hard trigger; external signals against expected. */
export async function summariseArea(db: Db, area: Area, filter: RankFilter = {}): Promise<AreaFigures> {
  const row = await scoredUnits(db, area, filter)
    .select([
      sql<number>`count(*)`.as('units'),
      sql<number>`count(*) FILTER (WHERE ${inAlarm('cusum')})`.as('alarms'),
      sql<number>`count(*) FILTER (WHERE ${inAlarm('trigger')})`.as('triggered'),
      sql<number>`coalesce(sum(rs.observed_recent), 0)`.as('observed'),
      sql<number>`coalesce(sum(rs.expected_recent), 0)::float8`.as('expected'),
    ])
    .executeTakeFirstOrThrow();
  return { units: Number(row.units), cusumAlarms: Number(row.alarms), triggered: Number(row.triggered), observed: Number(row.observed), expected: Number(row.expected) };
}

export interface PlaceRatio {
  code: string;
  units: number;
  observed: number;
  expected: number;
  cusumAlarms: number;
}

/**
 * External signals against expected, units and CUSUM alarms of an area per kommun (kommuner without scored
 * units are absent); län and departments are summed from these (rollUpRatios).
 */
export async function findRatiosByKommun(db: Db, area: Area, filter: RankFilter = {}): Promise<PlaceRatio[]> {
  const rows = await scoredUnits(db, area, filter)
    .select([
      sql<string>`u.kommun::text`.as('code'),
      sql<number>`count(*)`.as('units'),
      sql<number>`sum(rs.observed_recent)`.as('observed'),
      sql<number>`sum(rs.expected_recent)::float8`.as('expected'),
      sql<number>`count(*) FILTER (WHERE ${inAlarm('cusum')})`.as('alarms'),
    ])
    .groupBy('u.kommun')
    .execute();
  return rows.map((r) => ({ code: r.code, units: Number(r.units), observed: Number(r.observed), expected: Number(r.expected), cusumAlarms: Number(r.alarms) }));
}

/** Per-kommun ratios summed to a larger place (län or department): the same figures without another pass over the scores. */
export function rollUpRatios(byKommun: PlaceRatio[], placeOf: (kommunCode: string) => string | undefined): PlaceRatio[] {
  const places = new Map<string, PlaceRatio>();
  for (const row of byKommun) {
    const code = placeOf(row.code);
    if (code === undefined) continue;
    const place = places.get(code) ?? { code, units: 0, observed: 0, expected: 0, cusumAlarms: 0 };
    place.units += row.units;
    place.observed += row.observed;
    place.expected += row.expected;
    place.cusumAlarms += row.cusumAlarms;
    places.set(code, place);
  }
  return [...places.values()];
}

/** The register facts of a unit and where it belongs (for the access check), without its score. */
export async function findUnitPlace(db: Db, unitId: string) {
  return db
    .selectFrom('unit as u')
    .innerJoin('provider as p', 'p.id', 'u.provider_id')
    .innerJoin('municipality as m', 'm.code', 'u.kommun')
    .innerJoin('county as c', 'c.code', 'm.county_code')
    .innerJoin('department as d', 'd.code', 'c.department_code')
    .select([
      'u.id',
      'u.name',
      'u.form',
      'u.size',
      'u.closed',
      sql<string>`u.kommun::text`.as('kommun'),
      'm.short_name as kommun_name',
      'c.code as county_code',
      'c.name as county_name',
      'c.department_code',
      'd.name as department_name',
      'p.id as provider_id',
      'p.name as provider_name',
    ])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
}
export type UnitPlace = NonNullable<Awaited<ReturnType<typeof findUnitPlace>>>;

/** The stored score of a unit, if it has one. */
export async function findUnitScore(db: Db, unitId: string) {
  return db
    .selectFrom('risk_score')
    .select(['score', 'raw', 'national_rank', 'triggers', 'cusum_alarm', 'reasons', 'observed_recent', 'expected_recent', 'as_of', 'computed_at', 'form'])
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}
export type UnitScore = NonNullable<Awaited<ReturnType<typeof findUnitScore>>>;

/** Units scored in all (the N of "rank r of N"). */
export async function countScoredUnits(db: Db): Promise<number> {
  const row = await db.selectFrom('risk_score').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface PeerPoint {
  expected: number;
  observed: number;
  units: number;
}

/** Every unit of a form as (expected, observed), units with the same pair counted together. */
export async function findPeerPoints(db: Db, form: string): Promise<PeerPoint[]> {
  const rows = await db
    .selectFrom('risk_score')
    // Peers at the same point are drawn once; three decimals keep a small unit's 0,004 from counting as none.
    .select([sql<number>`round(expected_recent::numeric, 3)::float8`.as('expected'), 'observed_recent as observed', sql<number>`count(*)`.as('units')])
    .where('form', '=', form)
    .groupBy([sql`round(expected_recent::numeric, 3)`, 'observed_recent'])
    .execute();
  return rows.map((r) => ({ expected: Number(r.expected), observed: Number(r.observed), units: Number(r.units) }));
}

export interface TimelineRow {
  /** YYYY-MM (Swedish time). */
  month: string;
  /** A risk area code, or null for signals without one. */
  area: string | null;
  signals: number;
}

/**
 * A unit's signals per month and risk area from `from` (inclusive) to `until` (exclusive), Swedish days and
 * months: counts only. A signal with two risk areas counts once under each; `totals` counts each signal once.
 */
export async function findSignalTimeline(db: Db, unitId: string, from: string, until: string): Promise<{ byArea: TimelineRow[]; totals: { month: string; signals: number }[] }> {
  const month = sql<string>`to_char(s.received_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM')`;
  const fromInstant = sql<Date>`${from}::date::timestamp AT TIME ZONE 'Europe/Stockholm'`;
  const untilInstant = sql<Date>`${until}::date::timestamp AT TIME ZONE 'Europe/Stockholm'`;
  const [byArea, totals] = await Promise.all([
    db
      .selectFrom('signal as s')
      .leftJoinLateral(
        (eb) => eb.selectFrom(sql<{ area: string }>`unnest(s.risk_areas)`.as('a')).select(sql<string>`a`.as('area')).as('ra'),
        (join) => join.onTrue(),
      )
      .select([month.as('month'), 'ra.area', sql<number>`count(*)`.as('signals')])
      .where('s.unit_id', '=', unitId)
      .where('s.received_at', '>=', fromInstant)
      .where('s.received_at', '<', untilInstant)
      .groupBy([month, 'ra.area'])
      .execute(),
    db
      .selectFrom('signal as s')
      .select([month.as('month'), sql<number>`count(*)`.as('signals')])
      .where('s.unit_id', '=', unitId)
      .where('s.received_at', '>=', fromInstant)
      .where('s.received_at', '<', untilInstant)
      .groupBy(month)
      .execute(),
  ]);
  return {
    byArea: byArea.map((r) => ({ month: r.month, area: r.area ?? null, signals: Number(r.signals) })),
    totals: totals.map((r) => ({ month: r.month, signals: Number(r.signals) })),
  };
}

export async function findInspections(db: Db, unitId: string) {
  return db
    .selectFrom('inspection')
    .select(['id', 'date', 'announced', 'deficiencies', 'outcome'])
    .where('unit_id', '=', unitId)
    .orderBy('date', 'desc')
    .orderBy('id')
    .limit(50)
    .execute();
}

/** The unit's permits, each with its status history (oldest first). */
export async function findPermitDecisions(db: Db, unitId: string) {
  const permits = await db
    .selectFrom('permit')
    .select(['id', 'legal_form', 'granted_on', 'status', 'status_from'])
    .where('unit_id', '=', unitId)
    .orderBy('granted_on', 'desc')
    .orderBy('id')
    .execute();
  if (permits.length === 0) return [];
  const history = await db
    .selectFrom('permit_status')
    .select(['permit_id', 'seq', 'status', 'valid_from', 'reason'])
    .where(
      'permit_id',
      'in',
      permits.map((p) => p.id),
    )
    .orderBy('permit_id')
    .orderBy('seq')
    .execute();
  return permits.map((p) => ({ ...p, history: history.filter((h) => h.permit_id === p.id) }));
}
