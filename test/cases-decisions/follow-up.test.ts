import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { signInAsRepresentative } from '../intake-provider/support.ts';
import { daysFrom, get, makeCase, makeDecision, post, postMultipart, snapshot, today } from './support.ts';

type Unit = Awaited<ReturnType<typeof buildUnit>>;

const actionFields = (seq: number, overrides: Record<string, string> = {}) => ({
  [`atgard-${seq}-beskrivning`]: `Ny rutin för brist ${seq}, genomgången med all personal.`,
  [`atgard-${seq}-ansvarig`]: 'Verksamhetschef',
  [`atgard-${seq}-klart`]: daysFrom(today(), -3),
  [`atgard-${seq}-underlag`]: 'Egenkontroll av signeringslistor varje vecka.',
  ...overrides,
});

describe.each(databaseKinds)('the provider reports actions and the officer follows up, on %s', (kind) => {
  let t: TestApp;
  let unit: Unit;
  let representative: SignedIn;
  let otherRepresentative: SignedIn;
  let officer: SignedIn;
  let outsider: SignedIn;
  let registrar: SignedIn;
  let decisionMaker: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const provider = await buildProvider(t.database.db, { name: 'Solrosen Omsorg AB' });
    const other = await buildProvider(t.database.db, { name: 'Annan Omsorg AB' });
    unit = await buildUnit(t.database.db, { provider_id: provider.id, name: 'HVB Solrosen', kommun: '0180' });
    representative = await signInAsRepresentative(t, [provider.id]);
    otherRepresentative = await signInAsRepresentative(t, [other.id]);
    officer = await signInAs(t, 'inspector', 'stockholm');
    outsider = await signInAs(t, 'inspector', 'syd');
    registrar = await signInAs(t, 'registrar');
    decisionMaker = await signInAs(t, 'decision_maker');
  });
  afterAll(async () => {
    await t.close();
  });
  const db = () => t.database.db;
  const providerUrl = (caseId: number, decisionId: number) => `/provider/arenden/${caseId}/beslut/${decisionId}`;

  it('shows the decision to the case’s provider only; another organisation, staff and the signed-out get nothing, and nothing changes', async () => {
    const c = await makeCase(db(), unit.id);
    const d = await makeDecision(db(), c.id);
    const page = await get(t, providerUrl(c.id, d.decisionId), representative);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Beslut: Krav på redovisning av åtgärder');
    expect(page.body).toContain('Läkemedel delades ut utan signering vid flera tillfällen.');
    expect(page.body).toContain('3 kap. 1 § HSL');
    expect(page.body).toContain('Redovisa åtgärder');
    expect(page.body).toContain('id="atgard-2-fil"');
    expect(page.body).toContain(`href="/beslut/${d.decisionId}/pdf"`);
    // The decision maker's name is not part of what the portal shows.
    expect(page.body).not.toContain('Dora Beslutsfattare');

    const otherCase = await makeCase(db(), unit.id);
    const before = await snapshot(db(), c.id);
    expect((await get(t, providerUrl(c.id, d.decisionId), otherRepresentative)).statusCode).toBe(404);
    expect((await postMultipart(t, providerUrl(c.id, d.decisionId), otherRepresentative, actionFields(1))).statusCode).toBe(404);
    expect((await post(t, providerUrl(c.id, d.decisionId), otherRepresentative, actionFields(1))).statusCode).toBe(404);
    expect((await get(t, providerUrl(c.id, d.decisionId), decisionMaker)).statusCode).toBe(404);
    expect((await postMultipart(t, providerUrl(c.id, d.decisionId), decisionMaker, actionFields(1))).statusCode).toBe(404);
    expect((await get(t, providerUrl(c.id, d.decisionId + 1000), representative)).statusCode).toBe(404);
    const signedOut = await t.app.inject({ method: 'GET', url: providerUrl(c.id, d.decisionId), headers: { accept: 'text/html' } });
    expect(signedOut.statusCode).toBe(302);
    // The representative's own decision under another case's number is not found either.
    expect((await get(t, providerUrl(otherCase.id, d.decisionId), representative)).statusCode).toBe(404);
    expect(await snapshot(db(), c.id)).toEqual(before);
  });

  it('takes a report of actions with an evidence file: action rows, incoming documents, follow-up "assessing", audit', async () => {
    const c = await makeCase(db(), unit.id);
    const d = await makeDecision(db(), c.id);
    // A scanned document of a few megabytes, well within the limit.
    const scan = Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.alloc(3 * 1024 * 1024, 0x61), Buffer.from('\n%%EOF\n')]);
    const response = await postMultipart(t, providerUrl(c.id, d.decisionId), representative, { ...actionFields(1), ...actionFields(2) }, [
      { field: 'atgard-1-fil', name: 'signeringslista mars.pdf', type: 'application/pdf', content: scan },
    ]);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${providerUrl(c.id, d.decisionId)}?klart=skickad`);

    const actions = await db().selectFrom('action_report').selectAll().where('decision_id', '=', d.decisionId).orderBy('deficiency_seq').execute();
    expect(actions).toHaveLength(2);
    expect(actions[0]).toMatchObject({ deficiency_seq: 1, owner: 'Verksamhetschef', done_on: daysFrom(today(), -3), assessment: 'pending', reported_by: `provider:${representative.subject}`, reported_by_name: representative.name });
    const documents = await db().selectFrom('case_document').selectAll().where('case_id', '=', c.id).where('kind', '=', 'action_report').orderBy('document_number').execute();
    expect(documents.map((x) => [x.direction, x.secrecy, x.counterpart, x.subject])).toEqual([
      ['incoming', 'partly_secret', 'Solrosen Omsorg AB', 'Redovisning av åtgärder (2 brister)'],
      ['incoming', 'partly_secret', 'Solrosen Omsorg AB', 'Underlag till redovisning av åtgärder, brist 1'],
    ]);
    expect(actions[0].document_id).toBe(documents[1].id);
    expect(actions[1].document_id).toBe(documents[0].id);
    const file = await db().selectFrom('case_document_version').selectAll().where('document_id', '=', documents[1].id).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ media_type: 'application/pdf', filename: 'underlag-brist-1.pdf', size: scan.length });
    expect((await db().selectFrom('case_decision').select('follow_up_status').where('id', '=', d.decisionId).executeTakeFirstOrThrow()).follow_up_status).toBe('assessing');
    const audit = await db().selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'decision.report_actions').where('entity_id', '=', String(c.id)).execute();
    expect(audit).toEqual([{ actor: `provider:${representative.subject}`, details: expect.objectContaining({ decisionId: d.decisionId, deficiencies: [1, 2], files: 1 }) }]);

    const page = await get(t, `${providerUrl(c.id, d.decisionId)}?klart=skickad`, representative);
    expect(page.body).toContain('Er redovisning är skickad till IVO');
    expect(page.body).toContain('Ny rutin för brist 1');

    // The case team downloads the evidence; an inspector outside the team may not, and the read is logged.
    const evidenceUrl = `/staff/arenden/${c.id}/beslut/${d.decisionId}/underlag/${actions[0].id}`;
    expect((await get(t, evidenceUrl, decisionMaker)).statusCode).toBe(404);
    await db().insertInto('case_member').values({ case_id: c.id, subject: officer.subject, name: officer.name, role: 'member', added_by: 'test' }).execute();
    const evidence = await t.app.inject({ method: 'GET', url: evidenceUrl, headers: { ...officer.headers, 'accept-encoding': 'br, gzip' } });
    expect(evidence.statusCode).toBe(200);
    expect(evidence.headers['content-encoding']).toBeUndefined();
    expect(evidence.rawPayload.equals(scan)).toBe(true);
    const reads = await db().selectFrom('audit_log').select('details').where('action', '=', 'case.read').where('actor', '=', `staff:${officer.subject}`).execute();
    expect(reads.map((r) => (r.details as { what: string }).what)).toContain(`action_evidence:${actions[0].id}`);
  });

  it('refuses a bad report with 400 naming the fields, and writes nothing', async () => {
    const c = await makeCase(db(), unit.id);
    const d = await makeDecision(db(), c.id);
    const before = await snapshot(db(), c.id);
    const wrongFile = await postMultipart(t, providerUrl(c.id, d.decisionId), representative, actionFields(1), [{ field: 'atgard-1-fil', name: 'rutin.pdf', type: 'application/pdf', content: 'inte alls en pdf' }]);
    expect(wrongFile.statusCode).toBe(400);
    expect(wrongFile.body).toContain('href="#atgard-1-fil"');
    expect(wrongFile.body).toContain('Ny rutin för brist 1');

    const missing = await postMultipart(t, providerUrl(c.id, d.decisionId), representative, actionFields(2, { 'atgard-2-ansvarig': '', 'atgard-2-klart': daysFrom(today(), 30) }));
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#atgard-2-ansvarig"');
    expect(missing.body).toContain('href="#atgard-2-klart"');

    const nothing = await postMultipart(t, providerUrl(c.id, d.decisionId), representative, {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('Redovisa minst en åtgärd');

    const huge = Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x61), Buffer.from('\n%%EOF\n')]);
    const tooLarge = await postMultipart(t, providerUrl(c.id, d.decisionId), representative, { ...actionFields(1), ...actionFields(2) }, [{ field: 'atgard-1-fil', name: 'stor.pdf', type: 'application/pdf', content: huge }]);
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.body).toContain('Brist 1: filen är större än 10 MB');
    // What came after the file in the form is kept.
    expect(tooLarge.body).toContain('Ny rutin för brist 2');

    // A good file beside a bad one: the page says the good one must be chosen again, where it was.
    const goodAndBad = await postMultipart(t, providerUrl(c.id, d.decisionId), representative, { ...actionFields(1), ...actionFields(2) }, [
      { field: 'atgard-1-fil', name: 'rutin.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') },
      { field: 'atgard-2-fil', name: 'rutin.txt', type: 'text/plain', content: 'inte alls en pdf' },
    ]);
    expect(goodAndBad.statusCode).toBe(400);
    expect(goodAndBad.body).toContain('id="atgard-1-fil-again"');
    expect(goodAndBad.body).toMatch(/aria-describedby="atgard-1-fil-hint atgard-1-fil-again"/);
    expect(goodAndBad.body).toContain('Välj filen igen. Den du valde skickades inte, eftersom formuläret hade fel.');
    expect(wrongFile.body).not.toContain('atgard-2-fil-again');

    const forged = await postMultipart(t, providerUrl(c.id, d.decisionId), representative, actionFields(1), [], null);
    expect(forged.statusCode).toBe(400);
    expect(await snapshot(db(), c.id)).toEqual(before);
  });

  it('lets the officer assess each action, the provider report again after "insufficient", and closes the follow-up and the case', async () => {
    const c = await makeCase(db(), unit.id);
    const d = await makeDecision(db(), c.id);
    await postMultipart(t, providerUrl(c.id, d.decisionId), representative, { ...actionFields(1), ...actionFields(2) });
    const [first, second] = await db().selectFrom('action_report').select('id').where('decision_id', '=', d.decisionId).orderBy('deficiency_seq').execute();
    const base = `/staff/arenden/${c.id}/beslut/${d.decisionId}`;

    const page = await get(t, `/staff/arenden/${c.id}/beslut`, officer);
    expect(page.body).toContain('Ny rutin för brist 2');
    expect(page.body).toContain('Spara bedömningen');

    // Only the case's officers assess: another department, the registrar and other organisations get 404.
    const before = await snapshot(db(), c.id);
    for (const who of [outsider, registrar]) {
      expect((await post(t, `${base}/atgarder/${first.id}/bedomning`, who, { [`bedomning-${first.id}-beslut`]: 'accepted' })).statusCode, who.name).toBe(404);
      expect((await post(t, `${base}/avsluta`, who, { [`avsluta-${d.decisionId}-motivering`]: 'Klart' })).statusCode, who.name).toBe(404);
    }
    // A note is needed when the action is not enough.
    const noNote = await post(t, `${base}/atgarder/${second.id}/bedomning`, officer, { [`bedomning-${second.id}-beslut`]: 'insufficient', [`bedomning-${second.id}-kommentar`]: '' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain(`href="#bedomning-${second.id}-kommentar"`);
    // Closing before every deficiency has an accepted action needs a reason.
    const early = await post(t, `${base}/avsluta`, officer, { [`avsluta-${d.decisionId}-motivering`]: '' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain(`href="#avsluta-${d.decisionId}-motivering"`);
    expect(await snapshot(db(), c.id)).toEqual(before);

    expect((await post(t, `${base}/atgarder/${first.id}/bedomning`, officer, { [`bedomning-${first.id}-beslut`]: 'accepted' })).statusCode).toBe(303);
    const insufficient = await post(t, `${base}/atgarder/${second.id}/bedomning`, officer, { [`bedomning-${second.id}-beslut`]: 'insufficient', [`bedomning-${second.id}-kommentar`]: 'Rutinen saknar uppföljning: visa hur ni följer upp den.' });
    expect(insufficient.statusCode).toBe(303);
    expect(insufficient.headers.location).toBe(`/staff/arenden/${c.id}/beslut?klart=bedomt#beslut-${d.decisionId}`);
    expect((await db().selectFrom('case_decision').select('follow_up_status').where('id', '=', d.decisionId).executeTakeFirstOrThrow()).follow_up_status).toBe('awaiting_report');

    // The provider sees the assessment and reports again, for the second deficiency only.
    const providerPage = await get(t, providerUrl(c.id, d.decisionId), representative);
    expect(providerPage.body).toContain('IVO:s kommentar: Rutinen saknar uppföljning: visa hur ni följer upp den.');
    expect(providerPage.body).toContain('Inte tillräcklig');
    expect(providerPage.body).toContain('Godtagen');
    expect(providerPage.body).not.toContain('id="atgard-1-beskrivning"');
    expect(providerPage.body).toContain('id="atgard-2-beskrivning"');
    const accepted = await postMultipart(t, providerUrl(c.id, d.decisionId), representative, actionFields(1));
    expect(accepted.statusCode).toBe(400);
    expect(accepted.body).toContain('IVO har redan godtagit en åtgärd mot bristen');
    expect((await postMultipart(t, providerUrl(c.id, d.decisionId), representative, actionFields(2, { 'atgard-2-beskrivning': 'Månatlig uppföljning i ledningsgruppen.' }))).statusCode).toBe(303);
    expect((await db().selectFrom('case_decision').select('follow_up_status').where('id', '=', d.decisionId).executeTakeFirstOrThrow()).follow_up_status).toBe('assessing');

    const third = await db().selectFrom('action_report').select('id').where('decision_id', '=', d.decisionId).where('assessment', '=', 'pending').executeTakeFirstOrThrow();
    expect((await post(t, `${base}/atgarder/${third.id}/bedomning`, officer, { [`bedomning-${third.id}-beslut`]: 'accepted' })).statusCode).toBe(303);
    const closed = await post(t, `${base}/avsluta`, officer, { [`avsluta-${d.decisionId}-motivering`]: '' });
    expect(closed.statusCode).toBe(303);

    const decision = await db().selectFrom('case_decision').selectAll().where('id', '=', d.decisionId).executeTakeFirstOrThrow();
    expect(decision.follow_up_status).toBe('closed');
    expect(decision.follow_up_closed_by).toBe(officer.subject);
    expect(decision.follow_up_closed_at).toBeInstanceOf(Date);
    const caseRow = await db().selectFrom('case_file').select(['status', 'closed_at']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(caseRow.status).toBe('closed');
    expect(caseRow.closed_at).toBeInstanceOf(Date);
    const closing = await db().selectFrom('case_document').select(['direction', 'kind', 'secrecy']).where('case_id', '=', c.id).where('kind', '=', 'assessment').execute();
    expect(closing).toEqual([{ direction: 'outgoing', kind: 'assessment', secrecy: 'public' }]);
    const actions = await db().selectFrom('audit_log').select('action').where('entity_id', '=', String(c.id)).where('action', 'like', 'decision.%').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['decision.report_actions', 'decision.assess_action', 'decision.assess_action', 'decision.report_actions', 'decision.assess_action', 'decision.close_follow_up']);

    // Closed: the provider has nothing more to report, and the officer nothing more to assess.
    const after = await get(t, providerUrl(c.id, d.decisionId), representative);
    expect(after.body).toContain('IVO har avslutat uppföljningen av beslutet.');
    expect(after.body).not.toContain('Skicka redovisningen');
    // A form left open while IVO closed the follow-up: a conflict with a plain notice, nothing saved.
    const stale = await postMultipart(t, providerUrl(c.id, d.decisionId), representative, actionFields(2));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Inga åtgärder har sparats.');
    expect(await db().selectFrom('action_report').select('id').where('decision_id', '=', d.decisionId).execute()).toHaveLength(3);
    expect((await post(t, `${base}/atgarder/${first.id}/bedomning`, officer, { [`bedomning-${first.id}-beslut`]: 'insufficient', [`bedomning-${first.id}-kommentar`]: 'Ändrat mig' })).statusCode).toBe(400);
  });

  it('closes a follow-up with a reason although a deficiency lacks an accepted action; the case stays open while a request is open', async () => {
    const c = await makeCase(db(), unit.id);
    const d = await makeDecision(db(), c.id, { tool: 'injunction', fineAmount: 100_000 });
    await db()
      .insertInto('case_request')
      .values({ case_id: c.id, provider_id: unit.provider_id, subject: 'Begäran om komplettering', body: 'Skicka er rutin.', reply_by: daysFrom(today(), 14), sent_by: 'test', sent_by_name: 'Test' })
      .execute();
    const response = await post(t, `/staff/arenden/${c.id}/beslut/${d.decisionId}/avsluta`, officer, { [`avsluta-${d.decisionId}-motivering`]: 'Verksamheten har upphört; uppföljningen fortsätter i ett nytt ärende.' });
    expect(response.statusCode).toBe(303);
    expect((await db().selectFrom('case_decision').select('follow_up_status').where('id', '=', d.decisionId).executeTakeFirstOrThrow()).follow_up_status).toBe('closed');
    expect((await db().selectFrom('case_file').select('status').where('id', '=', c.id).executeTakeFirstOrThrow()).status).toBe('decided');
    const note = await db().selectFrom('case_note').select(['body', 'author']).where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(note).toEqual({ body: expect.stringContaining('Verksamheten har upphört'), author: officer.subject });
    const page = await get(t, `/staff/arenden/${c.id}/beslut`, officer);
    expect(page.body).toContain('Uppföljningen avslutad');
    expect(page.body).toContain(officer.name);
  });
});
