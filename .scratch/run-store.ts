import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.ts';
import { scoreUnitsWithSummary } from '../src/modules/risk/score-units.ts';
import { storeScores } from '../src/modules/risk/scoring/store-scores.ts';
const which = process.argv[2] ?? 'pglite';
const handle = which === 'pglite' ? await openDatabase({ dataDir: '/tmp/riskdb' }) : await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/vaka_prof' });
const db = handle.db;
const t = () => performance.now();
const asOf = '2026-11-20';
for (let r = 0; r < 3; r++) {
  const { units, summary, parameters, references } = await scoreUnitsWithSummary(db, { asOf, explain: 'reasons' });
  const times: string[] = [];
  let s = t();
  const lap = (l: string) => { times.push(`${l} ${(t() - s).toFixed(0)}`); s = t(); };
  await db.transaction().execute(async (trx) => {
    const run = await trx.insertInto('risk_run').values({ kind: 'national', as_of: asOf, started_at: new Date(), units: units.length, summary: JSON.stringify(summary), parameters: JSON.stringify(parameters) }).returning('id').executeTakeFirstOrThrow();
    lap('run');
    await storeScores(trx, run.id, asOf, units, summary, { nationalRanks: true, references });
    lap('store');
    await trx.deleteFrom('risk_score').where('run_id', '<>', run.id).where('unit_id', 'not in', trx.selectFrom('unit').select('id').where((eb) => eb.or([eb('closed', 'is', null), eb('closed', '>=', asOf)]))).execute();
    lap('delete');
  });
  lap('commit');
  console.log(times.join('  '), 'params bytes', JSON.stringify(parameters).length);
}
await handle.close();
