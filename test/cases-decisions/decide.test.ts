import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { readPdfStructure } from '../support/pdf-structure.ts';
import { daysFrom, get, makeCase, makeDecision, post, snapshot, today } from './support.ts';

type Unit = Awaited<ReturnType<typeof buildUnit>>;

/** The form of a demand for a report of actions with two deficiencies, as a decision maker fills it in. */
function decisionForm(overrides: Record<string, string> = {}) {
  return {
    rader: '3',
    'brist-1-iakttagelse': 'Läkemedel delades ut utan signering vid flera tillfällen.',
    'brist-1-lagrum': '3 kap. 1 § HSL',
    'brist-1-riskomrade': 'medication',
    'brist-1-allvarlighet': '3',
    'brist-2-iakttagelse': 'Verksamheten saknar rutin för avvikelsehantering.',
    'brist-2-lagrum': '4 kap. 1 § SoL',
    'brist-2-riskomrade': 'management_systems',
    'brist-2-allvarlighet': '2',
    verktyg: 'demand_actions',
    'redovisas-senast': daysFrom(today(), 60),
    vite: '',
    sammanfattning: 'IVO har granskat läkemedelshanteringen och funnit två brister.',
    beslutsdatum: today(),
    handling: 'besluta',
    ...overrides,
  };
}

