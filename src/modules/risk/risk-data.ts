// The database side of the risk score: a few grouped, set-based passes that turn signals, indicators,
// inspections and permits into per-unit aggregates as they were known at the as-of date. Everything after
// that (funnels, shrinkage, change scans) works on these arrays in risk-model.ts.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { selectRowsAsJson } from '../../platform/db/rows-as-json.ts';
import { SIGNAL_CHANNELS } from '../registry/codes.ts';
import { CHANNEL_RULES, METHOD, SERIOUS_SEVERITY, SEVERE_PERMIT_STATUSES, SEVERITY_LIKELIHOOD_RATIO, UNKNOWN_SEVERITY } from './method.ts';

/** The as-of date (a Swedish calendar day) and the day after it, for date arithmetic. */
export interface AsOf {
  date: string;
  /** The day after the as-of date at 00:00Z, for counting days and weeks (signals are placed by their Swedish day). */
  cutoff: string;
  /** Read only these units (a rescoring against stored national parameters); all units when absent. */
  unitIds?: string[];
}

export function asOfDate(date: string): AsOf {
  const day = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date || day.getUTCFullYear() < 1) {
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
  /** Acute external signals in the last `acuteWindowDays`, and the day of the latest one (in the horizon). */
  acute_recent: number;
  last_acute: string | null;
}

/**
 * Signals per channel of every unit read, for the explanations: external ones of the last 26 weeks, provider
 * reports of the last 52. Counted in one array while decoding; a unit's counts get channel names only when a
 * sentence asks for them.
 */
export class ChannelCounts {
  private readonly rows = new Map<string, number>();
  private readonly counts: Int32Array;

  constructor(private readonly channels: readonly string[], unitIds: readonly string[]) {
    unitIds.forEach((id, row) => this.rows.set(id, row));
    this.counts = new Int32Array(unitIds.length * channels.length * 2);
  }

  /** Adds one signal of the channel (its position) to the unit's row, recent (0) or provider (1) side. */
  add(row: number, side: 0 | 1, channel: number): void {
    this.counts[(row * 2 + side) * this.channels.length + channel]++;
  }

  /** External signals of the last 26 weeks by channel name; null for a unit not read. */
  recent(unitId: string): Record<string, number> | null {
    return this.named(unitId, 0);
  }

  /** Provider reports of the last 52 weeks by channel name; null for a unit not read. */
  provider(unitId: string): Record<string, number> | null {
    return this.named(unitId, 1);
  }

  private named(unitId: string, side: 0 | 1): Record<string, number> | null {
    const row = this.rows.get(unitId);
    if (row === undefined) return null;
    const named: Record<string, number> = {};
    const from = (row * 2 + side) * this.channels.length;
    this.channels.forEach((channel, i) => {
      if (this.counts[from + i] > 0) named[channel] = this.counts[from + i];
    });
    return named;
  }
}

/**
 * Units open on the as-of date with their signal aggregates. Each unit's signals come from its row in
 * risk_signal_history, one 4-byte big-endian integer per signal: day·256 + channel·10 + severity·2 + acute
 * (migrations 003, 013 and 018; kept by triggers in the transaction that changes a signal). A signal received on
 * Swedish day D is known at the as-of date A when D ≤ A, and lies in week ⌊(A − D) / 7⌋ (0 = the seven days
 * ending on A). Weeks, likelihood ratios and windows are summed here, so a national run reads one short
 * string of bytes per unit instead of grouping every signal.
 */
