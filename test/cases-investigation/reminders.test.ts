import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDocument } from '../../src/modules/cases/index.ts';
import { addDays } from '../../src/platform/dates.ts';
import { CASE_REMINDERS_JOB, reportReminderSubjectStart, sendCaseReminders, sendRequest, startCaseJobs } from '../../src/modules/cases/investigation/index.ts';
import type { JobHandler, JobQueue, Repeat } from '../../src/platform/jobs/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { buildProviderWithUnits, openTestCase } from './support.ts';
import { swedishToday } from '../../src/platform/dates.ts';

// Reminders are run with a fixed "today", far from the real date, so the test does not depend on the clock.
const TODAY = '2031-03-10';

describe.each(databaseKinds)('reminders to providers on %s', (kind) => {
  let t: TestApp;
  let inspector: SignedIn;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp(kind);
    inspector = await signInAs(t, 'inspector', 'stockholm');
  });
  afterAll(async () => {
    await t?.close();
  });

  const staff = () => ({ subject: inspector.subject, name: inspector.name, roles: ['inspector' as const], department: 'stockholm' });
  const send = (caseId: number, subject: string, replyBy: string) =>
    sendRequest(db(), { caseId, staff: staff(), input: { subject, body: 'Svara på frågorna.', replyBy, secret: false }, today: '2031-02-01', publicUrl: 'https://vaka.example.se' });

  async function decision(caseId: number, reportBy: string, followUp: 'awaiting_report' | 'assessing' | 'none' = 'awaiting_report') {
    return db().transaction().execute(async (trx) => {
      const document = await registerDocument(trx, { caseId, direction: 'outgoing', documentDate: '2031-01-15', subject: 'Beslut', secrecy: 'public', kind: 'decision', registeredBy: 'test' });
      return trx
        .insertInto('case_decision')
        .values({ case_id: caseId, document_id: document.id, tool: 'demand_actions', report_by: reportBy, summary: 'Redovisa åtgärder.', decided_on: '2031-01-15', decided_by: 'x', decided_by_name: 'X', follow_up_status: followUp, published_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
    });
  }

  const outbox = () => db().selectFrom('outbox_email').select(['id', 'recipient', 'subject', 'body']).orderBy('id').execute();
  const reminderDocs = () => db().selectFrom('case_document').select(['case_id', 'direction', 'kind', 'subject', 'counterpart', 'secrecy', 'document_date', 'registered_by']).where('kind', '=', 'reminder').orderBy('id').execute();

  it('reminds open requests due within three days or past, and decisions due within a week, once each, to the right providers', async () => {
    const mailed = await buildProviderWithUnits(db(), { email: 'kvalitet@forsta.example', name: 'Första Omsorgen AB' });
    const silent = await buildProviderWithUnits(db(), { email: null, name: 'Utan E-post AB' });
    const second = await buildProviderWithUnits(db(), { email: 'post@andra.example', name: 'Andra Omsorgen AB' });
    const caseA = await openTestCase(t, { unitId: mailed.unit.id, responsible: inspector });
    const caseB = await openTestCase(t, { unitId: silent.unit.id, responsible: inspector });
    const caseC = await openTestCase(t, { unitId: second.unit.id, responsible: inspector });

    const dueInThree = await send(caseA.id, 'Svar inom tre dagar', '2031-03-13');
    const overdue = await send(caseB.id, 'Redan försenad', '2031-03-05');
    const later = await send(caseA.id, 'Svar om fyra dagar', '2031-03-14');
    const answered = await send(caseC.id, 'Besvarad', '2031-03-11');
    await db().updateTable('case_request').set({ status: 'answered', answer: 'Klart.', answered_at: new Date(), answered_by: 'r', answered_by_name: 'R' }).where('id', '=', answered.id).execute();
    const withdrawn = await send(caseC.id, 'Återkallad', '2031-03-11');
    await db().updateTable('case_request').set({ status: 'withdrawn' }).where('id', '=', withdrawn.id).execute();

    const reportSoon = await decision(caseC.id, '2031-03-17');
    const reportLater = await decision(caseA.id, '2031-03-18');
    const reportAssessing = await decision(caseB.id, '2031-03-12', 'assessing');
    const outboxBefore = (await outbox()).length;

    const result = await sendCaseReminders(db(), { today: TODAY, publicUrl: 'https://vaka.example.se' });
    expect(result.requests.sort()).toEqual([dueInThree.id, overdue.id].sort());
    expect(result.decisions).toEqual([reportSoon.id]);
    expect(result.emails).toBe(2);

    const mails = (await outbox()).slice(outboxBefore);
    expect(mails.map((m) => [m.recipient, m.subject]).sort()).toEqual([
      ['kvalitet@forsta.example', 'Påminnelse: begäran från IVO väntar på svar'],
      ['post@andra.example', 'Påminnelse: redovisa era åtgärder till IVO'],
    ]);
    for (const mail of mails) {
      expect(mail.body).toContain('https://vaka.example.se/provider/arenden');
      for (const detail of [caseA.diarienummer, caseC.diarienummer, 'Svar inom tre dagar', mailed.unit.name, second.unit.name]) expect(mail.body).not.toContain(detail);
    }

    const docs = await reminderDocs();
    expect(docs).toEqual([
      { case_id: caseA.id, direction: 'outgoing', kind: 'reminder', subject: `Påminnelse: begäran (aktbilaga ${dueInThree.documentNumber}) ska besvaras senast 2031-03-13`, counterpart: 'Första Omsorgen AB', secrecy: 'public', document_date: TODAY, registered_by: 'system' },
      { case_id: caseB.id, direction: 'outgoing', kind: 'reminder', subject: `Påminnelse: begäran (aktbilaga ${overdue.documentNumber}) ska besvaras senast 2031-03-05`, counterpart: 'Utan E-post AB', secrecy: 'public', document_date: TODAY, registered_by: 'system' },
      { case_id: caseC.id, direction: 'outgoing', kind: 'reminder', subject: expect.stringMatching(/^Påminnelse: redovisning av åtgärder enligt beslut \(aktbilaga \d+\), senast 2031-03-17$/), counterpart: 'Andra Omsorgen AB', secrecy: 'public', document_date: TODAY, registered_by: 'system' },
    ]);
    const reminded = await db().selectFrom('case_request').select(['id', 'reminded_at']).where('id', 'in', [dueInThree.id, overdue.id, later.id, answered.id, withdrawn.id]).execute();
    for (const r of reminded) expect(r.reminded_at !== null, `request ${r.id}`).toBe([dueInThree.id, overdue.id].includes(r.id));
    const audit = await db().selectFrom('audit_log').select(['actor', 'action', 'entity_id']).where('action', 'in', ['case.request_remind', 'case.decision_remind']).orderBy('id').execute();
    expect(audit).toEqual([
      { actor: 'system', action: 'case.request_remind', entity_id: String(caseA.id) },
      { actor: 'system', action: 'case.request_remind', entity_id: String(caseB.id) },
      { actor: 'system', action: 'case.decision_remind', entity_id: String(caseC.id) },
    ]);

    // The same day again: nothing new.
    const again = await sendCaseReminders(db(), { today: TODAY });
    expect(again).toEqual({ requests: [], decisions: [], emails: 0 });
    expect((await reminderDocs()).length).toBe(3);
    expect((await outbox()).length).toBe(outboxBefore + 2);

    // A day later the request due in four days and the decision due in eight become due; the rest stay reminded.
    const nextDay = await sendCaseReminders(db(), { today: '2031-03-11', publicUrl: 'https://vaka.example.se' });
    expect(nextDay.requests).toEqual([later.id]);
    expect(nextDay.decisions).toEqual([reportLater.id]);
    expect(nextDay.emails).toBe(2);
    expect((await outbox()).slice(outboxBefore + 2).map((m) => m.recipient)).toEqual(['kvalitet@forsta.example', 'kvalitet@forsta.example']);
    // A decision being assessed is not reminded, however late.
    expect((await sendCaseReminders(db(), { today: '2031-03-20' })).decisions).not.toContain(reportAssessing.id);
  });

  it('names the decision in the reminder subject, so a decision without a document is told apart from another', () => {
    expect(reportReminderSubjectStart({ id: 7, decided_on: '2031-01-15', document_number: 4 })).toBe('Påminnelse: redovisning av åtgärder enligt beslut (aktbilaga 4)');
    expect(reportReminderSubjectStart({ id: 7, decided_on: '2031-01-15', document_number: null })).toBe('Påminnelse: redovisning av åtgärder enligt beslut 2031-01-15 (nr 7)');
  });

  it('skips closed cases', async () => {
    const world = await buildProviderWithUnits(db(), { email: 'stangd@example.se', name: 'Stängda Fallet AB' });
    const opened = await openTestCase(t, { unitId: world.unit.id, responsible: inspector });
    const request = await send(opened.id, 'I ett avslutat ärende', '2031-03-09');
    await decision(opened.id, '2031-03-09');
    await db().updateTable('case_file').set({ status: 'closed', closed_at: new Date() }).where('id', '=', opened.id).execute();
    const result = await sendCaseReminders(db(), { today: '2031-03-25' });
    expect(result.requests).not.toContain(request.id);
    expect((await reminderDocs()).filter((d) => d.case_id === opened.id)).toEqual([]);
  });

  it('registers the daily job at seven and runs it once at start', async () => {
    const handlers = new Map<string, JobHandler>();
    const repeats: [string, Repeat][] = [];
    const sent: string[] = [];
    const queue: JobQueue = {
      kind: 'in-process',
      work: async (name, handler) => void handlers.set(name, handler),
      send: async (name) => void sent.push(name),
      repeat: async (name, when) => void repeats.push([name, when]),
      stop: async () => {},
    };
    const log: string[] = [];
    await startCaseJobs({ db: db(), queue, log: (m) => log.push(m) });
    expect([...handlers.keys()]).toEqual([CASE_REMINDERS_JOB]);
    expect(repeats).toEqual([[CASE_REMINDERS_JOB, { dailyAt: '07:00' }]]);
    expect(sent).toEqual([CASE_REMINDERS_JOB]);
    // The handler reminds with the real date: a request due tomorrow is reminded.
    const world = await buildProviderWithUnits(db(), { email: 'idag@example.se', name: 'Idag AB' });
    const opened = await openTestCase(t, { unitId: world.unit.id, responsible: inspector });
    const tomorrow = addDays(swedishToday(), 1);
    const request = await sendRequest(db(), { caseId: opened.id, staff: staff(), input: { subject: 'I morgon', body: 'Svara.', replyBy: tomorrow, secret: false }, today: swedishToday() });
    await handlers.get(CASE_REMINDERS_JOB)!();
    expect((await db().selectFrom('case_request').select('reminded_at').where('id', '=', request.id).executeTakeFirstOrThrow()).reminded_at).not.toBeNull();
    expect(log.some((l) => /^Cases: reminded \d+ requests/.test(l))).toBe(true);
  });
});
