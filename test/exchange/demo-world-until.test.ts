import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoWorldIfEmpty } from '../../src/modules/demo/index.ts';
import { queueRecentDemoSignals } from '../../src/modules/intake/index.ts';
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

  it('puts the last two weeks in the triage queue, routed and classified like live signals, and nothing older', async () => {
    const queued = await queueRecentDemoSignals(database.db, '2025-03-31');
    const rows = (
      await sql<{ day: string; triage_status: string | null; department_code: string | null; classified: boolean; lan_department: string | null }>`
        SELECT (s.received_at AT TIME ZONE 'Europe/Stockholm')::date::text AS day, s.triage_status, s.department_code,
               s.classification ? 'riskAreas' AS classified, c.department_code AS lan_department
        FROM signal s JOIN unit u ON u.id = s.unit_id JOIN municipality m ON m.code = u.kommun JOIN county c ON c.code = m.county_code
      `.execute(database.db)
    ).rows;
    const recent = rows.filter((r) => r.day >= '2025-03-18');
    expect(recent.length).toBeGreaterThan(0);
    expect(queued).toBe(recent.length);
    for (const row of recent) expect(row).toMatchObject({ triage_status: 'new', department_code: row.lan_department, classified: true });
    expect(rows.filter((r) => r.day < '2025-03-18').every((r) => r.triage_status === null)).toBe(true);
    // Run again (a restart): nothing is queued twice.
    expect(await queueRecentDemoSignals(database.db, '2025-03-31')).toBe(0);
  });
});
