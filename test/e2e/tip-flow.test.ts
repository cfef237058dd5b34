import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProofOfWorkValid, PUBLIC_INTAKE_LIMITS } from '../../src/modules/intake/public/abuse-guard.ts';
import { hashReceiptCode, normaliseReceiptCode } from '../../src/modules/intake/public/receipt-code.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser } from '../support/browser.ts';
import { buildUnit } from '../support/factories.ts';
import { smallPng } from '../intake-public/support.ts';

/** A person needs a few seconds for a form; the server refuses faster ones. */
const FILL_TIME_MS = PUBLIC_INTAKE_LIMITS.minFillSeconds * 1000 + 300;

describe('an anonymous tip in a browser, and the tipster coming back', () => {
  let t: TestApp;
  let browser: Browser;
  let unit: { id: string; provider_id: string };
  const checkedPages: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('pglite', { listen: true });
    unit = await buildUnit(t.database.db, { name: 'HVB Lönnviken', kommun: '1480', street: 'Lönnvägen 4', postal_code: '41502', city: 'Göteborg' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const javaScriptOn = new WeakMap<Page, boolean>();

  async function withPage<T>(javaScriptEnabled: boolean, work: (page: Page) => Promise<T>): Promise<T> {
    // A new context each time: the tipster who comes back shares nothing with the one who sent.
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      javaScriptOn.set(page, javaScriptEnabled);
      return await work(page);
    } finally {
      await context.close();
    }
  }

  async function expectAccessibleIfScripted(page: Page, name: string) {
    // axe runs as a script in the page: without JavaScript there is nothing to run it. The pages are the same
    // HTML either way; the run with JavaScript checks them, the conditional fields included.
    if (!javaScriptOn.get(page)) return;
    await expectAccessible(page, name);
    checkedPages.push(name);
  }

  async function click(page: Page, name: string | RegExp, role: 'button' | 'link' = 'button') {
    const loaded = page.waitForEvent('load');
    await page.getByRole(role, { name }).first().click();
    await loaded;
  }

  /** The whole flow as a tipster goes through it; returns the receipt code shown. */
  async function sendTip(page: Page, javaScriptEnabled: boolean, text: string): Promise<string> {
    await page.goto(`${t.url}/tipsa`);
    await expectAccessibleIfScripted(page, 'start');
    await click(page, 'Börja tipsa');
    expect(new URL(page.url()).pathname).toBe('/tipsa/verksamhet');
    await expectAccessibleIfScripted(page, 'search');
    await page.getByLabel('Vilken verksamhet gäller det?').fill('lönnvik');
    await page.getByLabel('Kommun (om du vet)').selectOption({ label: 'Göteborg' });
    await click(page, 'Sök');
    await expectAccessibleIfScripted(page, 'search results');
    await click(page, 'HVB Lönnviken', 'link');
    expect(new URL(page.url()).searchParams.get('enhet')).toBe(unit.id);
    const loadedAt = Date.now();
    await expectAccessibleIfScripted(page, 'form');

    // The contact fields show only when asked for — or always, without JavaScript.
    expect(await page.getByLabel('E-postadress').isVisible()).toBe(!javaScriptEnabled);
    await page.getByLabel('Ja, jag vill lämna kontaktuppgifter').check();
    expect(await page.getByLabel('E-postadress').isVisible()).toBe(true);
    await expectAccessibleIfScripted(page, 'form with the contact fields shown');
    await page.getByLabel('Nej, jag vill vara anonym').check();

    // First without any text: the error summary names the field and links to it.
    await page.waitForTimeout(Math.max(0, FILL_TIME_MS - (Date.now() - loadedAt)));
    await click(page, 'Skicka tipset');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Skriv vad som har hänt');
    // With JavaScript, GOV.UK's error summary takes focus, so what to mend is read first, and its links move
    // focus to the field; without, the links lead to the field's anchor.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false)).toBe(javaScriptEnabled);
    await expectAccessibleIfScripted(page, 'form with errors');
    await page.getByRole('link', { name: 'Skriv vad som har hänt' }).click();
    if (javaScriptEnabled) expect(await page.evaluate(() => document.activeElement?.id)).toBe('what');
    else expect(await page.evaluate(() => location.hash)).toBe('#what');

    const refilledAt = Date.now();
    await page.getByLabel('Vad har hänt?').fill(text);
    await page.locator('#attachments').setInputFiles({ name: 'bild.png', mimeType: 'image/png', buffer: smallPng('Taken by Kim') });
    if (javaScriptEnabled) {
      // The page's script solves the puzzle that lets the tip through when many send at once.
      await page.waitForFunction(() => (document.querySelector('input[name="pow"]') as HTMLInputElement | null)?.value !== '', undefined, { timeout: 30_000 });
      const [token, nonce] = await page.evaluate(() => [
        (document.querySelector('input[name="formToken"]') as HTMLInputElement).value,
        (document.querySelector('input[name="pow"]') as HTMLInputElement).value,
      ]);
      expect(isProofOfWorkValid(token, nonce, PUBLIC_INTAKE_LIMITS.powBits)).toBe(true);
    }
    await page.waitForTimeout(Math.max(0, FILL_TIME_MS - (Date.now() - refilledAt)));
    await click(page, 'Skicka tipset');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tack för ditt tips');
    await expectAccessibleIfScripted(page, 'receipt');
    const code = (await page.locator('#receipt-code').textContent())!.trim();
    expect(code).toMatch(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);

    // Feedback on the service, right there (first forgetting the rating).
    await page.waitForTimeout(FILL_TIME_MS);
    await click(page, 'Skicka synpunkter');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Välj hur nöjd du är med tjänsten');
    await expectAccessibleIfScripted(page, 'feedback with errors');
    await page.getByLabel('Nöjd', { exact: true }).check();
    await page.getByLabel('Vad kan vi göra bättre? (om du vill)').fill('Tydligt.');
    await page.waitForTimeout(FILL_TIME_MS);
    await click(page, 'Skicka synpunkter');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tack för dina synpunkter');
    await expectAccessibleIfScripted(page, 'feedback thanks');
    return code;
  }

  /** The tipster comes back, reads the question and answers it. */
  async function answerQuestion(page: Page, code: string, question: string, answer: string) {
    await page.goto(`${t.url}/tipsa/uppfoljning`);
    await expectAccessibleIfScripted(page, 'follow-up');
    await page.getByLabel('Följ upp ditt tips').fill('fel-kod');
    await click(page, 'Visa meddelanden');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Koden stämmer inte');
    await expectAccessibleIfScripted(page, 'follow-up with errors');
    await page.getByLabel('Följ upp ditt tips').fill(code.toLowerCase());
    await click(page, 'Visa meddelanden');
    const loadedAt = Date.now();
    expect(await page.locator('main').textContent()).toContain(question);
    await expectAccessibleIfScripted(page, 'thread');
    await page.getByLabel('Svara eller lägg till information').fill(answer);
    await page.waitForTimeout(Math.max(0, FILL_TIME_MS - (Date.now() - loadedAt)));
    await click(page, 'Skicka');
    expect(await page.getByRole('alert').textContent()).toContain('Ditt meddelande har skickats.');
    expect(await page.locator('main').textContent()).toContain(answer);
    await expectAccessibleIfScripted(page, 'thread after answering');
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`works from tip to answer ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const text = `Barnen lämnas ensamma på nätterna och en ung person skadade sig (${javaScriptEnabled ? 'js' : 'no-js'}).`;
      const code = await withPage(javaScriptEnabled, (page) => sendTip(page, javaScriptEnabled, text));

      // Stored: linked to the unit, routed to the department of its län, anonymous, with the picture.
      const receipt = await t.database.db.selectFrom('signal_receipt').selectAll().where('code_hash', '=', hashReceiptCode(normaliseReceiptCode(code)!)).executeTakeFirstOrThrow();
      const signal = await t.database.db.selectFrom('signal').selectAll().where('id', '=', receipt.signal_id).executeTakeFirstOrThrow();
      expect(signal).toMatchObject({ text, channel: 'tip', unit_id: unit.id, unit_match: 'given', department_code: 'vast', submitter_kind: 'anonymous', contact: null, triage_status: 'new' });
      // Risk areas come from the classifier the app is given; when it names any, they are stored on the signal.
      const classification = signal.classification as { riskAreas?: { code: string }[] } | null;
      expect(signal.risk_areas).toEqual((classification?.riskAreas ?? []).map((r) => r.code));
      const attachments = await t.database.db.selectFrom('signal_attachment').selectAll().where('signal_id', '=', signal.id).execute();
      expect(attachments).toHaveLength(1);
      expect(attachments[0]).toMatchObject({ file_name: 'bilaga-1.png', media_type: 'image/png' });
      expect(Buffer.from(attachments[0].content).toString('latin1')).not.toContain('Kim');

      expect(signal.risk_areas?.length).toBeGreaterThan(0);

      // Staff of the right department see it in their queue, linked to the unit, and ask a question.
      const question = `Vilka nätter gäller det, och hur många barn bor där? (${javaScriptEnabled ? 'js' : 'no-js'})`;
      const staffContext = await browser.newContext();
      const staffPage = await staffContext.newPage();
      try {
        await staffPage.goto(`${t.url}/staff/triage`);
        await Promise.all([staffPage.waitForURL(`${t.url}/staff/triage`), staffPage.getByRole('button', { name: 'Inspektör, avdelning Väst' }).click()]);
        const row = staffPage.locator(`tr[data-signal-id="${signal.id}"]`);
        expect(await row.textContent()).toContain('HVB Lönnviken');
        await Promise.all([staffPage.waitForURL(`**/staff/signals/${signal.id}`), row.locator('a').first().click()]);
        await staffPage.getByLabel('Nytt meddelande till uppgiftslämnaren').fill(question);
        await Promise.all([staffPage.waitForLoadState('load'), staffPage.getByRole('button', { name: 'Skicka till uppgiftslämnaren' }).click()]);
        await expect.poll(() => t.database.db.selectFrom('signal_message').select('body').where('signal_id', '=', signal.id).execute()).toEqual([{ body: question }]);
      } finally {
        await staffContext.close();
      }

      const answer = `Alla helger. Åtta barn. (${javaScriptEnabled ? 'js' : 'no-js'})`;
      await withPage(javaScriptEnabled, (page) => answerQuestion(page, code, question, answer));
      const messages = await t.database.db.selectFrom('signal_message').select(['direction', 'body', 'author']).where('signal_id', '=', signal.id).orderBy('id').execute();
      expect(messages).toEqual([
        { direction: 'to_sender', body: question, author: 'demo-inspektor-vast' },
        { direction: 'from_sender', body: answer, author: null },
      ]);
      expect(await t.database.db.selectFrom('service_feedback').select('rating').where('comment', '=', 'Tydligt.').execute()).not.toHaveLength(0);
      if (javaScriptEnabled) {
        // axe ran on every page of the flow (it needs JavaScript; the pages are the same HTML without it).
        expect(checkedPages).toEqual(
          expect.arrayContaining(['start', 'search', 'search results', 'form', 'form with the contact fields shown', 'form with errors', 'receipt', 'feedback with errors', 'feedback thanks', 'follow-up', 'follow-up with errors', 'thread', 'thread after answering']),
        );
      }
    }, 180_000);
  }

  it.each<[string, string, number]>([
    ['the children’s start page', '/ung', 200],
    ['the children’s search', '/ung/verksamhet?namn=l%C3%B6nn', 200],
    ['the children’s form', '/ung/skriv', 200],
    ['the children’s follow-up', '/ung/uppfoljning', 200],
    ['the complaint start page', '/klagomal', 200],
    ['the complaint search', '/klagomal/verksamhet?kommun=1480', 200],
    ['the complaint form, unit described', '/klagomal/skriv?namn=Mottagningen&kommun=1480', 200],
    ['a search with errors', '/tipsa/verksamhet?kommun=9999', 400],
    ['a form for a unit that is not there', '/tipsa/skriv?enhet=finns-inte', 404],
  ])('%s meets WCAG 2.1 AA (axe finds nothing)', async (name, path, status) => {
    await withPage(true, async (page) => {
      const response = await page.goto(`${t.url}${path}`);
      expect(response?.status()).toBe(status);
      await expectAccessibleIfScripted(page, name);
    });
  });

  it('takes a complaint, naming every error first; every page meets WCAG 2.1 AA', async () => {
    await withPage(true, async (page) => {
      await page.goto(`${t.url}/klagomal/skriv?enhet=${encodeURIComponent(unit.id)}`);
      await expectAccessibleIfScripted(page, 'complaint form');
      await page.getByLabel('Ditt personnummer').fill('19800113-9290');
      await page.waitForTimeout(FILL_TIME_MS);
      await click(page, 'Skicka klagomålet');
      const summary = await page.locator('.govuk-error-summary').textContent();
      expect(summary).toContain('Skriv ditt namn');
      expect(summary).toContain('Ditt personnummer stämmer inte');
      expect(summary).toContain('Skriv när händelsen inträffade');
      await expectAccessibleIfScripted(page, 'complaint form with errors');
      await page.getByRole('link', { name: 'Skriv när händelsen inträffade' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('eventDate-day');

      await page.getByLabel('Ditt namn').fill('Robin Ek');
      await page.getByLabel('Ditt personnummer').fill('19800113-9297');
      await page.getByLabel('E-postadress').fill('robin@example.se');
      await page.getByLabel('Anhörig eller närstående').check();
      await page.getByLabel('Patientens namn').fill('Sam Ek');
      await page.getByLabel('Patientens personnummer').fill('20000101-2384');
      await page.getByLabel('Dag', { exact: true }).fill('12');
      await page.getByLabel('Månad', { exact: true }).fill('10');
      await page.getByLabel('År', { exact: true }).fill('2026');
      await page.getByLabel('Beskriv vad som hände').fill('Mamma fick fel dos och blev medvetslös.');
      await page.getByLabel('Patienten behövde mycket mer vård än innan').check();
      await page.getByLabel('Beskriv följderna').fill('Fem dagar på intensiven.');
      await page.waitForTimeout(FILL_TIME_MS);
      await click(page, 'Skicka klagomålet');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Klagomålet är skickat');
      await expectAccessibleIfScripted(page, 'complaint receipt');
      const reference = (await page.locator('.govuk-panel__body strong').textContent())!;
      const complaint = await t.database.db.selectFrom('complaint').selectAll().where('signal_id', '=', reference).executeTakeFirstOrThrow();
      expect(complaint).toMatchObject({ relation: 'relative', patient_personnummer: '200001012384', recommendation: { outcome: 'investigate', isDecision: false } });
    });
  }, 120_000);
});
