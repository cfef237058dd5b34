import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type Dialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /**
   * Calls `onNotify` for each NOTIFY on the channel (sent by a committed transaction); returns the function
   * that stops listening. On a server it holds one connection of its own.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;
const BYTEA = 17;

// Both drivers must hand the app the same JavaScript values: int8 as number (counts and sequence
// numbers stay far below 2^53), date as the 'YYYY-MM-DD' text, never a Date a time zone can shift, bytea
// as a Buffer (node-pg's own; PGlite's default parser decodes the hex byte by byte, ≈ 4× slower).
pg.types.setTypeParser(INT8, (value: string) => Number(value));
pg.types.setTypeParser(DATE, (value: string) => value);
/** PGlite's value parsers, for code that creates its own PGlite instance (the risk backtest). */
export const pgliteParsers = {
  [INT8]: (value: string) => Number(value),
  [DATE]: (value: string) => value,
  [BYTEA]: (value: string) => Buffer.from(value.slice(2), 'hex'),
};

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; when absent the embedded database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; omitted means in memory. */
  dataDir?: string;
  poolSize?: number;
  /** Start the embedded database from a dump (tests copy a migrated template this way). */
  loadDataDir?: Blob;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  let dialect: Dialect;
  let kind: DatabaseKind;
  let listen: DatabaseHandle['listen'];
  if (options.databaseUrl) {
    const databaseUrl = options.databaseUrl;
    kind = 'postgres';
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not take the process down: the pool
    // replaces it on the next query.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL dropped an idle connection: ${error.message}`));
    dialect = new PostgresDialect({ pool });
    listen = async (channel, onNotify) => {
      assertChannelName(channel);
      const client = new pg.Client({ connectionString: databaseUrl });
      client.on('error', (error) => process.emitWarning(`LISTEN ${channel}: ${error.message}`));
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.query(`LISTEN ${channel}`);
      return () => client.end();
    };
  } else {
    kind = 'pglite';
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const pglite = await PGlite.create({ dataDir: options.dataDir, parsers: pgliteParsers, loadDataDir: options.loadDataDir });
    dialect = new PGliteDialect(pglite);
    listen = async (channel, onNotify) => {
      assertChannelName(channel);
      const stop = await pglite.listen(channel, () => onNotify());
      return () => stop();
    };
  }
  const db = new Kysely<Database>({ dialect });
  return { db, kind, listen, close: () => db.destroy() };
}

function assertChannelName(channel: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new RangeError(`not a channel name: ${channel}`);
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

