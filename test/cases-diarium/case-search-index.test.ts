// The in-memory diarium search of the embedded database must answer every search exactly as the SQL search
// does, and see every change committed before the search began.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseSearchIndex } from '../../src/modules/cases/diarium/case-search-index.ts';
import { findCases, type CaseScope, type CaseSearch } from '../../src/modules/cases/diarium/search-cases.ts';
import { CASE_STATUSES, CASE_TYPES } from '../../src/platform/db/schema.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { createTestDatabase } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';

const UNIT_NAMES = ['Vårdcentralen Linden', 'Äldreboendet Eken', 'HVB Havsbrisen', 'Hemtjänst Norrsken', 'Tandvården Björken 2', 'LSS-bostaden Solrosen'];
const TOPICS = ['bemötande', 'fallskador', 'läkemedelshantering', 'nattbemanning', 'hälso- och sjukvård', 'väntetider', 'journalföring', 'lex maria fallskador'];
const WORDS = ['bemötande', 'fallskador', 'läkemedelshantering', 'nattbemanning', 'hälso', 'sjukvård', 'väntetider', 'klagomål', 'lex', 'maria', 'sarah',
  'linden', 'eken', 'havsbrisen', 'norrsken', 'björken', '2', 'solrosen', 'lss', 'bostaden', 'avseende', 'om', 'anmälan', 'rapport', 'tillsyn'];
const PEOPLE = ['insp-a', 'insp-b', 'insp-c'];
/** Days cases were opened on (filled in once they exist), and days none was. */
const DATES = ['2019-06-01', '2021-12-31', '2026-01-01'];

