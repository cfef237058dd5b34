import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/platform/audit/index.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { databaseKinds } from '../support/databases.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function runVaka(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Only what the command needs: no DATABASE_URL leaking in from the test environment.
  const { DATABASE_URL: _ignored, ...base } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/vaka.js'), ...args], { cwd: root, env: { ...base, VAKA_DEMO: 'false', LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Where the command-line tool finds its database: a PGlite folder, or a PostgreSQL database of its own. */
interface Target {
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

async function makeTarget(kind: 'pglite' | 'postgres'): Promise<Target> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vaka-audit-cli-'));
    return { env: { VAKA_DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }), dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `vaka_test_cli_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ databaseUrl: url.toString(), poolSize: 1 }),
    dispose: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

describe.each(databaseKinds)('vaka audit verify on %s', (kind) => {
  let target: Target;
  let tamperedId: number;

  beforeAll(async () => {
    target = await makeTarget(kind);
    // Write the rows the way the app does, then close: a PGlite folder has one user at a time.
    const handle = await target.open();
    try {
      await migrateToLatest(handle.db);
      for (const entityId of ['U1', 'U2', 'U3']) {
        await handle.db.transaction().execute((trx) =>
          recordAudit(trx, { actor: 'staff:test', action: 'unit.correct', entityType: 'unit', entityId, reason: 'Rättelse', details: { fields: ['name'] } }),
        );
      }
      const rows = await handle.db.selectFrom('audit_log').select('id').orderBy('id').execute();
      tamperedId = rows[1].id;
    } finally {
      await handle.close();
    }
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('exits 0 on an untouched log', async () => {
    const result = await runVaka(['audit', 'verify'], target.env);
    expect(result.stderr).toContain('Audit log intact: 3 rows verified.');
    expect(result.code).toBe(0);
  });

  it('exits 1 and names the row when someone edits it behind the trigger', async () => {
    const handle = await target.open();
    try {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(handle.db);
      await sql`update audit_log set reason = 'Ingen rättelse' where id = ${tamperedId}`.execute(handle.db);
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(handle.db);
    } finally {
      await handle.close();
    }
    const result = await runVaka(['audit', 'verify'], target.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Audit log broken at row ${tamperedId}:`);
    expect(result.stderr).toContain('the row was edited');
  });
});
