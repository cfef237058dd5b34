import { createStaffSession, csrfTokenFor, ROLES, SESSION_COOKIE, type Role } from '../../src/platform/auth/index.ts';
import type { TestApp } from './app.ts';

let counter = 0;

export interface SignedIn {
  subject: string;
  name: string;
  /** The Cookie header value. */
  cookie: string;
  csrfToken: string;
  /** Headers for app.inject: the session cookie and a browser's Accept. */
  headers: { cookie: string; accept: string };
}

/** A staff session made directly in the database (no identity provider round trip), for fast route tests. */
export async function signInAs(t: Pick<TestApp, 'database' | 'config'>, role: Role, department?: string): Promise<SignedIn> {
  counter += 1;
  const subject = `test-${role}-${department ?? 'national'}-${process.pid}-${counter}`;
  const name = `Test ${ROLES[role]} ${counter}`;
  const { token } = await createStaffSession(t.database.db, { subject, name, email: null, roles: [role], department: department ?? null });
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { subject, name, cookie, csrfToken: csrfTokenFor(token, t.config.sessionSecret), headers: { cookie, accept: 'text/html' } };
}
