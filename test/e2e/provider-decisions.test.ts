import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarMonths, quarterEnd, reportableQuarters } from '../../src/modules/intake/provider/unexecuted-decisions/three-month-rule.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { browserDatabaseKinds, launchBrowser, expectAccessible } from '../support/browser.ts';
import { buildProvider } from '../support/factories.ts';
import { swedishToday } from '../../src/platform/dates.ts';

const END = quarterEnd(reportableQuarters(swedishToday())[0]);
const monthsBefore = (months: number) => addCalendarMonths(END, -months);


describe.each(browserDatabaseKinds)('a kommun uploads its unexecuted decisions in a browser on %s', (kind) => {
  let t: TestApp;
  let browser: Browser;
  const dir = mkdtempSync(path.join(tmpdir(), 'vaka-decisions-'));

  beforeAll(async () => {
    t = await createTestApp(kind, { listen: true });
    await buildProvider(t.database.db, { name: 'Umeå kommun', kind: 'kommun', orgnr: '2120002627' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gets line-numbered errors for a bad file, then a receipt for the corrected one; the pages pass axe', async () => {
    const bad = path.join(dir, 'beslut.csv');
    writeFileSync(bad, ['beslutsdatum;lag;insats', `${monthsBefore(5)};SoL;hemtjanst`, `${monthsBefore(5)};SoL;daglig_verksamhet`, `${monthsBefore(1)};LSS;kontaktperson`].join('\n'));
    const good = path.join(dir, 'beslut-rattad.csv');
    writeFileSync(good, ['beslutsdatum;lag;insats', `${monthsBefore(5)};SoL;hemtjanst`, `${monthsBefore(5)};LSS;daglig_verksamhet`].join('\n'));

    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${t.url}/provider/ej-verkstallda`);
      await Promise.all([page.waitForURL(`${t.url}/provider/ej-verkstallda`), page.getByRole('button', { name: 'Socialtjänsten, Umeå kommun' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Rapportera ej verkställda beslut');
      await expectAccessible(page, 'the unexecuted decisions page');

      await page.getByLabel('Fil med beslut').setInputFiles(bad);
      await Promise.all([page.waitForURL('**/provider/ej-verkstallda/fil'), page.getByRole('button', { name: 'Ladda upp och rapportera' }).click()]);
      const summary = await page.locator('.govuk-error-summary').textContent();
      expect(summary).toContain('Rad 3, kolumn ”insats”');
      expect(summary).toContain('Rad 4, kolumn ”beslutsdatum”');
      await expectAccessible(page, 'the unexecuted decisions page with file errors');

      await page.getByLabel('Fil med beslut').setInputFiles(good);
      await Promise.all([page.waitForURL(/\/provider\/ej-verkstallda\/rapporter\/S-/), page.getByRole('button', { name: 'Ladda upp och rapportera' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Rapporten är mottagen');
      expect(await page.locator('tbody tr').count()).toBe(2);
      await expectAccessible(page, 'the unexecuted decisions receipt');
    } finally {
      await context.close();
    }
  });
});
