import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { buildProviderWithUnits, get, investigationSnapshot, openTestCase, postForm, postUpload, signInAsRepresentative, SMALL_PDF } from './support.ts';
import { swedishToday } from '../../src/platform/dates.ts';

// Every route of the investigation × everyone who must not use it: nothing shown, nothing changed.
describe.each(databaseKinds)('who may use the investigation’s routes on %s', (kind) => {
  let t: TestApp;
  let responsible: SignedIn;
  let people: Record<'otherInspector' | 'analyst' | 'registrar' | 'otherProvider' | 'ownProvider' | 'inspector', SignedIn>;
  let caseId: number;
  let diarienummer: string;
  let requestId: number;
  let plannedId: number;
  let performedId: number;
  const db = () => t.database.db;
  const today = () => swedishToday();

  beforeAll(async () => {
    t = await createTestApp(kind);
    responsible = await signInAs(t, 'inspector', 'stockholm');
    const world = await buildProviderWithUnits(db());
    const other = await buildProviderWithUnits(db(), { name: 'Grannens Omsorg AB' });
    people = {
      otherInspector: await signInAs(t, 'inspector', 'syd'),
      analyst: await signInAs(t, 'analyst'),
      registrar: await signInAs(t, 'registrar'),
      otherProvider: await signInAsRepresentative(t, [other.provider.id]),
      ownProvider: await signInAsRepresentative(t, [world.provider.id]),
      // An inspector of the right department: staff, not a representative, so the portal is not theirs.
      inspector: await signInAs(t, 'inspector', 'stockholm'),
    };
    const opened = await openTestCase(t, { unitId: world.unit.id, responsible, title: 'Hemligt ärende om Solgläntan' });
    caseId = opened.id;
    diarienummer = opened.diarienummer;
    await openTestCase(t, { unitId: other.unit.id, responsible: null, title: 'Grannens eget ärende' });
    const base = `/staff/arenden/${caseId}`;
    expect((await postForm(t, responsible, `${base}/begaran`, { subject: 'Yttrande', body: 'Hemlig fråga om nätterna.', replyBy: addDays(today(), 20) })).statusCode).toBe(303);
    requestId = (await db().selectFrom('case_request').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).id;
    const plan = async () => {
      const planned = await postForm(t, responsible, `${base}/inspektioner`, { unitId: world.unit.id, announced: 'no', plannedOn: today(), team: responsible.subject });
      expect(planned.statusCode).toBe(303);
      return Number((planned.headers.location as string).split('?')[0].split('/').pop());
    };
    plannedId = await plan();
    performedId = await plan();
    expect((await postForm(t, responsible, `${base}/inspektioner/${performedId}/genomford`, { performedOn: today() })).statusCode).toBe(303);
    expect((await postForm(t, responsible, `${base}/inspektioner/${performedId}/intervjuer`, { interviewee: 'patient', summary: 'Känslig intervju.', userPerspective: 'Trygghet.' })).statusCode).toBe(303);
  });
  afterAll(async () => {
    await t?.close();
  });

  const staffGets = () => [`/staff/arenden/${caseId}/begaran`, `/staff/arenden/${caseId}/inspektioner`, `/staff/arenden/${caseId}/inspektioner/${performedId}`];
  const staffPosts = (): [string, Record<string, string>][] => [
    [`/staff/arenden/${caseId}/begaran`, { subject: 'Intrång', body: 'Text.', replyBy: addDays(today(), 20) }],
    [`/staff/arenden/${caseId}/begaran/${requestId}/aterkalla`, {}],
    [`/staff/arenden/${caseId}/inspektioner`, { unitId: 'x', announced: 'yes', plannedOn: today(), team: responsible.subject }],
    [`/staff/arenden/${caseId}/inspektioner/${plannedId}/genomford`, { performedOn: today() }],
    [`/staff/arenden/${caseId}/inspektioner/${plannedId}/installd`, {}],
    [`/staff/arenden/${caseId}/inspektioner/${performedId}/iakttagelser`, { riskArea: 'documentation', legalBasis: '11 kap. 5 § SoL', finding: 'Brist.', severity: '2' }],
    [`/staff/arenden/${caseId}/inspektioner/${performedId}/intervjuer`, { interviewee: 'user', summary: 'Intrång.', userPerspective: '' }],
  ];
  const portalGets = () => [`/provider/arenden/${caseId}`, `/provider/arenden/${caseId}/begaran/${requestId}/svar`];
  const answerUrl = () => `/provider/arenden/${caseId}/begaran/${requestId}/svar`;

  it('staff pages: 404 for an inspector of another department, an analyst and any provider; sign-in for the signed out; reading only for the registrar', async () => {
    const before = await investigationSnapshot(db());
    for (const url of staffGets()) {
      for (const who of [people.otherInspector, people.analyst, people.otherProvider, people.ownProvider]) {
        const response = await get(t, who, url);
        expect(response.statusCode, `${who.name} ${url}`).toBe(404);
        expect(response.body).not.toContain('Solgläntan');
        expect(response.body).not.toContain(diarienummer);
      }
      const signedOut = await get(t, null, url);
      expect(signedOut.statusCode, url).toBe(302);
      expect(signedOut.headers.location).toBe(`/auth/login?returnTo=${encodeURIComponent(url)}`);
      const registrar = await get(t, people.registrar, url);
      expect(registrar.statusCode, url).toBe(200);
      expect(registrar.body).toContain(diarienummer);
      expect(registrar.body, url).not.toMatch(/<form method="post" action="\/staff\/arenden/);
      expect(registrar.body).not.toContain('Känslig intervju.');
      expect(registrar.body).not.toContain('Trygghet.');
    }
    // A case that does not exist, or an id that is not one, is the same "not found".
    for (const url of ['/staff/arenden/999999/begaran', '/staff/arenden/abc/inspektioner', `/staff/arenden/${caseId}/inspektioner/999999`, `/staff/arenden/${caseId}/inspektioner/x`]) {
      expect((await get(t, responsible, url)).statusCode, url).toBe(404);
    }
    expect(await investigationSnapshot(db())).toEqual(before);
  });

  it('staff actions: 404 for everyone without case.work on the case (the registrar too), 401 signed out, and nothing changes', async () => {
    const before = await investigationSnapshot(db());
    for (const [url, form] of staffPosts()) {
      for (const who of [people.otherInspector, people.analyst, people.registrar, people.otherProvider, people.ownProvider]) {
        const response = await postForm(t, who, url, form);
        expect(response.statusCode, `${who.name} ${url}`).toBe(404);
      }
      const signedOut = await postForm(t, null, url, form);
      expect(signedOut.statusCode, url).toBe(401);
      // The right person without the form's CSRF token changes nothing either.
      expect((await postForm(t, responsible, url, form, { csrf: false })).statusCode, url).toBe(400);
    }
    expect(await investigationSnapshot(db())).toEqual(before);
  });

  it('portal: another organisation’s representative and staff get 404, the signed out are sent to sign in, and nothing changes', async () => {
    const before = await investigationSnapshot(db());
    for (const url of portalGets()) {
      for (const who of [people.otherProvider, people.inspector, people.registrar, people.analyst, people.otherInspector, responsible]) {
        const response = await get(t, who, url);
        expect(response.statusCode, `${who.name} ${url}`).toBe(404);
        expect(response.body).not.toContain('Solgläntan');
        expect(response.body).not.toContain('Hemlig fråga');
      }
      const signedOut = await get(t, null, url);
      expect(signedOut.statusCode).toBe(302);
      expect(String(signedOut.headers.location)).toMatch(/^\/auth\/login\?returnTo=/);
    }
    // The list: theirs only for the other organisation; not a page for staff.
    const list = await get(t, people.otherProvider, '/provider/arenden');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Grannens eget ärende');
    expect(list.body).not.toContain(diarienummer);
    expect(list.body).not.toContain('Hemligt ärende om Solgläntan');
    for (const who of [people.inspector, people.registrar, responsible]) expect((await get(t, who, '/provider/arenden')).statusCode).toBe(404);
    expect((await get(t, null, '/provider/arenden')).statusCode).toBe(302);

    for (const who of [people.otherProvider, people.inspector, people.registrar]) {
      expect((await postForm(t, who, answerUrl(), { answer: 'Intrång.' })).statusCode, who.name).toBe(404);
      expect((await postUpload(t, who, answerUrl(), { answer: 'Intrång.' }, { field: 'attachment', name: 'a.pdf', type: 'application/pdf', content: SMALL_PDF })).statusCode, who.name).toBe(404);
    }
    expect((await postForm(t, null, answerUrl(), { answer: 'Intrång.' })).statusCode).toBe(401);
    expect((await postUpload(t, null, answerUrl(), { answer: 'Intrång.' }, { field: 'attachment', name: 'a.pdf', type: 'application/pdf', content: SMALL_PDF })).statusCode).toBe(401);
    // A request id of another case, under this case's URL, is not found either.
    expect((await get(t, people.ownProvider, `/provider/arenden/${caseId}/begaran/999999/svar`)).statusCode).toBe(404);
    expect(await investigationSnapshot(db())).toEqual(before);
    // The own organisation's representative can open all of it.
    for (const url of ['/provider/arenden', ...portalGets()]) expect((await get(t, people.ownProvider, url)).statusCode, url).toBe(200);
  });
});
