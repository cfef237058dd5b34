import { migrateToLatest, openDatabase } from '../src/platform/db/database.ts';
for (const h of [await openDatabase({ dataDir: '/tmp/riskdb' }), await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/vaka_prof' })]) { const s = performance.now(); await migrateToLatest(h.db); console.log('migrated', (performance.now() - s).toFixed(0)); await h.close(); }
