import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeNationalRisk } from '../../src/modules/risk/scoring/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { browserDatabaseKinds, launchBrowser, signInThroughDevIdp, expectAccessible } from '../support/browser.ts';
import { AS_OF, buildRiskWorld } from '../risk-workspace/world.ts';



describe.each(browserDatabaseKinds)('the risk workspace in a browser on %s', (kind) => {
  let t: TestApp;
  let browser: Browser;
  let topUnit: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp(kind, { listen: true });
    const db = t.database.db;
    await buildRiskWorld(db, { units: 21 });
    await recomputeNationalRisk(db, { asOf: AS_OF });
    const top = await db
      .selectFrom('risk_score as rs')
      .innerJoin('unit as u', 'u.id', 'rs.unit_id')
      .select(['u.id', 'u.name'])
      .orderBy('rs.score', 'desc')
      .orderBy('rs.national_rank')
      .limit(1)
      .executeTakeFirstOrThrow();
    topUnit = top;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in as an analyst, opens the national view, follows the riskiest unit to its risk card and sees the funnel plot', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await signInThroughDevIdp(page, `${t.url}/staff/risk`, 'Analytiker');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Riskanalys');
      const rows = page.locator('tbody tr[data-unit-id]');
      expect(await rows.count()).toBe(21);
      expect(await rows.first().getAttribute('data-unit-id')).toBe(topUnit.id);
      // The kommun map is an image with a name; its kommuner are links for the mouse, the tables for everyone.
      const map = page.getByRole('img', { name: 'Externa signaler mot förväntat per kommun, hela landet' });
      await expect.poll(() => map.isVisible()).toBe(true);
      expect(await page.locator('svg[aria-labelledby="karta-kommuner-titel"] path[data-kommun]').count()).toBe(290);
      // A click on a kommun opens its view.
      await Promise.all([page.waitForURL('**/staff/risk/kommun/1280'), page.locator('a[href="/staff/risk/kommun/1280"] use').click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Riskanalys, Malmö kommun');
      await expectAccessible(page, 'the kommun risk view');
      await page.goBack();
      await expectAccessible(page, 'the national risk view');

      await Promise.all([page.waitForURL(`**/staff/risk/enhet/${topUnit.id}`), rows.first().getByRole('link', { name: topUnit.name }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(topUnit.name);
      const funnel = page.getByRole('img', { name: /^Trattdiagram: externa signaler mot förväntat/ });
      expect(await funnel.isVisible()).toBe(true);
      expect(await page.locator('[data-chart="tratt"] [data-unit-marker]').count()).toBe(1);
      expect(await page.locator('[data-chart="tratt"] path[data-limit="upper-99.8"]').count()).toBe(1);
      expect(await page.getByRole('img', { name: /^CUSUM för externa signaler/ }).isVisible()).toBe(true);
      expect(await page.getByRole('img', { name: /^Signaler per månad och riskområde/ }).isVisible()).toBe(true);
      // The table alternative opens without JavaScript of ours.
      await page.locator('[data-chart="tratt"] summary').click();
      expect(await page.locator('[data-chart="tratt"] table').first().isVisible()).toBe(true);
      await expectAccessible(page, 'the unit risk card');
      // The open alerts, read-only for an analyst, from the link under the national figures.
      await page.goto(`${t.url}/staff/risk`);
      await Promise.all([page.waitForURL('**/staff/risk/larm'), page.getByRole('link', { name: 'Öppna risklarm' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Öppna risklarm');
      await expectAccessible(page, 'the open risk alerts');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
