import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser } from '../support/browser.ts';

describe('the public start page', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await createTestApp('pglite', { listen: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('meets WCAG 2.1 AA', async () => {
    // axe runs as a script in the page, so this check needs JavaScript; the next test goes without.
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      for (const path of ['/', '/oppna-data']) {
        await page.goto(`${t.url}${path}`);
        await expectAccessible(page, path);
      }
    } finally {
      await context.close();
    }
  });

  it('explains the open data in Swedish, and every example on the page answers', async () => {
    const page = await t.app.inject({ url: '/oppna-data', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Öppna data</h1>');
    expect(page.body).toContain('Var skyddade boenden ligger.');
    const examples = [...page.body.matchAll(/href="(\/api\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const url of examples) expect((await t.app.inject({ url })).statusCode, url).toBe(200);
    // The start page and every page's footer lead here, not straight to the English reference.
    const start = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(start.body).toContain('href="/oppna-data"');
    expect(start.body).not.toContain('href="/api/docs"');
  });

  it('leads to the HVB list without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${t.url}/`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tillsyn av vård och omsorg');
      await Promise.all([page.waitForURL(`${t.url}/hvb`), page.getByRole('link', { name: 'HVB-förteckningen' }).first().click()]);
    } finally {
      await context.close();
    }
  });
});
