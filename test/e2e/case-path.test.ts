// The whole path of a case in a browser, each person in a browser context of their own and signed in through
// the demo identity provider: a complaint in triage becomes a case with a diarienummer → a request to the
// provider → the provider answers in the portal → an inspection with a finding → a decision with two
// deficiencies and a demand for a report of actions → the provider reports actions → the officer accepts them
// and closes the follow-up, which closes the case → the public diarium shows the case with the secret parts
// masked. axe runs on every portal and public page visited.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { browserDatabaseKinds, launchBrowser, signInThroughDevIdp, expectAccessible } from '../support/browser.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import { receiveTestSignal } from '../intake-triage/signals.ts';



const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

/** Today in Sweden, and a day some days from it, as YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
function daysFromToday(days: number): string {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** What the complainant wrote and who they are: never in the public diarium. */
const COMPLAINANT = 'Birgitta Klagström';
const COMPLAINT_TEXT = 'Min mamma fick aldrig besked om sitt provsvar och blev sämre under tre veckor.';
const CASE_TITLE = 'Klagomål på uppföljning av provsvar vid vårdcentral';
const ANSWER_TEXT = 'Vårdcentralen har infört en rutin där ansvarig läkare signerar alla provsvar inom två dagar.';
const FINDING = 'Provsvar signerades inte inom den tid som rutinen anger.';
const SECOND_DEFICIENCY = 'Avvikelser rapporterades inte och analyserades inte.';
const ACTIONS = ['Bevakningslista för osignerade provsvar infördes i journalsystemet.', 'Avvikelserutinen reviderades och all personal utbildades.'];

