import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { isRole, type Role, type StaffUser } from './policy.ts';
import { recordStaffSignIn } from './staff-directory.ts';

export const SESSION_COOKIE = 'vaka_session';
/** A staff session lasts one working day, then the person signs in again. */
export const SESSION_HOURS = 8;

export interface SessionIdentity {
  subject: string;
  name: string;
  email: string | null;
  roles: Role[];
  department: string | null;
  /** Provider ids a provider representative acts for. */
  organisations?: string[];
}

/**
 * The organisations of a provider representative travel in the session row's role list as `org:<provider id>`
 * (the table has no column of its own for them); isRole never takes them for a role.
 */
const ORGANISATION_PREFIX = 'org:';

/** Only the hash of the token is stored: a copy of the table does not let anyone sign in. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The per-session CSRF token, derived from the session token; nothing more to store. */
export function csrfTokenFor(sessionToken: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

/**
 * The session's CSRF token as a page carries it: a fresh random pad and the token XOR the pad. Pages are
 * compressed, so a secret that reads the same in every response beside text an attacker can reflect would leak
 * through the compressed size (BREACH); masked, it differs in every response and still checks against the one
 * session token.
 */
export function maskCsrfToken(token: string): string {
  const secret = Buffer.from(token, 'base64url');
  const pad = randomBytes(secret.length);
  const masked = Buffer.alloc(secret.length);
  for (let i = 0; i < secret.length; i++) masked[i] = secret[i] ^ pad[i];
  return Buffer.concat([pad, masked]).toString('base64url');
}

/** The session token behind a token as sent: masked (pad and token XOR pad) or as it is; null if neither. */
function unmaskCsrfToken(token: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length === CSRF_TOKEN_BYTES) return bytes;
  if (bytes.length !== 2 * CSRF_TOKEN_BYTES) return null;
  const secret = Buffer.alloc(CSRF_TOKEN_BYTES);
  for (let i = 0; i < CSRF_TOKEN_BYTES; i++) secret[i] = bytes[i] ^ bytes[CSRF_TOKEN_BYTES + i];
  return secret;
}

/** A SHA-256 HMAC. */
const CSRF_TOKEN_BYTES = 32;

/** Whether the token sent is the session's, masked or not (`expected` is the session's, masked or not). */
export function isCsrfTokenValid(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = unmaskCsrfToken(expected);
  const b = unmaskCsrfToken(given);
  return a !== null && b !== null && timingSafeEqual(a, b);
}

/**
 * Creates a session row and returns the token for the cookie (the token itself is never stored). A member of
 * staff is also written to the staff directory, in the same transaction (the caller's, or one of its own).
 */
export async function createStaffSession(db: Db, identity: SessionIdentity, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  if (!db.isTransaction) return db.transaction().execute((trx) => createStaffSession(trx, identity, now));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db.deleteFrom('staff_session').where('expires_at', '<', now).execute();
  await db
    .insertInto('staff_session')
    .values({
      id_hash: hashSessionToken(token),
      subject: identity.subject,
      name: identity.name,
      email: identity.email,
      roles: [...identity.roles, ...(identity.organisations ?? []).map((id) => `${ORGANISATION_PREFIX}${id}`)],
      department: identity.department,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  await recordStaffSignIn(db, identity, now);
  return { token, expiresAt };
}

export async function findStaffBySessionToken(db: Db, token: string, secret: string): Promise<StaffUser | null> {
  const row = await db
    .selectFrom('staff_session')
    .leftJoin('department', 'department.code', 'staff_session.department')
    .select(['subject', 'staff_session.name', 'email', 'roles', 'department', 'department.name as departmentName'])
    .where('id_hash', '=', hashSessionToken(token))
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  if (!row) return null;
  const organisations = row.roles.filter((r) => r.startsWith(ORGANISATION_PREFIX)).map((r) => r.slice(ORGANISATION_PREFIX.length));
  return { ...row, roles: row.roles.filter(isRole), organisations, csrfToken: maskCsrfToken(csrfTokenFor(token, secret)) };
}

export async function deleteStaffSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('staff_session').where('id_hash', '=', hashSessionToken(token)).execute();
}
