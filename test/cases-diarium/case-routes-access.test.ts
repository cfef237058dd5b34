import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffSession, csrfTokenFor, SESSION_COOKIE } from '../../src/platform/auth/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { receiveTestSignal } from '../intake-triage/signals.ts';
import { FILES, openTestCase, personOf, requests, snapshot } from './helpers.ts';

interface Attempt {
  name: string;
  send: (who: SignedIn | undefined) => ReturnType<ReturnType<typeof requests>['get']>;
  method: 'GET' | 'POST';
}

describe.each(databaseKinds)('every case route × role on %s', (kind) => {
  let t: TestApp;
  let http: ReturnType<typeof requests>;
  let caseId: number;
  let diarienummer: string;
  let documentId: number;
  let freeSignalId: string;
  let unitId: string;
  let owner: SignedIn;
  let colleague: SignedIn;
  const outsiders: Record<string, SignedIn> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    http = requests(t);
    const db = t.database.db;
    const unit = await buildUnit(db, { name: 'HVB Solrosen', kommun: '0180' });
    unitId = unit.id;
    owner = await signInAs(t, 'inspector', 'stockholm');
    colleague = await signInAs(t, 'inspector', 'stockholm');
    const signal = await receiveTestSignal(db, { unitId: unit.id });
    freeSignalId = (await receiveTestSignal(db, { unitId: unit.id })).id;
    const opened = await openTestCase(db, { unitId: unit.id, signalIds: [signal.id], responsible: personOf(owner) });
    caseId = opened.id;
    diarienummer = opened.diarienummer;
    const registered = await http.upload(`/staff/arenden/${caseId}/handlingar`, owner, {
      direction: 'incoming', documentDate: '2026-03-01', counterpart: 'Anna Andersson', subject: 'Kompletterande uppgifter', secrecy: 'secret', secrecyReference: '26 kap. 1 § OSL',
    }, { name: 'uppgifter.pdf', content: FILES.pdf });
    expect(registered.statusCode).toBe(303);
    documentId = (await db.selectFrom('case_document').select('id').where('case_id', '=', caseId).where('document_number', '=', 2).executeTakeFirstOrThrow()).id;
    outsiders['inspector of another department'] = await signInAs(t, 'inspector', 'syd');
    outsiders.analyst = await signInAs(t, 'analyst');
    outsiders['permit officer'] = await signInAs(t, 'permit_officer');
    outsiders.administrator = await signInAs(t, 'administrator');
    // A representative of the very provider the case is about: the staff case pages are still not theirs.
    const { token } = await createStaffSession(db, { subject: 'test-representative', name: 'Test Företrädare', email: null, roles: ['provider_representative'], department: null, organisations: [unit.provider_id] });
    outsiders['provider representative'] = {
      subject: 'test-representative', name: 'Test Företrädare', cookie: `${SESSION_COOKIE}=${token}`, csrfToken: csrfTokenFor(token, t.config.sessionSecret),
      headers: { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/html' },
    };
  });
  afterAll(async () => {
    await t.close();
  });

  const caseRoutes = (): Attempt[] => {
    const base = `/staff/arenden/${caseId}`;
    return [
      { name: 'overview', method: 'GET', send: (who) => http.get(base, who) },
      { name: 'document page', method: 'GET', send: (who) => http.get(`${base}/handlingar/${documentId}`, who) },
      { name: 'download', method: 'GET', send: (who) => http.get(`${base}/handlingar/${documentId}/versioner/1`, who) },
      { name: 'by diarienummer', method: 'GET', send: (who) => http.get(`/staff/arenden/diarienummer/${encodeURIComponent(diarienummer)}`, who) },
      { name: 'add member', method: 'POST', send: (who) => http.post(`${base}/lag`, who, { member: who?.subject ?? 'x' }) },
      { name: 'remove member', method: 'POST', send: (who) => http.post(`${base}/lag/ta-bort`, who, { member: owner.subject }) },
      { name: 'responsible', method: 'POST', send: (who) => http.post(`${base}/ansvarig`, who, { responsible: who?.subject ?? 'x' }) },
      { name: 'link signal', method: 'POST', send: (who) => http.post(`${base}/signaler`, who, { signalId: freeSignalId }) },
      { name: 'note', method: 'POST', send: (who) => http.post(`${base}/anteckningar`, who, { note: 'Kapad anteckning' }) },
      { name: 'note (empty)', method: 'POST', send: (who) => http.post(`${base}/anteckningar`, who, { note: '' }) },
      { name: 'due date', method: 'POST', send: (who) => http.post(`${base}/tidsfrist`, who, { dueOn: '2030-01-01' }) },
      { name: 'status', method: 'POST', send: (who) => http.post(`${base}/status`, who, { status: 'closed', reason: 'Kapat' }) },
      { name: 'register document', method: 'POST', send: (who) => http.post(`${base}/handlingar`, who, { direction: 'incoming', documentDate: '2026-03-01', subject: 'Kapad', secrecy: 'public', secrecyReference: '' }) },
      {
        name: 'register document with a file', method: 'POST',
        send: (who) => http.upload(`${base}/handlingar`, who, { direction: 'incoming', documentDate: '2026-03-01', subject: 'Kapad', secrecy: 'public', secrecyReference: '' }, { name: 'a.pdf', content: FILES.pdf }),
      },
      { name: 'new version', method: 'POST', send: (who) => http.upload(`${base}/handlingar/${documentId}/versioner`, who, {}, { name: 'b.pdf', content: FILES.pdf }) },
    ];
  };

  const generalRoutes = (): Attempt[] => [
    { name: 'case list', method: 'GET', send: (who) => http.get('/staff/arenden?q=Solrosen', who) },
    { name: 'new case form', method: 'GET', send: (who) => http.get(`/staff/arenden/nytt?verksamhet=${unitId}`, who) },
    { name: 'open a case', method: 'POST', send: (who) => http.post('/staff/arenden/nytt', who, { action: 'save', caseType: 'complaint', title: 'Kapat ärende', unitId, responsible: who?.subject ?? '' }) },
  ];

  for (const role of ['inspector of another department', 'analyst', 'permit officer', 'administrator', 'provider representative']) {
    it(`gives ${role} a 404 on every route of the case, and nothing changes`, async () => {
      const who = outsiders[role];
      const before = await snapshot(t.database.db);
      for (const attempt of caseRoutes()) {
        const response = await attempt.send(who);
        expect(`${attempt.name}: ${response.statusCode}`).toBe(`${attempt.name}: 404`);
        expect(response.body).not.toContain('Anna Andersson');
        expect(response.body).not.toContain(diarienummer);
      }
      expect(await snapshot(t.database.db)).toEqual(before);
    });
  }

  it('gives roles without case.read a 404 on the case list and the new case form too', async () => {
    const before = await snapshot(t.database.db);
    for (const role of ['analyst', 'permit officer', 'administrator', 'provider representative']) {
      for (const attempt of generalRoutes()) expect(`${role} ${attempt.name}: ${(await attempt.send(outsiders[role])).statusCode}`).toBe(`${role} ${attempt.name}: 404`);
    }
    expect(await snapshot(t.database.db)).toEqual(before);
  });

  it("shows an inspector of another department their own department's list, not the case, and refuses to open a case for the unit", async () => {
    const who = outsiders['inspector of another department'];
    const before = await snapshot(t.database.db);
    const list = await http.get('/staff/arenden?q=Solrosen', who);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Ärenden, Avdelning syd');
    expect(list.body).not.toContain(diarienummer);
    const all = await http.get('/staff/arenden', who);
    expect(all.body).not.toContain(diarienummer);
    const form = await http.get(`/staff/arenden/nytt?verksamhet=${unitId}`, who);
    expect(form.statusCode).toBe(200);
    const refused = await http.post('/staff/arenden/nytt', who, { action: 'save', caseType: 'complaint', title: 'Klagomål', unitId, responsible: who.subject });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Verksamheten hör till en annan avdelning');
    // A signal of another department is "not found" in the form too.
    const withSignal = await http.post('/staff/arenden/nytt', who, { action: 'save', caseType: 'complaint', title: 'Klagomål', signalIds: freeSignalId, responsible: who.subject });
    expect(withSignal.statusCode).toBe(400);
    expect(withSignal.body).toContain(`Signalen ${freeSignalId} finns inte`);
    expect(await snapshot(t.database.db)).toEqual(before);
  });

  it('sends a signed-out person to sign in for pages and answers 401 to every POST, changing nothing', async () => {
    const before = await snapshot(t.database.db);
    for (const attempt of [...caseRoutes(), ...generalRoutes()]) {
      const response = await attempt.send(undefined);
      if (attempt.method === 'GET') {
        expect(`${attempt.name}: ${response.statusCode}`).toBe(`${attempt.name}: 302`);
        expect(response.headers.location).toMatch(/^\/auth\/login\?returnTo=%2Fstaff%2Farenden/);
      } else {
        expect(`${attempt.name}: ${response.statusCode}`).toBe(`${attempt.name}: 401`);
      }
    }
    expect(await snapshot(t.database.db)).toEqual(before);
  });

  it('refuses a form without the CSRF token, the upload included, and changes nothing', async () => {
    const before = await snapshot(t.database.db);
    const base = `/staff/arenden/${caseId}`;
    expect((await http.post(`${base}/anteckningar`, owner, { note: 'Utan token' }, 'fel')).statusCode).toBe(400);
    expect((await http.upload(`${base}/handlingar`, owner, { direction: 'incoming', documentDate: '2026-03-01', subject: 'Utan token', secrecy: 'public', secrecyReference: '' }, { name: 'a.pdf', content: FILES.pdf }, 'fel')).statusCode).toBe(400);
    expect((await http.upload(`${base}/handlingar/${documentId}/versioner`, owner, {}, { name: 'a.pdf', content: FILES.pdf }, '')).statusCode).toBe(400);
    expect(await snapshot(t.database.db)).toEqual(before);
  });

  it('keeps a secret document to the case team: a colleague outside it sees the row, not the counterpart or the file', async () => {
    const before = await snapshot(t.database.db);
    const page = await http.get(`/staff/arenden/${caseId}`, colleague);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kompletterande uppgifter');
    expect(page.body).toContain('Sekretessmarkerad enligt 26 kap. 1 § OSL');
    expect(page.body).not.toContain('Anna Andersson');
    expect(page.body).not.toContain('uppgifter.pdf');
    expect((await http.get(`/staff/arenden/${caseId}/handlingar/${documentId}/versioner/1`, colleague)).statusCode).toBe(404);
    expect((await http.upload(`/staff/arenden/${caseId}/handlingar/${documentId}/versioner`, colleague, {}, { name: 'b.pdf', content: FILES.pdf })).statusCode).toBe(404);
    expect(await snapshot(t.database.db)).toEqual(before);

    const teamPage = await http.get(`/staff/arenden/${caseId}`, owner);
    expect(teamPage.body).toContain('Anna Andersson');
    expect(teamPage.body).toContain('uppgifter.pdf');
    const reads = await t.database.db.selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'case.read').where('entity_id', '=', String(caseId)).execute();
    expect(reads.some((r) => r.actor === `staff:${owner.subject}`)).toBe(true);
    expect(reads.some((r) => r.actor === `staff:${colleague.subject}`)).toBe(false);
  });
});