describe.each(browserDatabaseKinds)('a complaint all the way from triage to a closed case and the public diarium, in a browser on %s', (kind) => {
  let t: TestApp;
  let browser: Browser;
  let unit: { id: string; name: string };
  let signalId: string;
  let caseId: number;
  let diarienummer: string;
  let decisionId: number;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let inspector: Page;
  let decider: Page;
  let representative: Page;
  let publicPage: Page;

  /** A browser context of its own for one person, with CSP violations and script errors collected. */
  async function personPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    return page;
  }

  const signIn = (page: Page, path: string, person: string) => signInThroughDevIdp(page, `${t.url}${path}`, person);

  beforeAll(async () => {
    t = await createTestApp(kind, { listen: true });
    const db = t.database.db;
    // The demo patient-safety officer represents Region Stockholm, found by name and kind at sign-in.
    const region = await buildProvider(db, { name: 'Region Stockholm', kind: 'region', orgnr: '2321000016' });
    unit = await buildUnit(db, {
      provider_id: region.id, name: 'Vårdcentralen Fruängen', form: 'vardcentral', kommun: '0180', operation_codes: ['A10'], orientation: null, home_type: null, age_min: null, age_max: null,
    });
    // The complaint as the complaint form stores it: identified, with the complainant's contact details.
    signalId = (
      await receiveTestSignal(
        db,
        { channel: 'complaint', unitId: unit.id, text: COMPLAINT_TEXT, submitterKind: 'identified', contact: { name: COMPLAINANT, email: 'birgitta@example.se', relation: 'närstående' } },
        { urgency: 'high', riskAreas: ['care_quality'] },
      )
    ).id;
    browser = await launchBrowser();
    inspector = await personPage();
    decider = await personPage();
    representative = await personPage();
    publicPage = await personPage();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  it('the inspector opens the complaint in triage and opens a case from it; the case gets a diarienummer by the template', async () => {
    const page = inspector;
    await signIn(page, '/staff/triage', 'Inspektör, avdelning Stockholm');
    await Promise.all([page.waitForURL(`**/staff/signals/${signalId}`), page.getByRole('link', { name: new RegExp(signalId) }).click()]);
    expect(await page.locator('main').textContent()).toContain(COMPLAINT_TEXT);

    await Promise.all([page.waitForURL(/\/staff\/arenden\/nytt\?signal=/), page.getByRole('button', { name: 'Öppna ärende' }).click()]);
    expect(await page.getByLabel('Ärendetyp').inputValue()).toBe('complaint');
    expect(await page.locator('main').textContent()).toContain(`Vald verksamhet: ${unit.name}`);
    expect(await page.getByLabel('Signaler att koppla till ärendet').inputValue()).toBe(signalId);
    expect(await page.getByLabel('Ansvarig handläggare').inputValue()).toBe('demo-inspektor-stockholm');
    await page.getByLabel('Ärendemening').fill(CASE_TITLE);
    await Promise.all([page.waitForURL(/\/staff\/arenden\/\d+\?klart=oppnat/), page.getByRole('button', { name: 'Öppna ärendet' }).click()]);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Ärendet är öppnat');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(CASE_TITLE);
    caseId = Number(/\/staff\/arenden\/(\d+)/.exec(page.url())![1]);

    const db = t.database.db;
    const row = await db.selectFrom('case_file').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    diarienummer = row.diarienummer;
    // The default template {class}-{number:5}/{year}: a complaint is class 3.1, the number has five digits.
    expect(t.config.diarium.template).toBe('{class}-{number:5}/{year}');
    expect(diarienummer).toMatch(/^3\.1-\d{5}\/\d{4}$/);
    expect(diarienummer).toBe(`3.1-${String(row.diarium_number).padStart(5, '0')}/${row.diarium_year}`);
    expect(row).toMatchObject({ case_type: 'complaint', status: 'open', department_code: 'stockholm', unit_id: unit.id, responsible: 'demo-inspektor-stockholm' });
    expect(await page.locator('main').textContent()).toContain(diarienummer);
    const signal = await db.selectFrom('signal').select(['case_ref', 'triage_status']).where('id', '=', signalId).executeTakeFirstOrThrow();
    expect(signal).toEqual({ case_ref: diarienummer, triage_status: 'done' });

    // A letter from the complainant comes in: registered as secret, with the complainant as its sender.
    await page.getByText('Registrera en handling').click();
    await page.getByLabel('Inkommen').check();
    await page.getByLabel('Datum', { exact: true }).fill(today());
    await page.getByLabel('Avsändare eller mottagare').fill(COMPLAINANT);
    await page.getByLabel('Beskrivning').fill('Kompletterande uppgifter från anmälaren');
    await page.getByRole('radio', { name: 'Sekretess', exact: true }).check();
    await page.getByLabel('Lagrum för sekretessen').fill('25 kap. 1 § OSL');
    await Promise.all([page.waitForURL(/klart=handling/), page.getByRole('button', { name: 'Registrera handlingen' }).click()]);
    const letter = await db.selectFrom('case_document').select(['counterpart', 'secrecy', 'secrecy_reference']).where('case_id', '=', caseId).where('document_number', '=', 2).executeTakeFirstOrThrow();
    expect(letter).toEqual({ counterpart: COMPLAINANT, secrecy: 'secret', secrecy_reference: '25 kap. 1 § OSL' });
  }, 120_000);

  it('the inspector sends a request; the representative signs in, finds it in the portal and answers; the portal pages pass axe', async () => {
    expect(caseId, 'the case of the step before').toBeGreaterThan(0);
    const page = inspector;
    await Promise.all([page.waitForURL(`**/staff/arenden/${caseId}/begaran`), page.locator('.vaka-tabs').getByRole('link', { name: 'Begäran till verksamheten', exact: true }).click()]);
    await page.getByLabel('Rubrik').fill('Yttrande över klagomål om provsvar');
    await page.getByLabel('Vad ska verksamheten svara på?').fill('Beskriv hur vårdcentralen följer upp provsvar som kommer efter att patienten har gått hem.');
    await page.getByLabel('Svar senast').fill(daysFromToday(21));
    await Promise.all([page.waitForURL(/klart=skickad/), page.getByRole('button', { name: 'Skicka begäran' }).click()]);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Begäran är skickad');

    const portal = representative;
    await signIn(portal, '/provider', 'Patientsäkerhetssamordnare, Region Stockholm');
    await expectAccessible(portal, 'the portal: the start page');
    await Promise.all([portal.waitForURL(`${t.url}/provider/arenden`), portal.getByRole('link', { name: 'Ärenden från IVO' }).click()]);
    expect(await portal.locator('main').textContent()).toContain(diarienummer);
    await expectAccessible(portal, 'the portal: cases from IVO');

    await Promise.all([portal.waitForURL(`${t.url}/provider/arenden/${caseId}`), portal.getByRole('link', { name: diarienummer }).click()]);
    expect(await portal.getByRole('heading', { level: 1 }).textContent()).toBe(CASE_TITLE);
    const casePage = await portal.content();
    for (const secret of [COMPLAINANT, COMPLAINT_TEXT]) expect(casePage).not.toContain(secret);
    await expectAccessible(portal, 'the portal: the case');

    await Promise.all([portal.waitForURL(`**/provider/arenden/${caseId}/begaran/*/svar`), portal.getByRole('link', { name: /^Svara på begäran/ }).click()]);
    await expectAccessible(portal, 'the portal: the answer form');
    await portal.getByLabel('Ert svar').fill(ANSWER_TEXT);
    await Promise.all([portal.waitForURL(`${t.url}/provider/arenden/${caseId}?klart=svar`), portal.getByRole('button', { name: 'Skicka svaret' }).click()]);
    expect(await portal.locator('.govuk-notification-banner').textContent()).toContain('Ert svar är skickat till IVO');
    await expectAccessible(portal, 'the portal: the case after the answer');

    const request = await t.database.db.selectFrom('case_request').select(['status', 'answer', 'answered_by']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(request).toEqual({ status: 'answered', answer: ANSWER_TEXT, answered_by: 'demo-foretradare-region' });

    // The responsible officer, in the case team, reads the answer.
    await page.reload();
    expect(await page.locator('main').textContent()).toContain(ANSWER_TEXT);
  }, 120_000);

  it('the inspector plans the inspection, records it as performed and writes one finding', async () => {
    expect(caseId, 'the case of the steps before').toBeGreaterThan(0);
    const page = inspector;
    await Promise.all([page.waitForURL(`**/staff/arenden/${caseId}/inspektioner`), page.locator('.vaka-tabs').getByRole('link', { name: 'Inspektioner', exact: true }).click()]);
    await page.getByLabel('Oanmäld').check();
    await page.getByLabel('Planerad dag').fill(today());
    await Promise.all([page.waitForURL(/klart=planerad/), page.getByRole('button', { name: 'Planera inspektionen' }).click()]);
    await Promise.all([page.waitForURL(/klart=genomford/), page.getByRole('button', { name: 'Registrera som genomförd' }).click()]);
    await page.getByLabel('Riskområde').selectOption('care_quality');
    await page.getByLabel('Lagrum').fill('5 kap. 1 § HSL');
    await page.getByLabel('Iakttagelse').fill(FINDING);
    await page.getByLabel('3 – Allvarlig').check();
    await Promise.all([page.waitForURL(/klart=iakttagelse/), page.getByRole('button', { name: 'Spara iakttagelsen' }).click()]);
    expect(await page.locator('main').textContent()).toContain(FINDING);

    const db = t.database.db;
    const inspections = await db.selectFrom('case_inspection').select(['id', 'status', 'performed_on', 'announced']).where('case_id', '=', caseId).execute();
    expect(inspections).toEqual([{ id: expect.any(Number), status: 'performed', performed_on: today(), announced: false }]);
    const findings = await db.selectFrom('inspection_finding').select(['finding', 'severity', 'risk_area']).where('case_inspection_id', '=', inspections[0].id).execute();
    expect(findings).toEqual([{ finding: FINDING, severity: 3, risk_area: 'care_quality' }]);
  }, 120_000);

  it('the decision maker decides with two deficiencies and a demand for a report of actions with a deadline', async () => {
    expect(caseId, 'the case of the steps before').toBeGreaterThan(0);
    const page = decider;
    await signIn(page, `/staff/arenden/${caseId}/beslut`, 'Beslutsfattare');
    // The first deficiency from the inspection's finding, the second written here.
    await Promise.all([page.waitForURL(/fran=inspektion/), page.getByRole('link', { name: 'Fyll i bristerna från inspektionernas iakttagelser (1)' }).click()]);
    expect(await page.locator('#brist-1-iakttagelse').inputValue()).toBe(FINDING);
    await page.locator('#brist-2-iakttagelse').fill(SECOND_DEFICIENCY);
    await page.locator('#brist-2-lagrum').fill('3 kap. 5 § PSL');
    await page.locator('#brist-2-riskomrade').selectOption('management_systems');
    await page.locator('#brist-2-allvarlighet').selectOption('2');
    await page.getByLabel('Krav på redovisning av åtgärder', { exact: true }).check();
    await page.getByLabel('Sista dag för verksamhetens redovisning').fill(daysFromToday(60));
    await page.getByLabel('Sammanfattning').fill('IVO har granskat hur vårdcentralen följer upp provsvar och funnit två brister.');
    await Promise.all([page.waitForURL(/klart=beslutat/), page.getByRole('button', { name: 'Fatta beslut', exact: true }).click()]);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Beslutet är fattat');

    const db = t.database.db;
    const decision = await db.selectFrom('case_decision').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    decisionId = decision.id;
    expect(decision).toMatchObject({ tool: 'demand_actions', report_by: daysFromToday(60), follow_up_status: 'awaiting_report', decided_by: 'demo-beslutsfattare' });
    expect(decision.published_at).not.toBeNull();
    const deficiencies = await db.selectFrom('decision_deficiency').select(['seq', 'finding']).where('decision_id', '=', decisionId).orderBy('seq').execute();
    expect(deficiencies).toEqual([{ seq: 1, finding: FINDING }, { seq: 2, finding: SECOND_DEFICIENCY }]);
    expect((await db.selectFrom('case_file').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status).toBe('follow_up');
  }, 120_000);

  it('the representative reports actions for both deficiencies in the portal; the pages pass axe', async () => {
    expect(decisionId, 'the decision of the step before').toBeGreaterThan(0);
    const portal = representative;
    await portal.goto(`${t.url}/provider/arenden/${caseId}`);
    await Promise.all([portal.waitForURL(`${t.url}/provider/arenden/${caseId}/beslut/${decisionId}`), portal.getByRole('link', { name: /^Krav på redovisning av åtgärder, beslutat/ }).click()]);
    expect(await portal.getByRole('heading', { level: 1 }).textContent()).toBe('Beslut: Krav på redovisning av åtgärder');
    expect(await portal.locator('main').textContent()).toContain(SECOND_DEFICIENCY);
    await expectAccessible(portal, 'the portal: the decision');

    for (const [i, text] of ACTIONS.entries()) {
      const seq = i + 1;
      await portal.locator(`#atgard-${seq}-beskrivning`).fill(text);
      await portal.locator(`#atgard-${seq}-ansvarig`).fill('Verksamhetschef');
      await portal.locator(`#atgard-${seq}-klart`).fill(today());
    }
    await portal.locator('#atgard-1-underlag').fill('Bevakningslistan granskas varje vecka.');
    await portal.locator('#atgard-1-fil').setInputFiles({ name: 'bevakningslista.pdf', mimeType: 'application/pdf', buffer: PDF });
    await Promise.all([portal.waitForURL(`${t.url}/provider/arenden/${caseId}/beslut/${decisionId}?klart=skickad`), portal.getByRole('button', { name: 'Skicka redovisningen' }).click()]);
    expect(await portal.locator('.govuk-notification-banner').textContent()).toContain('Er redovisning är skickad till IVO');
    await expectAccessible(portal, 'the portal: the decision after reporting');

    const reports = await t.database.db.selectFrom('action_report').select(['deficiency_seq', 'action', 'assessment']).where('decision_id', '=', decisionId).orderBy('deficiency_seq').execute();
    expect(reports).toEqual(ACTIONS.map((action, i) => ({ deficiency_seq: i + 1, action, assessment: 'pending' })));
  }, 120_000);

  it('the inspector accepts both actions and closes the follow-up, which closes the case', async () => {
    expect(decisionId, 'the decision of the steps before').toBeGreaterThan(0);
    const page = inspector;
    const db = t.database.db;
    const reportIds = (await db.selectFrom('action_report').select('id').where('decision_id', '=', decisionId).orderBy('deficiency_seq').execute()).map((r) => r.id);
    expect(reportIds).toHaveLength(2);
    await page.goto(`${t.url}/staff/arenden/${caseId}/beslut`);
    for (const reportId of reportIds) {
      const card = page.locator(`#atgard-${reportId}`);
      await card.getByLabel('Godta åtgärden').check();
      await Promise.all([page.waitForURL(/klart=bedomt/), card.getByRole('button', { name: 'Spara bedömningen' }).click()]);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Bedömningen är sparad');
    }
    expect(await page.locator('main').textContent()).toContain('Alla brister har en godtagen åtgärd.');
    await Promise.all([page.waitForURL(/klart=avslutat/), page.getByRole('button', { name: 'Avsluta uppföljningen' }).click()]);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Uppföljningen av beslutet är avslutad');

    const decision = await db.selectFrom('case_decision').select(['follow_up_status', 'follow_up_closed_by']).where('id', '=', decisionId).executeTakeFirstOrThrow();
    expect(decision).toEqual({ follow_up_status: 'closed', follow_up_closed_by: 'demo-inspektor-stockholm' });
    const assessed = await db.selectFrom('action_report').select('assessment').where('decision_id', '=', decisionId).execute();
    expect(assessed.map((a) => a.assessment)).toEqual(['accepted', 'accepted']);
    const closed = await db.selectFrom('case_file').select(['status', 'closed_at']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(closed.status).toBe('closed');
    expect(closed.closed_at).not.toBeNull();
    await page.goto(`${t.url}/staff/arenden/${caseId}`);
    expect(await page.locator('main').textContent()).toContain('Avslutat');
  }, 120_000);

  it('the public diarium finds the case by its diarienummer and shows its entries with the secret parts masked; axe passes', async () => {
    expect(diarienummer, 'the case of the steps before').toBeTruthy();
    const page = publicPage;
    await page.goto(`${t.url}/diarium`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Diariet');
    await expectAccessible(page, 'the public diarium');

    await page.getByLabel('Diarienummer eller ord').fill(diarienummer);
    await Promise.all([page.waitForURL(/\/diarium\?q=/), page.getByRole('button', { name: 'Sök' }).click()]);
    const results = page.locator('.vaka-result');
    expect(await results.count()).toBe(1);
    expect(await results.first().textContent()).toContain(diarienummer);
    await expectAccessible(page, 'the public diarium with the case found');
    const searchHtml = await page.content();

    await Promise.all([page.waitForURL(`${t.url}/diarium/${encodeURIComponent(diarienummer)}`), page.getByRole('link', { name: CASE_TITLE }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(CASE_TITLE);
    await expectAccessible(page, 'the public case page');
    const caseHtml = await page.content();
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain(diarienummer);
    expect(main).toContain('Avslutat');

    // Every registered document of the case is listed, by number, with its public description.
    const documents = await t.database.db
      .selectFrom('case_document')
      .select(['document_number', 'subject', 'secrecy', 'counterpart'])
      .where('case_id', '=', caseId)
      .orderBy('document_number')
      .execute();
    expect(documents.map((d) => d.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`signal ${signalId}`),
        'Kompletterande uppgifter från anmälaren',
        'Begäran: Yttrande över klagomål om provsvar',
        'Svar på begäran: Yttrande över klagomål om provsvar',
        expect.stringMatching(/^Inspektionsprotokoll/),
        'Beslut: Krav på redovisning av åtgärder',
        expect.stringMatching(/^Redovisning av åtgärder/),
        expect.stringMatching(/^Uppföljningen av beslutet .* är avslutad$/),
      ]),
    );
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(documents.length);
    for (const [i, d] of documents.entries()) {
      const cells = await rows.nth(i).locator('td').allTextContents();
      expect(cells[0]).toBe(String(d.document_number));
      expect(cells[4]).toBe(d.subject);
      // Secret and partly secret documents: the sender or recipient is masked, the legal reference given.
      if (d.secrecy === 'public') expect(cells[3]).toBe(d.counterpart ?? '–');
      else {
        expect(cells[3]).toBe('Sekretessmarkerad');
        expect(cells[5]).toMatch(/^(Delvis s|S)ekretessmarkerad enligt 25 kap\. 1 § OSL$/);
      }
    }
    expect(documents.some((d) => d.secrecy === 'secret')).toBe(true);
    expect(main).toContain('Sekretessmarkerad');

    // Nothing of what the complainant wrote or who they are, nor what the provider wrote, is in the public HTML;
    // nor the sender or recipient of a secret document (the provider's own name is public through its public documents).
    for (const html of [searchHtml, caseHtml]) {
      for (const secret of [COMPLAINANT, COMPLAINT_TEXT, ANSWER_TEXT, ...ACTIONS, 'birgitta@example.se', 'bevakningslista.pdf']) expect(html).not.toContain(secret);
      for (const d of documents.filter((x) => x.secrecy !== 'public' && x.counterpart && x.counterpart !== 'Region Stockholm')) expect(html).not.toContain(d.counterpart);
    }

    // The decision is published in the public decision search too, without what the provider reported.
    await page.goto(`${t.url}/beslut/${decisionId}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Krav på redovisning av åtgärder: ${unit.name}`);
    expect(await page.locator('main').textContent()).toContain(SECOND_DEFICIENCY);
    const decisionHtml = await page.content();
    for (const secret of [COMPLAINANT, COMPLAINT_TEXT, ANSWER_TEXT, ...ACTIONS]) expect(decisionHtml).not.toContain(secret);
    await expectAccessible(page, 'the public decision page');
    expect(problems).toEqual([]);
  }, 120_000);
});
