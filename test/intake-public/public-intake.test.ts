import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicIntakeRoutes, solveProofOfWork, summariseServiceFeedback } from '../../src/modules/intake/public/index.ts';
import { hashReceiptCode, normaliseReceiptCode } from '../../src/modules/intake/public/receipt-code.ts';
import { installErrorHandling } from '../../src/platform/http/errors.tsx';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import {
  formToken,
  hiddenValue,
  postForm,
  receiptCodeOf,
  rowCounts,
  SMALL_PDF,
  smallJpeg,
  smallPng,
  summaryFields,
  testPersonnummer,
  type Fields,
} from './support.ts';

describe.each(databaseKinds)('the public e-services on %s', (kind) => {
  let t: TestApp;
  let unit: { id: string; provider_id: string };
  let token: () => string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    unit = await buildUnit(t.database.db, { name: 'HVB Ekbacken', kommun: '1480', postal_code: '41101', city: 'Göteborg', street: 'Ekvägen 3' });
    token = () => formToken(t.config.sessionSecret);
  });
  afterAll(async () => {
    await t?.close();
  });

  const tip = (overrides: Fields = {}): Fields => ({ unitId: unit.id, what: 'Personalen låser in barnen på rummen på nätterna.', contact: 'no', formToken: token(), website: '', ...overrides });

  it('shows every page of the flow without setting a cookie', async () => {
    for (const url of ['/tipsa', '/tipsa/verksamhet', '/tipsa/verksamhet?namn=ekbacken', `/tipsa/skriv?enhet=${unit.id}`, '/tipsa/skriv', '/tipsa/uppfoljning', '/ung', '/ung/skriv', '/klagomal', '/klagomal/verksamhet?kommun=1480', '/klagomal/skriv']) {
      const response = await t.app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['set-cookie'], url).toBeUndefined();
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('gives a text over its limit back whole, with its length, so nothing written is lost', async () => {
    for (const unit of ['a', 'å']) {
      const what = unit.repeat(20_000);
      for (const multipart of [false, true]) {
        const response = await postForm(t.app, '/tipsa/skriv', tip({ what }), { multipart });
        expect(response.statusCode).toBe(400);
        expect(response.body).toMatch(/högst 10\s000 tecken\. Du har skrivit 20\s000\./);
        expect(response.body).toContain(`>${what}</textarea>`);
      }
    }
  });

  it('speaks to children in their words on /ung, and says before they write what happens next', async () => {
    const start = (await t.app.inject({ url: '/ung' })).body;
    expect(start).toContain('Vi berättar inte för stället vem som har skrivit.');
    const form = (await t.app.inject({ url: '/ung/skriv' })).body;
    expect(form).toContain('Vad heter stället? (om du vet)');
    expect(form).toContain('Sök efter stället');
    expect(form).not.toContain('Verksamhetens namn');
    expect((await t.app.inject({ url: '/tipsa/skriv' })).body).toContain('Verksamhetens namn');
  });

  it('tells children what to mend in their words on /ung, and adults in theirs on /tipsa', async () => {
    const wrong = { what: 'x'.repeat(10_001), 'when-day': '31', 'when-month': '2', 'when-year': '2026', contact: 'yes', formToken: token() };
    const child = await postForm(t.app, '/ung/skriv', wrong, { multipart: true });
    expect(child.statusCode).toBe(400);
    expect(child.body).toContain('Datumet blev fel. Skriv dag, månad och år med siffror, till exempel 27 3 2026. Du kan också lämna rutorna tomma.');
    expect(child.body).toContain('Skriv hur vi kan nå dig: en e-postadress eller ett telefonnummer.');
    expect(child.body).toMatch(/Det du har skrivit får vara högst 10\s000 tecken\. Du har skrivit 10\s001\./);
    expect(child.body).not.toContain('Texten om vad som har hänt');
    const adult = await postForm(t.app, '/tipsa/skriv', tip(wrong), { multipart: true });
    expect(adult.statusCode).toBe(400);
    expect(adult.body).toContain('Datumet måste vara ett riktigt datum, till exempel 27 3 2026.');
    expect(adult.body).toContain('Skriv en e-postadress eller ett telefonnummer, eller välj att inte lämna kontaktuppgifter');
    expect(adult.body).toMatch(/Texten om vad som har hänt får vara högst 10\s000 tecken/);
  });

  it('finds units by part of the name and by kommun, and leads to the form for the one picked', async () => {
    const byName = await t.app.inject({ url: '/tipsa/verksamhet?namn=ekback' });
    expect(byName.body).toContain(`href="/tipsa/skriv?enhet=${unit.id}"`);
    const byKommun = await t.app.inject({ url: '/tipsa/verksamhet?kommun=1480' });
    expect(byKommun.body).toContain('HVB Ekbacken');
    const elsewhere = await t.app.inject({ url: '/tipsa/verksamhet?namn=ekbacken&kommun=0180' });
    expect(elsewhere.body).toContain('Inga träffar');
    const wildcard = await t.app.inject({ url: '/tipsa/verksamhet?namn=%25' });
    expect(wildcard.body).toContain('Inga träffar');
    const bad = await t.app.inject({ url: '/tipsa/verksamhet?kommun=9999' });
    expect(bad.statusCode).toBe(400);
    expect(summaryFields(bad.body)).toEqual(['kommun']);
    const form = await t.app.inject({ url: `/tipsa/skriv?enhet=${unit.id}` });
    expect(form.body).toContain('HVB Ekbacken');
    expect(hiddenValue(form.body, 'unitId')).toBe(unit.id);
  });

  it('stores an anonymous tip with its attachments and the hash of its receipt, and shows the code once', async () => {
    const before = await rowCounts(t.database.db);
    const response = await postForm(t.app, '/tipsa/skriv', tip({ 'when-day': '2', 'when-month': '11', 'when-year': '2026' }), {
      files: [
        // The browser's name and type say PDF; the bytes say PNG, with an author in a text chunk.
        { name: 'Anna Svensson.pdf', type: 'application/pdf', content: smallPng('Anna Svensson') },
        { name: 'foto.jpg', type: 'image/jpeg', content: smallJpeg('GPS 57.70N 11.97E') },
        { name: 'brev.pdf', type: 'application/octet-stream', content: SMALL_PDF },
      ],
    });
    expect(response.statusCode).toBe(200);
    const shown = receiptCodeOf(response.body)!;
    expect(shown).toMatch(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);
    const code = normaliseReceiptCode(shown)!;

    const receipt = await t.database.db.selectFrom('signal_receipt').selectAll().where('code_hash', '=', hashReceiptCode(code)).executeTakeFirstOrThrow();
    const signal = await t.database.db.selectFrom('signal').selectAll().where('id', '=', receipt.signal_id).executeTakeFirstOrThrow();
    expect(signal).toMatchObject({
      channel: 'tip',
      unit_id: unit.id,
      unit_match: 'given',
      provider_id: unit.provider_id,
      department_code: 'vast',
      submitter_kind: 'anonymous',
      contact: null,
      occurred_on: '2026-11-02',
      triage_status: 'new',
    });
    const attachments = await t.database.db.selectFrom('signal_attachment').selectAll().where('signal_id', '=', signal.id).orderBy('id').execute();
    expect(attachments.map((a) => [a.file_name, a.media_type])).toEqual([
      ['bilaga-1.png', 'image/png'],
      ['bilaga-2.jpg', 'image/jpeg'],
      ['bilaga-3.pdf', 'application/pdf'],
    ]);
    for (const a of attachments) expect(Buffer.from(a.content).toString('latin1')).not.toMatch(/Anna|GPS/);

    const after = await rowCounts(t.database.db);
    expect(after.signal - before.signal).toBe(1);
    expect(after.signal_attachment - before.signal_attachment).toBe(3);
    expect(after.signal_receipt - before.signal_receipt).toBe(1);
    // The code itself is in no row: only its hash.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from signal_receipt r join signal s on s.id = r.signal_id
      where r.code_hash = ${code} or s.text like ${`%${code}%`} or s.extra::text like ${`%${code}%`}`.execute(t.database.db);
    expect(rows[0].n).toBe(0);
  });

  it('keeps the contact details only when the sender chose to give them', async () => {
    const identified = await postForm(t.app, '/tipsa/skriv', tip({ contact: 'yes', contactName: 'Kim', contactEmail: 'kim@example.se' }));
    expect(identified.statusCode).toBe(200);
    const anonymous = await postForm(t.app, '/tipsa/skriv', tip({ contact: 'no', contactName: 'Kim', contactEmail: 'kim@example.se', contactPhone: '070-123 45 67' }));
    expect(anonymous.statusCode).toBe(200);
    const rows = await t.database.db.selectFrom('signal_receipt').innerJoin('signal', 'signal.id', 'signal_receipt.signal_id').select(['code_hash', 'submitter_kind', 'contact']).execute();
    const byCode = (html: string) => rows.find((r) => r.code_hash === hashReceiptCode(normaliseReceiptCode(receiptCodeOf(html)!)!));
    expect(byCode(identified.body)).toMatchObject({ submitter_kind: 'identified', contact: { name: 'Kim', email: 'kim@example.se' } });
    expect(byCode(anonymous.body)).toMatchObject({ submitter_kind: 'anonymous', contact: null });
    // Only the anonymous sender is told we do not know who they are; on /ung too.
    expect(anonymous.body).toContain('vi inte vet vem du är');
    expect(identified.body).not.toContain('vet vem du är');
    expect(identified.body).toContain('Du har lämnat kontaktuppgifter');
    const child = await postForm(t.app, '/ung/skriv', { what: 'De vuxna skriker på oss.', contact: 'yes', contactEmail: 'elev@example.se', formToken: token(), website: '' });
    expect(child.statusCode).toBe(200);
    expect(child.body).not.toContain('vet vem du är');
    expect(child.body).toContain('Du har skrivit hur vi når dig.');
  });

  it('takes a unit described in words and keeps the description for matching', async () => {
    const response = await postForm(t.app, '/tipsa/skriv', tip({ unitId: undefined, unitName: 'Ekbacken HVB', unitKommun: '1480', unitAddress: 'Ekvägen 3' }));
    expect(response.statusCode).toBe(200);
    const code = normaliseReceiptCode(receiptCodeOf(response.body)!)!;
    const signal = await t.database.db
      .selectFrom('signal_receipt')
      .innerJoin('signal', 'signal.id', 'signal_receipt.signal_id')
      .select(['unit_id', 'unit_match', 'unit_hint', 'department_code'])
      .where('code_hash', '=', hashReceiptCode(code))
      .executeTakeFirstOrThrow();
    expect(signal).toMatchObject({ unit_id: unit.id, unit_match: 'automatic', department_code: 'vast', unit_hint: { name: 'Ekbacken HVB', kommun: '1480', address: 'Ekvägen 3' } });
  });

  it('shows the form again with every problem named, keeps what was written, and stores nothing', async () => {
    const before = await rowCounts(t.database.db);
    const response = await postForm(
      t.app,
      '/tipsa/skriv',
      { unitName: '', unitKommun: '9999', what: '', 'when-day': '31', 'when-month': '2', 'when-year': '2026', contact: 'yes', contactEmail: 'inte-en-adress', formToken: token(), website: '' },
      { files: [{ name: 'virus.png', type: 'image/png', content: Buffer.from('MZ this is not a picture') }] },
    );
    expect(response.statusCode).toBe(400);
    expect(summaryFields(response.body)).toEqual(['unitName', 'unitKommun', 'what', 'when', 'contactEmail', 'attachments']);
    expect(response.body).toContain('href="#when-day"');
    expect(response.body).toContain('value="inte-en-adress"');
    expect(response.body).toContain('Du behöver välja filerna igen.');
    expect(response.body).toMatch(/<title>Fel: /);
    expect(await rowCounts(t.database.db)).toEqual(before);
  });

  it('refuses too many files and files over 5 MB', async () => {
    const before = await rowCounts(t.database.db);
    const four = await postForm(t.app, '/tipsa/skriv', tip(), { files: [1, 2, 3, 4].map((n) => ({ name: `${n}.png`, type: 'image/png', content: smallPng() })) });
    expect(four.statusCode).toBe(400);
    expect(summaryFields(four.body)).toEqual(['attachments']);
    expect(four.body).toContain('högst 3 filer');
    const big = Buffer.concat([smallPng(), Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await postForm(t.app, '/tipsa/skriv', tip(), { files: [{ name: 'stor.png', type: 'image/png', content: big }] });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.body).toContain('större än 5 MB');
    expect(await rowCounts(t.database.db)).toEqual(before);
  });

  it('refuses a form sent too fast, without its token, with the honeypot filled in, or from another site', async () => {
    const before = await rowCounts(t.database.db);
    const fresh = await t.app.inject({ url: `/tipsa/skriv?enhet=${unit.id}` });
    const tooFast = await postForm(t.app, '/tipsa/skriv', tip({ formToken: hiddenValue(fresh.body, 'formToken') }));
    expect(tooFast.statusCode).toBe(400);
    expect(summaryFields(tooFast.body)).toEqual(['formToken']);
    expect(tooFast.body).toContain('för snabbt');
    expect(tooFast.body).toContain('Personalen låser in barnen');
    const noToken = await postForm(t.app, '/tipsa/skriv', tip({ formToken: undefined }));
    expect(summaryFields(noToken.body)).toEqual(['formToken']);
    const robot = await postForm(t.app, '/tipsa/skriv', tip({ website: 'http://spam.example' }));
    expect(summaryFields(robot.body)).toEqual(['website']);
    const crossSite = await postForm(t.app, '/tipsa/skriv', tip(), { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(400);
    const otherOrigin = await postForm(t.app, '/tipsa/skriv', tip(), { headers: { origin: 'https://evil.example' } });
    expect(otherOrigin.statusCode).toBe(400);
    const sameOrigin = await postForm(t.app, '/tipsa/skriv', tip(), { headers: { 'sec-fetch-site': 'same-origin', origin: 'null' } });
    expect(sameOrigin.statusCode).toBe(200);
    const after = await rowCounts(t.database.db);
    expect(after.signal - before.signal).toBe(1);
  });

  it('stores a form sent twice (a reload of the receipt, a double click) only once, and says so', async () => {
    const before = await rowCounts(t.database.db);
    const fields = tip();
    expect((await postForm(t.app, '/tipsa/skriv', fields)).statusCode).toBe(200);
    const again = await postForm(t.app, '/tipsa/skriv', fields);
    expect(again.statusCode).toBe(409);
    expect(summaryFields(again.body)).toEqual(['formToken']);
    expect(again.body).toContain('redan skickats');
    // The page comes back with a fresh token: sending it on purpose works.
    expect(hiddenValue(again.body, 'formToken')).not.toBe(fields.formToken);
    const after = await rowCounts(t.database.db);
    expect(after.signal - before.signal).toBe(1);
  });

  it('lets a tipster read a question from staff and answer it with the receipt code, and shows nothing else', async () => {
    const sent = await postForm(t.app, '/tipsa/skriv', tip());
    const shown = receiptCodeOf(sent.body)!;
    const { signal_id } = await t.database.db.selectFrom('signal_receipt').select('signal_id').where('code_hash', '=', hashReceiptCode(normaliseReceiptCode(shown)!)).executeTakeFirstOrThrow();
    await t.database.db.updateTable('signal').set({ triage_status: 'done', assigned_to: 'inspector-1' }).where('id', '=', signal_id).execute();
    await t.database.db.insertInto('signal_message').values({ signal_id, direction: 'to_sender', author: 'inspector-1', body: 'Vilken avdelning gäller det?' }).execute();

    const wrong = await postForm(t.app, '/tipsa/uppfoljning', { code: 'AAAA-BBBB-CCCC-DDDD-EEEE' });
    expect(wrong.statusCode).toBe(400);
    expect(summaryFields(wrong.body)).toEqual(['code']);
    const malformed = await postForm(t.app, '/tipsa/uppfoljning', { code: 'hej' });
    expect(summaryFields(malformed.body)).toEqual(['code']);

    // Typed the way people do: lower case, spaces instead of dashes.
    const thread = await postForm(t.app, '/tipsa/uppfoljning', { code: shown.toLowerCase().replace(/-/g, ' ') });
    expect(thread.statusCode).toBe(200);
    expect(thread.body).toContain('Vilken avdelning gäller det?');
    expect(thread.body).not.toContain('inspector-1');
    expect(thread.body).not.toMatch(/done|avslutad|in_progress/i);
    expect(thread.body).not.toContain('Personalen låser in barnen');

    const answer = { code: hiddenValue(thread.body, 'code'), message: 'Avdelning 2, på nätterna.', formToken: token(), website: '' };
    const answered = await postForm(t.app, '/tipsa/uppfoljning/svar', answer);
    expect(answered.statusCode).toBe(200);
    expect((await postForm(t.app, '/tipsa/uppfoljning/svar', answer)).statusCode).toBe(409);
    expect(answered.body).toContain('Ditt meddelande har skickats.');
    expect(answered.body).toContain('Avdelning 2, på nätterna.');
    const messages = await t.database.db.selectFrom('signal_message').select(['direction', 'author', 'body']).where('signal_id', '=', signal_id).orderBy('id').execute();
    expect(messages).toEqual([
      { direction: 'to_sender', author: 'inspector-1', body: 'Vilken avdelning gäller det?' },
      { direction: 'from_sender', author: null, body: 'Avdelning 2, på nätterna.' },
    ]);

    const before = await rowCounts(t.database.db);
    const wrongAnswer = await postForm(t.app, '/tipsa/uppfoljning/svar', { code: 'AAAA-BBBB-CCCC-DDDD-EEEE', message: 'x', formToken: token() });
    expect(summaryFields(wrongAnswer.body)).toEqual(['code']);
    const emptyAnswer = await postForm(t.app, '/tipsa/uppfoljning/svar', { code: shown, message: ' ', formToken: token() });
    expect(emptyAnswer.statusCode).toBe(400);
    expect(summaryFields(emptyAnswer.body)).toEqual(['message']);
    expect(await rowCounts(t.database.db)).toEqual(before);
  });

  it('takes a child’s message without any unit, in the child_line channel', async () => {
    const response = await postForm(t.app, '/ung/skriv', { what: 'En vuxen på boendet slår mig.', formToken: token() }, { multipart: true });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Tack för att du berättade');
    expect(response.body).toContain('116 111');
    const code = normaliseReceiptCode(receiptCodeOf(response.body)!)!;
    const signal = await t.database.db
      .selectFrom('signal_receipt')
      .innerJoin('signal', 'signal.id', 'signal_receipt.signal_id')
      .select(['channel', 'unit_id', 'unit_match', 'submitter_kind'])
      .where('code_hash', '=', hashReceiptCode(code))
      .executeTakeFirstOrThrow();
    expect(signal).toEqual({ channel: 'child_line', unit_id: null, unit_match: 'unmatched', submitter_kind: 'anonymous' });
    // The same code reads the thread in the children's words.
    const thread = await postForm(t.app, '/ung/uppfoljning', { code });
    expect(thread.body).toContain('Vi har inte skrivit något till dig än.');
  });

  const complaint = (overrides: Fields = {}): Fields => ({
    complainantName: 'Alex Andersson',
    complainantPersonnummer: testPersonnummer(9282),
    complainantEmail: 'alex@example.se',
    relation: 'relative',
    patientName: 'Bo Andersson',
    patientPersonnummer: testPersonnummer(20_000),
    unitId: unit.id,
    'eventDate-day': '1',
    'eventDate-month': '9',
    'eventDate-year': '2026',
    what: 'Pappa fick fel medicin och föll.',
    harmKinds: ['permanent_injury'],
    harm: 'Höftfraktur, kan inte gå längre.',
    formToken: token(),
    website: '',
    ...overrides,
  });

  it('stores a complaint with the triage rules’ recommendation, in the same transaction as its signal', async () => {
    const before = await rowCounts(t.database.db);
    const response = await postForm(t.app, '/klagomal/skriv', complaint());
    expect(response.statusCode).toBe(200);
    const signalId = /<strong>(S-\d{8}-[0-9a-f]{8})<\/strong>/.exec(response.body)![1];
    const row = await t.database.db.selectFrom('complaint').innerJoin('signal', 'signal.id', 'complaint.signal_id').selectAll().where('signal_id', '=', signalId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'complaint',
      submitter_kind: 'identified',
      unit_id: unit.id,
      personnummer: testPersonnummer(20_000),
      complainant_personnummer: testPersonnummer(9282),
      patient_personnummer: testPersonnummer(20_000),
      relation: 'relative',
      event_date: '2026-09-01',
      recommendation: { outcome: 'investigate', isDecision: false },
    });
    const after = await rowCounts(t.database.db);
    expect([after.signal - before.signal, after.complaint - before.complaint, after.signal_receipt - before.signal_receipt]).toEqual([1, 1, 0]);
  });

  it('uses the complainant’s own personnummer when they are the patient, and refers an old minor event for special reasons', async () => {
    const response = await postForm(
      t.app,
      '/klagomal/skriv',
      complaint({ relation: 'self', patientName: '', patientPersonnummer: '', 'eventDate-year': '2019', harmKinds: ['temporary'] }),
    );
    expect(response.statusCode).toBe(200);
    const signalId = /<strong>(S-\d{8}-[0-9a-f]{8})<\/strong>/.exec(response.body)![1];
    const row = await t.database.db.selectFrom('complaint').innerJoin('signal', 'signal.id', 'complaint.signal_id').selectAll().where('signal_id', '=', signalId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ personnummer: testPersonnummer(9282), patient_personnummer: null, patient_name: null, recommendation: { outcome: 'needs_special_reasons' } });
  });

  it('names each problem in a complaint and stores nothing', async () => {
    const before = await rowCounts(t.database.db);
    const response = await postForm(
      t.app,
      '/klagomal/skriv',
      complaint({ complainantPersonnummer: '19800113-9290', patientPersonnummer: '', 'eventDate-year': '2999', harmKinds: [], unitId: 'U-finns-inte' }),
    );
    expect(response.statusCode).toBe(400);
    expect(summaryFields(response.body).sort()).toEqual(['complainantPersonnummer', 'eventDate', 'harmKinds', 'patientPersonnummer', 'unitId'].sort());
    expect(await rowCounts(t.database.db)).toEqual(before);
  });

  it('takes feedback on the service apart from what was sent, and sums it up for staff', async () => {
    const receipt = await postForm(t.app, '/tipsa/skriv', tip());
    expect(hiddenValue(receipt.body, 'service')).toBe('tipsa');
    for (const [rating, comment] of [['5', 'Enkelt!'], ['2', ''], ['4', 'Bra att man kan vara anonym.']]) {
      const response = await postForm(t.app, '/synpunkter', { service: 'tipsa', rating, comment, formToken: token() });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Tack för dina synpunkter');
    }
    const bad = await postForm(t.app, '/synpunkter', { service: 'tipsa', rating: '6', formToken: token() });
    expect(bad.statusCode).toBe(400);
    expect(summaryFields(bad.body)).toEqual(['rating']);
    const summary = await summariseServiceFeedback(t.database.db);
    const tipsa = summary.find((s) => s.service === 'tipsa')!;
    expect(tipsa).toMatchObject({ count: 3, meanRating: 3.7, ratings: [0, 1, 0, 1, 1] });
    expect(tipsa.latestComments.map((c) => c.comment).sort()).toEqual(['Bra att man kan vara anonym.', 'Enkelt!']);
    expect(summary.find((s) => s.service === 'klagomal')).toMatchObject({ count: 0, meanRating: null });
    const columns = await t.database.db.selectFrom('service_feedback').selectAll().execute();
    expect(Object.keys(columns[0]).sort()).toEqual(['comment', 'created_at', 'id', 'rating', 'service']);
  });
});

describe('the global limit on submissions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets a solved proof of work through when the plain allowance is spent, and answers 429 otherwise', async () => {
    // The routes alone, with tiny buckets, on the same database.
    const app = Fastify({ logger: false });
    await app.register(formbody);
    installErrorHandling(app);
    const limits = { submissions: { capacity: 1, refillPerSecond: 0 }, provenSubmissions: { capacity: 1, refillPerSecond: 0 }, powBits: 8 };
    await publicIntakeRoutes(app, { config: t.config, db: t.database.db, dbKind: t.database.kind }, { classify: () => ({ riskAreas: [], urgency: 'normal', explanation: '' }) }, { limits });
    await app.ready();
    const fields = () => ({ what: 'Det luktar rök i korridoren varje natt.', formToken: formToken(t.config.sessionSecret) });
    expect((await postForm(app, '/ung/skriv', fields())).statusCode).toBe(200);
    const refused = await postForm(app, '/ung/skriv', fields());
    expect(refused.statusCode).toBe(429);
    expect(summaryFields(refused.body)).toEqual(['formToken']);
    expect(refused.body).toContain('Det luktar rök');
    const proven = fields();
    const withProof = { ...proven, pow: solveProofOfWork(proven.formToken, 8) };
    expect((await postForm(app, '/ung/skriv', withProof)).statusCode).toBe(200);
    // The same form (and its solved puzzle) does not buy a second submission.
    expect((await postForm(app, '/ung/skriv', withProof)).statusCode).toBe(409);
    // Nor does a puzzle solved for another form.
    expect((await postForm(app, '/ung/skriv', { ...fields(), pow: withProof.pow })).statusCode).toBe(429);
    await app.close();
  });

  it('never refuses a right receipt code because of other people’s wrong ones', async () => {
    const app = Fastify({ logger: false });
    await app.register(formbody);
    installErrorHandling(app);
    const limits = { followUps: { capacity: 1, refillPerSecond: 0 } };
    await publicIntakeRoutes(app, { config: t.config, db: t.database.db, dbKind: t.database.kind }, { classify: () => ({ riskAreas: [], urgency: 'normal', explanation: '' }) }, { limits });
    await app.ready();
    const sent = await postForm(app, '/ung/skriv', { what: 'Personalen sover på nattpasset.', formToken: formToken(t.config.sessionSecret) });
    expect(sent.statusCode).toBe(200);
    const code = receiptCodeOf(sent.body)!;
    const wrong = 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZ1';
    expect((await postForm(app, '/ung/uppfoljning', { code: wrong })).statusCode).toBe(400);
    // The shared allowance for wrong codes is spent …
    expect((await postForm(app, '/ung/uppfoljning', { code: wrong })).statusCode).toBe(429);
    // … and the right code still opens its thread.
    const opened = await postForm(app, '/ung/uppfoljning', { code });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Läs svar och frågor');
    await app.close();
  });
});
