// Register benchmark on the 40,000-unit demo world:
//  - import rows/s, beside a bare bulk insert of the same rows into the same tables;
//  - HVB search p95 latency and throughput at 50 connections, beside a bare Fastify route.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { generateWorld, writeWorld } from '../src/modules/demo/index.ts';
import { importWorld } from '../src/modules/exchange/index.ts';
import { loadReferenceData } from '../src/modules/registry/index.ts';
import { migrateToLatest, openDatabase } from '../src/platform/db/database.ts';
import { load, startBareFastify, startVaka } from './_http.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 40000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const REGISTER_TABLES = ['provider', 'unit', 'permit', 'permit_status', 'provider_notification', 'signal', 'indicator_value', 'inspection'] as const;

/**
 * The ceiling for import: the same rows Vaka stored, inserted bare into the same tables of a fresh on-disk
 * database (same indexes and constraints) in one transaction of 2,000-row batches: no parsing, no
 * validation, no conflict handling.
 */
async function bareBulkInsert(sourceDir: string, targetDir: string): Promise<{ rows: number; seconds: number }> {
  const source = await openDatabase({ dataDir: sourceDir });
  const batches: { table: string; json: string }[] = [];
  let rows = 0;
  for (const table of REGISTER_TABLES) {
    const all = await sql<{ row: unknown }>`select to_jsonb(t) as row from ${sql.table(table)} t`.execute(source.db);
    for (let i = 0; i < all.rows.length; i += 2000) batches.push({ table, json: JSON.stringify(all.rows.slice(i, i + 2000).map((r) => r.row)) });
    rows += all.rows.length;
  }
  await source.close();
  const target = await openDatabase({ dataDir: targetDir });
  await migrateToLatest(target.db);
  await loadReferenceData(target.db);
  const started = performance.now();
  await target.db.transaction().execute(async (trx) => {
    for (const { table, json } of batches) {
      await sql`insert into ${sql.table(table)} select * from jsonb_populate_recordset(null::${sql.table(table)}, ${json}::jsonb)`.execute(trx);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  await target.close();
  return { rows, seconds };
}

function row(label: string, figure: string, ceiling: string, ratio: number) {
  console.log(`${label.padEnd(34)} ${figure.padStart(16)} ${ceiling.padStart(16)} ${ratio.toFixed(2).padStart(7)}`);
}

export async function run(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'vaka-bench-'));
  try {
    const worldDir = path.join(work, 'world');
    const dataDir = path.join(work, 'db');
    console.log(`Generating the demo world: ${UNITS} units, seed 1 ...`);
    await writeWorld(worldDir, generateWorld({ units: UNITS, seed: 1 }));

    const handle = await openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    await loadReferenceData(handle.db);
    console.log('Importing through Vaka (validation, upserts, audit) ...');
    const importStarted = performance.now();
    const summary = await importWorld(handle.db, worldDir, { actor: 'bench' });
    const importSeconds = (performance.now() - importStarted) / 1000;
    await handle.close();
    console.log('Bare bulk insert of the same rows ...');
    const bare = await bareBulkInsert(dataDir, path.join(work, 'bare-db'));
    const importRowsPerSecond = bare.rows / importSeconds;
    const bareRowsPerSecond = bare.rows / bare.seconds;
    void summary;

    const vaka = await startVaka({ VAKA_DATA_DIR: dataDir });
    const bareHttp = await startBareFastify();
    try {
      const kommuner = ['0180', '1480', '1280', '0380', '0580', '1880', '2480', '0114', '1290', '2180'];
      const ages = [8, 13, 15, 16, 17, 19];
      const apiPaths = kommuner.flatMap((k) => ages.map((a) => `/api/v1/register/hvb?kommun=${k}&age=${a}`));
      const pagePaths = kommuner.flatMap((k) => ages.map((a) => `/hvb?kommun=${k}&age=${a}`));
      // Warm up both servers before measuring.
      await load(vaka.url, apiPaths, 10, 2);
      await load(bareHttp.url, ['/bare'], 10, 2);
      console.log(`Load: 50 connections, ${SECONDS} s each ...`);
      const api = await load(vaka.url, apiPaths, 50, SECONDS);
      const page = await load(vaka.url, pagePaths, 50, SECONDS);
      const ceiling = await load(bareHttp.url, ['/bare'], 50, SECONDS);

      console.log(`\nRegister benchmark, ${UNITS} units, ${bare.rows} rows, ${new Date().toISOString().slice(0, 10)}`);
      console.log(`${'figure'.padEnd(34)} ${'Vaka'.padStart(16)} ${'ceiling'.padStart(16)} ${'ratio'.padStart(7)}`);
      row('import rows/s (vs bare insert)', importRowsPerSecond.toFixed(0), bareRowsPerSecond.toFixed(0), importRowsPerSecond / bareRowsPerSecond);
      row('HVB API search p95 ms', api.p95.toFixed(1), ceiling.p95.toFixed(1), api.p95 / Math.max(ceiling.p95, 0.1));
      row('HVB API search req/s', api.perSecond.toFixed(0), ceiling.perSecond.toFixed(0), api.perSecond / ceiling.perSecond);
      row('/hvb page search p95 ms', page.p95.toFixed(1), ceiling.p95.toFixed(1), page.p95 / Math.max(ceiling.p95, 0.1));
      row('/hvb page search req/s', page.perSecond.toFixed(0), ceiling.perSecond.toFixed(0), page.perSecond / ceiling.perSecond);
      console.log(`import ${importSeconds.toFixed(1)} s, bare insert ${bare.seconds.toFixed(1)} s; errors: api ${api.errors}, page ${page.errors}, bare ${ceiling.errors}`);
      console.log(`targets: HVB search p95 < 20 ms; import >= 50 % of bare insert`);
    } finally {
      vaka.stop();
      bareHttp.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
