import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/modules/cases/index.ts';
import { sendRequest } from '../../src/modules/cases/investigation/index.ts';
import { addDays } from '../../src/platform/dates.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { browserDatabaseKinds, launchBrowser, signInThroughDevIdp, expectAccessible } from '../support/browser.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import { swedishToday } from '../../src/platform/dates.ts';



const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe.each(browserDatabaseKinds)('a provider representative answers a request from IVO in the portal, in a browser on %s', (kind) => {
  let t: TestApp;
  let browser: Browser;
  let caseId: number;
  let diarienummer: string;
  let requestId: number;

  beforeAll(async () => {
    t = await createTestApp(kind, { listen: true });
    const db = t.database.db;
    // The demo patient-safety officer represents Region Stockholm, found by name and kind at sign-in.
    const region = await buildProvider(db, { name: 'Region Stockholm', kind: 'region', orgnr: '2321000016', email: 'registrator@regionstockholm.example' });
    const unit = await buildUnit(db, { provider_id: region.id, name: 'Vårdcentralen Fruängen', form: 'vardcentral', operation_codes: ['A10'], orientation: null, home_type: null, age_min: null, age_max: null });
    const officer = { subject: 'demo-inspektor-stockholm', name: 'Sara Nyström', roles: ['inspector' as const], department: 'stockholm' };
    const opened = await openCase(db, { diariumTemplate: t.config.diarium.template, actor: officer }, { caseType: 'complaint', title: 'Klagomål på uppföljning av provsvar', unitId: unit.id, responsible: officer });
    caseId = opened.id;
    diarienummer = opened.diarienummer;
    const sent = await sendRequest(db, {
      caseId,
      staff: officer,
      input: { subject: 'Yttrande över klagomål om provsvar', body: 'Beskriv hur vårdcentralen följer upp provsvar som kommer efter att patienten gått hem.', replyBy: addDays(swedishToday(), 21), secret: false },
      today: swedishToday(),
    });
    requestId = sent.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in through the demo identity provider, finds the request under "Ärenden från IVO", answers it with an attachment; the pages pass axe', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await signInThroughDevIdp(page, `${t.url}/provider`, 'Patientsäkerhetssamordnare, Region Stockholm');

      await Promise.all([page.waitForURL(`${t.url}/provider/arenden`), page.getByRole('link', { name: 'Ärenden från IVO' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ärenden från IVO');
      expect(await page.locator('main').textContent()).toContain(diarienummer);
      await expectAccessible(page, 'the list of cases');

      await Promise.all([page.waitForURL(`${t.url}/provider/arenden/${caseId}`), page.getByRole('link', { name: diarienummer }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Klagomål på uppföljning av provsvar');
      expect(await page.locator('main').textContent()).toContain('Beskriv hur vårdcentralen följer upp provsvar');
      await expectAccessible(page, 'the case page');

      await Promise.all([page.waitForURL(`**/provider/arenden/${caseId}/begaran/${requestId}/svar`), page.getByRole('link', { name: /^Svara på begäran/ }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Svara på begäran');
      await expectAccessible(page, 'the answer form');

      // Sent empty: the error summary names the field, and the page still passes.
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Skicka svaret' }).click()]);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Skriv ert svar');
      await expectAccessible(page, 'the answer form with an error');

      await page.getByLabel('Ert svar').fill('Provsvar som kommer efter hemgång signeras nu av ansvarig läkare inom två dagar.\nRutinen bifogas.');
      await page.getByLabel('Bilaga (om ni vill skicka med en)').setInputFiles({ name: 'rutin provsvar.pdf', mimeType: 'application/pdf', buffer: PDF });
      await Promise.all([page.waitForURL(`${t.url}/provider/arenden/${caseId}?klart=svar`), page.getByRole('button', { name: 'Skicka svaret' }).click()]);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Ert svar är skickat till IVO');
      expect(await page.locator('main').textContent()).toContain('Provsvar som kommer efter hemgång signeras nu');
      await expectAccessible(page, 'the case page after the answer');

      const request = await t.database.db.selectFrom('case_request').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
      expect(request).toMatchObject({ status: 'answered', answered_by: 'demo-foretradare-region', answered_by_name: 'Lina Forsberg' });
      const version = await t.database.db.selectFrom('case_document_version').select(['media_type', 'size']).where('document_id', '=', request.incoming_document_id!).executeTakeFirstOrThrow();
      expect(version).toEqual({ media_type: 'application/pdf', size: PDF.length });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the officer reads the answer, sends a new request and records an inspection; the staff pages pass axe', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${t.url}/staff/arenden/${caseId}/begaran`);
      await Promise.all([page.waitForURL(`${t.url}/staff/arenden/${caseId}/begaran`), page.getByRole('button', { name: 'Inspektör, avdelning Stockholm' }).click()]);
      expect(await page.locator('main').textContent()).toContain('Provsvar som kommer efter hemgång signeras nu');
      await expectAccessible(page, 'the requests tab');

      await page.getByLabel('Rubrik').fill('Komplettering: rutinen för provsvar');
      await page.getByLabel('Vad ska verksamheten svara på?').fill('Skicka den signerade rutinen.');
      await page.getByLabel('Svar senast').fill(addDays(swedishToday(), 14));
      await Promise.all([page.waitForURL(/klart=skickad/), page.getByRole('button', { name: 'Skicka begäran' }).click()]);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Begäran är skickad');
      await expectAccessible(page, 'the requests tab after sending');

      await page.goto(`${t.url}/staff/arenden/${caseId}/inspektioner`);
      await expectAccessible(page, 'the inspections tab');
      await page.getByLabel('Oanmäld').check();
      await page.getByLabel('Planerad dag').fill(swedishToday());
      await Promise.all([page.waitForURL(/klart=planerad/), page.getByRole('button', { name: 'Planera inspektionen' }).click()]);
      await Promise.all([page.waitForURL(/klart=genomford/), page.getByRole('button', { name: 'Registrera som genomförd' }).click()]);
      await page.getByLabel('Riskområde').selectOption('care_quality');
      await page.getByLabel('Lagrum').fill('5 kap. 1 § HSL');
      await page.getByLabel('Iakttagelse').fill('Provsvar signerades inte i tid.');
      await page.getByLabel('3 – Allvarlig').check();
      await Promise.all([page.waitForURL(/klart=iakttagelse/), page.getByRole('button', { name: 'Spara iakttagelsen' }).click()]);
      await page.getByLabel('Patient', { exact: true }).check();
      await page.getByLabel('Sammanfattning av intervjun').fill('Patienten fick vänta på besked om provsvar i tre veckor.');
      await page.getByLabel('Vad som är viktigt för patienten/brukaren').fill('Att få veta resultatet utan att behöva ringa själv.');
      await Promise.all([page.waitForURL(/klart=intervju/), page.getByRole('button', { name: 'Spara intervjun' }).click()]);
      const perspective = await page.getByRole('region', { name: 'Patientens och brukarens perspektiv' }).textContent();
      expect(perspective).toContain('Att få veta resultatet utan att behöva ringa själv.');
      await expectAccessible(page, 'the inspection page');
    } finally {
      await context.close();
    }
  });
});
