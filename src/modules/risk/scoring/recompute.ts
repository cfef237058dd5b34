// The national recompute: every open unit scored against national parameters as of a date, stored in
// risk_score with its run in risk_run, and alerts raised, all in one transaction.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { scoreUnitsWithSummary, type RiskRunSummary } from '../score-units.ts';
import { storeScores } from './store-scores.ts';
import { swedishToday } from '../../../platform/dates.ts';

export interface NationalRunResult {
  runId: number;
  asOf: string;
  units: number;
  alerts: number;
  summary: RiskRunSummary;
  /** Milliseconds spent scoring (read and compute) and storing. */
  scoringMs: number;
  storingMs: number;
}

export async function recomputeNationalRisk(db: Db, options: { asOf?: string } = {}): Promise<NationalRunResult> {
  const asOf = options.asOf ?? swedishToday();
  const startedAt = new Date();
  // Only the reasons are written: contributions are computed again for the unit someone opens.
  const { units, summary, parameters, classes } = await scoreUnitsWithSummary(db, { asOf, explain: 'reasons' });
  const scoredAt = Date.now();
  const { runId, alerts } = await db.transaction().execute(async (trx) => {
    const run = await trx
      .insertInto('risk_run')
      .values({ kind: 'national', as_of: asOf, started_at: startedAt, units: units.length, summary: JSON.stringify(summary), parameters: JSON.stringify(parameters) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const alerts = await storeScores(trx, run.id, asOf, units, summary, { nationalRanks: true, classes });
    // Units no longer open are no longer ranked.
    await trx.deleteFrom('risk_score').where('run_id', '<>', run.id).where('unit_id', 'not in', trx.selectFrom('unit').select('id').where((eb) => eb.or([eb('closed', 'is', null), eb('closed', '>=', asOf)]))).execute();
    return { runId: run.id, alerts };
  });
  // The run replaced every score: make the old versions' space reusable now, so the next run writes into it
  // (the embedded database has no autovacuum; on a server this only comes before it). The run has committed:
  // a failed clean-up is reported, not the run.
  if (!db.isTransaction) {
    await sql`VACUUM risk_score`.execute(db).catch((error: Error) => process.emitWarning(`VACUUM risk_score after the national run: ${error.message}`));
  }
  return { runId, asOf, units: units.length, alerts, summary, scoringMs: scoredAt - startedAt.getTime(), storingMs: Date.now() - scoredAt };
}
