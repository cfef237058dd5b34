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
export async function signInAs(t: Pick<TestApp, 'database' | 'config'>, role: Role | Role[], department?: string): Promise<SignedIn> {
  counter += 1;
  const roles = Array.isArray(role) ? role : [role];
  const subject = `test-${roles.join('+')}-${department ?? 'national'}-${process.pid}-${counter}`;
  const name = `Test ${roles.map((r) => ROLES[r]).join(' och ')} ${counter}`;
  const { token } = await createStaffSession(t.database.db, { subject, name, email: null, roles, department: department ?? null });
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { subject, name, cookie, csrfToken: csrfTokenFor(token, t.config.sessionSecret), headers: { cookie, accept: 'text/html' } };
}
