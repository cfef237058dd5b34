import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.ts';
for (const h of [await openDatabase({ dataDir: '/tmp/riskdb' }), await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/vaka_prof' })]) { await sql`VACUUM FULL risk_score`.execute(h.db); await sql`VACUUM FULL risk_alert`.execute(h.db); await sql`VACUUM FULL risk_run`.execute(h.db); await h.close(); }
