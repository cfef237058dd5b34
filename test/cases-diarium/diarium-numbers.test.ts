import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { openTestCase, requests } from './helpers.ts';
import { swedishYear } from '../../src/platform/dates.ts';

/** The running numbers of this year's committed cases, in order. */
async function committedNumbers(t: TestApp): Promise<number[]> {
  const rows = await t.database.db.selectFrom('case_file').select(['diarium_number', 'diarienummer']).where('diarium_year', '=', swedishYear()).orderBy('diarium_number').execute();
  for (const row of rows) expect(row.diarienummer).toContain(`-${String(row.diarium_number).padStart(5, '0')}/${swedishYear()}`);
  return rows.map((r) => r.diarium_number);
}

describe.each(databaseKinds)('diarienummer under concurrent creation on %s', (kind) => {
  let t: TestApp;
  let unitId: string;
  let inspector: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    unitId = (await buildUnit(t.database.db, { kommun: '0180' })).id;
    inspector = await signInAs(t, 'inspector', 'stockholm');
  });
  afterAll(async () => {
    await t.close();
  });

  it('stay unique and gapless per year when 40 cases are opened at once and some fail after taking their number', async () => {
    const db = t.database.db;
    // Failures that happen inside the transaction after the number is taken: a day the calendar does not have
    // (the case row is refused), and a responsible officer without a name (the team row is refused).
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => {
        if (i % 7 === 3) return openTestCase(db, { unitId, dueOn: '2026-02-30' });
        if (i % 7 === 5) return openTestCase(db, { unitId, responsible: { subject: `nameless-${i}`, name: null as unknown as string } });
        return openTestCase(db, { unitId, title: `Klagomål nummer ${i}` });
      }),
    );
    const failed = outcomes.filter((o) => o.status === 'rejected');
    const opened = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(failed.length).toBe(11);
    expect(opened.length).toBe(29);
    const numbers = await committedNumbers(t);
    expect(numbers).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(new Set(opened.map((o) => o.diarienummer)).size).toBe(29);
    const counter = await db.selectFrom('diarium_counter').select('last_number').where('year', '=', swedishYear()).executeTakeFirstOrThrow();
    expect(counter.last_number).toBe(29);
    // Nothing of a failed opening is left: no team row, no audit row for a case that does not exist.
    const orphans = await db.selectFrom('case_member').select('subject').where('subject', 'like', 'nameless-%').execute();
    expect(orphans).toEqual([]);
    expect(Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'case.open').executeTakeFirstOrThrow()).n)).toBe(29);
  });

  it('stay gapless when the staff form is posted in parallel, with invalid posts among them', async () => {
    const http = requests(t);
    const before = (await committedNumbers(t)).length;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http.post('/staff/arenden/nytt', inspector, {
          action: 'save',
          caseType: 'lex_sarah',
          title: i % 5 === 0 ? '' : `Rapport enligt lex Sarah nummer ${i}`,
          unitId,
          responsible: inspector.subject,
        }),
      ),
    );
    expect(responses.filter((r) => r.statusCode === 303).length).toBe(16);
    expect(responses.filter((r) => r.statusCode === 400).length).toBe(4);
    expect(await committedNumbers(t)).toEqual(Array.from({ length: before + 16 }, (_, i) => i + 1));
  });
});
