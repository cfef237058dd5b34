import type { Config } from './config.ts';
import type { DatabaseKind, Db } from './db/database.ts';

/** What every module's routes and use cases are handed by the composition root. */
export interface AppContext {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
}
