import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DatabaseKind } from '../../src/platform/db/database.ts';
import { loadReferenceData } from '../../src/modules/registry/index.ts';

// One template per test run, so two runs on the same server do not trip over each other.
const templateDatabase = () => process.env.VAKA_TEST_TEMPLATE_DB ?? 'vaka_test_template';

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
export async function prepareServerTemplate(): Promise<(() => Promise<void>) | undefined> {
  if (!process.env.TEST_DATABASE_URL) return undefined;
  // Set before the test workers start, so they inherit it.
  process.env.VAKA_TEST_TEMPLATE_DB = `vaka_template_${randomBytes(4).toString('hex')}`;
  const name = templateDatabase();
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl(name), max: 1 }) }) });
  await migrateToLatest(db);
  await loadReferenceData(db);
  await db.destroy();
  return () => withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
}

let pgliteTemplateDump: Promise<Blob> | undefined;

/** Migrating is slower than loading a dump, so each test worker migrates one template and copies it. */
function pgliteTemplate(): Promise<Blob> {
  pgliteTemplateDump ??= (async () => {
    const pglite = await PGlite.create();
    const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) });
    await migrateToLatest(db);
    await loadReferenceData(db);
    const dump = await pglite.dumpDataDir('none');
    await db.destroy();
    return dump;
  })();
  return pgliteTemplateDump;
}

/** A fresh, migrated database with reference data, of its own: no test sees another's rows. */
export async function createTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle & { url?: string }> {
  if (kind === 'pglite') return openDatabase({ loadDataDir: await pgliteTemplate() });
  const name = `vaka_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`));
  const handle = await openDatabase({ databaseUrl: serverUrl(name), poolSize: 5 });
  return {
    ...handle,
    url: serverUrl(name),
    close: async () => {
      await handle.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
