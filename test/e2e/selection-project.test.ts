import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { browserDatabaseKinds, launchBrowser, signInThroughDevIdp, expectAccessible } from '../support/browser.ts';
import { buildSelectionWorld, type SelectionWorld } from '../risk-selection/world.ts';



describe.each(browserDatabaseKinds)('a selection project in a browser on %s', (kind) => {
  let t: TestApp;
  let browser: Browser;
  let world: SelectionWorld;

  beforeAll(async () => {
    t = await createTestApp(kind, { listen: true });
    world = await buildSelectionWorld(t.database.db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an analyst defines a population, takes it through the three stages, draws a control sample and reads the memo', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const heading = () => page.getByRole('heading', { level: 1 }).textContent();
    try {
      await signInThroughDevIdp(page, `${t.url}/staff/urval`, 'Analytiker');
      expect(await heading()).toBe('Urvalsprojekt');
      await expectAccessible(page, 'the project list');

      // The population: vårdcentraler in Stockholms län.
      await Promise.all([page.waitForURL('**/staff/urval/ny'), page.getByRole('link', { name: 'Nytt urvalsprojekt' }).click()]);
      await page.getByLabel('Namn på projektet').fill('Vårdcentraler i Stockholms län 2026');
      await page.getByLabel('Syfte').fill('Hitta brister i samverkan och kompetens i primärvården.');
      await page.getByLabel('Vårdcentral', { exact: true }).check();
      await page.getByLabel('Län (valfritt)').selectOption({ label: 'Stockholms län' });
      await expectAccessible(page, 'the new project form');
      await Promise.all([page.waitForURL(/\/staff\/urval\/\d+\?klart=skapat/), page.getByRole('button', { name: 'Skapa projektet' }).click()]);
      const projectUrl = page.url().split('?')[0];
      expect(await heading()).toBe('Vårdcentraler i Stockholms län 2026');
      expect(await page.locator('figure figcaption').textContent()).toBe('Population: 6 → Steg 1: externa indikatorer: ej beslutat → Steg 2: IVO:s egna signaler: ej beslutat → Steg 3: valda för inspektion: ej beslutat');
      await expectAccessible(page, 'the new project page');

      // Stage 1: the three with the strongest indicator evidence.
      await Promise.all([page.waitForURL('**/steg/1'), page.getByRole('link', { name: 'Gör steg 1' }).click()]);
      await page.getByLabel('Antal', { exact: true }).fill('3');
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/steg/1')), page.getByRole('button', { name: 'Visa rangordningen' }).click()]);
      await page.waitForLoadState('load');
      expect(await page.locator('tr[data-by-rule="true"]').count()).toBe(3);
      await expectAccessible(page, 'the stage 1 ranking');
      await page.getByLabel('Motivering till beslutet').fill('De tre med tydligast försämring i externa data.');
      await Promise.all([page.waitForURL(/klart=steg1/), page.getByRole('button', { name: 'Besluta steg 1' }).click()]);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Steg 1 är beslutat.');

      // Stage 2: the two with the strongest signal evidence.
      await Promise.all([page.waitForURL('**/steg/2'), page.getByRole('link', { name: 'Gör steg 2' }).click()]);
      await page.getByLabel('Antal', { exact: true }).fill('2');
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/steg/2')), page.getByRole('button', { name: 'Visa rangordningen' }).click()]);
      await page.waitForLoadState('load');
      const kept2 = await page.locator('tr[data-by-rule="true"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit-id')));
      // Björkhagen (S2) has the many recent serious tips.
      expect(kept2).toHaveLength(2);
      expect(kept2[0]).toBe(world.ids.S2);
      await page.getByLabel('Motivering till beslutet').fill('De två med starkast signalunderlag.');
      await Promise.all([page.waitForURL(/klart=steg2/), page.getByRole('button', { name: 'Besluta steg 2' }).click()]);

      // Stage 3: one chosen; a missing reason is pointed out first.
      await Promise.all([page.waitForURL('**/steg/3'), page.getByRole('link', { name: 'Gör steg 3' }).click()]);
      const first = page.locator('[data-unit-id]').first();
      const firstName = (await first.locator('h3').textContent())!.replace(/^1\. /, '');
      expect(firstName).toBe(world.names.S2);
      await first.getByRole('checkbox').check();
      await page.getByLabel('Motivering till beslutet').fill('En inspektion ryms i planen.');
      await page.getByRole('button', { name: 'Besluta steg 3' }).click();
      await page.waitForSelector('.govuk-error-summary');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(`Skriv varför ${firstName} ska inspekteras`);
      await expectAccessible(page, 'stage 3 with an error');
      await page.getByLabel(`Skäl att inspektera ${firstName}`).fill('Flest allvarliga signaler och sjunkande patientenkät.');
      await Promise.all([page.waitForURL(/klart=steg3/), page.getByRole('button', { name: 'Besluta steg 3' }).click()]);

      // The control sample.
      await page.getByLabel('Antal verksamheter').fill('2');
      await page.getByLabel('Frö (valfritt)').fill('2026');
      await Promise.all([page.waitForURL(/klart=kontroll/), page.getByRole('button', { name: 'Dra kontrollurvalet' }).click()]);
      expect(await page.locator('figure figcaption').first().textContent()).toBe('Population: 6 → Steg 1: externa indikatorer: 3 → Steg 2: IVO:s egna signaler: 2 → Steg 3: valda för inspektion: 1');
      expect(await page.locator('table[data-control-sample] tbody tr').count()).toBe(2);
      await expectAccessible(page, 'the project page after stage 3');

      // The memo, and its PDF.
      await Promise.all([page.waitForURL('**/memo'), page.getByRole('link', { name: 'Läs projektets PM' }).click()]);
      expect(await heading()).toBe('Vårdcentraler i Stockholms län 2026');
      const memo = (await page.locator('main').textContent())!;
      for (const text of ['Steg 1: externa indikatorer', 'Steg 2: IVO:s egna signaler', 'Steg 3: val av verksamheter att inspektera', 'Flest allvarliga signaler och sjunkande patientenkät.', '2026', 'Om metoden']) {
        expect(memo, text).toContain(text);
      }
      await expectAccessible(page, 'the memo');
      const pdf = await page.request.get(`${projectUrl}/memo.pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
