// Background jobs. On a PostgreSQL server: pg-boss, so jobs survive restarts and several app instances share
// the work (each job runs once). On the embedded database (one process by nature): an in-process queue.
// Jobs here carry no data: each one means "do this work now" and drains durable state (a request table, the
// whole register), so a job that runs twice does no harm and coalescing duplicates loses nothing.
import PgBoss from 'pg-boss';

export type JobHandler = () => Promise<void>;

export type Repeat = { everySeconds: number } | { dailyAt: string };

export interface JobQueue {
  readonly kind: 'in-process' | 'pg-boss';
  /** Registers the handler of a job. Jobs of one name never run in parallel within one process. */
  work(name: string, handler: JobHandler): Promise<void>;
  /** Asks for a job to run soon; a request while one is already waiting to start is merged into it. */
  send(name: string): Promise<void>;
  /** Runs a job on a timetable (daily times are Swedish time). */
  repeat(name: string, when: Repeat): Promise<void>;
  /** Stops taking jobs and waits for the ones running. */
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  /** Run the jobs on this PostgreSQL server through pg-boss; in process when absent. */
  databaseUrl?: string;
  /** The pg-boss schema (tests use their own). */
  schema?: string;
  /** Reports a job that failed: the queue keeps running. */
  onError?: (name: string, error: unknown) => void;
}

export async function startJobQueue(options: JobQueueOptions = {}): Promise<JobQueue> {
  const onError = options.onError ?? ((name, error) => process.emitWarning(`Job ${name} failed: ${error instanceof Error ? error.message : String(error)}`));
  return options.databaseUrl ? PgBossQueue.start(options.databaseUrl, options.schema ?? 'pgboss', onError) : new InProcessQueue(onError);
}

function parseDailyAt(time: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`dailyAt must be HH:MM, got "${time}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Milliseconds from `now` to the next HH:MM in Swedish time. */
export function msUntilDaily(time: string, now = new Date()): number {
  const { hour, minute } = parseDailyAt(time);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const nowSeconds = (Number(parts.hour) % 24) * 3600 + Number(parts.minute) * 60 + Number(parts.second);
  let wait = hour * 3600 + minute * 60 - nowSeconds;
  if (wait <= 0) wait += 24 * 3600;
  return wait * 1000 - now.getMilliseconds();
}

class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly waiting = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly onError: (name: string, error: unknown) => void) {}

  async work(name: string, handler: JobHandler): Promise<void> {
    this.handlers.set(name, handler);
  }

  async send(name: string): Promise<void> {
    if (this.stopped || !this.handlers.has(name)) return;
    if (this.waiting.has(name)) return;
    this.waiting.add(name);
    if (!this.running.has(name)) this.runNext(name);
  }

  private runNext(name: string): void {
    if (!this.waiting.delete(name) || this.stopped) return;
    const handler = this.handlers.get(name)!;
    const run = (async () => {
      try {
        await handler();
      } catch (error) {
        this.onError(name, error);
      }
    })().finally(() => {
      this.running.delete(name);
      this.runNext(name);
    });
    this.running.set(name, run);
  }

  async repeat(name: string, when: Repeat): Promise<void> {
    if ('everySeconds' in when) {
      const timer = setInterval(() => void this.send(name), when.everySeconds * 1000);
      timer.unref();
      this.timers.add(timer);
      return;
    }
    parseDailyAt(when.dailyAt);
    const arm = () => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.send(name);
        if (!this.stopped) arm();
      }, msUntilDaily(when.dailyAt));
      timer.unref();
      this.timers.add(timer);
    };
    arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting.clear();
    await Promise.all(this.running.values());
  }
}

class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private readonly queues = new Set<string>();

  private constructor(private readonly boss: PgBoss, private readonly onError: (name: string, error: unknown) => void) {}

  static async start(connectionString: string, schema: string, onError: (name: string, error: unknown) => void): Promise<PgBossQueue> {
    const boss = new PgBoss({ connectionString, schema, max: 4 });
    boss.on('error', (error) => onError('pg-boss', error));
    await boss.start();
    return new PgBossQueue(boss, onError);
  }

  private async ensureQueue(name: string): Promise<void> {
    if (this.queues.has(name)) return;
    // 'stately': at most one job waiting and one running per name, so requests coalesce and never overlap.
    await this.boss.createQueue(name, { name, policy: 'stately', retryLimit: 3, retryDelay: 5, expireInSeconds: 15 * 60 });
    this.queues.add(name);
  }

  async work(name: string, handler: JobHandler): Promise<void> {
    await this.ensureQueue(name);
    await this.boss.work(name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async () => {
      try {
        await handler();
      } catch (error) {
        this.onError(name, error);
        throw error;
      }
    });
  }

  async send(name: string): Promise<void> {
    await this.ensureQueue(name);
    await this.boss.send(name, {});
  }

  async repeat(name: string, when: Repeat): Promise<void> {
    await this.ensureQueue(name);
    if ('everySeconds' in when) {
      // pg-boss's timetable is cron (whole minutes): sub-minute repeats are rounded up to a minute.
      const minutes = Math.max(1, Math.round(when.everySeconds / 60));
      await this.boss.schedule(name, `*/${minutes} * * * *`, {}, { tz: 'Europe/Stockholm' });
      return;
    }
    const { hour, minute } = parseDailyAt(when.dailyAt);
    await this.boss.schedule(name, `${minute} ${hour} * * *`, {}, { tz: 'Europe/Stockholm' });
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
