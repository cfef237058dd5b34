import { ConfigError } from '../config.ts';

/** How Vaka sends e-mail (the alerts for acute signals), read from the environment once at start. */
export interface MailConfig {
  /**
   * `VAKA_SMTP_URL`, e.g. `smtp://user:password@mail.example.se:587` or `smtps://…:465`. Unset in
   * development: each e-mail is written to the log instead and marked sent.
   */
  smtpUrl: string | undefined;
  /** `VAKA_MAIL_FROM`: the sender address of every e-mail. */
  from: string;
  /** `VAKA_MAIL_POLL_SECONDS`: how often the outbox is looked at when nothing kicks it. */
  pollIntervalMs: number;
  /** After this many failed attempts an e-mail is left unsent, with its last error, for a person to see. */
  maxAttempts: number;
}

export const DEFAULT_MAIL_FROM = 'Vaka <vaka@localhost>';

export function loadMailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
  const problems: string[] = [];
  const smtpUrl = env.VAKA_SMTP_URL || undefined;
  if (smtpUrl) {
    let protocol = '';
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      problems.push(`VAKA_SMTP_URL must be a URL such as smtp://mail.example.se:587, got "${smtpUrl}"`);
    }
    if (protocol && protocol !== 'smtp:' && protocol !== 'smtps:') problems.push(`VAKA_SMTP_URL must start with smtp:// or smtps://, got "${protocol}"`);
  } else if (env.NODE_ENV === 'production') {
    problems.push('VAKA_SMTP_URL is required when NODE_ENV=production: acute signals are announced to the department on duty by e-mail');
  }
  const pollRaw = env.VAKA_MAIL_POLL_SECONDS;
  const pollSeconds = pollRaw ? Number(pollRaw) : 5;
  if (!Number.isFinite(pollSeconds) || pollSeconds < 0.1 || pollSeconds > 3600) problems.push(`VAKA_MAIL_POLL_SECONDS must be a number of seconds between 0.1 and 3600, got "${pollRaw}"`);
  if (problems.length > 0) throw new ConfigError(problems);
  return { smtpUrl, from: env.VAKA_MAIL_FROM || DEFAULT_MAIL_FROM, pollIntervalMs: Math.round(pollSeconds * 1000), maxAttempts: 10 };
}
