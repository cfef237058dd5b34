import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.ts';
import { buildUnit } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import {
  buildProviderWithUnits,
  decode,
  errorLinks,
  get,
  investigationSnapshot,
  openTestCase,
  postForm,
  postUpload,
  signInAsRepresentative,
  SMALL_PDF,
} from './support.ts';
import { swedishToday } from '../../src/platform/dates.ts';

describe.each(databaseKinds)('requests to the provider and answers in the portal on %s', (kind) => {
  let t: TestApp;
  let inspector: SignedIn;
  let world: Awaited<ReturnType<typeof buildProviderWithUnits>>;
  const db = () => t.database.db;
  const today = () => swedishToday();

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { VAKA_PUBLIC_URL: 'https://vaka.example.se' } });
    inspector = await signInAs(t, 'inspector', 'stockholm');
    world = await buildProviderWithUnits(db());
  });
  afterAll(async () => {
    await t?.close();
  });

  const sendForm = (overrides: Record<string, string> = {}) => ({
    subject: 'Yttrande över klagomål om bemötande',
    body: 'Beskriv hur ni tar emot nya ungdomar nattetid.\n\nBifoga era rutiner för tillsyn nattetid.',
    replyBy: addDays(today(), 21),
    ...overrides,
  });

  it('sends a request: an outgoing document, the case into investigation, an e-mail without case details; the provider answers in the portal', async () => {
    const opened = await openTestCase(t, { unitId: world.unit.id, responsible: inspector });
    const outboxBefore = await db().selectFrom('outbox_email').select('id').execute();

    const sent = await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran`, sendForm());
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toMatch(new RegExp(`^/staff/arenden/${opened.id}/begaran\\?klart=skickad#begaran-\\d+$`));

    const request = await db().selectFrom('case_request').selectAll().where('case_id', '=', opened.id).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ provider_id: world.provider.id, subject: 'Yttrande över klagomål om bemötande', status: 'open', reply_by: addDays(today(), 21), sent_by: inspector.subject, sent_by_name: inspector.name });
    const outgoing = await db().selectFrom('case_document').selectAll().where('id', '=', request.outgoing_document_id!).executeTakeFirstOrThrow();
    expect(outgoing).toMatchObject({ case_id: opened.id, direction: 'outgoing', kind: 'request', secrecy: 'public', secrecy_reference: null, counterpart: world.provider.name, subject: 'Begäran: Yttrande över klagomål om bemötande', document_date: today() });
    expect((await db().selectFrom('case_file').select('status').where('id', '=', opened.id).executeTakeFirstOrThrow()).status).toBe('investigation');

    const mails = await db().selectFrom('outbox_email').selectAll().where('id', 'not in', outboxBefore.length ? outboxBefore.map((o) => o.id) : [0]).execute();
    expect(mails).toHaveLength(1);
    expect(mails[0].recipient).toBe('registrator@solglantan.example');
    expect(mails[0].subject).toBe('Ny begäran från IVO');
    expect(mails[0].body).toContain('https://vaka.example.se/provider/arenden');
    for (const detail of [opened.diarienummer, 'Yttrande', 'nattetid', world.unit.name, 'bemötande']) expect(mails[0].body + mails[0].subject).not.toContain(detail);
    const audit = await db().selectFrom('audit_log').select(['actor', 'action', 'details']).where('entity_id', '=', String(opened.id)).where('action', '=', 'case.request_send').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe(`staff:${inspector.subject}`);

    // The staff page lists it as waiting for an answer.
    const page = await get(t, inspector, `/staff/arenden/${opened.id}/begaran?klart=skickad`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Begäran är skickad och registrerad som utgående handling.');
    expect(page.body).toContain('Väntar på svar');
    expect(page.body).toContain('Bifoga era rutiner för tillsyn nattetid.');

    // The provider sees the case and the request in the portal.
    const representative = await signInAsRepresentative(t, [world.provider.id]);
    const list = await get(t, representative, '/provider/arenden');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(opened.diarienummer);
    expect(list.body).toContain('Klagomål på bemötande och tillsyn nattetid');
    expect(list.body).toContain(`href="/provider/arenden/${opened.id}/begaran/${request.id}/svar"`);
    const casePage = await get(t, representative, `/provider/arenden/${opened.id}`);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toContain('Bifoga era rutiner för tillsyn nattetid.');
    expect(casePage.body).toContain('Begäran: Yttrande över klagomål om bemötande');
    // The complaint signal's document is secret: only its marking is shown.
    const answerForm = await get(t, representative, `/provider/arenden/${opened.id}/begaran/${request.id}/svar`);
    expect(answerForm.statusCode).toBe(200);
    expect(answerForm.body).toContain('enctype="multipart/form-data"');

    const answered = await postUpload(
      t,
      representative,
      `/provider/arenden/${opened.id}/begaran/${request.id}/svar`,
      { answer: 'Vi har gått igenom rutinerna.\nNattpersonalen har fått ny utbildning.' },
      { field: 'attachment', name: 'rutiner nattetid.pdf', type: 'application/pdf', content: SMALL_PDF },
    );
    expect(answered.statusCode).toBe(303);
    expect(answered.headers.location).toBe(`/provider/arenden/${opened.id}?klart=svar`);

    const after = await db().selectFrom('case_request').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'answered', answer: 'Vi har gått igenom rutinerna.\nNattpersonalen har fått ny utbildning.', answered_by: representative.subject, answered_by_name: representative.name });
    expect(after.answered_at).toBeInstanceOf(Date);
    const incoming = await db().selectFrom('case_document').selectAll().where('id', '=', after.incoming_document_id!).executeTakeFirstOrThrow();
    expect(incoming).toMatchObject({ direction: 'incoming', kind: 'answer', secrecy: 'secret', secrecy_reference: '26 kap. 1 § OSL', counterpart: world.provider.name, registered_by: `provider:${representative.subject}` });
    const version = await db().selectFrom('case_document_version').selectAll().where('document_id', '=', incoming.id).executeTakeFirstOrThrow();
    expect(version).toMatchObject({ version: 1, filename: 'bilaga-1.pdf', media_type: 'application/pdf', size: SMALL_PDF.length });
    expect(Buffer.from(version.content).equals(SMALL_PDF)).toBe(true);
    const answerAudit = await db().selectFrom('audit_log').select(['actor', 'action']).where('entity_id', '=', String(opened.id)).where('action', '=', 'case.request_answer').execute();
    expect(answerAudit).toEqual([{ actor: `provider:${representative.subject}`, action: 'case.request_answer' }]);

    const receipt = await get(t, representative, answered.headers.location as string);
    expect(receipt.body).toContain('Ert svar är skickat till IVO och registrerat i ärendet.');
    expect(receipt.body).toContain('Nattpersonalen har fått ny utbildning.');
    expect(receipt.body).toContain('Sekretessmarkerad');
    // The representative reading the answer back is logged too.
    expect(await db().selectFrom('audit_log').select(['actor', 'reason']).where('action', '=', 'case.read').where('entity_id', '=', String(opened.id)).execute())
      .toEqual([{ actor: `provider:${representative.subject}`, reason: 'provider_portal' }]);

    // Staff in the case team read the answer (and the read is audited).
    const auditBefore = await db().selectFrom('audit_log').select('id').where('action', '=', 'case.read').where('entity_id', '=', String(opened.id)).execute();
    const staffPage = await get(t, inspector, `/staff/arenden/${opened.id}/begaran`);
    expect(staffPage.body).toContain('Besvarad');
    expect(staffPage.body).toContain(`Svar från ${representative.name}`);
    expect(staffPage.body).toContain('Nattpersonalen har fått ny utbildning.');
    expect(staffPage.body).toContain(`<a class="govuk-link" href="/staff/arenden/${opened.id}/handlingar/${incoming.id}/versioner/1"><span>bilaga-1.pdf</span></a>`);
    const auditAfter = await db().selectFrom('audit_log').select(['id', 'actor', 'details']).where('action', '=', 'case.read').where('entity_id', '=', String(opened.id)).execute();
    expect(auditAfter.length).toBe(auditBefore.length + 1);
    expect(auditAfter.at(-1)!.actor).toBe(`staff:${inspector.subject}`);

    // Staff outside the team (a decision maker) see that it is answered, not what was answered.
    const decisionMaker = await signInAs(t, 'decision_maker');
    const outside = await get(t, decisionMaker, `/staff/arenden/${opened.id}/begaran`);
    expect(outside.statusCode).toBe(200);
    expect(outside.body).toContain('Besvarad');
    expect(outside.body).toContain('Svaret är sekretessmarkerat och visas bara för ärendets team.');
    expect(outside.body).not.toContain('Nattpersonalen har fått ny utbildning.');
    expect(outside.body).not.toContain('bilaga-1.pdf');
    expect(outside.body).not.toContain(`/handlingar/${incoming.id}/versioner/`);
  });

  it('refuses a second answer and an answer to a withdrawn request with a clear message, changing nothing', async () => {
    const opened = await openTestCase(t, { unitId: world.unit.id, responsible: inspector });
    expect((await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran`, sendForm({ subject: 'Första begäran' }))).statusCode).toBe(303);
    expect((await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran`, sendForm({ subject: 'Andra begäran' }))).statusCode).toBe(303);
    const [first, second] = await db().selectFrom('case_request').select(['id', 'subject']).where('case_id', '=', opened.id).orderBy('id').execute();
    const representative = await signInAsRepresentative(t, [world.provider.id]);
    const url = (id: number) => `/provider/arenden/${opened.id}/begaran/${id}/svar`;

    expect((await postForm(t, representative, url(first.id), { answer: 'Första svaret.' })).statusCode).toBe(303);
    let before = await investigationSnapshot(db());
    const again = await postForm(t, representative, url(first.id), { answer: 'Ett andra svar.' });
    expect(again.statusCode).toBe(409);
    expect(decode(again.body)).toContain('Begäran är redan besvarad. Ert tidigare svar gäller och har inte ändrats.');
    expect(again.body).not.toContain('name="answer"');
    expect(await investigationSnapshot(db())).toEqual(before);
    expect((await db().selectFrom('case_request').select('answer').where('id', '=', first.id).executeTakeFirstOrThrow()).answer).toBe('Första svaret.');

    // Withdrawn by the officer: the portal says so and takes no answer.
    const withdrawn = await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran/${second.id}/aterkalla`, {});
    expect(withdrawn.statusCode).toBe(303);
    expect((await db().selectFrom('case_request').select('status').where('id', '=', second.id).executeTakeFirstOrThrow()).status).toBe('withdrawn');
    const form = await get(t, representative, url(second.id));
    expect(decode(form.body)).toContain('IVO har återkallat begäran, så den behöver inte besvaras.');
    before = await investigationSnapshot(db());
    const late = await postUpload(t, representative, url(second.id), { answer: 'Svar ändå.' }, { field: 'attachment', name: 'a.pdf', type: 'application/pdf', content: SMALL_PDF });
    expect(late.statusCode).toBe(409);
    expect(decode(late.body)).toContain('IVO har återkallat begäran');
    expect(await investigationSnapshot(db())).toEqual(before);

    // Withdrawing again, or an answered request, is an error on the request's button.
    for (const id of [first.id, second.id]) {
      const refused = await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran/${id}/aterkalla`, {});
      expect(refused.statusCode).toBe(400);
      expect(errorLinks(refused.body)).toEqual([{ field: `begaran-${id}`, message: id === first.id ? 'Begäran är redan besvarad och kan inte återkallas' : 'Begäran är redan återkallad' }]);
      expect(refused.body).toContain(`id="begaran-${id}"`);
    }
    // The page shown again reads the answer for the officer: that read is audited, nothing else changed.
    const { audit, ...rest } = await investigationSnapshot(db());
    const { audit: auditBefore, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    const newAudit = await db().selectFrom('audit_log').select('action').orderBy('id', 'desc').limit(audit - auditBefore).execute();
    expect(newAudit.map((a) => a.action)).toEqual(['case.read', 'case.read']);
  });

  it('answers 400 naming each field for a bad request or answer, and writes nothing', async () => {
    const opened = await openTestCase(t, { unitId: world.unit.id, responsible: inspector });
    const before = await investigationSnapshot(db());
    const cases: [Record<string, string>, { field: string; message: string }[]][] = [
      [{ subject: '', body: '', replyBy: '' }, [
        { field: 'subject', message: 'Skriv vad begäran gäller' },
        { field: 'body', message: 'Skriv vad verksamheten ska svara på' },
        { field: 'replyBy', message: 'Skriv senaste dag för svar' },
      ]],
      [sendForm({ replyBy: addDays(today(), -1) }), [{ field: 'replyBy', message: 'Senaste dag för svar kan inte ha passerat' }]],
      [sendForm({ replyBy: '2026-02-30' }), [{ field: 'replyBy', message: 'Skriv senaste dag för svar som ÅÅÅÅ-MM-DD, till exempel 2026-12-15' }]],
      [sendForm({ replyBy: addDays(today(), 400) }), [{ field: 'replyBy', message: 'Senaste dag för svar får vara högst ett år fram' }]],
      [sendForm({ subject: 'Yttrande om 19121212-1212' }), [{ field: 'subject', message: 'Rubriken är offentlig: skriv den utan personnummer' }]],
      [sendForm({ subject: 'x'.repeat(251) }), [{ field: 'subject', message: `Rubriken får vara högst 250 tecken (nu 251)` }]],
      [sendForm({ body: 'y'.repeat(20_001) }), [{ field: 'body', message: `Texten får vara högst ${(20_000).toLocaleString('sv-SE')} tecken (nu ${(20_001).toLocaleString('sv-SE')})` }]],
    ];
    for (const [form, expected] of cases) {
      const response = await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran`, form);
      expect(response.statusCode, JSON.stringify(form).slice(0, 100)).toBe(400);
      expect(errorLinks(response.body)).toEqual(expected);
      for (const { field } of expected) expect(response.body).toContain(`id="${field}"`);
    }
    expect(await investigationSnapshot(db())).toEqual(before);
    // Today is the earliest reply date allowed.
    expect((await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran`, sendForm({ replyBy: today() }))).statusCode).toBe(303);

    const request = await db().selectFrom('case_request').select('id').where('case_id', '=', opened.id).executeTakeFirstOrThrow();
    const representative = await signInAsRepresentative(t, [world.provider.id]);
    const url = `/provider/arenden/${opened.id}/begaran/${request.id}/svar`;
    const mid = await investigationSnapshot(db());
    const empty = await postForm(t, representative, url, { answer: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(errorLinks(empty.body)).toEqual([{ field: 'answer', message: 'Skriv ert svar' }]);
    const long = await postForm(t, representative, url, { answer: 'å'.repeat(20_001) });
    expect(long.statusCode).toBe(400);
    expect(errorLinks(long.body)).toEqual([{ field: 'answer', message: `Svaret får vara högst ${(20_000).toLocaleString('sv-SE')} tecken (nu ${(20_001).toLocaleString('sv-SE')})` }]);
    const wrongType = await postUpload(t, representative, url, { answer: 'Svar.' }, { field: 'attachment', name: 'svar.pdf', type: 'application/pdf', content: 'MZ this is a program, not a PDF' });
    expect(wrongType.statusCode).toBe(400);
    expect(errorLinks(wrongType.body)).toEqual([{ field: 'attachment', message: 'Bilagan måste vara en PDF, JPEG- eller PNG-fil.' }]);
    expect(wrongType.body).toContain('Svar.</textarea>');
    const tooLarge = Buffer.concat([SMALL_PDF.subarray(0, 9), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), Buffer.from('\n%%EOF\n')]);
    const big = await postUpload(t, representative, url, { answer: 'Svar.' }, { field: 'attachment', name: 'stor.pdf', type: 'application/pdf', content: tooLarge });
    expect(big.statusCode).toBe(400);
    expect(errorLinks(big.body)).toEqual([{ field: 'attachment', message: 'Bilagan är större än 10 MB. Skicka en mindre fil.' }]);
    const noToken = await postForm(t, representative, url, { answer: 'Svar.' }, { csrf: false });
    expect(noToken.statusCode).toBe(400);
    const noTokenUpload = await postUpload(t, representative, url, { answer: 'Svar.' }, { field: 'attachment', name: 'a.pdf', type: 'application/pdf', content: SMALL_PDF }, { csrf: false });
    expect(noTokenUpload.statusCode).toBe(400);
    expect(decode(noTokenUpload.body)).toContain('säkerhetskontrollen (CSRF-skydd)');
    expect(await investigationSnapshot(db())).toEqual(mid);

    // Just under the limit is taken.
    const fits = Buffer.concat([SMALL_PDF.subarray(0, 9), Buffer.alloc(2 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
    const ok = await postUpload(t, representative, url, { answer: 'Svar med bilaga.' }, { field: 'attachment', name: 'rutin.pdf', type: 'application/octet-stream', content: fits });
    expect(ok.statusCode).toBe(303);
  });

  it('shows deadlines: an open request past its reply date is overdue for staff and in the portal', async () => {
    const opened = await openTestCase(t, { unitId: world.unit.id, responsible: inspector });
    expect((await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran`, sendForm({ subject: 'Försenad begäran' }))).statusCode).toBe(303);
    expect((await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran`, sendForm({ subject: 'Begäran i tid', replyBy: addDays(today(), 10) }))).statusCode).toBe(303);
    await db().updateTable('case_request').set({ reply_by: addDays(today(), -2) }).where('case_id', '=', opened.id).where('subject', '=', 'Försenad begäran').execute();

    const page = await get(t, inspector, `/staff/arenden/${opened.id}/begaran`);
    const cards = page.body.split('class="govuk-summary-card"').slice(1);
    const overdue = cards.find((c) => c.includes('Försenad begäran'))!;
    const onTime = cards.find((c) => c.includes('Begäran i tid'))!;
    expect(overdue).toContain('Svaret är försenat');
    expect(onTime).toContain('Väntar på svar');
    expect(onTime).not.toContain('Svaret är försenat');

    const representative = await signInAsRepresentative(t, [world.provider.id]);
    const list = await get(t, representative, '/provider/arenden');
    const rows = list.body.split('<tr class="govuk-table__row">');
    expect(rows.find((r) => r.includes('Försenad begäran'))).toContain('Försenad');
    expect(rows.find((r) => r.includes('Begäran i tid'))).not.toContain('Försenad</strong>');
    const casePage = await get(t, representative, `/provider/arenden/${opened.id}`);
    expect(casePage.body).toContain('Svaret är försenat');
  });

  it('sends no e-mail to a provider without an address, and says so', async () => {
    const quiet = await buildProviderWithUnits(db(), { email: null, name: 'Tysta Vägen AB' });
    const opened = await openTestCase(t, { unitId: quiet.unit.id, responsible: inspector });
    const outbox = (await investigationSnapshot(db())).outbox;
    const sent = await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran`, sendForm({ secret: 'yes' }));
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toContain('klart=skickad-utan-epost');
    expect((await investigationSnapshot(db())).outbox).toBe(outbox);
    const document = await db()
      .selectFrom('case_document')
      .select(['secrecy', 'secrecy_reference'])
      .where('case_id', '=', opened.id)
      .where('kind', '=', 'request')
      .executeTakeFirstOrThrow();
    expect(document).toEqual({ secrecy: 'secret', secrecy_reference: '26 kap. 1 § OSL' });
    const page = await get(t, inspector, sent.headers.location as string);
    expect(page.body).toContain('Vårdgivaren har ingen e-postadress i registret');
  });

  it('lists only the organisations’ own cases in the portal, with links to published decisions', async () => {
    const other = await buildProviderWithUnits(db(), { name: 'Annan Omsorg AB' });
    const mine = await openTestCase(t, { unitId: world.unit.id, responsible: inspector, title: 'Egen tillsyn av Solgläntan' });
    const theirs = await openTestCase(t, { unitId: other.unit.id, responsible: inspector, title: 'Ärende om någon annan' });
    const decision = await db()
      .insertInto('case_decision')
      .values({ case_id: mine.id, tool: 'criticism', summary: 'IVO riktar kritik.', decided_on: today(), decided_by: 'x', decided_by_name: 'X', published_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db().insertInto('case_decision').values({ case_id: mine.id, tool: 'closure', summary: 'Utkast.', decided_on: today(), decided_by: 'x', decided_by_name: 'X' }).execute();
    const representative = await signInAsRepresentative(t, [world.provider.id]);
    const list = await get(t, representative, '/provider/arenden');
    expect(list.body).toContain(mine.diarienummer);
    expect(list.body).toContain('Egen tillsyn av Solgläntan');
    expect(list.body).not.toContain(theirs.diarienummer);
    expect(list.body).not.toContain('Ärende om någon annan');
    expect(list.body).toContain(`href="/provider/arenden/${mine.id}/beslut/${decision.id}"`);
    expect(list.body.match(new RegExp(`/provider/arenden/${mine.id}/beslut/`, 'g'))).toHaveLength(1);
    expect(list.body).toContain(`Verksamheter hos ${world.provider.name}`);
    // Every unit of the organisation in the register, with IVO's cases about each: the one with cases, the
    // one without (second) and a closed one; none of another organisation's.
    const closed = await buildUnit(db(), { provider_id: world.provider.id, name: 'HVB Nedlagda gården', form: 'hvb', kommun: '0180', closed: '2025-06-30' });
    const units = await get(t, representative, '/provider/arenden');
    const rowOf = (unitId: string) => units.body.match(new RegExp(`<tr class="govuk-table__row" data-unit-id="${unitId}">([\\s\\S]*?)</tr>`))?.[1] ?? '';
    expect(rowOf(world.unit.id)).toMatch(/HVB Solgläntan[\s\S]*HVB \(hem för vård eller boende\)[\s\S]*Stockholm[\s\S]*varav \d+ pågående/);
    expect(rowOf(world.second.id)).toContain('Inga');
    expect(rowOf(closed.id)).toContain('(avslutad 30 juni 2025)');
    expect(rowOf(other.unit.id)).toBe('');
    expect(units.body).not.toContain(other.unit.name);
    // The start page links here.
    const start = await get(t, representative, '/provider');
    expect(start.body).toContain('href="/provider/arenden"');
    expect(start.body).toContain('Ärenden från IVO');
  });
});
