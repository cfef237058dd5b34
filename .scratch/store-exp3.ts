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
  try { await db.transaction().execute(async (trx) => { const s = t(); await f(trx); console.log(label, ((t() - s) / 1000).toFixed(2)); throw new Rollback(); }); } catch (e) { if (!(e instanceof Rollback)) throw e; }
}
const arrayLiteral = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
async function updateFrom(trx: any, BATCH = 5000) {
  for (let i = 0; i < units.length; i += BATCH) {
    const batch = units.slice(i, i + BATCH);
    const refs = batch.map((u) => references.get(u.unitId));
    await sql`
      UPDATE risk_score s SET form = r.form, score = r.score, raw = r.raw, national_rank = r.national_rank, triggers = r.triggers::text[], cusum_alarm = r.cusum_alarm,
        reasons = r.reasons::text[], observed_recent = r.observed_recent, expected_recent = r.expected_recent,
        reference = CASE WHEN r.ref_external IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('external', r.ref_external, 'serious', r.ref_serious, 'provider', r.ref_provider) END,
        as_of = '2026-11-20', run_id = ${runId}, computed_at = now()
      FROM unnest(
        ${batch.map((u) => u.unitId)}::text[], ${batch.map((u) => u.form)}::text[], ${batch.map((u) => u.score)}::float8[],
        ${batch.map((u) => u.raw)}::float8[],
        ${batch.map((u) => u.rank)}::int[], ${batch.map((u) => arrayLiteral(u.triggers))}::text[], ${batch.map((u) => u.cusumAlarm)}::boolean[],
        ${batch.map((u) => arrayLiteral(u.reasons))}::text[],
        ${batch.map((u) => u.observedRecent)}::int[], ${batch.map((u) => u.expectedRecent)}::float8[],
        ${refs.map((r) => r?.external ?? null)}::float8[], ${refs.map((r) => r?.serious ?? null)}::float8[],
        ${refs.map((r) => r?.provider ?? null)}::float8[]
      ) AS r(unit_id, form, score, raw, national_rank, triggers, cusum_alarm, reasons, observed_recent, expected_recent, ref_external, ref_serious, ref_provider)
      WHERE s.unit_id = r.unit_id`.execute(trx);
  }
}
const dropIdx = async (trx: any) => { await sql`DROP INDEX risk_score_score_idx`.execute(trx); await sql`DROP INDEX risk_score_form_idx`.execute(trx); };
for (let r = 0; r < (process.argv[3] === 'vac' ? 0 : 2); r++) {
  await time('A upsert as is', (trx) => storeScores(trx, runId, '2026-11-20', units, summary, { nationalRanks: true, references }).then(() => {}));
  await time('B update from', (trx) => updateFrom(trx));
  await time('B2 update from batch 40000', (trx) => updateFrom(trx, 40000));
  await time('C update from, no score idx', async (trx) => { await dropIdx(trx); const s = t(); await updateFrom(trx); console.log('   (update part', ((t() - s) / 1000).toFixed(2), ')'); });
}
if (process.argv[3] === 'vac') {
  await sql`VACUUM FULL risk_score`.execute(db);
  await time('E vacuumed, upsert as is', (trx) => storeScores(trx, runId, '2026-11-20', units, summary, { nationalRanks: true, references }).then(() => {}));
  await time('E vacuumed, update from', (trx) => updateFrom(trx));
  // a committed run then plain vacuum
  await storeScores(db as any, runId, '2026-11-20', units, summary, { nationalRanks: true, references });
  let s = t(); await sql`VACUUM risk_score`.execute(db); console.log('plain vacuum', ((t() - s) / 1000).toFixed(2));
  await time('F after plain vacuum, upsert as is', (trx) => storeScores(trx, runId, '2026-11-20', units, summary, { nationalRanks: true, references }).then(() => {}));
  await storeScores(db as any, runId, '2026-11-20', units, summary, { nationalRanks: true, references });
  await time('G one more committed, no vacuum: upsert', (trx) => storeScores(trx, runId, '2026-11-20', units, summary, { nationalRanks: true, references }).then(() => {}));
}
if (process.argv[3] === 'ff') {
  await sql`ALTER TABLE risk_score SET (fillfactor = 45)`.execute(db);
  await sql`VACUUM FULL risk_score`.execute(db);
  await time('D ff45, update from, with idx', (trx) => updateFrom(trx));
  await time('D ff45, update from, no score idx', async (trx) => { await dropIdx(trx); const s = t(); await updateFrom(trx); console.log('   (update part', ((t() - s) / 1000).toFixed(2), ')'); });
  await time('D ff45 upsert as is', (trx) => storeScores(trx, runId, '2026-11-20', units, summary, { nationalRanks: true, references }).then(() => {}));
  await sql`ALTER TABLE risk_score RESET (fillfactor)`.execute(db);
  await sql`VACUUM FULL risk_score`.execute(db);
}
await handle.close();
