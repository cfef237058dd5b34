import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DatabaseKind } from '../../src/platform/db/database.ts';

/**
 * Browser tests run on the embedded database, the one `npm start` uses. What they add to the route tests is
 * the browser (markup, scripts, focus, accessibility); the routes they drive are tested on both databases by
 * the route tests, and running each browser flow a second time on the server took a third of the suite.
 */
export const browserDatabaseKinds: DatabaseKind[] = ['pglite'];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing that reaches for the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Signs in through the development identity provider: opens `url` (which sends a signed-out person to the
 * IdP's page), picks the demo person by the name on their button, and waits until back at `url`.
 */
export async function signInThroughDevIdp(page: Page, url: string, person: string): Promise<void> {
  await page.goto(url);
  expect(new URL(page.url()).pathname).toMatch(/^\/dev-idp\/interaction\//);
  await Promise.all([page.waitForURL(url), page.getByRole('button', { name: person, exact: true }).click()]);
}

/** The axe rules of WCAG 2.1 level A and AA, the level public-sector web must meet. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Checks the page with axe against WCAG 2.1 AA: no violation, each named with the first elements it was found
 * on. axe runs in the page itself (legacy mode): the default run merges the results of every frame in a blank
 * page it opens for each check, and our pages have no frames, so that only cost time (2.5 s a check, against
 * 1.5 s). Only violations are gathered in full; passes and the rest are listed by rule.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // options() first: it replaces every option, the tags withTags() sets included.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(WCAG_21_AA).setLegacyMode(true).analyze();
  expect(results.passes.length, `${what}: axe ran no check`).toBeGreaterThan(0);
  expect(
    results.violations.map((v) => `${what}: ${v.id} (${v.nodes.length}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`),
    what,
  ).toEqual([]);
}
