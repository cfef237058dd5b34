import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDecisions } from '../../src/modules/cases/decisions/index.ts';
import { loadDemoWorldIfEmpty } from '../../src/modules/demo/index.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, databaseKinds } from '../support/databases.ts';
import { signInAs } from '../support/staff-session.ts';
import { get } from './support.ts';

// Demo decisions on a small demo world: a deterministic sample of its inspections becomes decided cases, so
// the effect view and the public search have real numbers to show.

const WORLD = { units: 1500, seed: 1 };

async function decisionsOf(db: Db) {
  return (
    await sql<{ inspection_id: string; tool: string; decided_on: string; deficiencies: number; follow_up_status: string; diarienummer: string }>`
      SELECT x.inspection_id, x.tool, x.decided_on::text AS decided_on, x.follow_up_status, c.diarienummer,
             (SELECT count(*)::int FROM decision_deficiency d WHERE d.decision_id = x.id) AS deficiencies
      FROM case_decision x JOIN case_file c ON c.id = x.case_id
      ORDER BY x.id
    `.execute(db)
  ).rows;
}

describe.each(databaseKinds)('demo decisions on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadDemoWorldIfEmpty(t.database.db, WORLD, () => {});
  });
  afterAll(async () => {
    await t?.close();
  });

  it('turns a sample of the world’s inspections into decided cases, through the real use cases', async () => {
    const db = t.database.db;
    const result = await seedDemoDecisions(db, { seed: 7, perTool: 8 });
    expect(result.decisions).toBeGreaterThanOrEqual(20);
    expect(result.followedUp).toBeGreaterThan(0);

    const rows = await sql<{ tool: string; outcome: string; decided_on: string; date: string; decided_by: string; case_type: string; status: string; follow_up_status: string; report_by: string | null; documents: number }>`
      SELECT x.tool, i.outcome, x.decided_on::text AS decided_on, i.date::text AS date, x.decided_by, c.case_type, c.status, x.follow_up_status, x.report_by::text AS report_by,
             (SELECT count(*)::int FROM case_document d WHERE d.case_id = c.id AND d.kind = 'decision') AS documents
      FROM case_decision x
      JOIN case_file c ON c.id = x.case_id
      JOIN inspection i ON i.id = x.inspection_id
    `.execute(db);
    expect(rows.rows).toHaveLength(result.decisions);
    for (const row of rows.rows) {
      expect(row.tool).toBe(row.outcome);
      expect(row.decided_on).toBe(row.date);
      expect(row).toMatchObject({ decided_by: 'system:demo', case_type: 'own_initiative', documents: 1 });
      if (row.follow_up_status === 'closed') expect(row.status).toBe('closed');
      if (row.report_by === null) expect(row.follow_up_status).toBe('none');
    }
    // No second row in the register-level inspection table: the decision points at the inspection it follows.
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM inspection WHERE id LIKE 'CASE-%'`.execute(db)).rows[0].n)).toBe(0);
    // Followed up as a provider and an officer would: reported, accepted, closed.
    const followed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM action_report WHERE assessment = 'accepted'`.execute(db);
    expect(followed.rows[0].n).toBeGreaterThan(0);
    // The demo representatives' organisations keep a decision open to report on.
    const open = await sql<{ name: string }>`
      SELECT p.name FROM case_decision x JOIN case_file c ON c.id = x.case_id JOIN provider p ON p.id = c.provider_id
      WHERE x.follow_up_status = 'awaiting_report' AND p.name IN ('Region Stockholm', 'Vägvisaren Ungdomsvård AB', 'Umeå kommun')
    `.execute(db);
    expect(open.rows.length).toBeGreaterThan(0);

    // Once is enough: a second run adds nothing.
    expect(await seedDemoDecisions(db, { seed: 7, perTool: 8 })).toEqual({ decisions: 0, followedUp: 0 });
  });

  it('is deterministic: the same world and seed give the same decisions', async () => {
    const other = await createTestDatabase(kind);
    try {
      await loadDemoWorldIfEmpty(other.db, WORLD, () => {});
      await seedDemoDecisions(other.db, { seed: 7, perTool: 8 });
      expect(await decisionsOf(other.db)).toEqual(await decisionsOf(t.database.db));
    } finally {
      await other.close();
    }
  });

  it('shows real numbers in the effect view, the public search and the PDF of a demo decision', async () => {
    const analyst = await signInAs(t, 'analyst');
    const page = await get(t, '/staff/effekter', analyst);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Hela landet: \d+ beslut, varav [1-9]\d* har följts upp i minst 13 veckor/);
    expect(page.body).toContain('<svg');
    expect(page.body).toMatch(/<th scope="row" class="govuk-table__header">Kritik<\/th>\s*<td[^>]*>[1-9]\d*<\/td>\s*<td[^>]*>[+-]?\d/);

    const search = await get(t, '/beslut?beslut=demand_actions');
    expect(search.statusCode).toBe(200);
    expect(search.body).toMatch(/\d+ beslut/);
    const decision = await t.database.db.selectFrom('case_decision').select(['id', 'case_id']).orderBy('id').executeTakeFirstOrThrow();
    const pdf = await get(t, `/beslut/${decision.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const effect = await get(t, `/staff/arenden/${decision.case_id}/beslut/${decision.id}/effekt`, analyst);
    expect(effect.statusCode).toBe(200);
    expect(effect.body).toContain('data-effect="did"');
  });
});
