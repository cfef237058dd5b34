import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCases, wordsOf, diarienummerPrefixOf } from '../../src/modules/cases/diarium/search-cases.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { openTestCase, personOf, requests } from './helpers.ts';

describe('reading a search text', () => {
  it('keeps words of letters and digits, lower-cased, and recognises the beginning of a diarienummer', () => {
    expect(wordsOf('Lex  MARIA: fallskador & !drop')).toEqual(['lex', 'maria', 'fallskador', 'drop']);
    expect(wordsOf("Åsa's vårdcentral")).toEqual(['åsa', 's', 'vårdcentral']);
    expect(diarienummerPrefixOf('3.1-0012')).toBe('3.1-0012');
    expect(diarienummerPrefixOf(' 3.1-00123/2026 ')).toBe('3.1-00123/2026');
    expect(diarienummerPrefixOf('bemötande')).toBeNull();
    expect(diarienummerPrefixOf("1'; DROP TABLE case_file; --")).toBeNull();
  });
});

describe.each(databaseKinds)('searching cases on %s', (kind) => {
  let t: TestApp;
  let http: ReturnType<typeof requests>;
  let inspector: SignedIn;
  let registrar: SignedIn;
  let syd: SignedIn;
  const ids: Record<string, { id: number; diarienummer: string }> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    http = requests(t);
    const db = t.database.db;
    inspector = await signInAs(t, 'inspector', 'stockholm');
    registrar = await signInAs(t, 'registrar');
    syd = await signInAs(t, 'inspector', 'syd');
    const linden = await buildUnit(db, { name: 'Vårdcentralen Linden', form: 'vardcentral', kommun: '0180' });
    const eken = await buildUnit(db, { name: 'Äldreboendet Eken', form: 'sabo', kommun: '0180' });
    const havet = await buildUnit(db, { name: 'HVB Havsbrisen', kommun: '1280', postal_code: '21115', city: 'Malmö' });
    ids.linden = await openTestCase(db, { unitId: linden.id, title: 'Klagomål på bemötande och väntetider', responsible: personOf(inspector) });
    ids.eken = await openTestCase(db, { unitId: eken.id, caseType: 'lex_sarah', title: 'Rapport enligt lex Sarah om nattbemanning' });
    ids.havet = await openTestCase(db, { unitId: havet.id, caseType: 'lex_maria', title: 'Anmälan enligt lex Maria om fallskador' });
    ids.noUnit = await openTestCase(db, { caseType: 'government_assignment', title: 'Regeringsuppdrag om tillsyn av HVB', departmentCode: null });
    await db.updateTable('case_file').set({ status: 'investigation' }).where('id', '=', ids.eken.id).execute();
    // A thousand older cases, set-based, so paging and the capped count have something to chew on.
    await sql`
      INSERT INTO case_file (diarienummer, diarium_class, diarium_series, diarium_year, diarium_number, case_type, title, department_code, unit_id, provider_id, opened_at, created_by)
      SELECT '3.3-' || lpad(g::text, 5, '0') || '/2020', '3.3', 'main', 2020, g, 'own_initiative', 'Egeninitierad tillsyn nummer ' || g, 'stockholm', ${eken.id}, ${eken.provider_id},
             make_timestamptz(2020, 1, 1, 12, 0, 0, 'Europe/Stockholm') + g * interval '1 hour', 'test'
      FROM generate_series(1, 1010) g
    `.execute(db);
  });
  afterAll(async () => {
    await t.close();
  });

  const numbersOn = (html: string) => [...html.matchAll(/data-case-id="(\d+)"/g)].map((m) => Number(m[1]));

  it('finds a case by its whole diarienummer and by its beginning', async () => {
    const whole = await http.get(`/staff/arenden?q=${encodeURIComponent(ids.linden.diarienummer)}`, inspector);
    expect(numbersOn(whole.body)).toEqual([ids.linden.id]);
    const prefix = ids.havet.diarienummer.slice(0, 5); // "3.2-0"
    const found = await findCases(t.database.db, { kind: 'all' }, { text: prefix });
    expect(found.rows.map((r) => r.id).sort()).toEqual([ids.eken.id, ids.havet.id].sort());
  });

  it('finds words and beginnings of words of the heading and of the unit name, together, whatever the case of the letters', async () => {
    const search = (text: string) => findCases(t.database.db, { kind: 'all' }, { text }).then((r) => r.rows.map((c) => c.id));
    expect(await search('BEMÖTANDE')).toEqual([ids.linden.id]);
    expect(await search('bemöt')).toEqual([ids.linden.id]);
    expect(await search('linden')).toEqual([ids.linden.id]);
    expect(await search('väntetider linden')).toEqual([ids.linden.id]);
    expect(await search('väntetider eken')).toEqual([]);
    // The last word may be the beginning of one (search as you type); the words before it are whole words.
    expect(await search('väntetider lind')).toEqual([ids.linden.id]);
    expect(await search('vänte linden')).toEqual([]);
    expect(await search('äldreboendet natt')).toEqual([ids.eken.id]);
    expect(await search('Lex Maria')).toEqual([ids.havet.id]);
    // Nothing searchable, or characters that mean something to SQL or tsquery: no error, no hits.
    expect(await search('%_\\')).toEqual([]);
    expect(await search("' & | ! ( ) :*")).toEqual([]);
  });

  it('follows a unit that is renamed in the register', async () => {
    const eken = await t.database.db.selectFrom('case_file').select('unit_id').where('id', '=', ids.eken.id).executeTakeFirstOrThrow();
    await t.database.db.updateTable('unit').set({ name: 'Vård- och omsorgsboendet Björken' }).where('id', '=', eken.unit_id!).execute();
    const found = await findCases(t.database.db, { kind: 'all' }, { text: 'björken natt' });
    expect(found.rows.map((r) => r.id)).toEqual([ids.eken.id]);
    expect((await findCases(t.database.db, { kind: 'all' }, { text: 'äldreboendet natt' })).rows).toEqual([]);
  });

  it('finds a case by the name of a unit that arrived after the case in the same transaction', async () => {
    const provider = await t.database.db.selectFrom('provider').select('id').executeTakeFirstOrThrow();
    await t.database.db.transaction().execute(async (trx) => {
      await sql`
        INSERT INTO case_file (diarienummer, diarium_class, diarium_series, diarium_year, diarium_number, case_type, title, department_code, unit_id, opened_at, created_by)
        VALUES ('3.1-00001/2019', '3.1', 'main', 2019, 1, 'complaint', 'Klagomål från arkivet', 'stockholm', 'U-sen-ankomst', '2019-06-01T10:00:00Z', 'test')
      `.execute(trx);
      await sql`
        INSERT INTO unit (id, provider_id, name, form, size, kommun, extra)
        VALUES ('U-sen-ankomst', ${provider.id}, 'Hemtjänsten Sjöbris', 'hemtjanst', 1, '0180', '{}')
      `.execute(trx);
    });
    const found = await findCases(t.database.db, { kind: 'all' }, { text: 'sjöbris arkivet' });
    expect(found.rows.map((r) => r.diarienummer)).toEqual(['3.1-00001/2019']);
  });

  it('filters on type, status, department, responsible officer and opening date', async () => {
    expect(numbersOn((await http.get('/staff/arenden?typ=lex_maria', registrar)).body)).toEqual([ids.havet.id]);
    expect(numbersOn((await http.get('/staff/arenden?status=investigation', registrar)).body)).toEqual([ids.eken.id]);
    expect(numbersOn((await http.get('/staff/arenden?avdelning=syd', registrar)).body)).toEqual([ids.havet.id]);
    expect(numbersOn((await http.get('/staff/arenden?avdelning=ingen', registrar)).body)).toEqual([ids.noUnit.id]);
    expect(numbersOn((await http.get('/staff/arenden?mina=1', inspector)).body)).toEqual([ids.linden.id]);
    const old = await http.get('/staff/arenden?fran=2020-01-02&till=2020-01-02', registrar);
    expect(old.body).toContain('24 ärenden');
    const bad = await http.get('/staff/arenden?fran=2020-01-32&typ=nope', registrar);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#fran"');
    expect(bad.body).toContain('href="#typ"');
  });

  it("keeps an inspector to their department's cases, whatever they ask for", async () => {
    const own = numbersOn((await http.get('/staff/arenden?q=lex', inspector)).body);
    expect(own).toEqual([ids.eken.id]);
    expect(numbersOn((await http.get('/staff/arenden?q=lex&avdelning=syd', inspector)).body)).toEqual([ids.eken.id]);
    expect(numbersOn((await http.get(`/staff/arenden?q=${encodeURIComponent(ids.havet.diarienummer)}`, inspector)).body)).toEqual([]);
    expect(numbersOn((await http.get('/staff/arenden?q=lex', syd)).body)).toEqual([ids.havet.id]);
    // A case without a department is only for national roles.
    expect(numbersOn((await http.get('/staff/arenden?q=regeringsuppdrag', inspector)).body)).toEqual([]);
    expect(numbersOn((await http.get('/staff/arenden?q=regeringsuppdrag', registrar)).body)).toEqual([ids.noUnit.id]);
  });

  it('lists the newest first, 50 a page, with the total on the last page', async () => {
    const first = await http.get('/staff/arenden', registrar);
    const page1 = numbersOn(first.body);
    expect(page1.length).toBe(50);
    expect(page1.slice(0, 4).sort()).toEqual([ids.linden.id, ids.eken.id, ids.havet.id, ids.noUnit.id].sort());
    expect(first.body).toContain('Visar 1–50 av fler än 50 ärenden');
    expect(first.body).toContain('href="/staff/arenden?sida=2"');
    const page2 = numbersOn((await http.get('/staff/arenden?sida=2', registrar)).body);
    expect(page2.length).toBe(50);
    expect(page2.some((id) => page1.includes(id))).toBe(false);
    const opened = await t.database.db.selectFrom('case_file').select(['id', 'opened_at']).where('id', 'in', [...page1, ...page2]).execute();
    const at = new Map(opened.map((o) => [o.id, new Date(o.opened_at).getTime()]));
    const times = [...page1, ...page2].map((id) => at.get(id)!);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const firstOfMany = await http.get('/staff/arenden?q=tillsyn+nummer&fran=2020-01-01&till=2020-01-10', registrar);
    expect(firstOfMany.body).toContain('Visar 1–50 av fler än 50 ärenden');
    const last = await http.get('/staff/arenden?q=tillsyn+nummer&fran=2020-01-01&till=2020-01-10&sida=5', registrar);
    expect(numbersOn(last.body).length).toBe(27);
    expect(last.body).toContain('Visar 201–227 av 227 ärenden');
    expect(last.body).not.toContain('rel="next"');
    const beyond = await http.get('/staff/arenden?q=tillsyn+nummer&fran=2020-01-01&till=2020-01-10&sida=9', registrar);
    expect(beyond.body).toContain('Sidan finns inte');
  });
});
