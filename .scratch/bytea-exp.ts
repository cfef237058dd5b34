import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.ts';
const which = process.argv[2] ?? 'pglite';
const handle = which === 'pglite' ? await openDatabase({ dataDir: '/tmp/riskdb' }) : await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/vaka_prof' });
const db = handle.db;
const t = () => performance.now();
await sql`DROP TABLE IF EXISTS hist_bytea`.execute(db);
let s = t();
await sql`CREATE TABLE hist_bytea AS SELECT unit_id, (SELECT string_agg(int4send(c), ''::bytea) FROM unnest(codes) c) AS codes FROM risk_signal_history`.execute(db);
console.log('build', ((t() - s) / 1000).toFixed(2));
for (let r = 0; r < 3; r++) {
  s = t();
  await sql`SELECT unit_id, count(*) FROM signal GROUP BY unit_id`.execute(db);
  const scan = t() - s;
  s = t();
  const a = await sql<{ codes: number[] }>`SELECT u.id, h.codes FROM unit u LEFT JOIN risk_signal_history h ON h.unit_id = u.id`.execute(db);
  const arr = t() - s;
  s = t();
  const b = await sql<{ codes: Uint8Array | null }>`SELECT u.id, h.codes FROM unit u LEFT JOIN hist_bytea h ON h.unit_id = u.id`.execute(db);
  const byt = t() - s;
  s = t();
  let sum = 0;
  for (const row of b.rows) { const c = row.codes; if (!c) continue; for (let i = 0; i < c.length; i += 4) sum += ((c[i] << 24) | (c[i + 1] << 16) | (c[i + 2] << 8) | c[i + 3]) & 255; }
  const dec = t() - s;
  console.log(`scan ${scan.toFixed(0)} int[] ${arr.toFixed(0)} bytea ${byt.toFixed(0)} decode-loop ${dec.toFixed(0)}`, b.rows.find((r) => r.codes)?.codes?.constructor.name, a.rows.length);
}
await sql`DROP TABLE hist_bytea`.execute(db);
await handle.close();
