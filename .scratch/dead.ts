import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.ts';
const h = await openDatabase({ dataDir: '/tmp/riskdb' });
console.log((await sql`SELECT n_live_tup, n_dead_tup, last_autovacuum, autovacuum_count, pg_size_pretty(pg_total_relation_size('risk_score')) AS size FROM pg_stat_user_tables WHERE relname='risk_score'`.execute(h.db)).rows);
console.log((await sql`SHOW autovacuum`.execute(h.db)).rows);
await h.close();
