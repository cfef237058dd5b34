// Risk benchmark on the 40,000-unit demo world grown to at least 2 million signals:
//  - a full national recompute (read, score, explain, store), beside a bare SQL scan that groups the same
//    signals by unit, in the same run;
//  - the time from a new signal (through intake's receiveSignal, committed) to its unit's updated score,
//    with the continuous scoring of the running app (notification → job → rescoring).
// PGlite by default; BENCH_DATABASE_URL runs it on a PostgreSQL server as well (the job queue is then pg-boss).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { generateWorld, writeWorld } from '../src/modules/demo/index.ts';
import { importWorld } from '../src/modules/exchange/index.ts';
import { receiveSignal } from '../src/modules/intake/index.ts';
import { loadSignalClassifier } from '../src/modules/intake/signal-classifier.ts';
import { loadReferenceData } from '../src/modules/registry/index.ts';
import { recomputeNationalRisk, startRiskScoring } from '../src/modules/risk/index.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { startJobQueue } from '../src/platform/jobs/index.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 40000);
const MIN_SIGNALS = Number(process.env.BENCH_SIGNALS ?? 2_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const NEW_SIGNALS = Number(process.env.BENCH_NEW_SIGNALS ?? 60);
const AS_OF = '2026-11-20';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function row(label: string, figure: string, ceiling: string, ratio: string) {
  console.log(`${label.padEnd(40)} ${figure.padStart(14)} ${ceiling.padStart(14)} ${ratio.padStart(7)}`);
}

/**
 * Grows the world's signal history to `target` signals: copies of every signal of the five years the risk
 * method reads, moved by multiples of 13 weeks (so season survives) plus a deterministic shift of up to six
 * days, wrapping round inside those five years. Denser history, same shape: a performance world, not a
 * truth world (the bench measures time, not precision).
 */
export async function growSignals(handle: DatabaseHandle, target: number): Promise<number> {
  const count = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM signal`.execute(handle.db)).rows[0].n);
  const windowEnd = new Date(`${AS_OF}T00:00:00Z`).getTime() / 1000 + 86_400;
  const windowSeconds = 260 * 7 * 86_400;
  const windowStart = windowEnd - windowSeconds;
  let total = await count();
  for (let copy = 1; total < target && copy < 40; copy++) {
    await sql`
      INSERT INTO signal (id, unit_id, channel, received_at, occurred_on, severity, urgency, text, risk_areas, extra)
      SELECT s.id || '-c' || ${copy}::int, s.unit_id, s.channel, moved.at, moved.at::date, s.severity,
             CASE WHEN s.urgency = 'acute' THEN 'high' ELSE s.urgency END, NULL, s.risk_areas, '{}'::jsonb
      FROM signal s,
      LATERAL (SELECT to_timestamp(${windowStart}::float8 + mod(
        (date_part('epoch', s.received_at) - ${windowStart}::float8 + 86400 * (91 * ${copy}::int + abs(hashtext(s.id || ${copy}::int)) % 7))::numeric,
        ${windowSeconds}::numeric)::float8) AS at) moved
      WHERE s.id NOT LIKE '%-c%'
        AND s.received_at >= to_timestamp(${windowStart}::float8) AND s.received_at < to_timestamp(${windowEnd}::float8)
    `.execute(handle.db);
    total = await count();
    process.stdout.write(`\r  signals: ${total.toLocaleString('sv-SE')}   `);
  }
  process.stdout.write('\n');
  await sql`DELETE FROM risk_rescore_request`.execute(handle.db);
  await sql`ANALYZE`.execute(handle.db);
  return total;
}

async function benchDatabase(label: string, handle: DatabaseHandle, databaseUrl: string | undefined, worldDir: string): Promise<void> {
  console.log(`\n[${label}] importing the demo world ...`);
  await migrateToLatest(handle.db);
  await loadReferenceData(handle.db);
  await importWorld(handle.db, worldDir, { actor: 'system:bench' });
  const signals = await growSignals(handle, MIN_SIGNALS);
  const units = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM unit`.execute(handle.db)).rows[0].n);

  // Both measured alternately, so drift in the machine's load hits both alike.
  const scan: number[] = [];
  const full: number[] = [];
  let last: Awaited<ReturnType<typeof recomputeNationalRisk>> | undefined;
  for (let i = 0; i < REPEATS; i++) {
    let started = performance.now();
    await sql`SELECT unit_id, count(*) FROM signal GROUP BY unit_id`.execute(handle.db);
    scan.push(performance.now() - started);
    started = performance.now();
    last = await recomputeNationalRisk(handle.db, { asOf: AS_OF });
    full.push(performance.now() - started);
    process.stdout.write(`\r  repeat ${i + 1}/${REPEATS}: scan ${(scan[i] / 1000).toFixed(2)} s, recompute ${(full[i] / 1000).toFixed(2)} s   `);
  }
  process.stdout.write('\n');

  // New signals through intake, with the app's continuous scoring running.
  const queue = await startJobQueue({ databaseUrl, schema: 'pgboss_bench' });
  const scoring = await startRiskScoring({ database: handle, queue });
  const classifier = await loadSignalClassifier(handle.db);
  const sample = (await sql<{ id: string }>`SELECT id FROM unit WHERE closed IS NULL ORDER BY md5(id) LIMIT ${NEW_SIGNALS}`.execute(handle.db)).rows;
  // Let the start-up work (a national run when the last is older than today) finish first.
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (;;) {
    const pending = await sql<{ n: number }>`SELECT count(*)::int AS n FROM risk_rescore_request`.execute(handle.db);
    const latest = await sql<{ as_of: string }>`SELECT max(as_of)::text AS as_of FROM risk_run WHERE kind = 'national'`.execute(handle.db);
    if (Number(pending.rows[0].n) === 0 && latest.rows[0].as_of > AS_OF) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const latencies: number[] = [];
  for (const [i, unit] of sample.entries()) {
    const started = performance.now();
    const committedAt = new Date();
    await handle.db.transaction().execute((trx) =>
      receiveSignal(trx, {
        channel: 'tip', text: 'Personalen larmar om att de boende inte får sina mediciner och att det saknas personal på natten.',
        unitId: unit.id, submitterKind: 'anonymous', severity: 3,
      }, { classifier, actor: 'bench' }),
    );
    for (;;) {
      const rescored = await handle.db.selectFrom('risk_score').select('computed_at').where('unit_id', '=', unit.id).executeTakeFirst();
      if (rescored && new Date(rescored.computed_at) >= committedAt) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    latencies.push(performance.now() - started);
    process.stdout.write(`\r  new signals scored: ${i + 1}/${sample.length}   `);
    // Signals arrive one by one, as they do, not in a burst.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.stdout.write('\n');
  await scoring.stop();
  await queue.stop();

  console.log(`\n[${label}] ${units.toLocaleString('sv-SE')} units, ${signals.toLocaleString('sv-SE')} signals; last recompute scored ${last?.units} open units (read+score ${((last?.scoringMs ?? 0) / 1000).toFixed(1)} s, store ${((last?.storingMs ?? 0) / 1000).toFixed(1)} s)`);
  row('', 'Vaka', 'ceiling', 'ratio');
  row('full national recompute (median)', `${(median(full) / 1000).toFixed(2)} s`, `${(median(scan) / 1000).toFixed(2)} s`, `${(median(full) / median(scan)).toFixed(2)}`);
  row('  ceiling: bare GROUP BY unit_id scan', '', '', '');
  row('new signal → updated score, p50', `${quantile(latencies, 0.5).toFixed(0)} ms`, '', '');
  row('new signal → updated score, p95', `${quantile(latencies, 0.95).toFixed(0)} ms`, '1000 ms', `${(quantile(latencies, 0.95) / 1000).toFixed(2)}`);
  row('  (target: recompute ≤ 3× scan; p95 < 1 s)', '', '', '');
}

export async function run(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'vaka-bench-risk-'));
  try {
    const worldDir = path.join(work, 'world');
    console.log(`Generating the demo world: ${UNITS} units, seed 1 ...`);
    await writeWorld(worldDir, generateWorld({ units: UNITS, seed: 1 }));

    const embedded = await openDatabase({ dataDir: path.join(work, 'db') });
    try {
      await benchDatabase('PGlite', embedded, undefined, worldDir);
    } finally {
      await embedded.close();
    }

    const serverUrl = process.env.BENCH_DATABASE_URL;
    if (serverUrl) {
      const name = `vaka_bench_risk_${process.pid}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const server = await openDatabase({ databaseUrl: url.toString() });
      try {
        await benchDatabase('PostgreSQL', server, url.toString(), worldDir);
      } finally {
        await server.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
