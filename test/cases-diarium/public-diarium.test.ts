import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { receiveTestSignal } from '../intake-triage/signals.ts';
import { FILES, openTestCase, personOf, requests, snapshot } from './helpers.ts';

describe.each(databaseKinds)('the public diarium on %s', (kind) => {
  let t: TestApp;
  let http: ReturnType<typeof requests>;
  let inspector: SignedIn;
  let diarienummer: string;
  let otherDiarienummer: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    http = requests(t);
    const db = t.database.db;
    const unit = await buildUnit(db, { name: 'Vårdcentralen Linden', form: 'vardcentral', kommun: '0180' });
    const other = await buildUnit(db, { name: 'HVB Granen', kommun: '1280', postal_code: '21115', city: 'Malmö' });
    inspector = await signInAs(t, 'inspector', 'stockholm');
    const signal = await receiveTestSignal(db, { channel: 'complaint', unitId: unit.id, text: 'Personalen sa att Pelle Persson inte fick mat.' });
    const opened = await openTestCase(db, { unitId: unit.id, title: 'Klagomål på bemötande vid vårdcentral', signalIds: [signal.id], responsible: personOf(inspector) });
    diarienummer = opened.diarienummer;
    otherDiarienummer = (await openTestCase(db, { unitId: other.id, caseType: 'lex_sarah', title: 'Rapport enligt lex Sarah om bemanning' })).diarienummer;
    const base = `/staff/arenden/${opened.id}/handlingar`;
    const documents: [Record<string, string>, boolean][] = [
      [{ direction: 'outgoing', documentDate: '2026-02-01', counterpart: 'Region Stockholm', subject: 'Begäran om yttrande', secrecy: 'public', secrecyReference: '' }, true],
      [{ direction: 'incoming', documentDate: '2026-02-10', counterpart: 'Karin Klagandesson', subject: 'Komplettering från anmälaren', secrecy: 'secret', secrecyReference: '25 kap. 1 § OSL' }, true],
      [{ direction: 'incoming', documentDate: '2026-02-20', counterpart: 'Doktor Hemligsson', subject: 'Yttrande med journalkopior', secrecy: 'partly_secret', secrecyReference: '25 kap. 1 § OSL' }, false],
    ];
    for (const [form, withFile] of documents) {
      const response = await http.upload(base, inspector, form, withFile ? { name: 'handling-med-namn-pa-patient.pdf', content: FILES.pdf } : undefined);
      expect(response.statusCode).toBe(303);
    }
    await db.updateTable('case_file').set({ responsible_name: 'Handläggare Hemlig' }).where('id', '=', opened.id).execute();
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds cases without signing in, by words of the heading, by unit and by diarienummer', async () => {
    const byWord = await http.get('/diarium?q=bem%C3%B6tande');
    expect(byWord.statusCode).toBe(200);
    expect(byWord.body).toContain(diarienummer);
    expect(byWord.body).not.toContain(otherDiarienummer);
    expect(byWord.body).toContain('<html lang="sv"');
    const byUnit = await http.get('/diarium?q=linden');
    expect(byUnit.body).toContain(diarienummer);
    const byNumber = await http.get(`/diarium?q=${encodeURIComponent(diarienummer)}`);
    expect(byNumber.body).toContain(diarienummer);
    expect(byNumber.body).not.toContain(otherDiarienummer);
    const byType = await http.get('/diarium?typ=lex_sarah');
    expect(byType.body).toContain(otherDiarienummer);
    expect(byType.body).not.toContain(diarienummer);
    const everything = await http.get('/diarium');
    expect(everything.body).toContain('2 ärenden');
  });

  it('masks secret parts: the marking and its reference, never the counterpart or a file; partly secret masks the counterpart', async () => {
    for (const url of [`/diarium/${encodeURIComponent(diarienummer)}`, '/diarium?q=bem%C3%B6tande']) {
      const page = await http.get(url);
      expect(page.statusCode).toBe(200);
      const html = page.body;
      expect(html).toContain('Klagomål på bemötande vid vårdcentral');
      expect(html).toContain('Vårdcentralen Linden');
      // Public document: everything shown.
      expect(html).toContain('Begäran om yttrande');
      expect(html).toContain('Region Stockholm');
      // Secret document: its row and marking, not its counterpart.
      expect(html).toContain('Komplettering från anmälaren');
      expect(html).toContain('Sekretessmarkerad enligt 25 kap. 1 § OSL');
      expect(html).not.toContain('Karin Klagandesson');
      // Partly secret: the counterpart masked.
      expect(html).toContain('Yttrande med journalkopior');
      expect(html).toContain('Delvis sekretessmarkerad enligt 25 kap. 1 § OSL');
      expect(html).not.toContain('Doktor Hemligsson');
      // The signal's content, file names, staff names and internal links never appear.
      expect(html).not.toContain('Pelle Persson');
      expect(html).not.toContain('handling-med-namn-pa-patient');
      expect(html).not.toContain('versioner');
      expect(html).not.toContain('Handläggare Hemlig');
      expect(html).not.toContain(inspector.name);
      expect(html).not.toContain('/staff/');
    }
  });

  it('answers 404 for a case that does not exist and 400 naming the field for a bad date, writing nothing', async () => {
    const before = await snapshot(t.database.db);
    expect((await http.get('/diarium/3.1-99999%2F2026')).statusCode).toBe(404);
    const bad = await http.get('/diarium?fran=2026-13-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Skriv från-datumet som ÅÅÅÅ-MM-DD');
    expect(bad.body).toContain('href="#fran"');
    const reversed = await http.get('/diarium?fran=2026-05-01&till=2026-04-01');
    expect(reversed.statusCode).toBe(400);
    expect(await snapshot(t.database.db)).toEqual(before);
  });

  it('filters on the date a case was opened, in Swedish time', async () => {
    const opened = await t.database.db.selectFrom('case_file').select('opened_at').where('diarienummer', '=', diarienummer).executeTakeFirstOrThrow();
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(opened.opened_at));
    const sameDay = await http.get(`/diarium?fran=${day}&till=${day}`);
    expect(sameDay.body).toContain(diarienummer);
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const later = await http.get(`/diarium?fran=${next.toISOString().slice(0, 10)}`);
    expect(later.statusCode).toBe(200);
    expect(later.body).not.toContain(diarienummer);
  });
});
