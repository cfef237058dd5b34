import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { browserDatabaseKinds, launchBrowser, expectAccessible } from '../support/browser.ts';
import { buildUnit } from '../support/factories.ts';



describe.each(browserDatabaseKinds)('staff sign-in in a browser on %s', (kind) => {
  let t: TestApp;
  let browser: Browser;
  let unit: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp(kind, { listen: true });
    unit = await buildUnit(t.database.db, { name: 'HVB Björkbacken', kommun: '0180', postal_code: '11122' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('goes from /staff through the demo identity provider and back, signed in; the pages pass axe', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The sign-in round trip must pass the app's strict CSP (form-action 'self', no inline code).
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await page.goto(`${t.url}/staff`);
      expect(new URL(page.url()).pathname).toMatch(/^\/dev-idp\/interaction\//);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Välj vem du vill logga in som');
      expect(await page.locator('main').textContent()).toContain('demo-identitetsleverantör');
      await expectAccessible(page, 'the demo sign-in page');

      await Promise.all([page.waitForURL(`${t.url}/staff`), page.getByRole('button', { name: 'Inspektör, avdelning Stockholm' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Välkommen, Sara Nyström');
      expect(await page.locator('.vaka-header__user').textContent()).toBe('Sara Nyström');
      await expectAccessible(page, 'the staff start page');

      // An inspector gets nothing from the administrator pages: the same "not found" as for a page that does not exist.
      const adminResponse = await page.goto(`${t.url}/staff/admin`);
      expect(adminResponse?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sidan finns inte');
      await page.goto(`${t.url}/staff`);

      await page.getByLabel('Sök i registret').fill('Björkbacken');
      await Promise.all([page.waitForURL(/\/staff\?q=/), page.getByRole('button', { name: 'Sök' }).click()]);
      await expectAccessible(page, 'the staff start page with results');
      await Promise.all([page.waitForURL(`**/staff/units/${unit.id}`), page.getByRole('link', { name: unit.name }).click()]);
      await expectAccessible(page, 'the unit page');

      await Promise.all([page.waitForURL('**/rattelse'), page.getByRole('link', { name: 'Rätta uppgifter' }).click()]);
      await page.getByLabel('Namn', { exact: true }).fill('HVB Björkbacken Södra');
      await Promise.all([page.waitForURL('**/rattelse'), page.getByRole('button', { name: 'Spara rättelsen' }).click()]);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Skriv varför uppgifterna rättas');
      await expectAccessible(page, 'the correction form with errors');
      await page.getByLabel('Skäl till rättelsen').fill('Namnbyte enligt verksamhetens e-post');
      await Promise.all([page.waitForURL(/rattad=1/), page.getByRole('button', { name: 'Spara rättelsen' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('HVB Björkbacken Södra');
      expect(await page.locator('#historik ~ div').first().textContent()).toContain('Namnbyte enligt verksamhetens e-post');

      await Promise.all([page.waitForURL(`${t.url}/`), page.getByRole('button', { name: 'Logga ut' }).click()]);
      await page.goto(`${t.url}/staff`);
      expect(new URL(page.url()).pathname).toMatch(/^\/dev-idp\/interaction\//);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
