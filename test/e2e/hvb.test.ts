import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser } from '../support/browser.ts';
import { buildUnit } from '../support/factories.ts';
import { buildHvbHomes, type HvbHomes } from '../registry-public/homes.ts';


describe('the public HVB list in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let homes: HvbHomes;
  let youngStockholm: { id: string };

  beforeAll(async () => {
    t = await createTestApp('pglite', { listen: true });
    homes = await buildHvbHomes(t.database.db);
    // One more home in Stockholm, for younger children only: a search for a 16-year-old must leave it out.
    youngStockholm = await buildUnit(t.database.db, { name: 'Lillgården', kommun: '0180', age_min: 6, age_max: 12 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function withPage<T>(options: Parameters<Browser['newContext']>[0], work: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
    const context = await browser.newContext(options);
    try {
      return await work(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  const listedHomeIds = (page: Page) =>
    page.locator('ol.vaka-results h3 a').evaluateAll((links) => links.map((a) => decodeURIComponent((a as HTMLAnchorElement).pathname.replace('/hvb/', ''))));

  async function searchByKommunAndAge(page: Page) {
    await page.goto(`${t.url}/hvb`);
    await page.getByLabel('Kommun').selectOption({ label: 'Stockholm' });
    await page.getByLabel('Barnets eller den unges ålder').fill('16');
    await Promise.all([page.waitForURL(/\/hvb\?/), page.getByRole('button', { name: 'Sök' }).click()]);
  }

  it('finds exactly the homes in a kommun that take a child of a given age, and opens one', async () => {
    await withPage({}, async (page) => {
      await searchByKommunAndAge(page);
      expect(new URL(page.url()).searchParams.get('kommun')).toBe('0180');
      expect(await listedHomeIds(page)).toEqual([homes.asen.id, homes.obacken.id]);
      expect(await listedHomeIds(page)).not.toContain(youngStockholm.id);
      await expect(page.getByRole('heading', { level: 2, name: '2 hem hittades' }).count()).resolves.toBe(1);

      await Promise.all([page.waitForURL(`**/hvb/${homes.asen.id}`), page.getByRole('link', { name: 'Åsens HVB' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Åsens HVB');
      expect(await page.locator('main').textContent()).toContain('Aktivt tillstånd');
      expect(await page.getByRole('img', { name: /Hemmet ligger i Stockholms kommun/ }).count()).toBe(1);
    });
  });

  it('works the same with JavaScript turned off', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await searchByKommunAndAge(page);
      expect(await listedHomeIds(page)).toEqual([homes.asen.id, homes.obacken.id]);
      await page.getByLabel('Barnets eller den unges ålder').fill('tolv');
      await Promise.all([page.waitForURL(/age=tolv/), page.getByRole('button', { name: 'Sök' }).click()]);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Ålder måste vara ett heltal');
      await page.getByRole('link', { name: /Ålder måste vara ett heltal/ }).click();
      expect(await page.evaluate(() => location.hash)).toBe('#age');
    });
  });

  // Paths are functions: the homes' ids are known only once the database is seeded.
  it.each<[string, () => string, number]>([
    ['the search page', () => '/hvb', 200],
    ['a results page', () => '/hvb?kommun=0180&age=16&orientation=psykosocial&orientation=kriminalitet', 200],
    ['a page of errors', () => '/hvb?age=femton&kommun=9999', 400],
    ['a home with a ban', () => `/hvb/${homes.angsgarden.id}`, 200],
    ['a home without a permit', () => `/hvb/${homes.zeta.id}`, 200],
    ['the page for an unknown home', () => '/hvb/no-such-home', 404],
  ])('%s meets WCAG 2.1 AA (axe finds nothing)', async (name, path, status) => {
    await withPage({}, async (page) => {
      const response = await page.goto(`${t.url}${path()}`);
      expect(response?.status()).toBe(status);
      await expectAccessible(page, name);
    });
  });
});
