import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoWorldIfEmpty } from '../../src/modules/demo/index.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { createTestDatabase } from '../support/databases.ts';

// The app loads the demo world with its history ending on a given day (yesterday by default, see config), so a
// fresh demo has recent signals; the loader must pass that day through to the generator.
describe('demo world loaded up to a given day', () => {
  let database: DatabaseHandle;
  let truthDir: string;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    truthDir = await mkdtemp(path.join(tmpdir(), 'vaka-demo-truth-'));
    await loadDemoWorldIfEmpty(database.db, { units: 300, seed: 3, until: '2025-03-31', truthDir }, () => {});
  });
  afterAll(async () => {
    await database?.close();
    await rm(truthDir, { recursive: true, force: true });
  });

  it('has signals up to that day and none after it', async () => {
    const { last } = (await sql<{ last: string }>`SELECT max(received_at AT TIME ZONE 'Europe/Stockholm')::date::text AS last FROM signal`.execute(database.db)).rows[0];
    expect(last <= '2025-03-31').toBe(true);
    expect(last >= '2025-03-01').toBe(true);
    const truth = JSON.parse(await readFile(path.join(truthDir, 'demo-truth.json'), 'utf8'));
    expect(truth.until).toBe('2025-03-31');
  });
});
