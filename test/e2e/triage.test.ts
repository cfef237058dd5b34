import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { browserDatabaseKinds, launchBrowser, signInThroughDevIdp, expectAccessible } from '../support/browser.ts';
import { buildUnit } from '../support/factories.ts';
import { giveReceipt, receiveTestSignal } from '../intake-triage/signals.ts';



describe.each(browserDatabaseKinds)('triage in a browser on %s', (kind) => {
  let t: TestApp;
  let browser: Browser;
  let tipId: string;
  let acuteId: string;
  let alertId: number;

  beforeAll(async () => {
    t = await createTestApp(kind, { listen: true });
    const db = t.database.db;
    const unit = await buildUnit(db, { name: 'HVB Björkbacken', kommun: '0180', postal_code: '11122' });
    tipId = (await receiveTestSignal(db, { unitId: unit.id, text: 'Personalen låser in barnen på rummen på kvällarna.' }, { urgency: 'high' })).id;
    await giveReceipt(db, tipId);
    // A risk alert on the same unit, as the risk analysis raises them (its sentences are the model's).
    alertId = (await db.insertInto('risk_alert').values({
      unit_id: unit.id, department_code: 'stockholm', kind: 'cusum', as_of: '2026-11-27', score: 0.71,
      explanation: ['Signalerna ökar: 9 externa signaler de senaste 12 veckorna mot 2,1 väntade utifrån verksamhetens egen historik.'],
    }).returning('id').executeTakeFirstOrThrow()).id;
    acuteId = (await receiveTestSignal(db, { unitHint: { name: 'Björkbackens boende', kommun: '0180' }, text: 'Ett barn har sagt att hon inte vågar sova där i natt.' }, { urgency: 'acute' })).id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in as a Stockholm inspector, opens the queue and a signal, and asks the tipster a question', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await signInThroughDevIdp(page, `${t.url}/staff/triage`, 'Inspektör, avdelning Stockholm');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Triagekö, Avdelning Stockholm');
      // The acute signal is on top.
      const rows = page.locator('tbody tr[data-signal-id]');
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-signal-id')))).toEqual([acuteId, tipId]);
      expect(await rows.first().textContent()).toContain('ej kopplad');
      await expectAccessible(page, 'the triage queue');

      await page.getByLabel('Brådska').selectOption('high');
      await Promise.all([page.waitForURL(/bradska=high/), page.getByRole('button', { name: 'Visa' }).click()]);
      expect(await rows.count()).toBe(1);
      await expectAccessible(page, 'the filtered triage queue');

      await Promise.all([page.waitForURL(`**/staff/signals/${tipId}`), page.getByRole('link', { name: new RegExp(tipId) }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Signal ${tipId}`);
      expect(await page.locator('main').textContent()).toContain('Personalen låser in barnen på rummen på kvällarna.');
      await expectAccessible(page, 'the signal page');

      await page.getByRole('button', { name: 'Skicka till uppgiftslämnaren' }).click();
      await page.waitForURL(`**/staff/signals/${tipId}/meddelanden`);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Skriv meddelandet');
      await expectAccessible(page, 'the signal page with an error');

      await page.getByLabel('Nytt meddelande till uppgiftslämnaren').fill('Vilka kvällar har detta hänt?');
      await Promise.all([page.waitForURL(/klart=meddelande/), page.getByRole('button', { name: 'Skicka till uppgiftslämnaren' }).click()]);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Meddelandet är skickat');
      expect(await page.locator('#meddelanden ~ .govuk-inset-text').first().textContent()).toContain('Vilka kvällar har detta hänt?');
      await expectAccessible(page, 'the signal page after sending a message');

      const messages = await t.database.db.selectFrom('signal_message').select(['direction', 'body']).where('signal_id', '=', tipId).execute();
      expect(messages).toEqual([{ direction: 'to_sender', body: 'Vilka kvällar har detta hänt?' }]);
      const reads = await t.database.db.selectFrom('audit_log').select(['action', 'reason']).where('entity_id', '=', tipId).where('action', '=', 'signal.read').execute();
      expect(reads.length).toBeGreaterThanOrEqual(2);
      expect(reads.every((r) => r.reason === 'triage')).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens a risk alert from the queue, is told what closing needs, and closes it with what it led to', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signInThroughDevIdp(page, `${t.url}/staff/triage`, 'Inspektör, avdelning Stockholm');
      await Promise.all([page.waitForURL(`**/staff/riskalarm/${alertId}#handlaggning`), page.getByRole('link', { name: 'Tilldela eller avsluta för HVB Björkbacken' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Risklarm för HVB Björkbacken');
      await expectAccessible(page, 'a risk alert');
      await page.getByRole('button', { name: 'Avsluta larmet' }).click();
      await page.waitForURL(`**/staff/riskalarm/${alertId}/status`);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Välj vad larmet ledde till');
      await expectAccessible(page, 'a risk alert with an error');
      await page.getByLabel('Redan känt i pågående tillsyn').check();
      await page.getByLabel('Motivering').fill('Ingår i inspektionen som redan är planerad i december.');
      await Promise.all([page.waitForURL(/klart=done/), page.getByRole('button', { name: 'Avsluta larmet' }).click()]);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Larmet är avslutat.');
      expect(await page.locator('[data-alert-facts]').textContent()).toContain('Redan känt i pågående tillsyn');
      expect(await t.database.db.selectFrom('risk_alert').select(['status', 'outcome']).where('id', '=', alertId).executeTakeFirstOrThrow()).toEqual({ status: 'done', outcome: 'known' });
    } finally {
      await context.close();
    }
  });
});
