// scoreUnits: the national risk ranking as of a date (docs/risk-method.md). Strict as-of: nothing received,
// ended, inspected or decided after the date is read, and only units open on the date are ranked.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { asOfDate, loadIndicatorSeries, loadInspections, loadPermits, loadUnitSignals, type AsOf, type ChannelCounts } from './risk-data.ts';
import { computeRisks, explainResult, yieldToEventLoop, type Contribution, type FixedParameters, type NationalParameters, type RiskInput, type RiskRunSummary, type TriggerCode, type UnitClass } from './risk-model.ts';

export type { Contribution, FixedParameters, NationalParameters, RiskRunSummary, TriggerCode, UnitClass } from './risk-model.ts';

export interface UnitRisk {
  unitId: string;
  /** 0–1, higher is riskier. */
  score: number;
  /** Σ weight × value of every contribution (before the score's scale). */
  raw: number;
  /** 1 = riskiest among the units returned (after the form / unitIds filter). */
  rank: number;
  /** Every part of the score, largest weight × value first; Σ weight × value is the raw score (empty when
   * only the reasons were explained). */
  contributions: Contribution[];
  /** Plain Swedish sentences: hard triggers first, then the largest contributions. */
  reasons: string[];
  form: string;
  /** Hard triggers that lifted the unit regardless of its score. */
  triggers: TriggerCode[];
  /** The unit's Poisson CUSUM is in alarm on the as-of date. */
  cusumAlarm: boolean;
  /** External signals of the last 26 weeks and the count expected of a unit of its form and size. */
  observedRecent: number;
  expectedRecent: number;
  /** The CUSUM path of the last year, oldest week first. */
  cusumPath: number[];
}

export interface ScoreUnitsOptions {
  /** YYYY-MM-DD: the ranking uses only what was known by the end of this day. */
  asOf: string;
  /** Only units of this form of operation. */
  form?: string;
  /** Only these units. */
  unitIds?: string[];
  /** Only the first `top` units of the ranking. */
  top?: number;
}

/**
 * Scores every unit open on the as-of date against national reference rates, then returns the ones asked
 * for, ranked. National parameters (rates, τ², shrinkage, the CUSUM threshold) always come from all units,
 * so a unit's score does not depend on the filter.
 */
export async function scoreUnits(db: Db, options: ScoreUnitsOptions): Promise<UnitRisk[]> {
  return (await scoreUnitsWithSummary(db, options)).units;
}

/** Reads everything the score needs as of the date, in one consistent snapshot. */
export async function loadRiskInput(db: Db, asOf: AsOf): Promise<RiskInput & { channels: ChannelCounts }> {
  // Inside a caller's transaction its snapshot is used; otherwise one of its own.
  const read = async (trx: Db) => {
    // The grouped passes sort and hash a few hundred thousand rows: let them do it in memory.
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    // All four asked for at once: on a server the database answers the later ones while the histories are
    // decoded here.
    const [{ units, channels }, indicators, inspections, permits] = await Promise.all([
      loadUnitSignals(trx, asOf), loadIndicatorSeries(trx, asOf), loadInspections(trx, asOf), loadPermits(trx, asOf),
    ]);
    return { asOf, units, channels, indicators, inspections: inspections.rows, inspectionCoverageStart: inspections.coverageStart, permits };
  };
  return db.isTransaction ? read(db) : db.transaction().setIsolationLevel('repeatable read').execute(read);
}

/**
 * The ranking with the run's national parameters and every unit's class (size band and size). With `fixed`, only the
 * units asked for (`unitIds`) are read and scored against the given parameters instead of a national run.
 */
export async function scoreUnitsWithSummary(
  db: Db, options: ScoreUnitsOptions & { explain?: 'all' | 'reasons' | 'none'; fixed?: FixedParameters },
): Promise<{ units: UnitRisk[]; summary: RiskRunSummary; parameters: NationalParameters; classes: Map<string, UnitClass> }> {
  const asOf = { ...asOfDate(options.asOf), unitIds: options.fixed ? (options.unitIds ?? []) : undefined };
  const input = await loadRiskInput(db, asOf);
  const { results, summary, parameters, classes } = await computeRisks(input, options.fixed ?? null);
  const wanted = options.unitIds ? new Set(options.unitIds) : null;
  let selected = results
    .filter((r) => (!options.form || r.form === options.form) && (!wanted || wanted.has(r.unitId)))
    .sort((a, b) => b.score - a.score || b.raw - a.raw || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  if (options.top !== undefined) selected = selected.slice(0, options.top);
  const explain = options.explain ?? 'all';
  const channels = input.channels;
  const units: UnitRisk[] = [];
  for (const [i, r] of selected.entries()) {
    if (i % 2000 === 1999) await yieldToEventLoop();
    // Named per channel only if a sentence asks.
    const detail = {
      get recentChannels() { return channels.recent(r.unitId); },
      get providerChannels() { return channels.provider(r.unitId); },
    };
    const { contributions, reasons } = explain === 'none' ? { contributions: [], reasons: [] } : explainResult(r, detail, { reasonsOnly: explain === 'reasons' });
    units.push({
      unitId: r.unitId, score: r.score, raw: r.raw, rank: i + 1, contributions, reasons, form: r.form, triggers: r.triggers, cusumAlarm: r.cusumAlarm,
      observedRecent: r.observedRecent, expectedRecent: r.expectedRecent, cusumPath: r.cusumPath,
    });
  }
  return {
    units,
    summary,
    parameters,
    classes,
  };
}
