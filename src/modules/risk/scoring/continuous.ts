// Continuous scoring, wired by the composition root: a signal's commit notifies `risk_rescore`, which asks
// for the rescoring job; the job drains the request table the signal triggers filled. A sweep every minute
// catches what a missed notification left, and a national run each night (and at start when the last one
// is older than today) re-estimates the national parameters.
import type { DatabaseHandle } from '../../../platform/db/database.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { drainRescoreRequests } from './rescore.ts';
import { latestNationalRun } from './store-scores.ts';
import { swedishToday } from '../../../platform/dates.ts';

export const RESCORE_JOB = 'risk-rescore';
export const NATIONAL_JOB = 'risk-national';

export interface RiskScoringOptions {
  database: Pick<DatabaseHandle, 'db' | 'listen'>;
  queue: JobQueue;
  log?: (message: string) => void;
  /** Swedish time of the nightly national run. */
  nationalAt?: string;
}

export async function startRiskScoring(options: RiskScoringOptions): Promise<{ stop(): Promise<void> }> {
  const { database, queue } = options;
  const log = options.log ?? (() => {});
  const db = database.db;
  await queue.work(RESCORE_JOB, async () => {
    const result = await drainRescoreRequests(db);
    if (result.national) log(`Risk: national run (${result.rescored} units, ${result.alerts} alerts).`);
  });
  await queue.work(NATIONAL_JOB, async () => {
    const started = Date.now();
    const result = await drainRescoreRequests(db, { national: true });
    log(`Risk: national run of ${result.rescored} units in ${((Date.now() - started) / 1000).toFixed(1)} s, ${result.alerts} new alerts.`);
  });
  await queue.repeat(NATIONAL_JOB, { dailyAt: options.nationalAt ?? '02:30' });
  await queue.repeat(RESCORE_JOB, { everySeconds: 60 });
  const unlisten = await database.listen('risk_rescore', () => void queue.send(RESCORE_JOB).catch(() => {}));

  const last = await latestNationalRun(db);
  if (!last || last.as_of < swedishToday()) await queue.send(NATIONAL_JOB);
  else await queue.send(RESCORE_JOB);
  return { stop: () => unlisten() };
}

/** Asks for a national run now (the risk workspace's "compute now", the CLI). */
export async function requestNationalRun(queue: JobQueue): Promise<void> {
  await queue.send(NATIONAL_JOB);
}
