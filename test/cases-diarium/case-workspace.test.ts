import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { receiveTestSignal } from '../intake-triage/signals.ts';
import { auditRowsAfter, lastAuditId, openTestCase, personOf, requests } from './helpers.ts';

type Unit = Awaited<ReturnType<typeof buildUnit>>;

describe.each(databaseKinds)('the case workspace on %s', (kind) => {
  let t: TestApp;
  let unit: Unit;
  let malmoUnit: Unit;
  let inspector: SignedIn;
  let colleague: SignedIn;
  let registrar: SignedIn;
  let decisionMaker: SignedIn;
  let otherDepartment: SignedIn;
  let http: ReturnType<typeof requests>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    http = requests(t);
    unit = await buildUnit(t.database.db, { name: 'HVB Solrosen', kommun: '0180' });
    malmoUnit = await buildUnit(t.database.db, { name: 'HVB Havsbrisen', kommun: '1280', postal_code: '21115', city: 'Malmö' });
    inspector = await signInAs(t, 'inspector', 'stockholm');
    colleague = await signInAs(t, 'inspector', 'stockholm');
    registrar = await signInAs(t, 'registrar');
    decisionMaker = await signInAs(t, 'decision_maker');
    otherDepartment = await signInAs(t, 'inspector', 'syd');
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.database.db;
  const caseRow = (id: number) => db().selectFrom('case_file').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const members = (id: number) => db().selectFrom('case_member').select(['subject', 'role']).where('case_id', '=', id).orderBy('subject').execute();

  it('opens a case from a complaint signal in triage: the number, the team, the signal registered as a secret document', async () => {
    const signal = await receiveTestSignal(db(), { channel: 'complaint', unitId: unit.id, text: 'Min mamma fick fel medicin.' });
    const signalPage = await http.get(`/staff/signals/${signal.id}`, inspector);
    expect(signalPage.body).toContain(`href="/staff/arenden/nytt?signal=${signal.id}"`);

    const form = await http.get(`/staff/arenden/nytt?signal=${signal.id}`, inspector);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<option value="complaint" selected');
    expect(form.body).toContain(`value="${signal.id}"`);
    expect(form.body).toContain('HVB Solrosen');
    expect(form.body).toContain('inga namn, personnummer');
    expect(form.body).not.toContain('Min mamma fick fel medicin.');

    const opened = await http.post('/staff/arenden/nytt', inspector, {
      action: 'save', caseType: 'complaint', title: 'Klagomål på läkemedelshanteringen', unitId: unit.id, signalIds: signal.id, responsible: inspector.subject, dueOn: '2026-12-31',
    });
    expect(opened.statusCode).toBe(303);
    const id = Number(/\/staff\/arenden\/(\d+)\?klart=oppnat/.exec(opened.headers.location as string)![1]);
    const row = await caseRow(id);
    expect(row).toMatchObject({ case_type: 'complaint', status: 'open', department_code: 'stockholm', unit_id: unit.id, provider_id: unit.provider_id, responsible: inspector.subject, due_on: '2026-12-31' });
    expect(row.diarienummer).toMatch(/^3\.1-\d{5}\/\d{4}$/);
    expect(await members(id)).toEqual([{ subject: inspector.subject, role: 'responsible' }]);
    const signalRow = await db().selectFrom('signal').select(['case_ref', 'triage_status']).where('id', '=', signal.id).executeTakeFirstOrThrow();
    expect(signalRow).toEqual({ case_ref: row.diarienummer, triage_status: 'done' });

    const page = await http.get(`/staff/arenden/${id}?klart=oppnat`, inspector);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ärendet är öppnat och registrerat i diariet.');
    expect(page.body).toContain('Klagomål: inkommen uppgift');
    expect(page.body).toContain('Sekretessmarkerad enligt 26 kap. 1 § OSL');
    // The signal page now links to the case instead of offering a new one.
    const after = await http.get(`/staff/signals/${signal.id}`, inspector);
    expect(after.body).toContain(`/staff/arenden/diarienummer/${encodeURIComponent(row.diarienummer)}`);
    expect(after.body).not.toContain(`/staff/arenden/nytt?signal=${signal.id}`);
    const redirect = await http.get(`/staff/arenden/diarienummer/${encodeURIComponent(row.diarienummer)}`, inspector);
    expect(redirect.statusCode).toBe(303);
    expect(redirect.headers.location).toBe(`/staff/arenden/${id}`);
  });

  it('lets the team be changed: add a member, make them responsible, remove the former one; all audited', async () => {
    const { id } = await openTestCase(db(), { unitId: unit.id, responsible: personOf(inspector) });
    const before = await lastAuditId(db());
    expect((await http.post(`/staff/arenden/${id}/lag`, inspector, { member: colleague.subject })).statusCode).toBe(303);
    expect(await members(id)).toEqual(
      [{ subject: colleague.subject, role: 'member' }, { subject: inspector.subject, role: 'responsible' }].sort((a, b) => a.subject.localeCompare(b.subject)),
    );
    // An inspector of another department cannot be added: not a colleague who may read the case.
    const refused = await http.post(`/staff/arenden/${id}/lag`, inspector, { member: otherDepartment.subject });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Välj en medarbetare som får läsa ärenden på ärendets avdelning');

    expect((await http.post(`/staff/arenden/${id}/ansvarig`, inspector, { responsible: colleague.subject })).statusCode).toBe(303);
    expect(await caseRow(id)).toMatchObject({ responsible: colleague.subject, responsible_name: colleague.name });
    const cannotRemove = await http.post(`/staff/arenden/${id}/lag/ta-bort`, inspector, { member: colleague.subject });
    expect(cannotRemove.statusCode).toBe(400);
    expect(cannotRemove.body).toContain('är ansvarig handläggare. Utse en annan ansvarig först.');
    expect((await http.post(`/staff/arenden/${id}/lag/ta-bort`, inspector, { member: inspector.subject })).statusCode).toBe(303);
    expect(await members(id)).toEqual([{ subject: colleague.subject, role: 'responsible' }]);
    const audit = await auditRowsAfter(db(), before);
    expect(audit.map((a) => a.action)).toEqual(['case.team_add', 'case.responsible', 'case.team_remove']);
    expect(audit.every((a) => a.entity_id === String(id))).toBe(true);
  });

  it('links more signals of the same department by id, and refuses one of another department or already in a case', async () => {
    const { id } = await openTestCase(db(), { unitId: unit.id, responsible: personOf(inspector) });
    const same = await receiveTestSignal(db(), { unitId: unit.id });
    const elsewhere = await receiveTestSignal(db(), { unitId: malmoUnit.id });
    const wrong = await http.post(`/staff/arenden/${id}/signaler`, inspector, { signalId: elsewhere.id });
    expect(wrong.statusCode).toBe(400);
    // The inspector cannot read Syd's signals: for them it does not exist.
    expect(wrong.body).toContain(`Signalen ${elsewhere.id} finns inte`);
    const wrongForRegistrar = await http.post(`/staff/arenden/${id}/signaler`, registrar, { signalId: elsewhere.id });
    expect(wrongForRegistrar.statusCode).toBe(400);
    expect(wrongForRegistrar.body).toContain('hör till en annan avdelning än ärendet');

    expect((await http.post(`/staff/arenden/${id}/signaler`, inspector, { signalId: same.id })).statusCode).toBe(303);
    const documents = await db().selectFrom('case_document').select(['document_number', 'direction', 'secrecy', 'kind']).where('case_id', '=', id).execute();
    expect(documents).toEqual([{ document_number: 1, direction: 'incoming', secrecy: 'secret', kind: 'signal' }]);
    const again = await http.post(`/staff/arenden/${id}/signaler`, inspector, { signalId: same.id });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('hör redan till ärende');
  });

  it('keeps internal notes, the deadline and the status with its reasons', async () => {
    const { id } = await openTestCase(db(), { unitId: unit.id, responsible: personOf(inspector) });
    expect((await http.post(`/staff/arenden/${id}/anteckningar`, inspector, { note: 'Ring verksamhetschefen <b>i morgon</b>.' })).statusCode).toBe(303);
    const page = await http.get(`/staff/arenden/${id}`, inspector);
    expect(page.body).toContain('Ring verksamhetschefen &lt;b>i morgon&lt;/b>.');
    expect((await http.post(`/staff/arenden/${id}/anteckningar`, inspector, { note: '  ' })).statusCode).toBe(400);

    expect((await http.post(`/staff/arenden/${id}/tidsfrist`, inspector, { dueOn: '2027-01-15' })).statusCode).toBe(303);
    expect((await caseRow(id)).due_on).toBe('2027-01-15');
    const badDate = await http.post(`/staff/arenden/${id}/tidsfrist`, inspector, { dueOn: '2027-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('Skriv tidsfristen som ett datum');
    expect((await caseRow(id)).due_on).toBe('2027-01-15');

    expect((await http.post(`/staff/arenden/${id}/status`, inspector, { status: 'investigation' })).statusCode).toBe(303);
    const noReason = await http.post(`/staff/arenden/${id}/status`, inspector, { status: 'closed', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Skriv varför ärendet avslutas');
    expect((await http.post(`/staff/arenden/${id}/status`, inspector, { status: 'decided' })).statusCode).toBe(400);
    expect((await http.post(`/staff/arenden/${id}/status`, inspector, { status: 'closed', reason: 'Verksamheten har åtgärdat bristerna.' })).statusCode).toBe(303);
    const closed = await caseRow(id);
    expect(closed.status).toBe('closed');
    expect(closed.closed_at).not.toBeNull();
    const closedPage = await http.get(`/staff/arenden/${id}`, inspector);
    expect(closedPage.body).toContain('Skäl: Verksamheten har åtgärdat bristerna.');
    expect((await http.post(`/staff/arenden/${id}/status`, inspector, { status: 'investigation', reason: 'Nya uppgifter har kommit in.' })).statusCode).toBe(303);
    expect(await caseRow(id)).toMatchObject({ status: 'investigation', closed_at: null });
  });

  it('lets the registrar register documents and open cases, but not change the team or the status', async () => {
    const { id } = await openTestCase(db(), { unitId: unit.id, responsible: personOf(inspector) });
    const registered = await http.post(`/staff/arenden/${id}/handlingar`, registrar, {
      direction: 'incoming', documentDate: '2026-03-02', counterpart: 'Verksamheten', subject: 'Yttrande', secrecy: 'public', secrecyReference: '',
    });
    expect(registered.statusCode).toBe(303);
    expect((await http.post(`/staff/arenden/${id}/status`, registrar, { status: 'investigation' })).statusCode).toBe(404);
    expect((await http.post(`/staff/arenden/${id}/lag`, registrar, { member: colleague.subject })).statusCode).toBe(404);
    const page = await http.get(`/staff/arenden/${id}`, registrar);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Registrera en handling');
    expect(page.body).not.toContain('Byt ansvarig');

    const opened = await http.post('/staff/arenden/nytt', registrar, { action: 'save', caseType: 'own_initiative', title: 'Egeninitierad tillsyn av HVB i Stockholm', unitId: '', departmentCode: 'stockholm', responsible: decisionMaker.subject });
    expect(opened.statusCode).toBe(303);
    const newId = Number(/\/staff\/arenden\/(\d+)/.exec(opened.headers.location as string)![1]);
    expect(await caseRow(newId)).toMatchObject({ department_code: 'stockholm', unit_id: null, responsible: decisionMaker.subject, diarium_class: '3.3' });
  });
});
