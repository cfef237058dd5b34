import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAlertKinds, recomputeNationalRisk, rescoreUnits } from '../../src/modules/risk/scoring/index.ts';
import { openCase } from '../../src/modules/cases/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { AS_OF, buildWorld, signal } from './small-risk-world.ts';

describe('which changes raise an alert', () => {
  const path = [0, 1, 2, 5];
  it('raises a CUSUM alert when the alarm switches on, not while it stays on', () => {
    expect(newAlertKinds({ cusumAlarm: true, triggers: [], cusumPath: path }, { cusum_alarm: false, triggers: [] }, 4)).toEqual(['cusum']);
    expect(newAlertKinds({ cusumAlarm: true, triggers: [], cusumPath: path }, { cusum_alarm: true, triggers: [] }, 4)).toEqual([]);
    expect(newAlertKinds({ cusumAlarm: false, triggers: [], cusumPath: [0, 1] }, { cusum_alarm: true, triggers: [] }, 4)).toEqual([]);
  });
  it('without an earlier score, raises a CUSUM alert only for a crossing in the last week, and no trigger alert', () => {
    expect(newAlertKinds({ cusumAlarm: true, triggers: ['acute_signal'], cusumPath: [0, 1, 2, 5] }, undefined, 4)).toEqual(['cusum']);
    expect(newAlertKinds({ cusumAlarm: true, triggers: ['acute_signal'], cusumPath: [0, 4.5, 5] }, undefined, 4)).toEqual([]);
  });
  it('raises a trigger alert when a trigger switches on', () => {
    expect(newAlertKinds({ cusumAlarm: false, triggers: ['acute_signal', 'permit_status'], cusumPath: [] }, { cusum_alarm: false, triggers: ['permit_status'] }, 4)).toEqual(['acute_signal']);
  });
});

