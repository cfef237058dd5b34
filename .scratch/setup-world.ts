// Builds a persisted 2M-signal world: PGlite at /tmp/riskdb and PostgreSQL database vaka_prof.
import { generateWorld, writeWorld } from '../src/modules/demo/index.ts';
import { importWorld } from '../src/modules/exchange/index.ts';
import { loadReferenceData } from '../src/modules/registry/index.ts';
import { migrateToLatest, openDatabase } from '../src/platform/db/database.ts';
import { growSignals } from '../bench/risk.ts';
import { existsSync } from 'node:fs';
import pg from 'pg';
const which = process.argv[2];
const worldDir = '/tmp/world';
if (!existsSync(worldDir)) { console.time('generate'); await writeWorld(worldDir, generateWorld({ units: 40000, seed: 1 })); console.timeEnd('generate'); }
let handle;
if (which === 'pglite') handle = await openDatabase({ dataDir: '/tmp/riskdb' });
else {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  await admin.connect(); await admin.query('DROP DATABASE IF EXISTS vaka_prof WITH (FORCE)'); await admin.query('CREATE DATABASE vaka_prof'); await admin.end();
  handle = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/vaka_prof' });
}
console.time('import');
await migrateToLatest(handle.db); await loadReferenceData(handle.db); await importWorld(handle.db, worldDir, { actor: 'system:bench' });
console.timeEnd('import');
console.time('grow'); await growSignals(handle, 2_000_000); console.timeEnd('grow');
await handle.close();
