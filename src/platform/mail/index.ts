// E-mail: the outbox sender (acute-signal alerts are queued in `outbox_email` by the transaction that
// caused them, and sent from here) and its configuration.
export { loadMailConfig, DEFAULT_MAIL_FROM, type MailConfig } from './mail-config.ts';
export {
  createLogMailer,
  createSmtpMailer,
  kickOutbox,
  sendOutboxBatch,
  startOutboxSender,
  type MailLog,
  type Mailer,
  type OutboxBatchResult,
  type OutboxSender,
  type OutgoingEmail,
} from './outbox-sender.ts';
