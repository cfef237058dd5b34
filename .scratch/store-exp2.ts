import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.ts';
import { scoreUnitsWithSummary } from '../src/modules/risk/score-units.ts';
const which = process.argv[2] ?? 'pglite';
const handle = which === 'pglite' ? await openDatabase({ dataDir: '/tmp/riskdb' }) : await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/vaka_prof' });
const db = handle.db;
const t = () => performance.now();
const { units } = await scoreUnitsWithSummary(db, { asOf: '2026-11-20', explain: 'reasons' });
const arrayLiteral = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
for (const BATCH of [2000, 10000, 40000]) {
  let s = t();
  for (let i = 0; i < units.length; i += BATCH) {
    const batch = units.slice(i, i + BATCH);
    await sql`SELECT count(*) FROM unnest(${batch.map((u) => u.unitId)}::text[], ${batch.map((u) => u.form)}::text[], ${batch.map((u) => u.score)}::float8[], ${batch.map((u) => u.raw)}::float8[], ${batch.map((u) => u.rank)}::int[], ${batch.map((u) => arrayLiteral(u.triggers))}::text[], ${batch.map((u) => arrayLiteral(u.reasons))}::text[]) AS r(a,b,c,d,e,f,g)`.execute(db);
  }
  console.log(BATCH, 'unnest only', ((t() - s) / 1000).toFixed(2));
  s = t();
  await sql`CREATE TEMP TABLE IF NOT EXISTS x (a text, b text, c float8, d float8, e int, f text[], g text[])`.execute(db);
  await sql`TRUNCATE x`.execute(db);
  for (let i = 0; i < units.length; i += BATCH) {
    const batch = units.slice(i, i + BATCH);
    await sql`INSERT INTO x SELECT a,b,c,d,e,f::text[],g::text[] FROM unnest(${batch.map((u) => u.unitId)}::text[], ${batch.map((u) => u.form)}::text[], ${batch.map((u) => u.score)}::float8[], ${batch.map((u) => u.raw)}::float8[], ${batch.map((u) => u.rank)}::int[], ${batch.map((u) => arrayLiteral(u.triggers))}::text[], ${batch.map((u) => arrayLiteral(u.reasons))}::text[]) AS r(a,b,c,d,e,f,g)`.execute(db);
  }
  console.log(BATCH, 'insert temp', ((t() - s) / 1000).toFixed(2));
  s = t();
  await sql`UPDATE risk_score SET computed_at = now()`.execute(db);
  console.log('update all computed_at', ((t() - s) / 1000).toFixed(2));
  s = t();
  await sql`UPDATE risk_score s SET score = x.c, national_rank = x.e, reasons = x.g FROM x WHERE x.a = s.unit_id`.execute(db);
  console.log('update from temp', ((t() - s) / 1000).toFixed(2));
}
console.log('reasons chars', units.reduce((n, u) => n + u.reasons.join('').length, 0));
await handle.close();
