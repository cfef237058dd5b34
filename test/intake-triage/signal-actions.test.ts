import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { openCase } from '../../src/modules/cases/index.ts';
import { auditRowsAfter, countRows, giveReceipt, lastAuditId, receiveTestSignal } from './signals.ts';

type Unit = Awaited<ReturnType<typeof buildUnit>>;

describe.each(databaseKinds)('the signal page and its actions on %s', (kind) => {
  let t: TestApp;
  let solrosen: Unit;
  let granen: Unit;
  let malmo: Unit;
  let inspector: SignedIn;
  let colleague: SignedIn;
  let outsider: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    solrosen = await buildUnit(db, { name: 'HVB Solrosen', kommun: '0180' });
    granen = await buildUnit(db, { name: 'HVB Granen', kommun: '0180' });
    malmo = await buildUnit(db, { name: 'HVB Havsbrisen', kommun: '1280', postal_code: '21115', city: 'Malmö' });
    inspector = await signInAs(t, 'inspector', 'stockholm');
    colleague = await signInAs(t, 'inspector', 'stockholm');
    outsider = await signInAs(t, 'inspector', 'syd');
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.database.db;
  const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const post = (url: string, who: SignedIn, form: Record<string, string | string[]>, csrf = who.csrfToken) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...form, _csrf: csrf })) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return t.app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  };
  const signalRow = (id: string) => db().selectFrom('signal').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const newSignal = (text = 'Personalen slår barnen. <script>alert(1)</script>') =>
    receiveTestSignal(db(), { unitHint: { name: 'Solrosens hem', kommun: '0180' }, text }, { urgency: 'high', riskAreas: ['safety_abuse'] });

  /** Everything an action could change, to show that a refused one changed nothing. */
  const snapshot = async (id: string) => ({
    signal: await signalRow(id),
    audit: await countRows(db(), 'audit_log'),
    notes: await countRows(db(), 'signal_note'),
    messages: await countRows(db(), 'signal_message'),
    corrections: await countRows(db(), 'classifier_correction'),
  });

  it('shows the full text, escaped, with the explanation and the suggestions, and logs the read with the reason "triage"', async () => {
    const { id } = await newSignal();
    const before = await lastAuditId(db());
    const response = await get(`/staff/signals/${id}`, inspector);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('Personalen slår barnen. &lt;script>alert(1)&lt;/script>');
    expect(response.body).not.toContain('<script>alert(1)');
    expect(response.body).toContain('Orden ”slår” och ”barnen” talar för safety_abuse.');
    expect(response.body).toContain('Koppla till HVB Solrosen');
    const audit = await auditRowsAfter(db(), before);
    expect(audit).toEqual([expect.objectContaining({ action: 'signal.read', entity_id: id, reason: 'triage', actor: `staff:${inspector.subject}` })]);
  });

  it('gives an inspector of another department a 404 for the page and every action, and changes nothing', async () => {
    const { id } = await newSignal();
    const code = await giveReceipt(db(), id);
    expect(code).toBeTruthy();
    const before = await snapshot(id);
    expect((await get(`/staff/signals/${id}`, outsider)).statusCode).toBe(404);
    expect((await get(`/staff/signals/${id}/verksamhet?q=Solrosen`, outsider)).statusCode).toBe(404);
    const attempts: [string, Record<string, string | string[]>][] = [
      ['tilldela', { assignee: 'me' }],
      ['status', { status: 'done' }],
      ['anteckningar', { note: 'Kapad' }],
      ['verksamhet', { unitId: malmo.id }],
      ['arende', { caseRef: '3.5.1-1/2026' }],
      ['klassning', { riskAreas: ['medication'], urgency: 'normal' }],
      ['meddelanden', { message: 'Hej' }],
    ];
    for (const [path, form] of attempts) {
      const response = await post(`/staff/signals/${id}/${path}`, outsider, form);
      expect(response.statusCode, path).toBe(404);
    }
    expect(await snapshot(id)).toEqual(before);
    // The same answer as for a signal that does not exist.
    const missing = await get('/staff/signals/S-20260101-00000000', inspector);
    expect(missing.statusCode).toBe(404);
  });

  it('opens imported history (no department, no classification) for the department of its unit only', async () => {
    const id = `S-history-${solrosen.id}`;
    await db()
      .insertInto('signal')
      .values({ id, unit_id: solrosen.id, channel: 'complaint', received_at: new Date('2024-05-01T10:00:00Z'), urgency: 'normal', text: 'Gammalt klagomål.', extra: '{}' })
      .execute();
    const page = await get(`/staff/signals/${id}`, inspector);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Gammalt klagomål.');
    expect(page.body).toContain('Avdelning Stockholm');
    expect(page.body).toContain('ingen bedömning att visa');
    expect((await get(`/staff/signals/${id}`, outsider)).statusCode).toBe(404);
    expect((await get('/staff/triage?status=all', inspector)).body).not.toContain(id);
  });

  it('refuses a post without the CSRF token or signed out, changing nothing', async () => {
    const { id } = await newSignal();
    const before = await snapshot(id);
    expect((await post(`/staff/signals/${id}/anteckningar`, inspector, { note: 'x' }, 'wrong')).statusCode).toBe(400);
    const signedOut = await t.app.inject({
      method: 'POST',
      url: `/staff/signals/${id}/status`,
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'status=done',
    });
    expect(signedOut.statusCode).toBe(401);
    expect(await snapshot(id)).toEqual(before);
  });

  it('assigns to me and to a colleague, each with one audit row', async () => {
    const { id } = await newSignal();
    let before = await lastAuditId(db());
    const mine = await post(`/staff/signals/${id}/tilldela`, inspector, { assignee: 'me' });
    expect(mine.statusCode).toBe(303);
    expect(mine.headers.location).toBe(`/staff/signals/${id}?klart=tilldelad#handlaggning`);
    expect((await signalRow(id)).assigned_to).toBe(inspector.subject);
    expect(await auditRowsAfter(db(), before)).toEqual([expect.objectContaining({ action: 'signal.assign', details: { from: null, to: inspector.subject } })]);

    // The colleague shows in the list because they have signed in with a role that may triage here.
    expect((await get(`/staff/signals/${id}`, inspector)).body).toContain(colleague.name);
    before = await lastAuditId(db());
    expect((await post(`/staff/signals/${id}/tilldela`, inspector, { assignee: colleague.subject })).statusCode).toBe(303);
    expect((await signalRow(id)).assigned_to).toBe(colleague.subject);
    expect(await auditRowsAfter(db(), before)).toEqual([expect.objectContaining({ action: 'signal.assign', details: { from: inspector.subject, to: colleague.subject } })]);

    // Nobody outside the department can be given the signal.
    before = await lastAuditId(db());
    const refused = await post(`/staff/signals/${id}/tilldela`, inspector, { assignee: outsider.subject });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Välj en kollega som får handlägga signaler på den här avdelningen');
    expect((await signalRow(id)).assigned_to).toBe(colleague.subject);
    // The page shown again is a read of the signal, and logged as one.
    expect((await auditRowsAfter(db(), before)).map((r) => r.action)).toEqual(['signal.read']);
  });

  it('sets the status and adds a note, each with one audit row', async () => {
    const { id } = await newSignal();
    let before = await lastAuditId(db());
    expect((await post(`/staff/signals/${id}/status`, inspector, { status: 'in_progress' })).statusCode).toBe(303);
    expect((await signalRow(id)).triage_status).toBe('in_progress');
    expect(await auditRowsAfter(db(), before)).toEqual([expect.objectContaining({ action: 'signal.status', details: { from: 'new', to: 'in_progress' } })]);

    before = await lastAuditId(db());
    const notes = await countRows(db(), 'signal_note');
    expect((await post(`/staff/signals/${id}/anteckningar`, inspector, { note: '  Ring kommunen i morgon.  ' })).statusCode).toBe(303);
    expect(await countRows(db(), 'signal_note')).toBe(notes + 1);
    const note = await db().selectFrom('signal_note').selectAll().where('signal_id', '=', id).executeTakeFirstOrThrow();
    expect(note).toMatchObject({ author: inspector.subject, body: 'Ring kommunen i morgon.' });
    const audit = await auditRowsAfter(db(), before);
    expect(audit).toEqual([expect.objectContaining({ action: 'signal.note.add', details: { noteId: note.id } })]);
    expect(JSON.stringify(audit)).not.toContain('Ring kommunen');
    expect((await get(`/staff/signals/${id}`, colleague)).body).toContain('Ring kommunen i morgon.');

    const empty = await post(`/staff/signals/${id}/anteckningar`, inspector, { note: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Skriv anteckningen');
    expect(await countRows(db(), 'signal_note')).toBe(notes + 1);
    expect((await post(`/staff/signals/${id}/status`, inspector, { status: 'archived' })).statusCode).toBe(400);
    expect((await signalRow(id)).triage_status).toBe('in_progress');
  });

  it('links to a suggested unit, and to a unit of another department (which moves the signal there)', async () => {
    const { id } = await newSignal();
    expect((await signalRow(id)).unit_id).toBeNull();
    const search = await get(`/staff/signals/${id}/verksamhet?q=Granen`, inspector);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('HVB Granen');

    let before = await lastAuditId(db());
    const linked = await post(`/staff/signals/${id}/verksamhet`, inspector, { unitId: granen.id });
    expect(linked.statusCode).toBe(303);
    expect(linked.headers.location).toBe(`/staff/signals/${id}?klart=verksamhet#handlaggning`);
    expect(await signalRow(id)).toMatchObject({ unit_id: granen.id, unit_match: 'manual', provider_id: granen.provider_id, department_code: 'stockholm' });
    expect(await auditRowsAfter(db(), before)).toEqual([expect.objectContaining({ action: 'signal.link_unit', details: expect.objectContaining({ from: null, to: granen.id }) })]);

    expect((await post(`/staff/signals/${id}/verksamhet`, inspector, { unitId: 'U-finns-inte' })).statusCode).toBe(400);
    expect((await signalRow(id)).unit_id).toBe(granen.id);

    before = await lastAuditId(db());
    const moved = await post(`/staff/signals/${id}/verksamhet`, inspector, { unitId: malmo.id });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe(`/staff/triage?flyttad=${id}&till=syd`);
    expect(await signalRow(id)).toMatchObject({ unit_id: malmo.id, department_code: 'syd' });
    expect(await auditRowsAfter(db(), before)).toEqual([expect.objectContaining({ action: 'signal.link_unit', details: expect.objectContaining({ departmentFrom: 'stockholm', departmentTo: 'syd' }) })]);
    expect((await get(moved.headers.location as string, inspector)).body).toContain(`Signal ${id} är kopplad till verksamheten och flyttad till Avdelning syd.`);
    // Now it is the other department's.
    expect((await get(`/staff/signals/${id}`, inspector)).statusCode).toBe(404);
    expect((await get(`/staff/signals/${id}`, outsider)).statusCode).toBe(200);
  });

  it('links to a case in the diarium by its diarienummer, and refuses one that is not there', async () => {
    const { id } = await newSignal();
    const opened = await openCase(db(), { diariumTemplate: t.config.diarium.template, actor: { subject: 'test-registrar', name: 'Registrator' } }, { caseType: 'own_initiative', title: 'Tillsyn av bemanningen' });
    expect((await post(`/staff/signals/${id}/arende`, inspector, { caseRef: '3.5.1-12345/2026' })).statusCode).toBe(400);
    expect((await signalRow(id)).case_ref).toBeNull();
    const before = await lastAuditId(db());
    expect((await post(`/staff/signals/${id}/arende`, inspector, { caseRef: ` ${opened.diarienummer} ` })).statusCode).toBe(303);
    expect((await signalRow(id)).case_ref).toBe(opened.diarienummer);
    expect(await db().selectFrom('case_signal').select('case_id').where('signal_id', '=', id).execute()).toEqual([{ case_id: opened.id }]);
    expect(await auditRowsAfter(db(), before)).toEqual([expect.objectContaining({ action: 'signal.link_case', details: { from: null, to: opened.diarienummer } })]);
    expect((await post(`/staff/signals/${id}/arende`, inspector, { caseRef: '<script>' })).statusCode).toBe(400);
    expect((await signalRow(id)).case_ref).toBe(opened.diarienummer);
  });

  it('corrects the classification and keeps the correction for the classifier to learn from', async () => {
    const { id } = await newSignal('Medicinen gavs vid fel tid.');
    const before = await lastAuditId(db());
    const corrections = await countRows(db(), 'classifier_correction');
    const response = await post(`/staff/signals/${id}/klassning`, inspector, { riskAreas: ['medication', 'documentation'], urgency: 'normal' });
    expect(response.statusCode).toBe(303);
    const row = await signalRow(id);
    expect(row).toMatchObject({ risk_areas: ['medication', 'documentation'], urgency: 'normal' });
    expect(row.classification).toMatchObject({ urgency: 'high', correction: { riskAreas: ['medication', 'documentation'], urgency: 'normal', by: inspector.subject } });
    expect(await countRows(db(), 'classifier_correction')).toBe(corrections + 1);
    const correction = await db().selectFrom('classifier_correction').selectAll().where('signal_id', '=', id).executeTakeFirstOrThrow();
    expect(correction).toMatchObject({ text: 'Medicinen gavs vid fel tid.', risk_areas: ['medication', 'documentation'], urgency: 'normal', corrected_by: inspector.subject });
    expect(await auditRowsAfter(db(), before)).toEqual([
      expect.objectContaining({ action: 'signal.classification.correct', details: { before: { riskAreas: ['safety_abuse'], urgency: 'high' }, after: { riskAreas: ['medication', 'documentation'], urgency: 'normal' } } }),
    ]);

    const bad = await post(`/staff/signals/${id}/klassning`, inspector, { riskAreas: ['nonsense'], urgency: 'extreme' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Välj riskområden ur listan');
    expect(bad.body).toContain('Välj hur brådskande signalen är');
    expect(await countRows(db(), 'classifier_correction')).toBe(corrections + 1);
  });

  it('writes to the tipster only when the signal has a receipt', async () => {
    const withReceipt = await newSignal();
    await giveReceipt(db(), withReceipt.id);
    const before = await lastAuditId(db());
    const sent = await post(`/staff/signals/${withReceipt.id}/meddelanden`, inspector, { message: 'Vilken avdelning på boendet gäller det?' });
    expect(sent.statusCode).toBe(303);
    const messages = await db().selectFrom('signal_message').selectAll().where('signal_id', '=', withReceipt.id).execute();
    expect(messages).toEqual([expect.objectContaining({ direction: 'to_sender', author: inspector.subject, body: 'Vilken avdelning på boendet gäller det?' })]);
    expect(await auditRowsAfter(db(), before)).toEqual([expect.objectContaining({ action: 'signal.message.send', details: { messageId: messages[0].id } })]);
    await db().insertInto('signal_message').values({ signal_id: withReceipt.id, direction: 'from_sender', author: null, body: 'Avdelning Björken.' }).execute();
    const page = (await get(`/staff/signals/${withReceipt.id}`, inspector)).body;
    expect(page).toContain('Vilken avdelning på boendet gäller det?');
    expect(page).toContain('Avdelning Björken.');

    const withoutReceipt = await newSignal();
    const total = await countRows(db(), 'signal_message');
    const audit = await countRows(db(), 'audit_log');
    const refused = await post(`/staff/signals/${withoutReceipt.id}/meddelanden`, inspector, { message: 'Hallå?' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Uppgiftslämnaren har ingen kvittokod');
    expect(await countRows(db(), 'signal_message')).toBe(total);
    // Only the read of the page shown again.
    expect(await countRows(db(), 'audit_log')).toBe(audit + 1);
    expect((await get(`/staff/signals/${withoutReceipt.id}`, inspector)).body).not.toContain('Skicka till uppgiftslämnaren');
  });

  it('serves an attachment as a download of its stored type, and logs it', async () => {
    const { id } = await newSignal();
    const content = Buffer.from('%PDF-1.4 test');
    const attachment = await db()
      .insertInto('signal_attachment')
      .values({ signal_id: id, file_name: 'bild på "rummet".pdf', media_type: 'application/pdf', size_bytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), content })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await get(`/staff/signals/${id}`, inspector)).body).toContain('bild på &#34;rummet&#34;.pdf');
    const before = await lastAuditId(db());
    const response = await t.app.inject({ method: 'GET', url: `/staff/signals/${id}/bilagor/${attachment.id}`, headers: inspector.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="bild p_ _rummet_.pdf"; filename*=UTF-8''${encodeURIComponent('bild på "rummet".pdf')}`);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.rawPayload.equals(content)).toBe(true);
    expect(await auditRowsAfter(db(), before)).toEqual([expect.objectContaining({ action: 'signal.attachment.read', reason: 'triage', details: { attachmentId: attachment.id, sha256: createHash('sha256').update(content).digest('hex') } })]);
    expect((await t.app.inject({ method: 'GET', url: `/staff/signals/${id}/bilagor/${attachment.id}`, headers: outsider.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/staff/signals/${id}/bilagor/999999`, headers: inspector.headers })).statusCode).toBe(404);
    expect(await auditRowsAfter(db(), before)).toHaveLength(1);

    // A text attachment whose first bytes look like a deflate header comes back byte for byte to a browser that
    // accepts compression (uploaded files are never run through it).
    const text = Buffer.from(`Hjälp, det här händer på boendet.\n${'Mer text om det som hände. '.repeat(60)}`, 'utf8');
    const textAttachment = await db()
      .insertInto('signal_attachment')
      .values({ signal_id: id, file_name: 'berättelse.txt', media_type: 'text/plain', size_bytes: text.length, sha256: createHash('sha256').update(text).digest('hex'), content: text })
      .returning('id')
      .executeTakeFirstOrThrow();
    const textResponse = await t.app.inject({ method: 'GET', url: `/staff/signals/${id}/bilagor/${textAttachment.id}`, headers: { ...inspector.headers, 'accept-encoding': 'br, gzip' } });
    expect(textResponse.statusCode).toBe(200);
    expect(textResponse.headers['content-encoding']).toBeUndefined();
    expect(textResponse.rawPayload.equals(text)).toBe(true);
  });
});
