import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { browserDatabaseKinds, launchBrowser, expectAccessible } from '../support/browser.ts';
import { buildUnit } from '../support/factories.ts';
import { receiveTestSignal } from '../intake-triage/signals.ts';
import { FILES, openTestCase, requests } from '../cases-diarium/helpers.ts';
import { signInAs } from '../support/staff-session.ts';



describe.each(browserDatabaseKinds)('the diarium in a browser on %s', (kind) => {
  let t: TestApp;
  let browser: Browser;
  let diarienummer: string;
  let signalId: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { listen: true });
    const db = t.database.db;
    const unit = await buildUnit(db, { name: 'Vårdcentralen Linden', form: 'vardcentral', kommun: '0180' });
    await buildUnit(db, { name: 'HVB Björkbacken', kommun: '0180' });
    const registrar = await signInAs(t, 'registrar');
    const opened = await openTestCase(db, { unitId: unit.id, caseType: 'lex_maria', title: 'Anmälan enligt lex Maria om fördröjd diagnos' });
    diarienummer = opened.diarienummer;
    const http = requests(t);
    for (const form of [
      { direction: 'incoming', documentDate: '2026-02-01', counterpart: 'Region Stockholm', subject: 'Anmälan enligt lex Maria', secrecy: 'partly_secret', secrecyReference: '25 kap. 1 § OSL' },
      { direction: 'incoming', documentDate: '2026-02-03', counterpart: 'Patientens dotter Greta', subject: 'Skrivelse från närstående', secrecy: 'secret', secrecyReference: '25 kap. 1 § OSL' },
      { direction: 'outgoing', documentDate: '2026-02-05', counterpart: 'Region Stockholm', subject: 'Begäran om komplettering', secrecy: 'public', secrecyReference: '' },
    ]) {
      expect((await http.upload(`/staff/arenden/${opened.id}/handlingar`, registrar, form, { name: 'handling.pdf', content: FILES.pdf })).statusCode).toBe(303);
    }
    signalId = (await receiveTestSignal(db, { channel: 'complaint', unitId: unit.id, text: 'Min pappa fick vänta i tolv timmar.' }, { urgency: 'high' })).id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('searches the public diarium without signing in and opens a case page with the secret parts masked', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    try {
      await page.goto(`${t.url}/diarium`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Diariet');
      await expectAccessible(page, 'the public diarium');

      await page.getByLabel('Diarienummer eller ord').fill('fördröjd');
      await Promise.all([page.waitForURL(/\/diarium\?q=/), page.getByRole('button', { name: 'Sök' }).click()]);
      const results = page.locator('.vaka-result');
      expect(await results.count()).toBe(1);
      expect(await results.first().textContent()).toContain(diarienummer);
      await expectAccessible(page, 'the public diarium with a hit');

      await page.getByLabel('Öppnat från och med').fill('2026-13-01');
      await Promise.all([page.waitForURL(/fran=2026-13-01/), page.getByRole('button', { name: 'Sök' }).click()]);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Skriv från-datumet som ÅÅÅÅ-MM-DD');
      await expectAccessible(page, 'the public diarium with an error');
      await page.getByLabel('Öppnat från och med').fill('');
      await Promise.all([page.waitForURL(/\/diarium\?/), page.getByRole('button', { name: 'Sök' }).click()]);

      await Promise.all([page.waitForURL(/\/diarium\/3\.2-/), page.getByRole('link', { name: 'Anmälan enligt lex Maria om fördröjd diagnos' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Anmälan enligt lex Maria om fördröjd diagnos');
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain(diarienummer);
      expect(main).toContain('Skrivelse från närstående');
      expect(main).toContain('Sekretessmarkerad enligt 25 kap. 1 § OSL');
      expect(main).toContain('Delvis sekretessmarkerad enligt 25 kap. 1 § OSL');
      expect(main).not.toContain('Greta');
      expect(main).not.toContain('handling.pdf');
      await expectAccessible(page, 'the public case page');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${t.url}/diarium`);
      await page.getByLabel('Diarienummer eller ord').fill(diarienummer);
      await Promise.all([page.waitForURL(/\/diarium\?q=/), page.getByRole('button', { name: 'Sök' }).click()]);
      expect(await page.locator('.vaka-result').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('lets an inspector open a case from a signal in triage, register a document and find the case in the list', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${t.url}/staff/signals/${signalId}`);
      await Promise.all([page.waitForURL(`${t.url}/staff/signals/${signalId}`), page.getByRole('button', { name: 'Inspektör, avdelning Stockholm' }).click()]);
      await Promise.all([page.waitForURL(/\/staff\/arenden\/nytt\?signal=/), page.getByRole('button', { name: 'Öppna ärende' }).click()]);
      expect(await page.getByLabel('Ärendetyp').inputValue()).toBe('complaint');
      expect(await page.locator('main').textContent()).toContain('Vald verksamhet: Vårdcentralen Linden');
      await expectAccessible(page, 'the new case form');

      await Promise.all([page.waitForURL(/\/staff\/arenden\/nytt$/), page.getByRole('button', { name: 'Öppna ärendet' }).click()]);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Skriv en ärendemening');
      await expectAccessible(page, 'the new case form with an error');

      await page.getByLabel('Ärendemening').fill('Klagomål på väntetider vid vårdcentral');
      await Promise.all([page.waitForURL(/klart=oppnat/), page.getByRole('button', { name: 'Öppna ärendet' }).click()]);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Ärendet är öppnat');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Klagomål på väntetider vid vårdcentral');
      await expectAccessible(page, 'the case overview');

      await page.getByText('Registrera en handling').click();
      await page.getByLabel('Inkommen').check();
      await page.getByLabel('Datum', { exact: true }).fill('2026-03-10');
      await page.getByLabel('Avsändare eller mottagare').fill('Verksamhetschefen');
      await page.getByLabel('Beskrivning').fill('Yttrande från verksamheten');
      await page.getByLabel('Fil (valfri)').setInputFiles({ name: 'yttrande.pdf', mimeType: 'application/pdf', buffer: FILES.pdf });
      await Promise.all([page.waitForURL(/klart=handling/), page.getByRole('button', { name: 'Registrera handlingen' }).click()]);
      const row = page.locator('tr[data-document-number="2"]');
      expect(await row.textContent()).toContain('Yttrande från verksamheten');
      expect(await row.textContent()).toContain('yttrande.pdf');
      await expectAccessible(page, 'the case overview with documents');

      await Promise.all([page.waitForURL(/\/handlingar\/\d+$/), row.getByRole('link', { name: 'Handling 2' }).click()]);
      expect(await page.locator('main').textContent()).toContain('Versioner av filen');
      await expectAccessible(page, 'the document page');

      await page.goto(`${t.url}/staff/arenden?q=v%C3%A4ntetider`);
      expect(await page.locator('tbody tr').count()).toBe(1);
      await expectAccessible(page, 'the case list');
    } finally {
      await context.close();
    }
  });
});
