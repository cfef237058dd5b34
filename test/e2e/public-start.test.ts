import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';

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
      await page.goto(`${t.url}/`);
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    } finally {
      await context.close();
    }
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
