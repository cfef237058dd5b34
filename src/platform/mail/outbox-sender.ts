import nodemailer from 'nodemailer';
import type { Db } from '../db/database.ts';
import type { MailConfig } from './mail-config.ts';

/** One e-mail as the outbox holds it. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

/** Where e-mail goes: an SMTP server, or (in development without one) the log. */
export interface Mailer {
  /** Resolves when the message was accepted; rejects with the server's reason otherwise. */
  send(message: OutgoingEmail): Promise<void>;
  close(): void;
}

export type MailLog = (message: string) => void;

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      const info = await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
      if (Array.isArray(info.rejected) && info.rejected.length > 0) throw new Error(`recipient rejected: ${info.rejected.join(', ')}`);
    },
    close: () => transport.close(),
  };
}

/** Development without an SMTP server: say what would have been sent, and count it as sent. */
export function createLogMailer(log: MailLog): Mailer {
  return {
    async send(message) {
      log(`E-mail not sent (VAKA_SMTP_URL is not set), would go to ${message.to}: ${message.subject}`);
    },
    close: () => undefined,
  };
}

export interface OutboxBatchOptions {
  maxAttempts: number;
  batchSize?: number;
  /** Rows waiting out their back-off after a failure; left alone this round. */
  skipIds?: number[];
}

export interface OutboxBatchResult {
  sent: number[];
  failed: { id: number; attempts: number; error: string }[];
  /** True when the batch was full: there may be more to send right away. */
  more: boolean;
}

const MAX_ERROR_LENGTH = 1000;

/**
 * Sends what the outbox holds, oldest first. Each row is claimed by counting the attempt before sending
 * (skipping rows another sender holds), then marked sent, or left with the error for the next attempt. A
 * crash between sending and marking can send an e-mail twice; none is ever lost (at least once).
 */
export async function sendOutboxBatch(db: Db, mailer: Mailer, options: OutboxBatchOptions): Promise<OutboxBatchResult> {
  const batchSize = options.batchSize ?? 20;
  const skip = options.skipIds ?? [];
  const claimed = await db
    .updateTable('outbox_email')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox_email')
        .select('id')
        .where('sent_at', 'is', null)
        .where('attempts', '<', options.maxAttempts)
        .$if(skip.length > 0, (q) => q.where('id', 'not in', skip))
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'recipient', 'subject', 'body', 'attempts'])
    .execute();
  claimed.sort((a, b) => a.id - b.id);

  const result: OutboxBatchResult = { sent: [], failed: [], more: claimed.length === batchSize };
  for (const row of claimed) {
    try {
      await mailer.send({ to: row.recipient, subject: row.subject, text: row.body });
      await db.updateTable('outbox_email').set({ sent_at: new Date(), last_error: null }).where('id', '=', row.id).execute();
      result.sent.push(row.id);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
      await db.updateTable('outbox_email').set({ last_error: message }).where('id', '=', row.id).execute();
      result.failed.push({ id: row.id, attempts: row.attempts, error: message });
    }
  }
  return result;
}

export interface OutboxSender {
  /** Look at the outbox now (after an acute signal was committed) instead of at the next poll. */
  kick(): void;
  /** Runs one round now and resolves when it is done (tests and shutdown use it). */
  runOnce(): Promise<void>;
  /** Stops polling, waits for a round in progress, closes the SMTP connection. */
  stop(): Promise<void>;
}

const running = new Set<OutboxSender>();

/**
 * Wakes every outbox sender of this process. Call it after committing a transaction that queued an e-mail
 * (an acute signal); without a running sender it does nothing and the e-mail waits for the next start.
 */
export function kickOutbox(): void {
  for (const sender of running) sender.kick();
}

const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Starts the background sender: every `pollIntervalMs`, and at once when kicked, it sends unsent outbox
 * rows. A failed e-mail is retried with exponential back-off until `maxAttempts`.
 */
export function startOutboxSender(db: Db, config: MailConfig, log: MailLog, mailer?: Mailer): OutboxSender {
  const transport = mailer ?? (config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.from) : createLogMailer(log));
  const notBefore = new Map<number, number>();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void round(), delayMs);
    timer.unref();
  };

  const sendDue = async () => {
    const now = Date.now();
    for (const [id, at] of notBefore) if (at <= now) notBefore.delete(id);
    let result: OutboxBatchResult;
    do {
      result = await sendOutboxBatch(db, transport, { maxAttempts: config.maxAttempts, skipIds: [...notBefore.keys()] });
      for (const id of result.sent) notBefore.delete(id);
      for (const failure of result.failed) {
        if (failure.attempts >= config.maxAttempts) {
          log(`E-mail ${failure.id} could not be sent after ${failure.attempts} attempts and is given up: ${failure.error}`);
          notBefore.delete(failure.id);
        } else {
          const delay = Math.min(config.pollIntervalMs * 2 ** (failure.attempts - 1), MAX_BACKOFF_MS);
          notBefore.set(failure.id, Date.now() + delay);
          log(`E-mail ${failure.id} failed (attempt ${failure.attempts}), retrying in ${Math.round(delay / 1000)} s: ${failure.error}`);
        }
      }
    } while (result.more && !stopped);
  };

  const round = (): Promise<void> => {
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      try {
        do {
          again = false;
          await sendDue();
        } while (again && !stopped);
      } catch (error) {
        log(`E-mail outbox round failed, trying again later: ${(error as Error).message}`);
      } finally {
        current = undefined;
        schedule(config.pollIntervalMs);
      }
    })();
    return current;
  };

  const sender: OutboxSender = {
    kick: () => schedule(0),
    runOnce: () => round(),
    stop: async () => {
      stopped = true;
      running.delete(sender);
      if (timer) clearTimeout(timer);
      await current;
      transport.close();
    },
  };
  running.add(sender);
  log(config.smtpUrl ? `E-mail: outbox sender started (SMTP ${new URL(config.smtpUrl).host})` : 'E-mail: VAKA_SMTP_URL is not set, e-mails are written to the log instead');
  schedule(0);
  return sender;
}
