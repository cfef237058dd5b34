import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './platform/config.ts';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { loadReferenceData } from './modules/registry/index.ts';
import { loadDemoWorldIfEmpty } from './modules/demo/index.ts';
import { loadMailConfig, startOutboxSender, type MailConfig } from './platform/mail/index.ts';
import { startJobQueue } from './platform/jobs/index.ts';
import { startRiskScoring } from './modules/risk/index.ts';
import { seedDemoDecisions, startCaseJobs } from './modules/cases/index.ts';
import { queueRecentDemoSignals } from './modules/intake/index.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Composition root: config → database → reference data → demo world → HTTP → e-mail outbox sender → jobs (risk scoring, case reminders). */
export async function startServer(config: Config, log: (message: string) => void = console.log, mail: MailConfig = loadMailConfig()): Promise<RunningServer> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  log(`Database: ${database.kind === 'pglite' ? `embedded (PGlite) in ${config.dataDir}` : 'PostgreSQL server'}`);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) log(`Migrations applied: ${applied.join(', ')}`);
  await loadReferenceData(database.db);
  if (config.demo.loadOnFirstStart && (await loadDemoWorldIfEmpty(database.db, { ...config.demo, truthDir: config.dataDir }, log))) {
    // A freshly loaded demo world also gets cases with decisions, so the decision search and effect views have data.
    const seeded = await seedDemoDecisions(database.db, { seed: config.demo.seed, diariumTemplate: config.diarium.template, portalUrl: `${config.publicUrl}/provider` });
    log(`Demo decisions: ${seeded.decisions} (${seeded.followedUp} followed up).`);
    // The world's last two weeks wait in triage, as if they had just arrived.
    log(`Demo signals waiting in triage: ${await queueRecentDemoSignals(database.db, config.demo.until)}.`);
  }
  // The embedded database has no autovacuum, so no statistics until the nightly ANALYZE below: without them
  // the planner takes every table for a few rows, and some joins over the demo world took minutes.
  if (database.kind === 'pglite') await sql`ANALYZE`.execute(database.db);

  // Background jobs: pg-boss on a PostgreSQL server, in process on the embedded database.
  const queue = await startJobQueue({ databaseUrl: config.databaseUrl, onError: (name, error) => log(`Job ${name} failed: ${error instanceof Error ? error.message : String(error)}`) });
  const app = await buildApp({ config, db: database.db, dbKind: database.kind, jobs: queue });
  await app.listen({ port: config.port, host: config.host });
  log(`Vaka is running at ${config.publicUrl}`);
  // Alerts for acute signals: queued in outbox_email by the transaction that received the signal, sent from here.
  const outbox = startOutboxSender(database.db, mail, log);
  // Continuous risk scoring: every new signal rescored within seconds, a national run each night.
  const riskScoring = await startRiskScoring({ database, queue, log });
  // The embedded database has no autovacuum: refresh the planner's statistics each night.
  if (database.kind === 'pglite') {
    await queue.work('db-analyze', async () => void (await sql`ANALYZE`.execute(database.db)));
    await queue.repeat('db-analyze', { dailyAt: '03:30' });
  }
  // Reminders to providers before and after their deadlines (requests, reports of actions), each morning.
  await startCaseJobs({ db: database.db, queue, log, publicUrl: config.publicUrl });
  let closing: Promise<void> | undefined;
  return {
    app,
    database,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await riskScoring.stop();
        await queue.stop();
        await outbox.stop();
        await database.close();
      })()),
  };
}
