import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DatabaseKind } from '../../src/platform/db/database.ts';
import { loadReferenceData } from '../../src/modules/registry/index.ts';

export const TEMPLATE_DATABASE = 'vaka_test_template';

/** Database tests run on PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set. */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

function serverUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Run once per test run (vitest globalSetup): a migrated template that each test file clones. */
export async function prepareServerTemplate(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) return;
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl(TEMPLATE_DATABASE), max: 1 }) }) });
  await migrateToLatest(db);
  await loadReferenceData(db);
  await db.destroy();
}

/** A fresh, migrated database with reference data, of its own: no test sees another's rows. */
export async function createTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const handle = await openDatabase({});
    await migrateToLatest(handle.db);
    await loadReferenceData(handle.db);
    return handle;
  }
  const name = `vaka_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  const handle = await openDatabase({ databaseUrl: serverUrl(name), poolSize: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
