import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Abuse protection for the public forms that tracks no one: no IP address, no cookie, no fingerprint.
// - a form token: a signed time stamp in a hidden field, so a form sent sooner than a person could fill it in
//   (or a form made up without ever fetching the page) is refused;
// - a honeypot field that people never see and robots fill in;
// - global token buckets: the service as a whole takes so many submissions a second, whoever sends them;
// - proof of work: a small script in the page solves a puzzle tied to the form token. A solved puzzle lets
//   the submission draw from a larger bucket; without JavaScript the form still works, from the smaller one.

export interface PublicIntakeLimits {
  /** A person needs at least this long to fill in a form. */
  minFillSeconds: number;
  /** A form fetched longer ago than this must be fetched again. */
  maxFormAgeHours: number;
  /** Submissions without proof of work, for the whole service: burst and steady rate. */
  submissions: { capacity: number; refillPerSecond: number };
  /** Submissions with proof of work. */
  provenSubmissions: { capacity: number; refillPerSecond: number };
  /** Look-ups and answers with a receipt code. */
  followUps: { capacity: number; refillPerSecond: number };
  /** Feedback on the e-service. */
  feedback: { capacity: number; refillPerSecond: number };
  /** Leading zero bits the proof of work must reach (about 2^bits hashes in the browser). */
  powBits: number;
}

/** The one place the limits are set: a few tips a day is normal, a hundred a minute is not. */
export const PUBLIC_INTAKE_LIMITS: PublicIntakeLimits = {
  minFillSeconds: 3,
  maxFormAgeHours: 24,
  submissions: { capacity: 60, refillPerSecond: 1 },
  provenSubmissions: { capacity: 600, refillPerSecond: 10 },
  followUps: { capacity: 600, refillPerSecond: 10 },
  feedback: { capacity: 120, refillPerSecond: 2 },
  powBits: 14,
};

/** A token bucket shared by everyone: it knows how many came, never who. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes one token if there is one. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.refillPerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

const formKey = (secret: string) => createHmac('sha256', secret).update('vaka:public-form-token').digest();

function signature(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** `<issued ms>.<random>.<signature>`: when the form was fetched, signed so it cannot be backdated. */
export function signFormToken(secret: string, issuedAt: number = Date.now()): string {
  const payload = `${Math.floor(issuedAt)}.${randomBytes(12).toString('base64url')}`;
  return `${payload}.${signature(formKey(secret), payload)}`;
}

export type FormTokenCheck = 'ok' | 'missing' | 'invalid' | 'too_fast' | 'expired';

export function checkFormToken(secret: string, token: string | undefined, now: number, limits: PublicIntakeLimits): FormTokenCheck {
  if (!token) return 'missing';
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return 'invalid';
  const expected = Buffer.from(signature(formKey(secret), `${match[1]}.${match[2]}`));
  const given = Buffer.from(match[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const issuedAt = Number(match[1]);
  if (now - issuedAt < limits.minFillSeconds * 1000) return 'too_fast';
  if (now - issuedAt > limits.maxFormAgeHours * 3600 * 1000) return 'expired';
  return 'ok';
}

/** How many leading zero bits a hash has. */
function leadingZeroBits(hash: Buffer): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** The puzzle the page's script solves: SHA-256 of `<form token>:<nonce>` with `bits` leading zero bits. */
export function isProofOfWorkValid(token: string, nonce: string | undefined, bits: number): boolean {
  if (!nonce || !/^[0-9]{1,16}$/.test(nonce)) return false;
  return leadingZeroBits(createHash('sha256').update(`${token}:${nonce}`).digest()) >= bits;
}

/** Solves the puzzle (tests and benchmarks; browsers run the same loop in assets/tips-form.js). */
export function solveProofOfWork(token: string, bits: number): string {
  for (let nonce = 0; ; nonce++) if (isProofOfWorkValid(token, String(nonce), bits)) return String(nonce);
}

/**
 * Form tokens whose proof of work was already spent, so one solved puzzle buys one submission. Tokens, not
 * people: an entry is forgotten when its token could no longer be used anyway.
 */
export class SpentTokens {
  private readonly spent = new Map<string, number>();

  /** Beyond `maxEntries` the oldest are forgotten first: memory stays bounded under any flood. */
  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  isSpent(token: string): boolean {
    return this.spent.has(token);
  }

  /** Marks the token spent; false if it already was. */
  spend(token: string, now: number): boolean {
    if (this.spent.has(token)) return false;
    this.spent.set(token, now);
    // Entries are in the order they were spent, so the oldest come first.
    for (const [t, at] of this.spent) {
      if (this.spent.size <= this.maxEntries && now - at <= this.maxAgeMs) break;
      this.spent.delete(t);
    }
    return true;
  }
}

/**
 * Cross-site request forgery, without a cookie: browsers say where a form was sent from. `Sec-Fetch-Site`
 * (every current browser) must be same-origin; where it is missing, `Origin` must be ours. Our pages send
 * `Referrer-Policy: no-referrer`, which makes older browsers send `Origin: null` — allowed, as is a request
 * with neither header (not a browser, so not a forged request from someone's browser).
 */
export function isCrossSiteRequest(headers: Record<string, string | string[] | undefined>, ownOrigins: ReadonlySet<string>): boolean {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = headers.origin;
  if (typeof origin === 'string') return origin !== 'null' && !ownOrigins.has(origin);
  return false;
}