describe.each(databaseKinds)('risk alerts in the triage queue (%s)', (kind) => {
  let t: TestApp;
  let stockholm: SignedIn;
  let syd: SignedIn;
  let alertId: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    await buildWorld(db);
    await recomputeNationalRisk(db, { asOf: AS_OF });
    // An acute signal on the as-of day: the unit is rescored and lifted by the trigger.
    await db.insertInto('signal').values({ ...signal('H02', 'police', AS_OF, 4, 'acute'), received_at: `${AS_OF}T09:00:00Z` }).execute();
    await rescoreUnits(db, ['H02'], { asOf: AS_OF });
    alertId = (await db.selectFrom('risk_alert').select('id').where('unit_id', '=', 'H02').executeTakeFirstOrThrow()).id;
    stockholm = await signInAs(t, 'inspector', 'stockholm');
    syd = await signInAs(t, 'inspector', 'syd');
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const post = (url: string, who: SignedIn, form: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded', origin: t.config.publicUrl }, payload: new URLSearchParams(form).toString() });

  it("shows the alert with its reasons in the unit's department's queue, linked to the risk card", async () => {
    const page = await get('/staff/triage', stockholm);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Risklarm');
    expect(page.body).toContain(`data-alert-id="${alertId}"`);
    expect(page.body).toContain('Enhet H02');
    expect(page.body).toContain('Akut signal');
    expect(page.body).toMatch(/[Aa]kut signal .*31 december 2024/);
    expect(page.body).toContain('href="/staff/risk/enhet/H02"');
    // The queue's kommun filter narrows the alerts too.
    expect((await get('/staff/triage?kommun=0180', stockholm)).body).toContain(`data-alert-id="${alertId}"`);
    expect((await get('/staff/triage?kommun=0114', stockholm)).body).not.toContain(`data-alert-id="${alertId}"`);
    // The alerts follow the kommun filter and say so; the signal filters do not apply to them, and the page says that too.
    expect((await get('/staff/triage?kommun=0114', stockholm)).body).toMatch(/Inga öppna risklarm i [^.]*Upplands Väsby[^.]*\./);
    const filtered = (await get('/staff/triage?kanal=tip', stockholm)).body;
    expect(filtered).toContain(`data-alert-id="${alertId}"`);
    expect(filtered).toContain('Risklarmen följer bara valet av kommun. De andra filtren gäller signalerna längre ned.');
    expect((await get('/staff/triage', stockholm)).body).not.toContain('data-alert-filter-note');
    // A national triager's alerts follow the chosen department too, and the note says so.
    const national = await signInAs(t, 'decision_maker');
    expect((await get('/staff/triage?kanal=tip', national)).body).toContain('Risklarmen följer bara valen av avdelning och kommun.');
  });

  it('shows the open alerts to everyone who reads the risk analysis, without the buttons of triage', async () => {
    const analyst = await signInAs(t, 'analyst');
    const page = await get('/staff/risk/larm', analyst);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l" id="risklarm-rubrik">');
    expect(page.body).toContain(`data-alert-id="${alertId}"`);
    expect(page.body).not.toContain('/status"');
    expect(page.body).toContain('Larmen tas och avslutas av dem som triagerar signaler på avdelningen.');
    expect((await get('/staff/risk', analyst)).body).toContain('href="/staff/risk/larm"');
    // An inspector reads their own department's alerts only, and acts on them on each alert's page.
    expect((await get('/staff/risk/larm', syd)).body).not.toContain(`data-alert-id="${alertId}"`);
    const own = (await get('/staff/risk/larm', stockholm)).body;
    expect(own).toContain(`data-alert-id="${alertId}"`);
    expect(own).toContain('Öppna ett larm för att ta, tilldela eller avsluta det.');
    expect(own).toContain(`href="/staff/riskalarm/${alertId}"`);
    // Someone who may not read the risk analysis gets nothing.
    expect((await get('/staff/risk/larm', await signInAs(t, 'registrar'))).statusCode).toBe(404);
    // The unit's risk card says it has an open alert, and where to act on it.
    const card = (await get('/staff/risk/enhet/H02', analyst)).body;
    expect(card).toMatch(new RegExp(`data-open-alerts="true"><li><a class="govuk-link" href="/staff/riskalarm/${alertId}">Akut signal, larm [^<]+</a><span> \\(ny\\)</span></li>`));
    expect(card).toContain('<a class="govuk-link" href="/staff/risk/larm">Alla öppna risklarm</a>');
    expect((await get('/staff/risk/enhet/H02', stockholm)).body).toContain('<a class="govuk-link" href="/staff/triage#risklarm-rubrik">Till larmen i triagekön</a>');
    expect((await get('/staff/risk/enhet/H05', analyst)).body).not.toContain('data-open-alerts');
  });

  it('lists the open alerts highest score first, so those left out of a long list are the least risky', async () => {
    const db = t.database.db;
    const extra = await db
      .insertInto('risk_alert')
      .values([
        { unit_id: 'H04', department_code: 'stockholm', kind: 'cusum', as_of: AS_OF, score: 0.31, explanation: ['x'], raised_at: new Date('2020-01-01T00:00:00Z') },
        { unit_id: 'H05', department_code: 'stockholm', kind: 'cusum', as_of: AS_OF, score: 0.97, explanation: ['x'], raised_at: new Date('2019-01-01T00:00:00Z') },
      ])
      .returning('id')
      .execute();
    try {
      const order = [...(await get('/staff/triage', stockholm)).body.matchAll(/data-alert-id="(\d+)"/g)].map((m) => Number(m[1]));
      expect(order[0]).toBe(extra[1].id);
      expect(order[order.length - 1]).toBe(extra[0].id);
    } finally {
      await db.deleteFrom('risk_alert').where('id', 'in', extra.map((e) => e.id)).execute();
    }
  });

  it("keeps it out of other departments' queues, and refuses their actions with 404 and no change", async () => {
    const page = await get('/staff/triage', syd);
    expect(page.body).not.toContain(`data-alert-id="${alertId}"`);
    const refused = await post(`/staff/riskalarm/${alertId}/status`, syd, { _csrf: syd.csrfToken, status: 'done', seen: 'new' });
    expect(refused.statusCode).toBe(404);
    const row = await t.database.db.selectFrom('risk_alert').select('status').where('id', '=', alertId).executeTakeFirstOrThrow();
    expect(row.status).toBe('new');
  });

  it('shows no alert to triage staff who may not read the risk analysis (a registrar), and refuses their actions', async () => {
    const registrar = await signInAs(t, 'registrar');
    const page = await get('/staff/triage', registrar);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Risklarm');
    expect(page.body).not.toContain(`data-alert-id="${alertId}"`);
    const refused = await post(`/staff/riskalarm/${alertId}/status`, registrar, { _csrf: registrar.csrfToken, status: 'in_progress', seen: 'new' });
    expect(refused.statusCode).toBe(404);
    const row = await t.database.db.selectFrom('risk_alert').select(['status', 'handled_by']).where('id', '=', alertId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'new', handled_by: null });
  });

  it('keeps alerts to the reach of the risk analysis: a registrar who is also an inspector in Syd sees and handles only Syd\'s', async () => {
    const both = await signInAs(t, ['registrar', 'inspector'], 'syd');
    const page = await get('/staff/triage', both);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Risklarm');
    expect(page.body).not.toContain(`data-alert-id="${alertId}"`);
    const refused = await post(`/staff/riskalarm/${alertId}/status`, both, { _csrf: both.csrfToken, status: 'in_progress', seen: 'new' });
    expect(refused.statusCode).toBe(404);
    expect((await t.database.db.selectFrom('risk_alert').select('status').where('id', '=', alertId).executeTakeFirstOrThrow()).status).toBe('new');
  });

  it('refuses a post without the CSRF token', async () => {
    const refused = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { status: 'done', seen: 'new' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('CSRF');
    const row = await t.database.db.selectFrom('risk_alert').select('status').where('id', '=', alertId).executeTakeFirstOrThrow();
    expect(row.status).toBe('new');
  });

  it('lets the department take and close it, keeping who and when, and logs it', async () => {
    const taken = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'in_progress', seen: 'new', returnTo: '/staff/triage' });
    expect(taken.statusCode).toBe(303);
    expect(taken.headers.location).toBe(`/staff/triage?larm=${alertId}&larmstatus=in_progress#risklarm`);
    // A double click (or a second tab) asking for what is already so does nothing, and is no error.
    expect((await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'in_progress', seen: 'new', seenBy: '' })).statusCode).toBe(303);
    let row = await t.database.db.selectFrom('risk_alert').selectAll().where('id', '=', alertId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'in_progress', handled_by: stockholm.subject });
    const after = (await get(taken.headers.location as string, stockholm)).body;
    expect(after).toContain(stockholm.name);
    expect(after).toContain('Du har tagit larmet för');
    // Handed back, it waits for someone to take it; taken again, the flow goes on.
    expect(after).toContain('Lämna tillbaka<span class="govuk-visually-hidden">');
    const handedBack = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'new', seen: 'in_progress', returnTo: '/staff/triage' });
    expect(handedBack.statusCode).toBe(303);
    expect(await t.database.db.selectFrom('risk_alert').select(['status', 'handled_by']).where('id', '=', alertId).executeTakeFirstOrThrow()).toEqual({ status: 'new', handled_by: null });
    expect((await get(handedBack.headers.location as string, stockholm)).body).toContain('är lämnat tillbaka och väntar på att någon tar det.');
    expect((await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'in_progress', seen: 'new' })).statusCode).toBe(303);
    // A page that showed the alert taken by someone else (before it was handed back and taken again): refused.
    const otherHolder = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'done', seen: 'in_progress', seenBy: 'someone-else' });
    expect(otherHolder.statusCode).toBe(409);
    expect((await t.database.db.selectFrom('risk_alert').select('status').where('id', '=', alertId).executeTakeFirstOrThrow()).status).toBe('in_progress');
    const bad = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'whatever', seen: 'in_progress' });
    expect(bad.statusCode).toBe(400);
    // A page that still shows the alert as new (left open while it was taken): nothing is done, and the person is told.
    const stale = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'done', seen: 'new' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Någon annan har ändrat larmet sedan sidan visades: någon har tagit det. Inget har ändrats.');
    expect((await t.database.db.selectFrom('risk_alert').select('status').where('id', '=', alertId).executeTakeFirstOrThrow()).status).toBe('in_progress');
    // Closing asks what the alert led to: without an answer, a case that is not in the diarium, or "no action"
    // without a reason, nothing is closed and the page says which field, keeping what was typed.
    const withoutOutcome = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'done', seen: 'in_progress' });
    expect(withoutOutcome.statusCode).toBe(400);
    expect(withoutOutcome.body).toContain('Välj vad larmet ledde till');
    const unknownCase = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'done', seen: 'in_progress', outcome: 'case', caseRef: '3.5.1-99999/2026' });
    expect(unknownCase.statusCode).toBe(400);
    expect(unknownCase.body).toContain('Det finns inget ärende med diarienummer 3.5.1-99999/2026');
    expect(unknownCase.body).toContain('value="3.5.1-99999/2026"');
    const noReason = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'done', seen: 'in_progress', outcome: 'no_action', note: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Skriv varför ingen åtgärd behövs');
    expect((await t.database.db.selectFrom('risk_alert').select('status').where('id', '=', alertId).executeTakeFirstOrThrow()).status).toBe('in_progress');
    const closed = await post(`/staff/riskalarm/${alertId}/status`, stockholm, {
      _csrf: stockholm.csrfToken, status: 'done', seen: 'in_progress', returnTo: '//evil.example', outcome: 'no_action', note: 'Polisen utreder redan; kommunen har åtgärdat bemanningen.',
    });
    expect(closed.statusCode).toBe(303);
    expect(closed.headers.location).toBe(`/staff/triage?larm=${alertId}&larmstatus=done#risklarm`);
    row = await t.database.db.selectFrom('risk_alert').selectAll().where('id', '=', alertId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', outcome: 'no_action', case_ref: null, note: 'Polisen utreder redan; kommunen har åtgärdat bemanningen.' });
    const afterClosing = (await get(closed.headers.location as string, stockholm)).body;
    expect(afterClosing).not.toContain(`data-alert-id="${alertId}"`);
    expect(afterClosing).toContain('är avslutat.');
    // Closed alerts stay readable: who closed it, when and what it led to, in the department's alert list.
    const list = (await get('/staff/risk/larm', stockholm)).body;
    const closedTable = list.slice(list.indexOf('data-closed-alerts="true"'));
    expect(closedTable).toContain(`data-alert-id="${alertId}"`);
    expect(closedTable).toContain(stockholm.name);
    expect(closedTable).toContain('Ingen åtgärd behövs');
    expect((await get('/staff/risk/larm', syd)).body).not.toContain(`data-alert-id="${alertId}"`);
    // Syd is not told about Stockholm's alert, even given its number.
    expect((await get(`/staff/triage?larm=${alertId}&larmstatus=done`, syd)).body).not.toContain('är avslutat.');
    // A page from before it was closed cannot take it again (it showed the alert as new).
    const reopenedByStalePage = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'in_progress', seen: 'new' });
    expect(reopenedByStalePage.statusCode).toBe(409);
    expect((await t.database.db.selectFrom('risk_alert').select('status').where('id', '=', alertId).executeTakeFirstOrThrow()).status).toBe('done');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'risk_alert.status').execute();
    expect(audit).toHaveLength(4);

    // Opened again while a newer alert of the same kind is open: refused, nothing changed.
    const newer = await t.database.db.insertInto('risk_alert').values({ unit_id: 'H02', department_code: 'stockholm', kind: row.kind, as_of: AS_OF, score: 0.7, explanation: ['x'] }).returning('id').executeTakeFirstOrThrow();
    try {
      const reopened = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'new', seen: 'done' });
      expect(reopened.statusCode).toBe(409);
      expect((await t.database.db.selectFrom('risk_alert').select('status').where('id', '=', alertId).executeTakeFirstOrThrow()).status).toBe('done');
    } finally {
      await t.database.db.deleteFrom('risk_alert').where('id', '=', newer.id).execute();
    }
  });

  it('shows the alert on a page of its own: the acute signal it came from, who did what, and actions only for triage', async () => {
    const acute = await t.database.db.selectFrom('signal').select('id').where('unit_id', '=', 'H02').where('urgency', '=', 'acute').executeTakeFirstOrThrow();
    const page = await get(`/staff/riskalarm/${alertId}`, stockholm);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Risklarm för Enhet H02');
    expect(page.body).toContain('Varför larmet gick');
    expect(page.body).toContain('Den akuta signalen');
    expect(page.body).toContain(`href="/staff/signals/${acute.id}"`);
    // The history says who took, handed back and closed it, and what it led to.
    const history = page.body.slice(page.body.indexOf('data-alert-history'));
    expect(history).toContain(`${stockholm.name} tog larmet.`);
    expect(history).toContain(`${stockholm.name} lämnade tillbaka larmet.`);
    expect(history).toContain(`${stockholm.name} avslutade larmet: ingen åtgärd behövs.`);
    expect(page.body).toContain('Polisen utreder redan; kommunen har åtgärdat bemanningen.');
    expect(page.body).toContain('Öppna larmet igen');
    // An analyst reads it, without the signal's link (signals are for triage) and without actions.
    const analyst = await signInAs(t, 'analyst');
    const read = await get(`/staff/riskalarm/${alertId}`, analyst);
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('Den akuta signalen');
    expect(read.body).not.toContain('/staff/signals/');
    expect(read.body).not.toContain('<form method="post" action="/staff/riskalarm/');
    // Another department, and someone who may not read the risk analysis, get nothing.
    expect((await get(`/staff/riskalarm/${alertId}`, syd)).statusCode).toBe(404);
    expect((await get(`/staff/riskalarm/${alertId}`, await signInAs(t, 'registrar'))).statusCode).toBe(404);
    expect((await get('/staff/riskalarm/abc', stockholm)).statusCode).toBe(404);
    // Only the page's own words are said at its top.
    expect((await get(`/staff/riskalarm/${alertId}?klart=constructor`, stockholm)).statusCode).toBe(200);
  });

  it('opens a closed alert again without its outcome, hands it to a colleague who may hold it, and closes it to a case', async () => {
    const db = t.database.db;
    const reopened = await post(`/staff/riskalarm/${alertId}/status`, stockholm, { _csrf: stockholm.csrfToken, status: 'new', seen: 'done', returnTo: `/staff/riskalarm/${alertId}` });
    expect(reopened.statusCode).toBe(303);
    expect(reopened.headers.location).toBe(`/staff/riskalarm/${alertId}?klart=new`);
    expect(await db.selectFrom('risk_alert').select(['status', 'outcome', 'case_ref', 'note', 'handled_by']).where('id', '=', alertId).executeTakeFirstOrThrow()).toEqual({ status: 'new', outcome: null, case_ref: null, note: null, handled_by: null });
    expect((await get(reopened.headers.location as string, stockholm)).body).toContain('öppnade larmet igen.');

    // Only colleagues who triage in the department and read its risk analysis can be given it.
    const colleague = await signInAs(t, 'inspector', 'stockholm');
    const registrar = await signInAs(t, 'registrar');
    const options = (await get(`/staff/riskalarm/${alertId}`, stockholm)).body;
    expect(options).toContain(`value="${colleague.subject}"`);
    expect(options).not.toContain(`value="${registrar.subject}"`);
    expect(options).not.toContain(`value="${syd.subject}"`);
    for (const who of [registrar, syd]) {
      const refused = await post(`/staff/riskalarm/${alertId}/tilldela`, stockholm, { _csrf: stockholm.csrfToken, assignee: who.subject, seen: 'new', seenBy: '' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('Välj en kollega som triagerar på avdelningen');
    }
    expect((await post(`/staff/riskalarm/${alertId}/tilldela`, stockholm, { _csrf: stockholm.csrfToken, assignee: '', seen: 'new', seenBy: '' })).statusCode).toBe(400);
    const assigned = await post(`/staff/riskalarm/${alertId}/tilldela`, stockholm, { _csrf: stockholm.csrfToken, assignee: colleague.subject, seen: 'new', seenBy: '', returnTo: `/staff/riskalarm/${alertId}` });
    expect(assigned.statusCode).toBe(303);
    expect(await db.selectFrom('risk_alert').select(['status', 'handled_by']).where('id', '=', alertId).executeTakeFirstOrThrow()).toEqual({ status: 'in_progress', handled_by: colleague.subject });
    const assignedPage = (await get(assigned.headers.location as string, stockholm)).body;
    expect(assignedPage).toContain('Larmet är tilldelat.');
    expect(assignedPage).toContain(`${stockholm.name} tilldelade larmet till ${colleague.name}.`);
    // A page that still shows it unassigned cannot hand it to someone else.
    const stale = await post(`/staff/riskalarm/${alertId}/tilldela`, stockholm, { _csrf: stockholm.csrfToken, assignee: stockholm.subject, seen: 'new', seenBy: '' });
    expect(stale.statusCode).toBe(409);
    expect((await db.selectFrom('risk_alert').select('handled_by').where('id', '=', alertId).executeTakeFirstOrThrow()).handled_by).toBe(colleague.subject);

    // Someone who may not act on the alert cannot hand it on either.
    for (const who of [syd, await signInAs(t, 'analyst')]) {
      expect((await post(`/staff/riskalarm/${alertId}/tilldela`, who, { _csrf: who.csrfToken, assignee: who.subject, seen: 'in_progress', seenBy: colleague.subject })).statusCode).toBe(404);
    }

    // The colleague closes it to a case in the diarium; the page links the case. A case about another unit is
    // a mistyped number, and "no action" has no case.
    const actor = { diariumTemplate: '{class}-{number:5}/{year}', actor: { subject: colleague.subject, name: colleague.name } };
    const opened = await openCase(db, actor, { caseType: 'complaint', title: 'Tillsyn efter akut signal', unitId: 'H02' });
    const otherUnits = await openCase(db, actor, { caseType: 'complaint', title: 'Klagomål', unitId: 'H01' });
    const asColleague = (form: Record<string, string>) => post(`/staff/riskalarm/${alertId}/status`, colleague, { _csrf: colleague.csrfToken, status: 'done', seen: 'in_progress', seenBy: colleague.subject, ...form });
    const wrongCase = await asColleague({ outcome: 'case', caseRef: otherUnits.diarienummer });
    expect(wrongCase.statusCode).toBe(400);
    expect(wrongCase.body).toContain(`Ärendet ${otherUnits.diarienummer} gäller en annan verksamhet`);
    const caseWithoutAction = await asColleague({ outcome: 'no_action', caseRef: opened.diarienummer, note: 'Inget att göra här.' });
    expect(caseWithoutAction.statusCode).toBe(400);
    expect(caseWithoutAction.body).toContain('Ett larm som inte behöver någon åtgärd har inget ärende');
    const closed = await post(`/staff/riskalarm/${alertId}/status`, colleague, {
      _csrf: colleague.csrfToken, status: 'done', seen: 'in_progress', seenBy: colleague.subject, outcome: 'case', caseRef: ` ${opened.diarienummer} `, returnTo: `/staff/riskalarm/${alertId}`,
    });
    expect(closed.statusCode).toBe(303);
    expect(await db.selectFrom('risk_alert').select(['status', 'outcome', 'case_ref']).where('id', '=', alertId).executeTakeFirstOrThrow()).toEqual({ status: 'done', outcome: 'case', case_ref: opened.diarienummer });
    // A double click does nothing more; a page that still shows the alert open cannot close it otherwise: the
    // person is shown the alert as it is now, with what they wrote kept, and nothing is lost or changed.
    expect((await asColleague({ outcome: 'case', caseRef: opened.diarienummer })).statusCode).toBe(303);
    const staleClose = await post(`/staff/riskalarm/${alertId}/status`, stockholm, {
      _csrf: stockholm.csrfToken, status: 'done', seen: 'in_progress', seenBy: colleague.subject, outcome: 'no_action', note: 'Stängs, inget nytt sedan förra inspektionen.',
    });
    expect(staleClose.statusCode).toBe(409);
    expect(staleClose.body).toContain('data-alert-conflict="true"');
    expect(staleClose.body).toContain('Någon annan har ändrat larmet sedan sidan visades: det är avslutat. Inget har ändrats.');
    expect(staleClose.body).toContain('Stängs, inget nytt sedan förra inspektionen.</textarea>');
    expect(await db.selectFrom('risk_alert').select(['outcome', 'note', 'handled_by']).where('id', '=', alertId).executeTakeFirstOrThrow()).toEqual({ outcome: 'case', note: null, handled_by: colleague.subject });
    const closedPage = (await get(closed.headers.location as string, colleague)).body;
    expect(closedPage).toContain('Larmet är avslutat.');
    expect(closedPage).toContain(`href="/staff/arenden/${opened.id}"`);
    const audit = await db.selectFrom('audit_log').select(['action', 'details']).where('entity_type', '=', 'risk_alert').where('entity_id', '=', String(alertId)).orderBy('id', 'desc').limit(2).execute();
    expect(audit.map((a) => a.action)).toEqual(['risk_alert.status', 'risk_alert.assign']);
    expect(audit[0].details).toMatchObject({ to: 'done', outcome: 'case', case: opened.diarienummer });
    // What the department's alerts led to over the year, beside the list: this one went to a case.
    const yieldPage = (await get('/staff/risk/larm', stockholm)).body;
    expect(yieldPage).toContain('Av 1 avslutade larm ledde 1 (100 %) till ett ärende eller en inspektion.');
    const outcomes = yieldPage.slice(yieldPage.indexOf('data-alert-outcomes'), yieldPage.indexOf('</table>', yieldPage.indexOf('data-alert-outcomes')));
    expect(outcomes).toMatch(/Akut signal<\/th>\s*<td[^>]*>1<\/td>/);
    expect((await get('/staff/risk/larm', syd)).body).toContain('Inga larm har avslutats det senaste året.');
  });
});
