import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.ts';
import { withdrawRequest } from '../../src/modules/cases/investigation/index.ts';
import { formatLongDate, swedishToday } from '../../src/platform/dates.ts';
import { sendOutboxBatch, type OutgoingEmail } from '../../src/platform/mail/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { buildProviderWithUnits, decode, errorLinks, get, investigationSnapshot, openTestCase, postForm, signInAsRepresentative } from './support.ts';

// Withdrawing a request tells the provider: an e-mail through the outbox naming the case and the request and
// saying no answer is needed, and the portal keeps the request, marked withdrawn with its date and without
// an answer form — all committed with the withdrawal, or not at all.
describe.each(databaseKinds)('withdrawing a request on %s', (kind) => {
  let t: TestApp;
  let inspector: SignedIn;
  const db = () => t.database.db;
  const today = () => swedishToday();

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { VAKA_PUBLIC_URL: 'https://vaka.example.se' } });
    inspector = await signInAs(t, 'inspector', 'stockholm');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A case about a new provider's unit with one open request from the inspector. */
  async function caseWithRequest(email: string | null, subject = 'Yttrande över klagomål om bemötande') {
    const world = await buildProviderWithUnits(db(), { email, name: `Omsorgen ${Math.random().toString(36).slice(2, 8)} AB` });
    const opened = await openTestCase(t, { unitId: world.unit.id, responsible: inspector });
    const form = { subject, body: 'Beskriv hur nattpersonalen arbetar med den boende som rymde.', replyBy: addDays(today(), 21) };
    expect((await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran`, form)).statusCode).toBe(303);
    const request = await db()
      .selectFrom('case_request as r')
      .innerJoin('case_document as d', 'd.id', 'r.outgoing_document_id')
      .select(['r.id', 'r.reply_by', 'd.document_number'])
      .where('r.case_id', '=', opened.id)
      .executeTakeFirstOrThrow();
    return { world, opened, request };
  }

  /** What a reader sees of some markup: its text without the tags. */
  const textOf = (html: string) => decode(html.replace(/<[^>]+>/g, ''));
  const outboxAfter = (id: number) => db().selectFrom('outbox_email').select(['id', 'recipient', 'subject', 'body']).where('id', '>', id).orderBy('id').execute();
  const lastOutboxId = async () => (await db().selectFrom('outbox_email').select(sql<number>`coalesce(max(id), 0)`.as('id')).executeTakeFirstOrThrow()).id;

  it('queues an e-mail to the provider naming the case and the request, saying no answer is needed', async () => {
    const { world, opened, request } = await caseWithRequest('registrator@solglantan.example');
    const before = await lastOutboxId();

    const withdrawn = await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran/${request.id}/aterkalla`, {});
    expect(withdrawn.statusCode).toBe(303);
    expect(withdrawn.headers.location).toBe(`/staff/arenden/${opened.id}/begaran?klart=aterkallad#begaran-${request.id}`);

    const row = await db().selectFrom('case_request').select(['status', 'withdrawn_at', 'withdrawn_by', 'withdrawn_by_name']).where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'withdrawn', withdrawn_by: inspector.subject, withdrawn_by_name: inspector.name });
    expect(row.withdrawn_at).toBeInstanceOf(Date);
    expect(Date.now() - row.withdrawn_at!.getTime()).toBeLessThan(60_000);

    const mails = await outboxAfter(before);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.recipient).toBe('registrator@solglantan.example');
    expect(mail.subject).toBe(`IVO har återkallat en begäran i ärende ${opened.diarienummer}`);
    expect(mail.body).toContain(`Inspektionen för vård och omsorg (IVO) har återkallat sin begäran i ärende ${opened.diarienummer}:`);
    expect(mail.body).toContain('”Yttrande över klagomål om bemötande”');
    expect(mail.body).toContain(`skickad ${formatLongDate(today())}, aktbilaga ${request.document_number}, med svar senast ${formatLongDate(request.reply_by)}`);
    expect(mail.body).toContain('Ni behöver inte svara på begäran.');
    expect(mail.body).toContain(`markerad som återkallad: https://vaka.example.se/provider/arenden/${opened.id}`);
    // Only what the public diarium shows: not the request's text, the unit or the case's title.
    for (const detail of ['nattpersonalen', 'rymde', world.unit.name, 'Klagomål på bemötande och tillsyn nattetid']) expect(mail.body + mail.subject).not.toContain(detail);

    const audit = await db().selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'case.request_withdraw').where('entity_id', '=', String(opened.id)).execute();
    // The withdrawal is registered in the case as an outgoing letter to the provider.
    const notice = await db()
      .selectFrom('case_document')
      .select(['document_number', 'direction', 'counterpart', 'subject', 'secrecy'])
      .where('case_id', '=', opened.id)
      .where('kind', '=', 'other')
      .executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ direction: 'outgoing', counterpart: world.provider.name, secrecy: 'public', subject: `Återkallelse av begäran (aktbilaga ${request.document_number}): Yttrande över klagomål om bemötande` });
    expect(audit).toEqual([{ actor: `staff:${inspector.subject}`, details: { requestId: request.id, emailed: true, documentNumber: notice.document_number } }]);

    // The outbox sends it like any other e-mail.
    const sent: OutgoingEmail[] = [];
    await sendOutboxBatch(db(), { send: async (message) => void sent.push(message), close: () => undefined }, { maxAttempts: 3, batchSize: 100 });
    expect(sent.find((m) => m.subject === mail.subject)).toEqual({ to: 'registrator@solglantan.example', subject: mail.subject, text: mail.body });

    // The officer's page says the provider is told, and when the request was withdrawn and by whom.
    const page = await get(t, inspector, withdrawn.headers.location as string);
    expect(page.body).toContain('Begäran är återkallad. Vårdgivaren får ett e-postmeddelande om att den inte behöver besvaras');
    const card = page.body.split(`id="begaran-${request.id}"`)[1].split('class="govuk-summary-card"')[0];
    expect(card).toContain('Återkallad</strong>');
    expect(card).toMatch(new RegExp(`<dt class="govuk-summary-list__key">Återkallad</dt><dd class="govuk-summary-list__value"><span>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} av ${inspector.name}</span>`));
    expect(card).not.toContain('Återkalla begäran');
  });

  it('keeps the request in the portal, marked withdrawn with its date and without an answer form', async () => {
    const { world, opened, request } = await caseWithRequest('post@omsorgen.example', 'Komplettering av rutiner');
    const representative = await signInAsRepresentative(t, [world.provider.id]);
    const answerUrl = `/provider/arenden/${opened.id}/begaran/${request.id}/svar`;
    expect((await get(t, representative, `/provider/arenden/${opened.id}`)).body).toContain(`href="${answerUrl}"`);
    expect((await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran/${request.id}/aterkalla`, {})).statusCode).toBe(303);

    const casePage = await get(t, representative, `/provider/arenden/${opened.id}`);
    expect(casePage.statusCode).toBe(200);
    const card = casePage.body.split('class="govuk-summary-card"').find((c) => c.includes('Komplettering av rutiner'))!;
    expect(card).toContain('<strong class="govuk-tag govuk-tag--grey">Återkallad</strong>');
    expect(card).toContain(`<dt class="govuk-summary-list__key">Återkallad</dt><dd class="govuk-summary-list__value"><span>${formatLongDate(today())}</span></dd>`);
    expect(textOf(card)).toContain(`IVO återkallade begäran den ${formatLongDate(today())}. Ni behöver inte svara på den.`);
    expect(card).not.toContain(answerUrl);
    expect(card).not.toContain('Svara på begäran');
    expect(card).not.toContain('den boende som rymde');

    // No longer among the requests waiting for an answer on the portal's start page.
    const list = await get(t, representative, '/provider/arenden');
    expect(list.body).toContain(opened.diarienummer);
    expect(list.body).not.toContain(answerUrl);

    // The answer page, reached by an old link, shows the withdrawal and takes no answer.
    const answerPage = await get(t, representative, answerUrl);
    expect(answerPage.statusCode).toBe(200);
    expect(decode(answerPage.body)).toContain(`Återkallad av IVO den ${formatLongDate(today())}.`);
    expect(decode(answerPage.body)).toContain('IVO har återkallat begäran, så den behöver inte besvaras.');
    expect(answerPage.body).not.toContain('name="answer"');
    expect(answerPage.body).not.toContain('Svara senast');
  });

  it('withdraws without e-mail when the provider has no address, and says so to the officer', async () => {
    const { world, opened, request } = await caseWithRequest(null);
    const before = await lastOutboxId();
    const withdrawn = await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran/${request.id}/aterkalla`, {});
    expect(withdrawn.statusCode).toBe(303);
    expect(withdrawn.headers.location).toBe(`/staff/arenden/${opened.id}/begaran?klart=aterkallad-utan-epost#begaran-${request.id}`);
    expect(await outboxAfter(before)).toEqual([]);
    expect((await db().selectFrom('case_request').select('status').where('id', '=', request.id).executeTakeFirstOrThrow()).status).toBe('withdrawn');
    const page = await get(t, inspector, withdrawn.headers.location as string);
    expect(page.body).toContain('Vårdgivaren har ingen e-postadress i registret och får ingen avisering');
    const portal = await get(t, await signInAsRepresentative(t, [world.provider.id]), `/provider/arenden/${opened.id}`);
    expect(textOf(portal.body)).toContain(`IVO återkallade begäran den ${formatLongDate(today())}. Ni behöver inte svara på den.`);
  });

  it('queues nothing when the withdrawal is refused (already withdrawn) or not the person’s to make', async () => {
    const { opened, request } = await caseWithRequest('post@omsorgen.example');
    expect((await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran/${request.id}/aterkalla`, {})).statusCode).toBe(303);
    let before = await investigationSnapshot(db());
    const again = await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran/${request.id}/aterkalla`, {});
    expect(again.statusCode).toBe(400);
    expect(errorLinks(again.body)).toEqual([{ field: `begaran-${request.id}`, message: 'Begäran är redan återkallad' }]);
    // The page shown again may audit a read of the case's requests; nothing else changes, no e-mail is queued.
    expect({ ...(await investigationSnapshot(db())), audit: 0 }).toEqual({ ...before, audit: 0 });

    const { opened: other, request: open } = await caseWithRequest('post@omsorgen.example');
    before = await investigationSnapshot(db());
    for (const outsider of [await signInAs(t, 'inspector', 'syd'), await signInAs(t, 'registrar')]) {
      expect((await postForm(t, outsider, `/staff/arenden/${other.id}/begaran/${open.id}/aterkalla`, {})).statusCode).toBe(404);
    }
    expect(await investigationSnapshot(db())).toEqual(before);
  });

  it('commits the e-mail and the withdrawal together: when the e-mail cannot be queued, the request stays open', async () => {
    const { opened, request } = await caseWithRequest('post@omsorgen.example');
    const before = await investigationSnapshot(db());
    await sql`CREATE FUNCTION test_refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refused by the test'; END $$`.execute(db());
    await sql`CREATE TRIGGER test_refuse_outbox BEFORE INSERT ON outbox_email FOR EACH ROW EXECUTE FUNCTION test_refuse_outbox()`.execute(db());
    try {
      const staff = { subject: inspector.subject, name: inspector.name, roles: ['inspector' as const], department: 'stockholm' };
      await expect(withdrawRequest(db(), { caseId: opened.id, requestId: request.id, staff, publicUrl: 'https://vaka.example.se' })).rejects.toThrow(/outbox refused by the test/);
    } finally {
      await sql`DROP TRIGGER test_refuse_outbox ON outbox_email`.execute(db());
      await sql`DROP FUNCTION test_refuse_outbox()`.execute(db());
    }
    expect(await investigationSnapshot(db())).toEqual(before);
    const row = await db().selectFrom('case_request').select(['status', 'withdrawn_at']).where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'open', withdrawn_at: null });
  });
});
