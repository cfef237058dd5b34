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
