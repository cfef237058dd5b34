import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.ts';
import { scoreUnitsWithSummary } from '../src/modules/risk/score-units.ts';
import { storeScores } from '../src/modules/risk/scoring/store-scores.ts';
const which = process.argv[2] ?? 'pglite';
const handle = which === 'pglite' ? await openDatabase({ dataDir: '/tmp/riskdb' }) : await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/vaka_prof' });
const db = handle.db;
const t = () => performance.now();
const { units, summary, references } = await scoreUnitsWithSummary(db, { asOf: '2026-11-20', explain: 'reasons' });
const runId = Number((await sql<{ id: number }>`SELECT max(id) AS id FROM risk_run`.execute(db)).rows[0].id);
class Rollback extends Error {}
async function time(label: string, f: (trx: any) => Promise<void>) {
  const s = t();
  try { await db.transaction().execute(async (trx) => { await f(trx); console.log(label, ((t() - s) / 1000).toFixed(2)); throw new Rollback(); }); } catch (e) { if (!(e instanceof Rollback)) throw e; }
}
for (let r = 0; r < 2; r++) {
  await time('truncate + store', async (trx) => { await sql`TRUNCATE risk_score`.execute(trx); await storeScores(trx, runId, '2026-11-20', units, summary, { nationalRanks: true, references }); });
  await time('truncate + store no reasons', async (trx) => { await sql`TRUNCATE risk_score`.execute(trx); await storeScores(trx, runId, '2026-11-20', units.map((u) => ({ ...u, reasons: [] })), summary, { nationalRanks: true, references }); });
  await time('store as is', (trx) => storeScores(trx, runId, '2026-11-20', units, summary, { nationalRanks: true, references }).then(() => {}));
  await time('store no reasons', (trx) => storeScores(trx, runId, '2026-11-20', units.map((u) => ({ ...u, reasons: [] })), summary, { nationalRanks: true, references }).then(() => {}));
  await time('drop score idx + store', async (trx) => { await sql`DROP INDEX risk_score_score_idx`.execute(trx); await sql`DROP INDEX risk_score_form_idx`.execute(trx); await storeScores(trx, runId, '2026-11-20', units, summary, { nationalRanks: true, references }); });
  await time('delete all + store', async (trx) => { await sql`DELETE FROM risk_score`.execute(trx); await storeScores(trx, runId, '2026-11-20', units, summary, { nationalRanks: true, references }); });
  await time('prev read only', async (trx) => { for (let i = 0; i < units.length; i += 5000) await trx.selectFrom('risk_score').select(['unit_id', 'cusum_alarm', 'triggers']).where('unit_id', 'in', units.slice(i, i + 5000).map((u) => u.unitId)).execute(); });
  await time('prev read all', async (trx) => { await trx.selectFrom('risk_score').select(['unit_id', 'cusum_alarm', 'triggers']).execute(); });
}
await handle.close();