export async function loadUnitSignals(db: Db, asOf: AsOf): Promise<{ units: UnitSignalRow[]; channels: ChannelCounts }> {
  const only = asOf.unitIds ?? null;
  const channels = [...SIGNAL_CHANNELS];
  // One JSON document (selectRowsAsJson), the bytes in it as base64.
  const unitRows = await selectRowsAsJson<{ id: string; form: string; size: number; opened: string | null; codes: string | null }>(db, sql`
    SELECT u.id, u.form, u.size, u.opened::text AS opened, encode(h.codes, 'base64') AS codes
    FROM unit u
    LEFT JOIN risk_signal_history h ON h.unit_id = u.id
    WHERE (u.opened IS NULL OR u.opened <= ${asOf.date}::date)
      AND (u.closed IS NULL OR u.closed >= ${asOf.date}::date)
      AND (${only}::text[] IS NULL OR u.id = ANY(${only}::text[]))
  `);
  const asOfDay = Date.parse(`${asOf.date}T00:00:00Z`) / 86_400_000;
  const horizonDays = METHOD.horizonWeeks * 7;

  // Everything a signal's low byte (channel · 10 + severity · 2 + acute) decides, worked out once per byte
  // value instead of once per signal: stream (0 none, 1 external, 2 provider), likelihood ratio and its log,
  // seriousness, channel name.
  const severityOf = (code: number) => (code === 0 ? UNKNOWN_SEVERITY : code) as 1 | 2 | 3 | 4;
  const streamByte = new Uint8Array(256);
  const lrByte = new Float64Array(256);
  const logLrByte = new Float64Array(256);
  const seriousByte = new Uint8Array(256);
  const channelByte = new Uint8Array(256);
  for (let rest = 0; rest < 256; rest++) {
    const channel = Math.floor(rest / 10);
    const severityCode = Math.floor((rest % 10) / 2);
    if (channel >= channels.length || severityCode > 4) continue;
    const stream = CHANNEL_RULES[channels[channel]].stream;
    streamByte[rest] = stream === 'external' ? 1 : stream === 'provider' ? 2 : 0;
    lrByte[rest] = CHANNEL_RULES[channels[channel]].likelihoodRatio * SEVERITY_LIKELIHOOD_RATIO[severityOf(severityCode)];
    logLrByte[rest] = Math.log(lrByte[rest]);
    seriousByte[rest] = severityOf(severityCode) >= SERIOUS_SEVERITY ? 1 : 0;
    channelByte[rest] = channel;
  }
  const [b0, b1, b2] = METHOD.recencyBands;
  const { referenceWeeks, peerWindowWeeks, acuteWindowDays } = METHOD;
  const channelCounts = new ChannelCounts(channels, unitRows.map((u) => u.id));
  // Per-week sums of the unit at hand, reused for every unit (only the weeks touched are cleared).
  const weekCount = new Float64Array(METHOD.horizonWeeks);
  const weekLogLr = new Float64Array(METHOD.horizonWeeks);
  const weekSerious = new Float64Array(METHOD.horizonWeeks);

  const units = unitRows.map((unit, index): UnitSignalRow => {
    const row: UnitSignalRow = {
      id: unit.id, form: unit.form, size: unit.size, opened: unit.opened,
      weeks: [], counts: [], log_lr: [], serious_counts: [],
      external_ref: 0, lr_ref: 0, serious_ref: 0, provider_ref: 0, external_recent: 0,
      serious_b0: 0, serious_b1: 0, serious_b2: 0, provider_52w: 0, acute_recent: 0, last_acute: null,
    };
    if (!unit.codes) return row;
    // Sums kept in locals while the unit's signals are read (far faster than the row's properties), then set.
    let externalRef = 0, lrRef = 0, seriousRef = 0, providerRef = 0, externalRecent = 0;
    let seriousB0 = 0, seriousB1 = 0, seriousB2 = 0, provider52w = 0, acuteRecent = 0;
    let lastAcuteDay = -1;
    let firstWeek: number = METHOD.horizonWeeks;
    let lastWeek = -1;
    const bytes = Buffer.from(unit.codes, 'base64');
    for (let at = 0; at < bytes.length; at += 4) {
      // Big-endian, as int4send wrote it; codes stay far below 2^31.
      const code = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
      const day = asOfDay - (code >> 8);
      if (day < 0 || day >= horizonDays) continue;
      const rest = code & 255;
      const week = (day / 7) | 0;
      const stream = streamByte[rest];
      if (stream === 1) {
        // Only external signals are acute evidence: a provider's own acute report reaches triage as it is,
        // but counts for nothing as risk (risk-method.md §2).
        if (rest & 1) {
          if (day < acuteWindowDays) acuteRecent++;
          if (lastAcuteDay < 0 || day < lastAcuteDay) lastAcuteDay = day;
        }
        const serious = seriousByte[rest];
        if (week < firstWeek) firstWeek = week;
        if (week > lastWeek) lastWeek = week;
        weekCount[week]++;
        weekLogLr[week] += logLrByte[rest];
        weekSerious[week] += serious;
        if (week < referenceWeeks) {
          externalRef++;
          lrRef += lrByte[rest];
          seriousRef += serious;
        }
        if (week < peerWindowWeeks) {
          externalRecent++;
          channelCounts.add(index, 0, channelByte[rest]);
        }
        if (serious === 1) {
          if (week >= b0.fromWeek && week < b0.toWeek) seriousB0++;
          else if (week >= b1.fromWeek && week < b1.toWeek) seriousB1++;
          else if (week >= b2.fromWeek && week < b2.toWeek) seriousB2++;
        }
      } else if (stream === 2) {
        if (week < referenceWeeks) providerRef++;
        if (week < 52) {
          provider52w++;
          channelCounts.add(index, 1, channelByte[rest]);
        }
      }
    }
    row.external_ref = externalRef;
    row.lr_ref = lrRef;
    row.serious_ref = seriousRef;
    row.provider_ref = providerRef;
    row.external_recent = externalRecent;
    row.serious_b0 = seriousB0;
    row.serious_b1 = seriousB1;
    row.serious_b2 = seriousB2;
    row.provider_52w = provider52w;
    row.acute_recent = acuteRecent;
    if (lastAcuteDay >= 0) row.last_acute = new Date((asOfDay - lastAcuteDay) * 86_400_000).toISOString().slice(0, 10);
    // The weeks with signals, in arrays made at their final length.
    let withSignals = 0;
    for (let week = firstWeek; week <= lastWeek; week++) if (weekCount[week] !== 0) withSignals++;
    row.weeks = new Array(withSignals);
    row.counts = new Array(withSignals);
    row.log_lr = new Array(withSignals);
    row.serious_counts = new Array(withSignals);
    let j = 0;
    for (let week = firstWeek; week <= lastWeek; week++) {
      if (weekCount[week] === 0) continue;
      row.weeks[j] = week;
      row.counts[j] = weekCount[week];
      row.log_lr[j] = weekLogLr[week];
      row.serious_counts[j] = weekSerious[week];
      j++;
      weekCount[week] = 0;
      weekLogLr[week] = 0;
      weekSerious[week] = 0;
    }
    return row;
  });
  return { units, channels: channelCounts };
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
  return selectRowsAsJson<IndicatorSeriesRow>(db, sql`
    SELECT iv.unit_id, iv.indicator, iv.direction,
           json_agg(iv.period_end::text ORDER BY iv.period_end) AS period_ends,
           json_agg(iv.value ORDER BY iv.period_end) AS values,
           json_agg(coalesce(iv.denominator, 0) ORDER BY iv.period_end) AS denominators
    FROM indicator_value iv
    JOIN unit u ON u.id = iv.unit_id
    WHERE iv.period_end <= ${asOf.date}::date
      AND iv.period_end > ${asOf.date}::date - ${METHOD.indicatorHistoryDays}::int
      AND (u.opened IS NULL OR u.opened <= ${asOf.date}::date)
      AND (u.closed IS NULL OR u.closed >= ${asOf.date}::date)
      AND (${asOf.unitIds ?? null}::text[] IS NULL OR iv.unit_id = ANY(${asOf.unitIds ?? null}::text[]))
    GROUP BY iv.unit_id, iv.indicator, iv.direction
  `);
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
  const recent = sql`date > ${asOf.date}::date - interval '36 months'`;
  const rows = await selectRowsAsJson<{ unit_id: string; last_date: string; dates: string[] | null; deficiencies: number[] | null; outcomes: string[] | null }>(db, sql`
    SELECT unit_id, max(date)::text AS last_date,
           json_agg(date::text ORDER BY date DESC, id) FILTER (WHERE ${recent}) AS dates,
           json_agg(deficiencies ORDER BY date DESC, id) FILTER (WHERE ${recent}) AS deficiencies,
           json_agg(outcome ORDER BY date DESC, id) FILTER (WHERE ${recent}) AS outcomes
    FROM inspection
    WHERE date <= ${asOf.date}::date
      AND (${asOf.unitIds ?? null}::text[] IS NULL OR unit_id = ANY(${asOf.unitIds ?? null}::text[]))
    GROUP BY unit_id
  `);
  const coverage = await sql<{ first: string | null }>`
    SELECT min(date)::text AS first FROM inspection WHERE date <= ${asOf.date}::date
  `.execute(db);
  return {
    rows: rows.map((row) => ({ ...row, dates: row.dates ?? [], deficiencies: row.deficiencies ?? [], outcomes: row.outcomes ?? [] })),
    coverageStart: coverage.rows[0]?.first ?? null,
  };
}

