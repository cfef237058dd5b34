import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/modules/intake/machine/index.ts';
import { ConfigError } from '../../src/platform/config.ts';
import { kickOutbox, loadMailConfig, sendOutboxBatch, startOutboxSender, type Mailer, type OutboxSender } from '../../src/platform/mail/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP server in this process that keeps every message; `refuse` makes it reject recipients. */
async function startSmtpServer() {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(state.refuse ? Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    /** Resolves when at least `count` messages have arrived. */
    async waitFor(count: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} e-mails, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Bytes written as =XX (quoted-printable) back to UTF-8 text. */
const decodeQ = (text: string) => Buffer.from(text.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');

/** The subject (RFC 2047 encoded words undone) and the text body (quoted-printable undone) of a raw e-mail. */
function parseMail(raw: string): { subject: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const encodedSubject = /^Subject: (.*)$/m.exec(headers)?.[1] ?? '';
  const subject = encodedSubject
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, q: string) => decodeQ(q.replace(/_/g, ' ')))
    .replace(/=\?UTF-8\?B\?(.*?)\?=/gi, (_m, b: string) => Buffer.from(b, 'base64').toString('utf8'));
  return { subject, body: decodeQ(raw.slice(split + 4).replace(/=\r?\n/g, '')) };
}

describe('mail configuration', () => {
  it('reads VAKA_SMTP_URL, VAKA_MAIL_FROM and VAKA_MAIL_POLL_SECONDS, and requires SMTP in production', () => {
    expect(loadMailConfig({})).toMatchObject({ smtpUrl: undefined, pollIntervalMs: 5000 });
    expect(loadMailConfig({ VAKA_SMTP_URL: 'smtp://mail.example.se:587', VAKA_MAIL_FROM: 'Vaka <vaka@ivo.example>', VAKA_MAIL_POLL_SECONDS: '2' })).toMatchObject({
      smtpUrl: 'smtp://mail.example.se:587',
      from: 'Vaka <vaka@ivo.example>',
      pollIntervalMs: 2000,
    });
    expect(() => loadMailConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadMailConfig({ VAKA_SMTP_URL: 'http://mail.example.se' })).toThrow(/smtp:\/\//);
    expect(() => loadMailConfig({ VAKA_MAIL_POLL_SECONDS: 'often' })).toThrow(/VAKA_MAIL_POLL_SECONDS/);
  });
});

describe.each(databaseKinds)('e-mail for acute signals on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let sender: OutboxSender | undefined;

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    smtp = await startSmtpServer();
    await t.database.db.deleteFrom('outbox_email').execute();
  });
  afterEach(async () => {
    await sender?.stop();
    sender = undefined;
    await smtp.close();
  });

  const db = () => t.database.db;
  const config = () => ({ smtpUrl: smtp.url, from: 'Vaka <vaka@vaka.test>', pollIntervalMs: 60_000, maxAttempts: 3 });
  const log: string[] = [];

  it('sends the alert for an acute signal to the department on duty as soon as it is received', async () => {
    const unit = await buildUnit(db(), { kommun: '2480', postal_code: '90326', city: 'Umeå' });
    const client = await createApiClient(db(), { id: `polisen-${kind}`, name: 'Polisen', channel: 'police' });
    // A long poll interval: only the kick after the acute signal can explain a quick e-mail.
    sender = startOutboxSender(db(), config(), (m) => log.push(m));
    await sender.runOnce();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'akut-1', authorization: `Bearer ${client.secret}` },
      payload: JSON.stringify({ text: 'Ett barn är i akut fara på boendet.', unitId: unit.id, urgency: 'acute' }),
    });
    expect(response.statusCode).toBe(201);
    const signalId = response.json().id as string;

    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(['tillsyn.nord@vaka.example']);
    expect(mail.from).toBe('vaka@vaka.test');
    const { subject, body } = parseMail(mail.raw);
    expect(subject).toBe(`Akut signal ${signalId} väntar i triagekön`);
    expect(body).toContain(`${t.config.publicUrl}/staff/signals/${signalId}`);
    // Secret details stay in the system.
    expect(body).not.toContain('akut fara');

    await sender.runOnce();
    const row = await db().selectFrom('outbox_email').selectAll().executeTakeFirstOrThrow();
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(row).toMatchObject({ attempts: 1, last_error: null });
  });

  it('retries a refused e-mail, keeping the error, until the server takes it', async () => {
    await db().insertInto('outbox_email').values({ recipient: 'tillsyn.syd@vaka.example', subject: 'Akut signal', body: 'Öppna Vaka.', sent_at: null, last_error: null }).execute();
    smtp.state.refuse = true;
    const mailer = (await import('../../src/platform/mail/index.ts')).createSmtpMailer(smtp.url, 'vaka@vaka.test');
    try {
      const failed = await sendOutboxBatch(db(), mailer, { maxAttempts: 3 });
      expect(failed.sent).toEqual([]);
      expect(failed.failed).toHaveLength(1);
      let row = await db().selectFrom('outbox_email').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ sent_at: null, attempts: 1 });
      expect(row.last_error).toMatch(/mailbox unavailable|550/);

      smtp.state.refuse = false;
      const sent = await sendOutboxBatch(db(), mailer, { maxAttempts: 3 });
      expect(sent.sent).toEqual([row.id]);
      row = await db().selectFrom('outbox_email').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ attempts: 2, last_error: null });
      expect(row.sent_at).toBeInstanceOf(Date);
      expect(smtp.received).toHaveLength(1);
      // Nothing left: a later round sends nothing twice.
      expect((await sendOutboxBatch(db(), mailer, { maxAttempts: 3 })).sent).toEqual([]);
    } finally {
      mailer.close();
    }
  });

  it('gives up after the last attempt and leaves the e-mail unsent for a person to see', async () => {
    await db().insertInto('outbox_email').values({ recipient: 'x@vaka.example', subject: 's', body: 'b', sent_at: null, last_error: null }).execute();
    const failing: Mailer = { send: async () => Promise.reject(new Error('connection refused')), close: () => undefined };
    for (let i = 0; i < 3; i++) await sendOutboxBatch(db(), failing, { maxAttempts: 3 });
    const after = await sendOutboxBatch(db(), failing, { maxAttempts: 3 });
    expect(after.failed).toEqual([]);
    expect(await db().selectFrom('outbox_email').select(['attempts', 'sent_at', 'last_error']).executeTakeFirstOrThrow()).toEqual({ attempts: 3, sent_at: null, last_error: 'connection refused' });
  });

  it('without SMTP (development) writes the e-mail to the log and marks it sent', async () => {
    await db().insertInto('outbox_email').values({ recipient: 'tillsyn.mitt@vaka.example', subject: 'Akut signal S-1 väntar', body: 'b', sent_at: null, last_error: null }).execute();
    const lines: string[] = [];
    sender = startOutboxSender(db(), { ...config(), smtpUrl: undefined }, (m) => lines.push(m));
    kickOutbox();
    await sender.runOnce();
    expect(lines.join('\n')).toContain('would go to tillsyn.mitt@vaka.example: Akut signal S-1 väntar');
    expect((await db().selectFrom('outbox_email').select('sent_at').executeTakeFirstOrThrow()).sent_at).toBeInstanceOf(Date);
  });
});
