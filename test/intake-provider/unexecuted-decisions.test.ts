import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarMonths, quarterEnd, reportableQuarters } from '../../src/modules/intake/provider/unexecuted-decisions/three-month-rule.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import { countRows, postForm, postUpload, signInAsRepresentative } from './support.ts';
import { swedishToday } from '../../src/platform/dates.ts';

// The latest quarter that has ended, whatever day the tests run; dates are counted back from its last day.
const QUARTER = reportableQuarters(swedishToday())[0];
const END = quarterEnd(QUARTER);
const monthsBefore = (months: number) => addCalendarMonths(END, -months);

const HEADER = 'beslutsdatum;lag;insats;orsak;avbrott;verkställt';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n';

describe.each(databaseKinds)('unexecuted decisions reported by a kommun on %s', (kind) => {
  let t: TestApp;
  let kommun: { id: string; name: string };
  let otherKommun: { id: string };
  let company: { id: string };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    // Named as the kommun is: its reports are routed to the department of Västerbotten (Nord).
    kommun = await buildProvider(db, { name: 'Umeå kommun', kind: 'kommun', orgnr: '2120002627' });
    otherKommun = await buildProvider(db, { name: 'Lunds kommun', kind: 'kommun', orgnr: '2120001207' });
    company = await buildProvider(db, { name: 'Omsorg AB' });
    await buildUnit(db, { provider_id: kommun.id, name: 'Hemtjänsten Centrum', form: 'hemtjanst', kommun: '2480', postal_code: '90326', city: 'Umeå' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a CSV file with three bad lines with three line-numbered errors, and stores nothing', async () => {
    const who = await signInAsRepresentative(t, [kommun.id]);
    const before = await countRows(t);
    const file = csv(
      `${monthsBefore(5)};SoL;sarskilt_boende;resursbrist;;`,
      `${monthsBefore(4)};SoL;bostad_vuxna;;;`, // line 3: an LSS kind of help under SoL
      `${monthsBefore(6)};LSS;daglig_verksamhet;;;`,
      `${monthsBefore(7)};SOL;hemtjanst;;;${monthsBefore(9)}`, // line 5: executed before it was decided
      `${monthsBefore(1)};LSS;kontaktperson;;;`, // line 6: has not waited three months
    );
    const response = await postUpload(t, who, '/provider/ej-verkstallda/fil', { org: kommun.id, 'fil-kvartal': QUARTER }, { field: 'fil', name: 'beslut.csv', type: 'text/csv', content: file });
    expect(response.statusCode).toBe(400);
    const listed = [...response.body.matchAll(/<a href="#fil">(Rad \d+, kolumn ”[^”]+”: [^<]*)<\/a>/g)].map((m) => m[1]);
    expect(listed).toHaveLength(3);
    expect(listed[0]).toMatch(/^Rad 3, kolumn ”insats”: insatsen bostad med särskild service för vuxna beviljas enligt LSS, inte SoL\.$/);
    expect(listed[1]).toMatch(/^Rad 5, kolumn ”verkställt”: datumet för verkställighet kan inte vara före beslutsdatum\.$/);
    expect(listed[2]).toMatch(/^Rad 6, kolumn ”beslutsdatum”: beslutet hade väntat 1 månad den .* inte mer än 3 månader/);
    expect(response.body).toContain('Filen har 3 fel, se listan ovan. Ingenting har sparats.');
    expect(await countRows(t)).toEqual(before);
  });

  it('stores a good CSV file as decisions and one signal linked to the kommun, and shows how long each has waited', async () => {
    const who = await signInAsRepresentative(t, [kommun.id]);
    const before = await countRows(t);
    const file = csv(
      `${monthsBefore(5)};SoL;Särskilt boende för äldre;resursbrist;;`,
      `${monthsBefore(14)};LSS;bostad_vuxna;Brist på lämplig plats eller resurs;;`,
      `${monthsBefore(8)};LSS;daglig_verksamhet;;;${monthsBefore(1)}`,
    );
    const response = await postUpload(t, who, '/provider/ej-verkstallda/fil', { org: kommun.id, 'fil-kvartal': QUARTER }, { field: 'fil', name: 'Q.csv', type: 'application/vnd.ms-excel', content: file });
    expect(response.statusCode).toBe(303);
    const signalId = String(response.headers.location).split('/').pop()!;
    const after = await countRows(t);
    expect(after.signal).toBe(before.signal + 1);
    expect(after.unexecuted_decision).toBe(before.unexecuted_decision + 3);

    const db = t.database.db;
    const signal = await db.selectFrom('signal').selectAll().where('id', '=', signalId).executeTakeFirstOrThrow();
    expect(signal).toMatchObject({ channel: 'unexecuted_decision', provider_id: kommun.id, unit_id: null, submitter_kind: 'provider', department_code: 'nord', triage_status: 'new' });
    expect(signal.text).toContain(`Umeå kommun rapporterar 3 gynnande beslut som inte verkställts inom tre månader, kvartal ${QUARTER}`);
    expect(signal.text).toContain('SoL: 1, LSS: 2. Varav 1 verkställda efter fristen.');
    expect(signal.text).toContain('Längsta väntan: 14 månader (bostad med särskild service för vuxna, LSS).');
    expect(signal.extra).toMatchObject({ quarter: QUARTER, decisions: 3, sol: 1, lss: 2, source: 'csv', fileName: 'Q.csv' });
    const rows = await db.selectFrom('unexecuted_decision').selectAll().where('signal_id', '=', signalId).orderBy('id').execute();
    expect(rows.map((r) => [r.provider_id, r.quarter, r.decision_date, r.law, r.kind_of_help, r.reason, r.executed_on, r.reported_by])).toEqual([
      [kommun.id, QUARTER, monthsBefore(5), 'SoL', 'sarskilt_boende', 'resursbrist', null, `provider:${who.subject}`],
      [kommun.id, QUARTER, monthsBefore(14), 'LSS', 'bostad_vuxna', 'resursbrist', null, `provider:${who.subject}`],
      [kommun.id, QUARTER, monthsBefore(8), 'LSS', 'daglig_verksamhet', null, monthsBefore(1), `provider:${who.subject}`],
    ]);

    const receipt = await t.app.inject({ url: String(response.headers.location), headers: who.headers });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('Rapporten är mottagen');
    expect(receipt.body).toContain(signalId);
    expect(await t.database.db.selectFrom('audit_log').select(['actor', 'reason']).where('entity_id', '=', signalId).where('action', '=', 'unexecuted_decision.read').execute())
      .toEqual([{ actor: `provider:${who.subject}`, reason: 'receipt' }]);
    expect(receipt.body).toContain('>5 månader<');
    expect(receipt.body).toContain('>14 månader<');
    expect(receipt.body).toContain('>7 månader<');
  });

  it('stores one decision from the form, and rejects one that has not waited three months with a clear message', async () => {
    const who = await signInAsRepresentative(t, [kommun.id]);
    const page = await t.app.inject({ url: '/provider/ej-verkstallda', headers: who.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rapportera ej verkställda beslut');
    expect(page.body).toContain(`value="${QUARTER}" selected`);

    const before = await countRows(t);
    const tooEarly = await postForm(t, who, '/provider/ej-verkstallda/beslut', {
      org: kommun.id,
      'beslut-kvartal': QUARTER,
      beslutsdatum: monthsBefore(3),
      lag: 'LSS',
      insats: 'ledsagarservice',
    });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.body).toContain('href="#beslutsdatum"');
    expect(tooEarly.body).toMatch(/Beslutet hade väntat 3 månader den .* inte mer än 3 månader .* Det ska inte rapporteras för det här kvartalet\./);
    expect(await countRows(t)).toEqual(before);

    // Two bad dates and a missing insats: each date's error says which date it is, in the order of the page.
    const badDates = await postForm(t, who, '/provider/ej-verkstallda/beslut', {
      org: kommun.id,
      'beslut-kvartal': QUARTER,
      beslutsdatum: '15/3',
      lag: 'LSS',
      avbrott: '2026-13-01',
      verkstallt: '2099-01-01',
    });
    expect(badDates.statusCode).toBe(400);
    const summary = badDates.body.slice(badDates.body.indexOf('govuk-error-summary'), badDates.body.indexOf('</ul>', badDates.body.indexOf('govuk-error-summary')));
    const links = [...summary.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links.map(([id]) => id)).toEqual(['beslutsdatum', 'insats', 'avbrott', 'verkstallt']);
    expect(links[0][1]).toBe('Beslutsdatum: skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-15.');
    expect(links[2][1]).toBe('Datum för avbrott: skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-15.');
    expect(links[3][1]).toMatch(/^Datum då beslutet verkställdes: datumet 2099-01-01 är efter kvartalets sista dag/);
    expect(await countRows(t)).toEqual(before);

    const sent = await postForm(t, who, '/provider/ej-verkstallda/beslut', {
      org: kommun.id,
      'beslut-kvartal': QUARTER,
      beslutsdatum: monthsBefore(4),
      lag: 'LSS',
      insats: 'ledsagarservice',
      orsak: 'personalbrist',
    });
    expect(sent.statusCode).toBe(303);
    const signalId = String(sent.headers.location).split('/').pop()!;
    expect(await t.database.db.selectFrom('unexecuted_decision').select(['law', 'kind_of_help', 'reason']).where('signal_id', '=', signalId).execute()).toEqual([
      { law: 'LSS', kind_of_help: 'ledsagarservice', reason: 'personalbrist' },
    ]);
  });

  it('refuses a file already sent for the quarter, naming how many decisions match, until the sender confirms they are other decisions', async () => {
    const who = await signInAsRepresentative(t, [kommun.id]);
    const file = csv(
      `${monthsBefore(10)};SoL;hemtjanst;;;`,
      `${monthsBefore(10)};SoL;hemtjanst;;;`, // two identical decisions in one file are two decisions
      `${monthsBefore(11)};LSS;kontaktperson;personalbrist;;`,
    );
    const upload = (content: string, fields: Record<string, string> = {}) =>
      postUpload(t, who, '/provider/ej-verkstallda/fil', { org: kommun.id, 'fil-kvartal': QUARTER, ...fields }, { field: 'fil', name: 'kvartal.csv', type: 'text/csv', content });
    expect((await upload(file)).statusCode).toBe(303);

    const before = await countRows(t);
    const again = await upload(file);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('href="#fil-bekrafta"');
    expect(again.body).toMatch(new RegExp(`Alla 3 beslut finns redan i en rapport för kvartal ${QUARTER}, senast skickad \\d+ \\p{L}+ \\d{4}\\. Ingenting har sparats\\.`, 'u'));
    expect(again.body).toContain('kryssa i rutan, välj filen igen och skicka igen.');
    expect(again.body).toContain('name="fil-bekrafta" type="checkbox" value="ja"');
    // One more identical decision than was sent before, and a new one: two of four match.
    const grown = csv(`${monthsBefore(10)};SoL;hemtjanst;;;`, `${monthsBefore(10)};SoL;hemtjanst;;;`, `${monthsBefore(10)};SoL;hemtjanst;;;`, `${monthsBefore(12)};LSS;ledsagarservice;;;`);
    const partly = await upload(grown);
    expect(partly.statusCode).toBe(409);
    expect(partly.body).toContain(`2 av 4 beslut finns redan i en rapport för kvartal ${QUARTER}`);
    expect(await countRows(t)).toEqual(before);

    const confirmed = await upload(grown, { 'fil-bekrafta': 'ja' });
    expect(confirmed.statusCode).toBe(303);
    expect((await countRows(t)).unexecuted_decision).toBe(before.unexecuted_decision + 4);

    // The single-decision form: the same decision twice keeps what was written and asks the same question.
    const decision = { org: kommun.id, 'beslut-kvartal': QUARTER, beslutsdatum: monthsBefore(13), lag: 'SoL', insats: 'hemtjanst', orsak: 'resursbrist' };
    expect((await postForm(t, who, '/provider/ej-verkstallda/beslut', decision)).statusCode).toBe(303);
    const twice = await postForm(t, who, '/provider/ej-verkstallda/beslut', decision);
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain(`Beslutet finns redan i en rapport för kvartal ${QUARTER}`);
    expect(twice.body).toContain('href="#beslut-bekrafta"');
    expect(twice.body).toContain(`value="${monthsBefore(13)}"`);
    expect((await postForm(t, who, '/provider/ej-verkstallda/beslut', { ...decision, 'beslut-bekrafta': 'ja' })).statusCode).toBe(303);
  });

  it('refuses spreadsheets, files in another encoding and other file types, storing nothing', async () => {
    const who = await signInAsRepresentative(t, [kommun.id]);
    const before = await countRows(t);
    const upload = (file: { name: string; type: string; content: string | Buffer }) =>
      postUpload(t, who, '/provider/ej-verkstallda/fil', { org: kommun.id, 'fil-kvartal': QUARTER }, { field: 'fil', ...file });
    const xlsx = await upload({ name: 'beslut.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: Buffer.from([0x50, 0x4b, 3, 4]) });
    expect(xlsx.statusCode).toBe(400);
    expect(xlsx.body).toContain('Filen är ett kalkylark');
    const latin1 = await upload({ name: 'beslut.csv', type: 'text/csv', content: Buffer.from(csv(`${monthsBefore(5)};SoL;hemtjanst;Brist på personal;;`), 'latin1') });
    expect(latin1.statusCode).toBe(400);
    expect(latin1.body).toContain('inte sparad som UTF-8');
    const image = await upload({ name: 'beslut.png', type: 'image/png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    expect(image.statusCode).toBe(400);
    expect(image.body).toContain('Filen måste vara en CSV-fil');
    const none = await upload({ name: '', type: 'application/octet-stream', content: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Välj en CSV-fil att ladda upp.');
    // The field itself says what is wrong, not "Filen har 1 fel, se listan ovan".
    expect(none.body).toMatch(/<p id="fil-error" class="govuk-error-message"><span class="govuk-visually-hidden">Fel:<\/span> <span>Välj en CSV-fil att ladda upp\.<\/span>/);
    expect(none.body).not.toContain('Filen har 1 fel');
    const oldQuarter = await postUpload(t, who, '/provider/ej-verkstallda/fil', { org: kommun.id, 'fil-kvartal': '2019-Q1' }, { field: 'fil', name: 'b.csv', type: 'text/csv', content: csv() });
    expect(oldQuarter.statusCode).toBe(400);
    expect(oldQuarter.body).toContain('Välj ett kvartal som har tagit slut.');
    expect(oldQuarter.body).not.toContain('id="fil-error"');
    expect(await countRows(t)).toEqual(before);
  });

  it('refuses an upload over the size limit and one without the CSRF token', async () => {
    const who = await signInAsRepresentative(t, [kommun.id]);
    const before = await countRows(t);
    const big = await postUpload(t, who, '/provider/ej-verkstallda/fil', { org: kommun.id, 'fil-kvartal': QUARTER }, { field: 'fil', name: 'b.csv', type: 'text/csv', content: Buffer.alloc(1024 * 1024 + 10, 0x41) });
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('Filen är större än 1 MB');
    const forged = await postUpload(t, who, '/provider/ej-verkstallda/fil', { org: kommun.id, 'fil-kvartal': QUARTER }, { field: 'fil', name: 'b.csv', type: 'text/csv', content: csv(`${monthsBefore(5)};SoL;hemtjanst;;;`) }, { csrf: false });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('CSRF');
    expect(await countRows(t)).toEqual(before);
  });

  it('gives a representative nothing of another kommun, and nothing to a company (404, nothing changed)', async () => {
    const who = await signInAsRepresentative(t, [kommun.id]);
    const before = await countRows(t);
    expect((await t.app.inject({ url: `/provider/ej-verkstallda?org=${otherKommun.id}`, headers: who.headers })).statusCode).toBe(404);
    const form = await postForm(t, who, '/provider/ej-verkstallda/beslut', { org: otherKommun.id, 'beslut-kvartal': QUARTER, beslutsdatum: monthsBefore(6), lag: 'SoL', insats: 'hemtjanst' });
    expect(form.statusCode).toBe(404);
    const file = await postUpload(t, who, '/provider/ej-verkstallda/fil', { org: otherKommun.id, 'fil-kvartal': QUARTER }, { field: 'fil', name: 'b.csv', type: 'text/csv', content: csv(`${monthsBefore(5)};SoL;hemtjanst;;;`) });
    expect(file.statusCode).toBe(404);
    expect(await countRows(t)).toEqual(before);

    const owner = await signInAsRepresentative(t, [otherKommun.id]);
    const theirs = await postForm(t, owner, '/provider/ej-verkstallda/beslut', { org: otherKommun.id, 'beslut-kvartal': QUARTER, beslutsdatum: monthsBefore(6), lag: 'SoL', insats: 'hemtjanst' });
    expect(theirs.statusCode).toBe(303);
    expect((await t.app.inject({ url: String(theirs.headers.location), headers: who.headers })).statusCode).toBe(404);

    const companyRep = await signInAsRepresentative(t, [company.id]);
    expect((await t.app.inject({ url: '/provider/ej-verkstallda', headers: companyRep.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/provider/ej-verkstallda?org=${company.id}`, headers: companyRep.headers })).statusCode).toBe(404);
  });

  it('offers a CSV template', async () => {
    const who = await signInAsRepresentative(t, [kommun.id]);
    const response = await t.app.inject({ url: '/provider/ej-verkstallda/mall.csv', headers: who.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.body).toContain('beslutsdatum;lag;insats;orsak;avbrott;verkställt');
  });
});