export interface PermitRow {
  unit_id: string;
  /** The most serious status in force on the as-of date, if any is serious. */
  current_status: string | null;
  current_from: string | null;
  /** Earlier serious episodes that have ended (a serious status followed by one that is not). */
  earlier_serious: number;
  earlier_last: string | null;
}

/**
 * Permit statuses as of the date: the status in force per permit, and earlier serious episodes, per unit. An
 * episode is a run of serious statuses (an appeal, then a stay, then a revocation) and counts as earlier only
 * once it has ended in a status that is not serious: the steps leading up to the status in force are the same
 * case, not its history. A revocation dated on or after the unit's closing day is how a permit ends when the
 * unit closes (at the holder's request), not enforcement: it counts as neither (it can only be seen when the
 * unit closed by the as-of date, so nothing later leaks in).
 */
export async function loadPermits(db: Db, asOf: AsOf): Promise<PermitRow[]> {
  const serious = [...SEVERE_PERMIT_STATUSES];
  const result = await sql<PermitRow>`
    WITH history AS (
      SELECT p.unit_id, ps.permit_id, ps.status, ps.valid_from,
             ps.status = 'revoked' AND u.closed IS NOT NULL AND ps.valid_from >= u.closed AS at_closing,
             row_number() OVER (PARTITION BY ps.permit_id ORDER BY ps.valid_from DESC, ps.seq DESC) AS newest,
             lead(ps.status) OVER (PARTITION BY ps.permit_id ORDER BY ps.valid_from, ps.seq) AS next_status
      FROM permit p
      JOIN permit_status ps ON ps.permit_id = p.id
      JOIN unit u ON u.id = p.unit_id
      WHERE p.unit_id IS NOT NULL AND ps.valid_from <= ${asOf.date}::date
        AND (${asOf.unitIds ?? null}::text[] IS NULL OR p.unit_id = ANY(${asOf.unitIds ?? null}::text[]))
    ),
    ranked AS (
      SELECT unit_id, status, valid_from, newest = 1 AS in_force,
             CASE WHEN NOT at_closing THEN array_position(${serious}::text[], status) END AS gravity,
             next_status IS NOT NULL AND array_position(${serious}::text[], next_status) IS NULL AS episode_ended
      FROM history
    )
    SELECT unit_id,
           (array_agg(status ORDER BY gravity, valid_from DESC) FILTER (WHERE in_force AND gravity IS NOT NULL))[1] AS current_status,
           (array_agg(valid_from::text ORDER BY gravity, valid_from DESC) FILTER (WHERE in_force AND gravity IS NOT NULL))[1] AS current_from,
           count(*) FILTER (WHERE episode_ended AND gravity IS NOT NULL)::int AS earlier_serious,
           max(valid_from::text) FILTER (WHERE episode_ended AND gravity IS NOT NULL) AS earlier_last
    FROM ranked
    GROUP BY unit_id
    HAVING count(*) FILTER (WHERE gravity IS NOT NULL) > 0
  `.execute(db);
  return result.rows;
}
