// Continuous scoring: a unit whose signals change is rescored at once against the national parameters of
// the last national run (docs/risk-method.md, "Continuous scoring"), without re-estimating them.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { classOfNewUnit } from '../risk-model.ts';
import { scoreUnitsWithSummary, type FixedParameters, type NationalParameters, type UnitClass, type UnitRisk } from '../score-units.ts';
import { recomputeNationalRisk } from './recompute.ts';
import { latestNationalRun, storeScores } from './store-scores.ts';
import { swedishToday } from '../../../platform/dates.ts';

/** More pending units than this (an import, say) are cheaper to score by a national run. */
export const NATIONAL_RUN_ABOVE = 2000;

export interface RescoreResult {
  /** Units rescored against the last national run's parameters. */
  rescored: number;
  /** Units not rescored: not open on the date (or, before any national run, every unit). */
  skipped: number;
  alerts: number;
}

/** A stored score's class, or null for a score written before classes were kept. */
function storedClass(row: { size_band: number | null; size: number | null }): UnitClass | null {
  return row.size_band === null || row.size === null ? null : { band: row.size_band, size: row.size };
}

/** A run's parameters, if they can score units alone: runs stored before their class rates were kept cannot. */
function fixedParameters(parameters: unknown): FixedParameters['national'] | null {
  const national = parameters as NationalParameters | null;
  return national?.classRates ? (national as FixedParameters['national']) : null;
}

/** Scores the given units as of a date against the last national run's stored parameters, without storing. */
async function scoreAgainstNationalRun(db: Db, unitIds: string[], asOfWanted: string | undefined) {
  const ids = [...new Set(unitIds)];
  const run = await latestNationalRun(db);
  const national = fixedParameters(run?.parameters);
  if (!run || !national || ids.length === 0) return null;
  // Never score a unit as of a date before the parameters it is scored against.
  const asOf = [asOfWanted ?? swedishToday(), run.as_of].sort()[1];
  const stored = await db.selectFrom('risk_score').select(['unit_id', 'size_band', 'size']).where('unit_id', 'in', ids).execute();
  const classes = new Map<string, UnitClass>();
  for (const row of stored) {
    const unitClass = storedClass(row);
    if (unitClass) classes.set(row.unit_id, unitClass);
  }
  // A unit the run did not score (opened since) is compared with its form and size band as the run drew them.
  const unscored = ids.filter((id) => !classes.has(id));
  if (unscored.length > 0) {
    const units = await db.selectFrom('unit').select(['id', 'form', 'size']).where('id', 'in', unscored).execute();
    for (const unit of units) classes.set(unit.id, classOfNewUnit(national.classRates, unit.form, unit.size));
  }
  if (classes.size === 0) return null;
  const scored = await scoreUnitsWithSummary(db, { asOf, unitIds: [...classes.keys()], fixed: { national, classes }, explain: 'reasons' });
  return { run, national, asOf, ...scored };
}

/**
 * Stored scores computed again with everything the store leaves out (contributions with their sentences, the
 * CUSUM path): each unit against the national run its score points at, as of its score's date. Equal to the
 * stored score unless the unit's data changed since (a rescoring is then on its way). Units without a
 * stored score are left out. Works inside a transaction too.
 */
export async function recomputeStoredScores(db: Db, unitIds: string[]): Promise<Map<string, UnitRisk>> {
  const result = new Map<string, UnitRisk>();
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) return result;
  const stored = await db.selectFrom('risk_score').select(['unit_id', 'size_band', 'size', 'as_of', 'run_id']).where('unit_id', '=', sql<string>`ANY(${ids}::text[])`).execute();
  // Scored against the same run as of the same day: one scoring for all of them.
  const groups = new Map<string, { runId: number; asOf: string; classes: Map<string, UnitClass> }>();
  for (const row of stored) {
    const unitClass = storedClass(row);
    if (!unitClass) continue;
    const key = `${row.run_id}|${row.as_of}`;
    const group = groups.get(key) ?? { runId: Number(row.run_id), asOf: row.as_of, classes: new Map() };
    group.classes.set(row.unit_id, unitClass);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    const run = await db.selectFrom('risk_run').select('parameters').where('id', '=', group.runId).executeTakeFirst();
    const national = fixedParameters(run?.parameters);
    if (!national) continue;
    const { units } = await scoreUnitsWithSummary(db, { asOf: group.asOf, unitIds: [...group.classes.keys()], fixed: { national, classes: group.classes } });
    for (const unit of units) result.set(unit.unitId, unit);
  }
  return result;
}

/** One unit's stored score computed again (see recomputeStoredScores); undefined without a stored score. */
export async function recomputeStoredScore(db: Db, unitId: string): Promise<UnitRisk | undefined> {
  return (await recomputeStoredScores(db, [unitId])).get(unitId);
}

/** Rescores the given units as of a date against the last national run. Does nothing before the first one. */
export async function rescoreUnits(db: Db, unitIds: string[], options: { asOf?: string } = {}): Promise<RescoreResult> {
  const ids = [...new Set(unitIds)];
  const scored = await scoreAgainstNationalRun(db, ids, options.asOf);
  if (!scored) return { rescored: 0, skipped: ids.length, alerts: 0 };
  const { run, national, asOf, classes, units } = scored;
  // The scores point at the national run whose parameters they were computed against; a rescoring adds no run.
  const alerts = await db.transaction().execute((trx) =>
    storeScores(trx, run.id, asOf, units, { cusumThreshold: national.cusumThreshold }, { nationalRanks: false, classes }),
  );
  return { rescored: units.length, skipped: ids.length - units.length, alerts };
}

/**
 * Takes every pending rescore request and scores those units: one by one against the last national run, or,
 * when there are many, no national run with class rates exists yet or `national` is set, by a national run (which covers them). The requests are taken atomically,
 * so two workers never score the same request; on failure they are put back.
 */
export async function drainRescoreRequests(db: Db, options: { asOf?: string; national?: boolean } = {}): Promise<RescoreResult & { national: boolean }> {
  const taken = await sql<{ unit_id: string }>`DELETE FROM risk_rescore_request RETURNING unit_id`.execute(db);
  const ids = taken.rows.map((r) => r.unit_id);
  if (ids.length === 0 && !options.national) return { rescored: 0, skipped: 0, alerts: 0, national: false };
  try {
    const run = await latestNationalRun(db);
    if (options.national || !fixedParameters(run?.parameters) || ids.length > NATIONAL_RUN_ABOVE) {
      const result = await recomputeNationalRisk(db, options);
      return { rescored: result.units, skipped: 0, alerts: result.alerts, national: true };
    }
    return { ...(await rescoreUnits(db, ids, options)), national: false };
  } catch (error) {
    await sql`
      INSERT INTO risk_rescore_request (unit_id) SELECT unnest(${ids}::text[]) ON CONFLICT (unit_id) DO NOTHING
    `.execute(db);
    throw error;
  }
}
