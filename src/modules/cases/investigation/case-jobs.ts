// The cases module's background work, wired by the composition root: reminders to providers each morning
// (and once at start, so a day the app was down at seven is not skipped; reminders are sent once each).
import type { Db } from '../../../platform/db/database.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { kickOutbox } from '../../../platform/mail/index.ts';
import { sendCaseReminders } from './send-case-reminders.ts';
import { swedishToday } from '../../../platform/dates.ts';

export const CASE_REMINDERS_JOB = 'case-reminders';

export interface CaseJobsOptions {
  db: Db;
  queue: JobQueue;
  log?: (message: string) => void;
  /** The address people use, for the link in reminder e-mails. */
  publicUrl?: string;
  /** Swedish time of the daily reminder run. */
  remindAt?: string;
}

export async function startCaseJobs(options: CaseJobsOptions): Promise<void> {
  const { db, queue } = options;
  const log = options.log ?? (() => {});
  await queue.work(CASE_REMINDERS_JOB, async () => {
    const result = await sendCaseReminders(db, { today: swedishToday(), publicUrl: options.publicUrl });
    if (result.emails > 0) kickOutbox();
    if (result.requests.length + result.decisions.length > 0) {
      log(`Cases: reminded ${result.requests.length} requests and ${result.decisions.length} decisions (${result.emails} e-mails).`);
    }
  });
  await queue.repeat(CASE_REMINDERS_JOB, { dailyAt: options.remindAt ?? '07:00' });
  await queue.send(CASE_REMINDERS_JOB);
}
