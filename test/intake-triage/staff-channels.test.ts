import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { auditRowsAfter, countRows, lastAuditId } from './signals.ts';

type Unit = Awaited<ReturnType<typeof buildUnit>>;

describe.each(databaseKinds)('staff channels: logging contacts and other authorities’ signals on %s', (kind) => {
  let t: TestApp;
  let solrosen: Unit;
  let malmo: Unit;
  let inspector: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    solrosen = await buildUnit(t.database.db, { name: 'HVB Solrosen', kommun: '0180' });
    malmo = await buildUnit(t.database.db, { name: 'HVB Havsbrisen', kommun: '1280', postal_code: '21115', city: 'Malmö' });
    inspector = await signInAs(t, 'inspector', 'stockholm');
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.database.db;
  const post = (who: SignedIn, form: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/staff/signals/new',
      headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...form, _csrf: who.csrfToken }).toString(),
    });
  const idOf = (location: string) => decodeURIComponent(/registrerad=([^&]+)/.exec(location)?.[1] ?? /signals\/([^?]+)/.exec(location)![1]);
  const signal = (id: string) => db().selectFrom('signal').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('shows the form to those who log contacts, and nothing to others', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/staff/signals/new', headers: inspector.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Registrera en uppgift');
    expect(page.body).toContain('Upplysningstjänsten');
    const analyst = await signInAs(t, 'analyst');
    expect((await t.app.inject({ method: 'GET', url: '/staff/signals/new', headers: analyst.headers })).statusCode).toBe(404);
    const signals = await countRows(db(), 'signal');
    expect((await post(analyst, { source: 'inquiry', contactKind: 'phone', caller: 'private', text: 'x', action: 'save' })).statusCode).toBe(404);
    expect(await countRows(db(), 'signal')).toBe(signals);
    const signedOut = await t.app.inject({ method: 'GET', url: '/staff/signals/new', headers: { accept: 'text/html' } });
    expect(signedOut.statusCode).toBe(302);
  });

  it('logs a phone call to the information service about a unit found in the register', async () => {
    const search = await post(inspector, { source: 'inquiry', contactKind: 'phone', caller: 'private', text: 'Anhörig oroad över nattbemanningen.', unitQuery: 'Solrosen', action: 'search' });
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('HVB Solrosen');
    expect(search.body).toContain('Anhörig oroad över nattbemanningen.');
    const before = await lastAuditId(db());
    const saved = await post(inspector, {
      source: 'inquiry',
      contactKind: 'phone',
      caller: 'private',
      topic: 'Nattbemanning',
      text: 'Anhörig oroad över nattbemanningen.',
      unitQuery: 'Solrosen',
      unitId: solrosen.id,
      action: 'save',
    });
    expect(saved.statusCode).toBe(303);
    const id = idOf(saved.headers.location as string);
    expect(saved.headers.location).toBe(`/staff/signals/${id}?klart=registrerad`);
    expect(await signal(id)).toMatchObject({
      channel: 'inquiry',
      submitter_kind: 'staff',
      unit_id: solrosen.id,
      unit_match: 'given',
      department_code: 'stockholm',
      triage_status: 'new',
      text: 'Anhörig oroad över nattbemanningen.',
      extra: { contactKind: 'phone', caller: 'private', topic: 'Nattbemanning', loggedBy: inspector.subject },
    });
    expect(await auditRowsAfter(db(), before)).toEqual([expect.objectContaining({ action: 'signal.receive', actor: `staff:${inspector.subject}`, entity_id: id })]);
  });

  it('takes an urgency override and queues the duty e-mail for an acute one', async () => {
    const mails = await countRows(db(), 'outbox_email');
    const saved = await post(inspector, { source: 'inquiry', contactKind: 'email', caller: 'professional', text: 'Ett barn har rymt från boendet i natt.', unitId: solrosen.id, urgency: 'acute', action: 'save' });
    expect(saved.statusCode).toBe(303);
    expect(await signal(idOf(saved.headers.location as string))).toMatchObject({ urgency: 'acute' });
    expect(await countRows(db(), 'outbox_email')).toBe(mails + 1);
  });

  it('logs a police report about a unit in another department and says where it went', async () => {
    const saved = await post(inspector, { source: 'police', contactKind: 'letter', text: 'Polisanmälan om misshandel på boendet.', unitId: malmo.id, action: 'save' });
    expect(saved.statusCode).toBe(303);
    const id = idOf(saved.headers.location as string);
    expect(saved.headers.location).toBe(`/staff/signals/new?registrerad=${id}&avdelning=syd`);
    expect(await signal(id)).toMatchObject({ channel: 'police', submitter_kind: 'authority', department_code: 'syd', unit_id: malmo.id });
    const confirmation = await t.app.inject({ method: 'GET', url: saved.headers.location as string, headers: inspector.headers });
    expect(confirmation.body).toContain(`Uppgiften är registrerad som signal ${id} och skickad till Avdelning syd.`);
  });

  it('routes by kommun and leaves an unknown unit for triage', async () => {
    const saved = await post(inspector, { source: 'media', contactKind: 'email', text: 'Artikel om brister i ett boende.', unitQuery: 'Boendet vid sjön', kommun: '0180', action: 'save' });
    expect(saved.statusCode).toBe(303);
    const row = await signal(idOf(saved.headers.location as string));
    expect(row).toMatchObject({ channel: 'media', unit_id: null, unit_match: 'unmatched', department_code: 'stockholm', unit_hint: expect.objectContaining({ name: 'Boendet vid sjön', kommun: '0180' }) });
  });

  it('lists every problem with the form, keeps what was written and stores nothing', async () => {
    const signals = await countRows(db(), 'signal');
    const audit = await countRows(db(), 'audit_log');
    const response = await post(inspector, { source: 'inquiry', contactKind: 'fax', caller: '', text: '   ', kommun: '9999', urgency: 'panic', topic: 'Ämne "><b>kvar</b>', action: 'save' });
    expect(response.statusCode).toBe(400);
    for (const message of ['Välj hur uppgiften kom in', 'Välj om det var en privatperson eller en yrkesverksam', 'Skriv vad uppgiften handlar om', 'Välj en kommun ur listan', 'Välj hur brådskande uppgiften är']) {
      expect(response.body).toContain(message);
    }
    expect(response.body).toContain('value="Ämne &#34;><b>kvar</b>"');
    expect(response.body).toContain('href="#contactKind"');
    expect(await countRows(db(), 'signal')).toBe(signals);
    expect(await countRows(db(), 'audit_log')).toBe(audit);
    const unknownUnit = await post(inspector, { source: 'work_environment', contactKind: 'email', text: 'x', unitId: 'U-finns-inte', action: 'save' });
    expect(unknownUnit.statusCode).toBe(400);
    expect(await countRows(db(), 'signal')).toBe(signals);
  });

  it('lets a permit officer log a contact, which goes to the department without showing it to them', async () => {
    const permitOfficer = await signInAs(t, 'permit_officer');
    const saved = await post(permitOfficer, { source: 'inquiry', contactKind: 'phone', caller: 'professional', text: 'Fråga om tillstånd för HVB.', unitId: solrosen.id, action: 'save' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toMatch(/^\/staff\/signals\/new\?registrerad=.+&avdelning=stockholm$/);
    expect((await t.app.inject({ method: 'GET', url: '/staff/triage', headers: permitOfficer.headers })).statusCode).toBe(404);
  });
});
