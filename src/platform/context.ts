import type { Config } from './config.ts';
import type { DatabaseKind, Db } from './db/database.ts';
import type { JobQueue } from './jobs/index.ts';

/** What every module's routes and use cases are handed by the composition root. */
export interface AppContext {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
  /** Background jobs (the running app has them; route tests may not). */
  jobs?: JobQueue;
}
