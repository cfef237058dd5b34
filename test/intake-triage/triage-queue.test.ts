import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { receiveTestSignal } from './signals.ts';

type Unit = Awaited<ReturnType<typeof buildUnit>>;

/** The signal ids of the queue's rows, in the order shown. */
function queueIds(html: string): string[] {
  return [...html.matchAll(/data-signal-id="([^"]+)"/g)].map((m) => m[1]);
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe.each(databaseKinds)('the triage queue on %s', (kind) => {
  let t: TestApp;
  let solrosen: Unit;
  let ekbacken: Unit;
  let malmo: Unit;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    solrosen = await buildUnit(db, { name: 'HVB Solrosen', kommun: '0180' });
    ekbacken = await buildUnit(db, { name: 'Ekbackens äldreboende', form: 'sabo', kommun: '0114', postal_code: '19130', city: 'Sollentuna' });
    malmo = await buildUnit(db, { name: 'HVB Havsbrisen', kommun: '1280', postal_code: '21115', city: 'Malmö' });
    ids.oldNormal = (await receiveTestSignal(db, { unitId: solrosen.id, receivedAt: minutesAgo(300), text: 'Maten är dålig och kall.' }, { riskAreas: ['care_quality'] })).id;
    ids.newNormal = (await receiveTestSignal(db, { unitId: ekbacken.id, receivedAt: minutesAgo(10), channel: 'inquiry', submitterKind: 'staff', text: 'Anhörig ringde om väntetider.' }, { riskAreas: ['access_waiting'] })).id;
    ids.high = (await receiveTestSignal(db, { unitId: solrosen.id, receivedAt: minutesAgo(60), text: 'Fel medicin delades ut igen.' }, { urgency: 'high', riskAreas: ['medication'] })).id;
    ids.unmatched = (await receiveTestSignal(db, { unitHint: { name: 'boendet vid sjön', kommun: '0180' }, receivedAt: minutesAgo(120), text: 'Ingen personal på natten.' }, { riskAreas: ['staffing_competence'] })).id;
    ids.malmo = (await receiveTestSignal(db, { unitId: malmo.id, receivedAt: minutesAgo(30), text: 'Hemligt om Malmö.' }, { urgency: 'acute' })).id;
    ids.done = (await receiveTestSignal(db, { unitId: solrosen.id, receivedAt: minutesAgo(500), text: 'Redan hanterad.' })).id;
    await db.updateTable('signal').set({ triage_status: 'done' }).where('id', '=', ids.done).execute();
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string, who?: SignedIn) => t.app.inject({ method: 'GET', url, headers: who ? who.headers : { accept: 'text/html' } });

  it('sends a signed-out person to sign-in, and gives roles without triage a 404', async () => {
    const signedOut = await get('/staff/triage');
    expect(signedOut.statusCode).toBe(302);
    expect(signedOut.headers.location).toBe('/auth/login?returnTo=%2Fstaff%2Ftriage');
    const analyst = await signInAs(t, 'analyst');
    expect((await get('/staff/triage', analyst)).statusCode).toBe(404);
    expect((await get(`/staff/signals/${ids.high}`, analyst)).statusCode).toBe(404);
  });

  it("shows an inspector their own department's open signals: high first, then the longest waiting", async () => {
    const inspector = await signInAs(t, 'inspector', 'stockholm');
    const response = await get('/staff/triage', inspector);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(queueIds(response.body)).toEqual([ids.high, ids.oldNormal, ids.unmatched, ids.newNormal]);
    expect(response.body).toContain('Triagekö, Avdelning Stockholm');
    expect(response.body).toContain('ej kopplad');
    expect(response.body).toContain('Fel medicin delades ut igen.');
    expect(response.body).not.toContain('Hemligt om Malmö');
    // An inspector cannot look into another department by changing the address.
    expect(queueIds((await get('/staff/triage?avdelning=syd', inspector)).body)).not.toContain(ids.malmo);
  });

  it('puts an acute signal at the top the moment it is received', async () => {
    const inspector = await signInAs(t, 'inspector', 'stockholm');
    const acute = await receiveTestSignal(t.database.db, { unitId: ekbacken.id, text: 'Ett barn är i akut fara just nu.' }, { urgency: 'acute' });
    try {
      expect(queueIds((await get('/staff/triage', inspector)).body)[0]).toBe(acute.id);
    } finally {
      await t.database.db.deleteFrom('signal').where('id', '=', acute.id).execute();
    }
  });

  it('filters by channel, urgency, risk area, unit, kommun, status and assignment', async () => {
    const inspector = await signInAs(t, 'inspector', 'stockholm');
    const ids_ = async (query: string) => queueIds((await get(`/staff/triage?${query}`, inspector)).body);
    expect(await ids_('kanal=inquiry')).toEqual([ids.newNormal]);
    expect(await ids_('bradska=high')).toEqual([ids.high]);
    expect(await ids_('risk=staffing_competence')).toEqual([ids.unmatched]);
    expect(await ids_('verksamhet=solros')).toEqual([ids.high, ids.oldNormal]);
    expect(await ids_(`verksamhet=${encodeURIComponent(ekbacken.id)}`)).toEqual([ids.newNormal]);
    expect(await ids_('kommun=0114')).toEqual([ids.newNormal]);
    // The kommun list: the department's 27 kommuner (Stockholms län and Gotland), in Swedish order.
    const options = [...(await get('/staff/triage', inspector)).body.matchAll(/<select[^>]*id="kommun"[\s\S]*?<\/select>/g)][0][0];
    const names = [...options.matchAll(/<option value="\d{4}"[^>]*>([^<]+)<\/option>/g)].map((m) => m[1]);
    expect(names).toHaveLength(27);
    expect(names).toEqual([...names].sort(new Intl.Collator('sv').compare));
    expect(names).not.toContain('Malmö kommun');
    // A signal without a unit is found by the kommun its sender named.
    expect(await ids_('kommun=0180')).toEqual([ids.high, ids.oldNormal, ids.unmatched]);
    expect(await ids_('status=done')).toEqual([ids.done]);
    expect((await ids_('status=all')).length).toBe(5);
    expect(await ids_('tilldelad=me')).toEqual([]);
    await t.database.db.updateTable('signal').set({ assigned_to: inspector.subject }).where('id', '=', ids.oldNormal).execute();
    try {
      expect(await ids_('tilldelad=me')).toEqual([ids.oldNormal]);
      expect(await ids_('tilldelad=unassigned')).toEqual([ids.high, ids.unmatched, ids.newNormal]);
      expect((await get('/staff/triage', inspector)).body).toContain(inspector.name);
    } finally {
      await t.database.db.updateTable('signal').set({ assigned_to: null }).where('id', '=', ids.oldNormal).execute();
    }
    // Unknown filter values are ignored, never passed on.
    expect(await ids_('kanal=%27%3B--&bradska=x&risk=y&kommun=abc&status=zzz')).toEqual([ids.high, ids.oldNormal, ids.unmatched, ids.newNormal]);
  });

  it('lets national roles see every department, or pick one', async () => {
    const registrar = await signInAs(t, 'registrar');
    const all = queueIds((await get('/staff/triage', registrar)).body);
    expect(all[0]).toBe(ids.malmo);
    expect(all).toEqual(expect.arrayContaining([ids.high, ids.oldNormal, ids.unmatched, ids.newNormal]));
    expect(queueIds((await get('/staff/triage?avdelning=syd', registrar)).body)).toEqual([ids.malmo]);
    expect(queueIds((await get('/staff/triage?avdelning=ingen', registrar)).body)).toEqual([]);
    expect((await get('/staff/triage', registrar)).body).toContain('Alla avdelningar');
  });
});
