import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { browserDatabaseKinds, launchBrowser, expectAccessible } from '../support/browser.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';



describe.each(browserDatabaseKinds)('a provider representative reports under lex Maria in a browser on %s', (kind) => {
  let t: TestApp;
  let browser: Browser;
  let unit: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp(kind, { listen: true });
    // The demo patient-safety officer represents Region Stockholm, found by name and kind at sign-in.
    const region = await buildProvider(t.database.db, { name: 'Region Stockholm', kind: 'region', orgnr: '2321000016' });
    unit = await buildUnit(t.database.db, {
      provider_id: region.id,
      name: 'Vårdcentralen Fruängen',
      form: 'vardcentral',
      operation_codes: ['A10'],
      orientation: null,
      home_type: null,
      age_min: null,
      age_max: null,
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in through the demo identity provider, is shown the missing root causes, sends anyway and gets a receipt; the pages pass axe', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await page.goto(`${t.url}/provider`);
      expect(new URL(page.url()).pathname).toMatch(/^\/dev-idp\/interaction\//);
      await expectAccessible(page, 'the demo sign-in page with representatives');
      await Promise.all([page.waitForURL(`${t.url}/provider`), page.getByRole('button', { name: 'Patientsäkerhetssamordnare, Region Stockholm' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Anmälningar och rapporter');
      expect(await page.locator('.vaka-header__user').textContent()).toBe('Lina Forsberg');
      await expectAccessible(page, 'the representative start page');

      await Promise.all([page.waitForURL('**/provider/rapporter/ny?typ=lex_maria'), page.getByRole('link', { name: 'Gör en anmälan enligt lex Maria' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Anmälan enligt lex Maria');
      await expectAccessible(page, 'the lex Maria form');

      // First without anything: the error summary names the fields.
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Skicka anmälan', exact: true }).click()]);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Välj den verksamhet där händelsen inträffade.');
      await expectAccessible(page, 'the lex Maria form with errors');

      await page.getByLabel('Verksamhet').selectOption(unit.id);
      await page.getByLabel('När inträffade händelsen?').fill('2026-09-14');
      await page.getByLabel('Vad hände?').fill('En patient fick dubbel dos insulin under natten eftersom ordinationen lästes fel.');
      await page.getByLabel('Vilka konsekvenser fick händelsen för patienten?').fill('Lågt blodsocker; patienten fördes till akuten.');
      await page.getByLabel('Sammanfattning av er utredning').fill('Händelseanalys med berörd personal.');
      await page.locator('#atgard-1-beskrivning').fill('Elektronisk dubbelsignering av insulinordinationer.');
      await page.locator('#atgard-1-ansvarig').fill('Verksamhetschef');
      await page.locator('#atgard-1-klart').fill('2026-12-31');
      await page.locator('#atgard-1-effekt').check();
      await page.getByLabel('Hur ska ni följa upp åtgärderna?').fill('Journalgranskning varje månad i ett år.');
      // Enter in a text field sends the form (it does not add a row of root causes).
      await Promise.all([page.waitForLoadState('load'), page.getByLabel('När inträffade händelsen?').press('Enter')]);

      const banner = page.getByRole('region', { name: 'Kontrollera innan du skickar' });
      expect(await banner.textContent()).toContain('Inga bakomliggande orsaker är identifierade');
      expect(await page.locator('.govuk-error-summary').count()).toBe(0);
      await expectAccessible(page, 'the lex Maria form with the completeness flags');

      await Promise.all([page.waitForURL(/\/provider\/rapporter\/S-\d{8}-[0-9a-f]{8}$/), page.getByRole('button', { name: 'Skicka anmälan ändå' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Anmälan är skickad');
      const signalId = new URL(page.url()).pathname.split('/').pop()!;
      expect(await page.locator('.govuk-panel__body').textContent()).toContain(signalId);
      expect(await page.locator('main').textContent()).toContain('Inga bakomliggande orsaker är identifierade');
      await expectAccessible(page, 'the receipt');

      const report = await t.database.db.selectFrom('provider_report').select(['kind', 'completeness']).where('signal_id', '=', signalId).executeTakeFirstOrThrow();
      expect(report).toMatchObject({ kind: 'lex_maria', completeness: { complete: false, flags: [{ code: 'no_root_causes' }] } });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