describe('the in-memory case search (embedded database)', () => {
  let database: DatabaseHandle;
  let index: CaseSearchIndex;
  /** Gathers at most 40 candidates: most text searches walk the whole list instead. */
  let walkingIndex: CaseSearchIndex;
  let unitIds: string[] = [];
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const kommuner = ['0180', '1280', '1480', '2480', '0580', '0180'];
    for (const [i, name] of UNIT_NAMES.entries()) unitIds.push((await buildUnit(db(), { name, kommun: kommuner[i] })).id);
    // 1,500 cases over 2019–2025, some opened at the very same instant (the id decides their order then).
    await sql`
      INSERT INTO case_file (diarienummer, diarium_class, diarium_series, diarium_year, diarium_number, case_type, title, status,
                             department_code, unit_id, responsible, responsible_name, due_on, opened_at, created_by)
      SELECT (ARRAY['3.1', '3.2', '3.3'])[1 + g % 3] || '-' || lpad(g::text, 5, '0') || '/' || (2019 + g % 7),
             (ARRAY['3.1', '3.2', '3.3'])[1 + g % 3], 'main', 2019 + g % 7, g,
             (${sql.raw(`ARRAY[${CASE_TYPES.map((t) => `'${t}'`).join(',')}]`)})[1 + abs(hashint4(g)) % ${CASE_TYPES.length}],
             (ARRAY['Klagomål avseende ', 'Anmälan enligt lex Maria om ', 'Rapport enligt lex Sarah om ', 'Tillsyn av '])[1 + g % 4]
               || (${sql.raw(`ARRAY[${TOPICS.map((t) => `'${t}'`).join(',')}]`)})[1 + abs(hashint4(g * 3)) % ${TOPICS.length}],
             (${sql.raw(`ARRAY[${CASE_STATUSES.map((t) => `'${t}'`).join(',')}]`)})[1 + abs(hashint4(g * 5)) % ${CASE_STATUSES.length}],
             (ARRAY['stockholm', 'syd', 'vast', NULL])[1 + g % 4],
             CASE WHEN g % 9 = 0 THEN NULL ELSE (${sql.raw(`ARRAY[${unitIds.map((id) => `'${id}'`).join(',')}]`)})[1 + g % ${unitIds.length}] END,
             (ARRAY['insp-a', 'insp-b', 'insp-c', NULL])[1 + g % 4], 'Inspektör', NULL,
             make_timestamptz(2019 + (g / 3) % 7, 1 + (g / 3) % 12, 1 + (g / 3) % 27, 9, 0, 0, 'Europe/Stockholm'),
             'test'
      FROM generate_series(1, 1500) g
    `.execute(db());
    const days = await sql<{ day: string }>`SELECT DISTINCT to_char(opened_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS day FROM case_file ORDER BY 1 LIMIT 8 OFFSET 20`.execute(db());
    DATES.push(...days.rows.map((r) => r.day));
    index = new CaseSearchIndex(db());
    walkingIndex = new CaseSearchIndex(db(), { maxGathered: 40 });
  });
  afterAll(async () => {
    await database.close();
  });

  const same = async (scope: CaseScope, search: CaseSearch) => {
    const expected = await findCases(db(), scope, search);
    const actual = await index.search(scope, search);
    expect(actual).toEqual(expected);
    expect(await walkingIndex.search(scope, search)).toEqual(expected);
    return actual;
  };

  const text = fc.oneof(
    fc.constantFrom(...WORDS),
    fc.constantFrom(...WORDS).chain((w) => fc.integer({ min: 1, max: w.length }).map((n) => w.slice(0, n))),
    fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 4 }).chain((ws) => fc.integer({ min: 1, max: 6 }).map((n) => `${ws.join(' ')}`.slice(0, -n) || ws[0])),
    fc.constantFrom('3.1-0', '3.2-00012', '3.3-00015/2021', '3.1-01500/2026', '3.2', '3', '3.1-00004/2022', 'Linden 3.1', '%', '_', 'lex_maria', "o'hara", 'ÄLDREBOENDET', '   ', 'zzz'),
    fc.string({ maxLength: 12 }),
  );
  // Each filter present one time in four, so most searches have many hits and several pages.
  const sometimes = <T,>(arbitrary: fc.Arbitrary<T>) => fc.tuple(fc.integer({ min: 0, max: 3 }), arbitrary).map(([n, value]) => (n === 0 ? value : undefined));
  const search = fc.record({
    text: fc.option(text, { nil: undefined }),
    caseType: sometimes(fc.constantFrom(...CASE_TYPES)),
    status: sometimes(fc.constantFrom(...CASE_STATUSES)),
    departmentCode: sometimes(fc.constantFrom('stockholm', 'syd', 'none')),
    responsible: sometimes(fc.constantFrom(...PEOPLE)),
    openedFrom: sometimes(fc.nat().map((i) => DATES[i % DATES.length])),
    openedTo: sometimes(fc.nat().map((i) => DATES[i % DATES.length])),
    page: fc.integer({ min: 1, max: 5 }),
  });
  const examples: [CaseScope, CaseSearch][] = [
    [{ kind: 'all' }, {}], [{ kind: 'all' }, { page: 2 }], [{ kind: 'all' }, { page: 30 }], [{ kind: 'all' }, { text: '2' }],
    [{ kind: 'all' }, { text: '3.1' }], [{ kind: 'all' }, { departmentCode: 'none' }], [{ kind: 'department', code: 'syd' }, { text: 'fall' }],
  ];
  const scope = fc.oneof(fc.constant<CaseScope>({ kind: 'all' }), fc.constantFrom('stockholm', 'vast').map((code): CaseScope => ({ kind: 'department', code })));

  it('answers every search as the SQL search does: the same cases, order, pages and totals', async () => {
    await fc.assert(fc.asyncProperty(scope, search, async (s, q) => void (await same(s, q))), { numRuns: 400, examples });
  });

  it('sees new cases, changed cases and renamed units in the next search', async () => {
    const before = await same({ kind: 'all' }, {});
    await sql`
      INSERT INTO case_file (diarienummer, diarium_class, diarium_series, diarium_year, diarium_number, case_type, title, department_code, unit_id, opened_at, created_by)
      VALUES ('3.1-09999/2026', '3.1', 'main', 2026, 9999, 'complaint', 'Klagomål avseende trycksår', 'syd', ${unitIds[1]}, now(), 'test')
    `.execute(db());
    const after = await same({ kind: 'all' }, {});
    expect(after.rows[0].diarienummer).toBe('3.1-09999/2026');
    expect(after.rows[1]).toEqual(before.rows[0]);
    expect((await same({ kind: 'all' }, { text: 'trycksår' })).rows.map((r) => r.diarienummer)).toEqual(['3.1-09999/2026']);

    await db().updateTable('case_file').set({ status: 'closed', title: 'Klagomål avseende decubitus' }).where('diarienummer', '=', '3.1-09999/2026').execute();
    expect((await same({ kind: 'all' }, { text: 'trycksår' })).rows).toEqual([]);
    expect((await same({ kind: 'all' }, { text: 'decub', status: 'closed' })).rows.map((r) => r.diarienummer)).toEqual(['3.1-09999/2026']);

    await db().updateTable('unit').set({ name: 'Äldreboendet Ekbacken' }).where('id', '=', unitIds[1]).execute();
    const renamed = await same({ kind: 'all' }, { text: 'ekbacken' });
    expect(renamed.rows.length).toBeGreaterThan(1);
    expect(renamed.rows.every((r) => r.unit_name === 'Äldreboendet Ekbacken')).toBe(true);
    expect((await same({ kind: 'all' }, { text: 'eken' })).rows).toEqual([]);
  });

  it('lets searches that arrive together share one look at the database, and each sees what was committed before it', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        if (i === 10) {
          await sql`
            INSERT INTO case_file (diarienummer, diarium_class, diarium_series, diarium_year, diarium_number, case_type, title, opened_at, created_by)
            VALUES ('1.2-00001/2026', '1.2', 'main', 2026, 10001, 'government_assignment', 'Regeringsuppdrag om samtidighet', now(), 'test')
          `.execute(db());
          return index.search({ kind: 'all' }, { text: 'samtidighet' });
        }
        return index.search({ kind: 'all' }, { text: 'fallskador', page: 1 + (i % 3) });
      }),
    );
    expect(results[10].rows.map((r) => r.diarienummer)).toEqual(['1.2-00001/2026']);
    await same({ kind: 'all' }, { text: 'samtidighet' });
  });
});