describe.each(databaseKinds)('deciding a case on %s', (kind) => {
  let t: TestApp;
  let unit: Unit;
  let decisionMaker: SignedIn;
  let inspector: SignedIn;
  let outsider: SignedIn;
  let registrar: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    unit = await buildUnit(t.database.db, { name: 'HVB Solrosen', kommun: '0180' });
    decisionMaker = await signInAs(t, 'decision_maker');
    inspector = await signInAs(t, 'inspector', 'stockholm');
    outsider = await signInAs(t, 'inspector', 'syd');
    registrar = await signInAs(t, 'registrar');
  });
  afterAll(async () => {
    await t.close();
  });
  const db = () => t.database.db;

  it('shows an inspector the decisions but no form, and answers their POST with 404 and writes nothing', async () => {
    const c = await makeCase(db(), unit.id);
    const page = await get(t, `/staff/arenden/${c.id}/beslut`, inspector);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Inga beslut är fattade i ärendet.');
    expect(page.body).not.toContain('Fatta beslut</button>');
    expect(page.body).toContain('Beslut fattas av en beslutsfattare.');

    const before = await snapshot(db(), c.id);
    for (const who of [inspector, registrar, outsider]) {
      const response = await post(t, `/staff/arenden/${c.id}/beslut`, who, decisionForm());
      expect(response.statusCode, who.name).toBe(404);
    }
    expect(await snapshot(db(), c.id)).toEqual(before);
    // Another department's inspector does not see the case at all.
    expect((await get(t, `/staff/arenden/${c.id}/beslut`, outsider)).statusCode).toBe(404);
  });

  it('decides a demand for a report of actions with two deficiencies: PDF, outgoing document, inspection row, follow-up, publication, audit', async () => {
    const c = await makeCase(db(), unit.id);
    const form = await get(t, `/staff/arenden/${c.id}/beslut`, decisionMaker);
    expect(form.body).toContain('Fatta beslut</button>');
    expect(form.body).toContain('id="brist-3-iakttagelse"');

    const response = await post(t, `/staff/arenden/${c.id}/beslut`, decisionMaker, decisionForm());
    expect(response.statusCode).toBe(303);
    const decision = await db().selectFrom('case_decision').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(response.headers.location).toBe(`/staff/arenden/${c.id}/beslut?klart=beslutat#beslut-${decision.id}`);
    expect(decision).toMatchObject({
      tool: 'demand_actions',
      report_by: daysFrom(today(), 60),
      decided_on: today(),
      decided_by: decisionMaker.subject,
      decided_by_name: decisionMaker.name,
      follow_up_status: 'awaiting_report',
      inspection_id: `CASE-${decision.id}`,
      fine_amount: null,
    });
    expect(decision.published_at).toBeInstanceOf(Date);

    const deficiencies = await db().selectFrom('decision_deficiency').selectAll().where('decision_id', '=', decision.id).orderBy('seq').execute();
    expect(deficiencies).toEqual([
      { decision_id: decision.id, seq: 1, finding: 'Läkemedel delades ut utan signering vid flera tillfällen.', legal_basis: '3 kap. 1 § HSL', risk_area: 'medication', severity: 3 },
      { decision_id: decision.id, seq: 2, finding: 'Verksamheten saknar rutin för avvikelsehantering.', legal_basis: '4 kap. 1 § SoL', risk_area: 'management_systems', severity: 2 },
    ]);

    const document = await db().selectFrom('case_document').selectAll().where('id', '=', decision.document_id!).executeTakeFirstOrThrow();
    expect(document).toMatchObject({ case_id: c.id, direction: 'outgoing', kind: 'decision', secrecy: 'public', subject: 'Beslut: Krav på redovisning av åtgärder', document_date: today() });
    const version = await db().selectFrom('case_document_version').selectAll().where('document_id', '=', document.id).executeTakeFirstOrThrow();
    expect(version.media_type).toBe('application/pdf');
    expect(Buffer.from(version.content).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(version.filename).toMatch(/^beslut-.+\.pdf$/);

    const inspection = await db().selectFrom('inspection').selectAll().where('id', '=', `CASE-${decision.id}`).executeTakeFirstOrThrow();
    expect(inspection).toMatchObject({ unit_id: unit.id, date: today(), announced: null, deficiencies: 2, outcome: 'demand_actions' });

    const caseRow = await db().selectFrom('case_file').select(['status']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(caseRow.status).toBe('follow_up');
    const audit = await db().selectFrom('audit_log').select(['actor', 'action', 'details']).where('action', '=', 'case.decide').where('entity_id', '=', String(c.id)).execute();
    expect(audit).toEqual([expect.objectContaining({ actor: `staff:${decisionMaker.subject}`, details: expect.objectContaining({ decisionId: decision.id, tool: 'demand_actions', deficiencies: 2 }) })]);

    // The PDF downloads for anyone who may read the case, and the page lists the decision.
    const pdf = await get(t, `/staff/arenden/${c.id}/beslut/${decision.id}/pdf`, inspector);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await get(t, `/staff/arenden/${c.id}/beslut/${decision.id}/pdf`, outsider)).statusCode).toBe(404);
    // Tagged for screen readers: Swedish, its title shown, every text inside a heading or a paragraph in reading order.
    const tagged = await readPdfStructure(pdf.rawPayload);
    expect(tagged).toMatchObject({ marked: true, lang: 'sv-SE', untaggedText: [] });
    expect(tagged.title).toMatch(/^Beslut /);
    // Every page carries the diarienummer and its number, as artifacts outside what is read as content.
    expect(tagged.artifactText.filter((text) => text.includes('Sida'))[0]).toMatch(/^Dnr \S+ · Sida 1 av \d$/);
    const outline = tagged.elements.filter((e) => e.role !== 'P' && e.role !== 'Root' && e.role !== 'Document').map((e) => `${e.role} ${e.text}`);
    expect(outline).toEqual([
      'H1 Beslut: Krav på redovisning av åtgärder', 'H2 Sammanfattning', 'H2 Brister som IVO har funnit', 'H3 Brist 1', 'H3 Brist 2',
      'H2 Redovisning av åtgärder', 'H2 Hur man överklagar', 'H2 Beslutat av',
    ]);
    const paragraphs = tagged.elements.filter((e) => e.role === 'P').map((e) => e.text);
    expect(paragraphs).toContain('Läkemedel delades ut utan signering vid flera tillfällen.');
    expect(paragraphs).toContain('Lagrum: 3 kap. 1 § HSL');
    const page = await get(t, `/staff/arenden/${c.id}/beslut?klart=beslutat`, inspector);
    expect(page.body).toContain('Beslutet är fattat, registrerat i diariet och publicerat.');
    expect(page.body).toContain('Krav på redovisning av åtgärder, beslutat');
    expect(page.body).toContain('Väntar på redovisning');
    expect(page.body).toContain('Läkemedel delades ut utan signering vid flera tillfällen.');
  });

  it('writes criticism as decided, without follow-up, and a police report as criticism in the inspection table', async () => {
    const criticised = await makeCase(db(), unit.id);
    const one = await makeDecision(db(), criticised.id, { tool: 'criticism', reportBy: null });
    expect(one.followUp).toBe(false);
    expect((await db().selectFrom('case_file').select('status').where('id', '=', criticised.id).executeTakeFirstOrThrow()).status).toBe('decided');
    expect((await db().selectFrom('inspection').select('outcome').where('id', '=', one.inspectionId!).executeTakeFirstOrThrow()).outcome).toBe('criticism');

    const reported = await makeCase(db(), unit.id);
    const two = await makeDecision(db(), reported.id, { tool: 'police_report', reportBy: null });
    const row = await db().selectFrom('inspection').select(['outcome', 'extra']).where('id', '=', two.inspectionId!).executeTakeFirstOrThrow();
    expect(row.outcome).toBe('criticism');
    expect(row.extra).toMatchObject({ tool: 'police_report', decisionId: two.decisionId });

    const injunction = await makeCase(db(), unit.id);
    const three = await makeDecision(db(), injunction.id, { tool: 'injunction', fineAmount: 250_000 });
    expect((await db().selectFrom('case_decision').select(['fine_amount', 'follow_up_status']).where('id', '=', three.decisionId).executeTakeFirstOrThrow())).toEqual({ fine_amount: 250_000, follow_up_status: 'awaiting_report' });
  });

  it('answers invalid input with 400 naming each field, and writes nothing', async () => {
    const c = await makeCase(db(), unit.id);
    const before = await snapshot(db(), c.id);
    const response = await post(
      t,
      `/staff/arenden/${c.id}/beslut`,
      decisionMaker,
      decisionForm({ verktyg: '', 'brist-1-lagrum': '', 'brist-2-riskomrade': 'nonsense', sammanfattning: 'Personen 19121212-1212 fick fel medicin.', vite: 'mycket', beslutsdatum: '2026-13-45' }),
    );
    expect(response.statusCode).toBe(400);
    for (const field of ['verktyg', 'brist-1-lagrum', 'brist-2-riskomrade', 'sammanfattning', 'vite', 'beslutsdatum']) {
      expect(response.body, field).toContain(`href="#${field}"`);
    }
    expect(response.body).toContain('Brist 1: ange lagrummet');
    expect(response.body).toContain('skriv den utan personnummer');
    // What was typed is kept.
    expect(response.body).toContain('Verksamheten saknar rutin för avvikelsehantering.');

    const missingDate = await post(t, `/staff/arenden/${c.id}/beslut`, decisionMaker, decisionForm({ 'redovisas-senast': '' }));
    expect(missingDate.statusCode).toBe(400);
    expect(missingDate.body).toContain('href="#redovisas-senast"');

    const noDeficiencies = await post(t, `/staff/arenden/${c.id}/beslut`, decisionMaker, {
      ...decisionForm({ verktyg: 'criticism', 'redovisas-senast': '' }),
      'brist-1-iakttagelse': '', 'brist-1-lagrum': '', 'brist-1-riskomrade': '', 'brist-1-allvarlighet': '',
      'brist-2-iakttagelse': '', 'brist-2-lagrum': '', 'brist-2-riskomrade': '', 'brist-2-allvarlighet': '',
    });
    expect(noDeficiencies.statusCode).toBe(400);
    expect(noDeficiencies.body).toContain('href="#brister"');

    const closureWithDeficiencies = await post(t, `/staff/arenden/${c.id}/beslut`, decisionMaker, decisionForm({ verktyg: 'closure', 'redovisas-senast': '' }));
    expect(closureWithDeficiencies.statusCode).toBe(400);
    expect(closureWithDeficiencies.body).toContain('Ett avslut utan kritik har inga brister');

    const future = await post(t, `/staff/arenden/${c.id}/beslut`, decisionMaker, decisionForm({ beslutsdatum: daysFrom(today(), 3), 'redovisas-senast': daysFrom(today(), 60) }));
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('Beslutsdatum kan inte vara i framtiden');

    const fineOnCriticism = await post(t, `/staff/arenden/${c.id}/beslut`, decisionMaker, decisionForm({ verktyg: 'criticism', 'redovisas-senast': '', vite: '5000' }));
    expect(fineOnCriticism.statusCode).toBe(400);
    expect(fineOnCriticism.body).toContain('Vite kan bara förenas med ett föreläggande');

    expect(await snapshot(db(), c.id)).toEqual(before);
  });

  it('adds rows to the form without JavaScript, keeping what was typed, and writes nothing', async () => {
    const c = await makeCase(db(), unit.id);
    const before = await snapshot(db(), c.id);
    const response = await post(t, `/staff/arenden/${c.id}/beslut`, decisionMaker, decisionForm({ handling: 'fler-rader' }));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('id="brist-5-iakttagelse"');
    expect(response.body).toContain('name="rader" value="5"');
    expect(response.body).toContain('Läkemedel delades ut utan signering vid flera tillfällen.');
    expect(await snapshot(db(), c.id)).toEqual(before);
    expect((await get(t, `/staff/arenden/${c.id}/beslut?rader=7`, decisionMaker)).body).toContain('id="brist-7-iakttagelse"');
  });

  it('starts the deficiencies from the findings of the case’s inspections when the decision maker asks', async () => {
    const c = await makeCase(db(), unit.id);
    const inspection = await db()
      .insertInto('case_inspection')
      .values({ case_id: c.id, unit_id: unit.id, announced: false, planned_on: today(), performed_on: today(), status: 'performed', created_by: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('inspection_finding')
      .values({ case_inspection_id: inspection.id, risk_area: 'hygiene_infection', legal_basis: '5 kap. 2 § HSL', finding: 'Basala hygienrutiner följs inte.', severity: 3, created_by: 'test' })
      .execute();
    const page = await get(t, `/staff/arenden/${c.id}/beslut`, decisionMaker);
    expect(page.body).toContain('Fyll i bristerna från inspektionernas iakttagelser (1)');
    const filled = await get(t, `/staff/arenden/${c.id}/beslut?fran=inspektion`, decisionMaker);
    expect(filled.body).toMatch(/id="brist-1-iakttagelse"[^>]*>Basala hygienrutiner följs inte\.<\/textarea>/);
    expect(filled.body).toContain('value="5 kap. 2 § HSL"');
    expect(filled.body).toContain('<option value="hygiene_infection" selected>');
    expect(filled.body).toContain('id="brist-2-iakttagelse"');
    // An inspector is not offered the form at all.
    expect((await get(t, `/staff/arenden/${c.id}/beslut?fran=inspektion`, inspector)).body).not.toContain('Basala hygienrutiner');
  });

  it('refuses a decision on a closed case and without the CSRF token', async () => {
    const c = await makeCase(db(), unit.id);
    const before = await snapshot(db(), c.id);
    expect((await post(t, `/staff/arenden/${c.id}/beslut`, decisionMaker, decisionForm(), null)).statusCode).toBe(400);
    expect(await snapshot(db(), c.id)).toEqual(before);
    await db().updateTable('case_file').set({ status: 'closed' }).where('id', '=', c.id).execute();
    const closed = await post(t, `/staff/arenden/${c.id}/beslut`, decisionMaker, decisionForm());
    expect(closed.statusCode).toBe(400);
    expect(closed.body).toContain('Ett avslutat ärende kan inte få ett nytt beslut');
    expect((await db().selectFrom('case_decision').select('id').where('case_id', '=', c.id).execute()).length).toBe(0);
  });

  it('keeps the letter as decided: a file added later to the decision’s document does not replace it', async () => {
    const c = await makeCase(db(), unit.id);
    const d = await makeDecision(db(), c.id);
    const decision = await db().selectFrom('case_decision').select(['document_id']).where('id', '=', d.decisionId).executeTakeFirstOrThrow();
    const letter = await db().selectFrom('case_document_version').select('content').where('document_id', '=', decision.document_id!).where('version', '=', 1).executeTakeFirstOrThrow();
    const note = Buffer.from('Hj, en anteckning som någon lade till i diariet.', 'utf8');
    await db()
      .insertInto('case_document_version')
      .values({ document_id: decision.document_id!, version: 2, filename: 'hj.txt', media_type: 'text/plain; charset=utf-8', size: note.length, sha256: 'x'.repeat(64), content: note, uploaded_by: 'test' })
      .execute();
    for (const url of [`/staff/arenden/${c.id}/beslut/${d.decisionId}/pdf`, `/beslut/${d.decisionId}/pdf`]) {
      const pdf = await get(t, url, inspector);
      expect(pdf.statusCode, url).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(Buffer.from(pdf.rawPayload).equals(Buffer.from(letter.content)), url).toBe(true);
    }
  });

  it('leaves a skyddat boende’s address out of the letter, which is published', async () => {
    const shelter = await buildUnit(db(), { name: 'Skyddat boende Valldalen', home_type: 'skyddat', street: 'Hemliga vägen 7', postal_code: '15320', city: 'Järna', kommun: '0181' });
    const c = await makeCase(db(), shelter.id);
    const d = await makeDecision(db(), c.id);
    const pdf = await get(t, `/staff/arenden/${c.id}/beslut/${d.decisionId}/pdf`, inspector);
    const text = (await readPdfStructure(pdf.rawPayload)).elements.map((e) => e.text).join('\n');
    expect(text).toContain('Verksamhet: Skyddat boende Valldalen');
    for (const secret of ['Hemliga vägen', '15320', '153 20', 'Järna']) expect(text, secret).not.toContain(secret);
    // Another unit's letter gives its address, as before.
    const other = await makeCase(db(), unit.id);
    const otherDecision = await makeDecision(db(), other.id);
    const otherPdf = await get(t, `/staff/arenden/${other.id}/beslut/${otherDecision.decisionId}/pdf`, inspector);
    expect((await readPdfStructure(otherPdf.rawPayload)).elements.map((e) => e.text)).toContain('Verksamhet: HVB Solrosen, Storgatan 1, 111 22 Stockholm');
  });
});
