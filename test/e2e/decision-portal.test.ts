import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { browserDatabaseKinds, launchBrowser, signInThroughDevIdp, expectAccessible } from '../support/browser.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import { makeCase, makeDecision, TINY_PDF } from '../cases-decisions/support.ts';



describe.each(browserDatabaseKinds)('the public decision search and the provider’s decision page in a browser on %s', (kind) => {
  let t: TestApp;
  let browser: Browser;
  let caseId: number;
  let decisionId: number;

  beforeAll(async () => {
    t = await createTestApp(kind, { listen: true });
    // The demo patient-safety officer represents Region Stockholm, found by name and kind at sign-in.
    const region = await buildProvider(t.database.db, { name: 'Region Stockholm', kind: 'region', orgnr: '2321000016' });
    const unit = await buildUnit(t.database.db, {
      provider_id: region.id,
      name: 'Vårdcentralen Fruängen',
      form: 'vardcentral',
      operation_codes: ['A10'],
      orientation: null,
      home_type: null,
      age_min: null,
      age_max: null,
    });
    caseId = (await makeCase(t.database.db, unit.id)).id;
    decisionId = (await makeDecision(t.database.db, caseId)).decisionId;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('searches decisions and opens one without signing in; the provider signs in, reports an action with evidence; axe passes on every page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await page.goto(`${t.url}/beslut`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Beslut från tillsynen');
      await expectAccessible(page, 'the public decision search');

      await page.getByLabel('Beslut', { exact: true }).selectOption('demand_actions');
      await page.getByLabel('Riskområde').selectOption('medication');
      await Promise.all([page.waitForURL(/\/beslut\?/), page.getByRole('button', { name: 'Sök' }).click()]);
      expect(await page.locator('main').textContent()).toContain('Vårdcentralen Fruängen: Krav på redovisning av åtgärder');
      expect(await page.locator('main').textContent()).toContain('Lagrum: 3 kap. 1 § HSL · Riskområde: Läkemedelshantering');
      await expectAccessible(page, 'the search with results');

      await Promise.all([page.waitForURL(`${t.url}/beslut/${decisionId}`), page.getByRole('link', { name: 'Vårdcentralen Fruängen: Krav på redovisning av åtgärder' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Krav på redovisning av åtgärder: Vårdcentralen Fruängen');
      expect(await page.getByRole('link', { name: 'Hämta hela beslutet (PDF)' }).getAttribute('href')).toBe(`/beslut/${decisionId}/pdf`);
      await expectAccessible(page, 'the public decision page');

      // The provider's page: sign-in first, then back to the decision.
      const decisionUrl = `${t.url}/provider/arenden/${caseId}/beslut/${decisionId}`;
      await signInThroughDevIdp(page, decisionUrl, 'Patientsäkerhetssamordnare, Region Stockholm');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Beslut: Krav på redovisning av åtgärder');
      await expectAccessible(page, 'the provider’s decision page');

      // Sent empty: the error summary says what is missing.
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Skicka redovisningen' }).click()]);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Redovisa minst en åtgärd');
      await expectAccessible(page, 'the provider’s decision page with errors');

      await page.locator('#atgard-1-beskrivning').fill('Dubbelsignering av alla läkemedel infördes och personalen utbildades.');
      await page.locator('#atgard-1-ansvarig').fill('Verksamhetschef');
      await page.locator('#atgard-1-klart').fill(new Date().toISOString().slice(0, 10));
      await page.locator('#atgard-1-underlag').fill('Stickprov på signeringslistorna varje vecka.');
      await page.locator('#atgard-1-fil').setInputFiles({ name: 'signeringslista.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
      await Promise.all([page.waitForURL(`${decisionUrl}?klart=skickad`), page.getByRole('button', { name: 'Skicka redovisningen' }).click()]);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Er redovisning är skickad till IVO');
      expect(await page.locator('main').textContent()).toContain('Inte bedömd ännu');
      await expectAccessible(page, 'the provider’s decision page after reporting');

      const reports = await t.database.db.selectFrom('action_report').select(['deficiency_seq', 'owner']).where('decision_id', '=', decisionId).execute();
      expect(reports).toEqual([{ deficiency_seq: 1, owner: 'Verksamhetschef' }]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets the decision maker decide and the officer assess on the staff pages; axe passes on them and on the effect view', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      const decisionsUrl = `${t.url}/staff/arenden/${caseId}/beslut`;
      await page.goto(decisionsUrl);
      await Promise.all([page.waitForURL(decisionsUrl), page.getByRole('button', { name: 'Beslutsfattare', exact: true }).click()]);
      await expectAccessible(page, 'the staff decisions page with the decision form');

      // A criticism with one deficiency, without JavaScript: fill in, choose, decide.
      await page.locator('#brist-1-iakttagelse').fill('Journalerna saknar uppgifter om given behandling.');
      await page.locator('#brist-1-lagrum').fill('3 kap. 1 § PDL');
      await page.locator('#brist-1-riskomrade').selectOption('documentation');
      await page.locator('#brist-1-allvarlighet').selectOption('2');
      await page.getByLabel('Kritik', { exact: true }).check();
      await page.locator('#redovisas-senast').fill('');
      await page.getByLabel('Sammanfattning').fill('Journalföringen brister.');
      await Promise.all([page.waitForURL(/klart=beslutat/), page.getByRole('button', { name: 'Fatta beslut', exact: true }).click()]);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Beslutet är fattat');
      // The provider's reported action can be assessed here.
      await page.getByLabel('Godta åtgärden').first().check();
      await Promise.all([page.waitForURL(/klart=bedomt/), page.getByRole('button', { name: 'Spara bedömningen' }).first().click()]);
      await expectAccessible(page, 'the staff decisions page with an assessed action');

      await page.goto(`${t.url}/staff/arenden/${caseId}/beslut/${decisionId}/effekt`);
      await expectAccessible(page, 'the effect of a decision');
      await page.goto(`${t.url}/staff/effekter`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Effekter av beslut');
      await expectAccessible(page, 'the effects per decision tool');
    } finally {
      await context.close();
    }
  });
});
