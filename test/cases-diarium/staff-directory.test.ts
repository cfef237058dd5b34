import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffSession, DEMO_USERS } from '../../src/platform/auth/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { signInAsRepresentative } from '../intake-provider/support.ts';
import { receiveTestSignal } from '../intake-triage/signals.ts';
import { openTestCase, personOf, requests } from './helpers.ts';

/** The options of a select on a page, as [value, text], without the empty "choose" option. */
function optionsOf(html: string, selectId: string): [string, string][] {
  const select = new RegExp(`<select[^>]* id="${selectId}"[\\s\\S]*?</select>`).exec(html)?.[0];
  if (!select) throw new Error(`no select #${selectId} on the page`);
  return [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].filter((m) => m[1] !== '').map((m) => [m[1], m[2]]);
}
const subjectsOf = (html: string, selectId: string) => optionsOf(html, selectId).map(([value]) => value);

const DEMO_STAFF = DEMO_USERS.filter((u) => !u.roles.includes('provider_representative'));

// The pickers (responsible officer, case team, triage assignee) offer the staff directory: everyone who has
// signed in, for good, and with the development identity provider its demo people from the start.
describe.each(databaseKinds)('the staff directory behind the pickers on %s', (kind) => {
  let t: TestApp;
  let http: ReturnType<typeof requests>;
  let inspector: SignedIn;
  let unit: Awaited<ReturnType<typeof buildUnit>>;
  const db = () => t.database.db;
  const member = (subject: string) => db().selectFrom('staff_member').selectAll().where('subject', '=', subject).executeTakeFirst();

  beforeAll(async () => {
    t = await createTestApp(kind);
    http = requests(t);
    unit = await buildUnit(db(), { name: 'HVB Lindarna', kommun: '0180' });
    inspector = await signInAs(t, 'inspector', 'stockholm');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('holds the demo identity provider’s staff from start, before anyone has signed in (and none of its provider representatives)', async () => {
    const rows = await db().selectFrom('staff_member').selectAll().where('subject', 'like', 'demo-%').orderBy('subject').execute();
    expect(rows.map((r) => r.subject)).toEqual(DEMO_STAFF.map((u) => u.subject).sort());
    for (const user of DEMO_STAFF) {
      expect(rows.find((r) => r.subject === user.subject)).toMatchObject({ name: user.name, email: user.email, roles: user.roles, department: user.department, active: true, last_seen_at: null });
    }
    expect(await db().selectFrom('staff_session').select('subject').where('subject', 'like', 'demo-%').execute()).toEqual([]);

    // A Stockholm inspector opening a case is offered Stockholm's demo inspector and the national decision
    // maker as responsible officer; not the other departments' inspectors, nor people without case.work.
    const form = await http.get('/staff/arenden/nytt', inspector);
    const responsible = optionsOf(form.body, 'responsible');
    expect(responsible).toContainEqual(['demo-inspektor-stockholm', 'Sara Nyström']);
    expect(responsible).toContainEqual(['demo-beslutsfattare', 'Karin Åberg']);
    for (const subject of ['demo-inspektor-syd', 'demo-inspektor-nord', 'demo-registrator', 'demo-analytiker', 'demo-foretradare-hvb']) expect(subjectsOf(form.body, 'responsible')).not.toContain(subject);

    // The case team picker offers who may read the case: the registrar too.
    const { id } = await openTestCase(db(), { unitId: unit.id, responsible: personOf(inspector) });
    const page = await http.get(`/staff/arenden/${id}`, inspector);
    expect(subjectsOf(page.body, 'member')).toEqual(expect.arrayContaining(['demo-inspektor-stockholm', 'demo-registrator', 'demo-beslutsfattare']));
    expect(subjectsOf(page.body, 'member')).not.toContain('demo-inspektor-syd');
    expect((await http.post(`/staff/arenden/${id}/lag`, inspector, { member: 'demo-inspektor-stockholm' })).statusCode).toBe(303);
    expect(await db().selectFrom('case_member').select(['subject', 'name', 'role']).where('case_id', '=', id).where('subject', '=', 'demo-inspektor-stockholm').execute()).toEqual([
      { subject: 'demo-inspektor-stockholm', name: 'Sara Nyström', role: 'member' },
    ]);
  });

  it('keeps offering someone who signed in after their session was deleted (signed out) or expired', async () => {
    const signedOut = await signInAs(t, 'inspector', 'stockholm');
    const expired = await signInAs(t, 'inspector', 'stockholm');
    await db().deleteFrom('staff_session').where('subject', '=', signedOut.subject).execute();
    await db().updateTable('staff_session').set({ created_at: new Date(Date.now() - 10 * 3600_000), expires_at: new Date(Date.now() - 2 * 3600_000) }).where('subject', '=', expired.subject).execute();
    // The next sign-in clears expired sessions away.
    await signInAs(t, 'analyst');
    expect(await db().selectFrom('staff_session').select('subject').where('subject', 'in', [signedOut.subject, expired.subject]).execute()).toEqual([]);
    expect(await member(signedOut.subject)).toMatchObject({ name: signedOut.name, roles: ['inspector'], department: 'stockholm', active: true });
    expect((await member(expired.subject))?.last_seen_at).toBeInstanceOf(Date);

    const { id } = await openTestCase(db(), { unitId: unit.id, responsible: personOf(inspector) });
    const page = await http.get(`/staff/arenden/${id}`, inspector);
    expect(optionsOf(page.body, 'member')).toEqual(expect.arrayContaining([[signedOut.subject, signedOut.name], [expired.subject, expired.name]]));
    expect(optionsOf(page.body, 'responsible')).toEqual(expect.arrayContaining([[signedOut.subject, signedOut.name], [expired.subject, expired.name]]));
    expect((await http.post(`/staff/arenden/${id}/lag`, inspector, { member: signedOut.subject })).statusCode).toBe(303);
    expect((await http.post(`/staff/arenden/${id}/ansvarig`, inspector, { responsible: expired.subject })).statusCode).toBe(303);
    expect(await db().selectFrom('case_file').select(['responsible', 'responsible_name']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ responsible: expired.subject, responsible_name: expired.name });

    // Opening a new case with them as responsible officer works too.
    expect(subjectsOf((await http.get('/staff/arenden/nytt', inspector)).body, 'responsible')).toContain(signedOut.subject);
    const opened = await http.post('/staff/arenden/nytt', inspector, { action: 'save', caseType: 'complaint', title: 'Klagomål på tillsynen', unitId: unit.id, responsible: signedOut.subject });
    expect(opened.statusCode).toBe(303);

    // And a signal in triage can still be given to them.
    const signal = await receiveTestSignal(db(), { channel: 'complaint', unitId: unit.id, text: 'Personalen svarar inte i telefon.' });
    expect(subjectsOf((await http.get(`/staff/signals/${signal.id}`, inspector)).body, 'assignee')).toContain(signedOut.subject);
    expect((await http.post(`/staff/signals/${signal.id}/tilldela`, inspector, { assignee: signedOut.subject })).statusCode).toBe(303);
  });

  it('follows the latest sign-in: a new name, roles or department replace the old ones', async () => {
    const mover = await signInAs(t, 'inspector', 'stockholm');
    const firstSeen = (await member(mover.subject))!.first_seen_at;
    await createStaffSession(db(), { subject: mover.subject, name: 'Ny Namnsson', email: 'ny@ivo.example', roles: ['inspector'], department: 'syd' }, new Date(Date.now() + 1000));
    expect(await member(mover.subject)).toMatchObject({ name: 'Ny Namnsson', email: 'ny@ivo.example', department: 'syd', first_seen_at: firstSeen });
    const form = await http.get('/staff/arenden/nytt', inspector);
    expect(subjectsOf(form.body, 'responsible')).not.toContain(mover.subject);
  });

  it('offers no one marked inactive, until they sign in again', async () => {
    const leaver = await signInAs(t, 'inspector', 'stockholm');
    await db().updateTable('staff_member').set({ active: false }).where('subject', '=', leaver.subject).execute();
    expect(subjectsOf((await http.get('/staff/arenden/nytt', inspector)).body, 'responsible')).not.toContain(leaver.subject);
    await createStaffSession(db(), { subject: leaver.subject, name: leaver.name, email: null, roles: ['inspector'], department: 'stockholm' });
    expect((await member(leaver.subject))?.active).toBe(true);
    expect(subjectsOf((await http.get('/staff/arenden/nytt', inspector)).body, 'responsible')).toContain(leaver.subject);
  });

  it('leaves provider representatives out of the directory', async () => {
    const representative = await signInAsRepresentative(t, []);
    expect(await member(representative.subject)).toBeUndefined();
  });
});

describe.each(databaseKinds)('the staff directory with an external identity provider on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: { VAKA_OIDC_ISSUER: 'https://login.ivo.example' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has no demo people: only those who sign in', async () => {
    expect(await t.database.db.selectFrom('staff_member').select('subject').execute()).toEqual([]);
    const who = await signInAs(t, 'inspector', 'stockholm');
    expect(await t.database.db.selectFrom('staff_member').select('subject').execute()).toEqual([{ subject: who.subject }]);
  });
});
