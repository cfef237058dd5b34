import type { LightMyRequestResponse } from 'fastify';
import { createStaffSession, csrfTokenFor, SESSION_COOKIE } from '../../src/platform/auth/index.ts';
import type { TestApp } from '../support/app.ts';
import type { SignedIn } from '../support/staff-session.ts';

let counter = 0;

/**
 * A provider representative's session made directly in the database for the given providers (no identity
 * provider round trip): tests make their own providers, so they say which ones the person represents.
 */
export async function signInAsRepresentative(t: Pick<TestApp, 'database' | 'config'>, providerIds: string[]): Promise<SignedIn> {
  counter += 1;
  const subject = `test-representative-${process.pid}-${counter}`;
  const name = `Test Företrädare ${counter}`;
  const { token } = await createStaffSession(t.database.db, { subject, name, email: null, roles: ['provider_representative'], department: null, organisations: providerIds });
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { subject, name, cookie, csrfToken: csrfTokenFor(token, t.config.sessionSecret), headers: { cookie, accept: 'text/html' } };
}

/** POSTs a urlencoded form (repeated keys allowed) as a signed-in person, with their CSRF token. */
export function postForm(t: TestApp, who: SignedIn, url: string, form: Record<string, string>, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams(form);
  if (options.csrf !== false) body.set('_csrf', who.csrfToken);
  return t.app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}

/** POSTs a multipart form with one file, the way a browser sends the upload form. */
export function postUpload(
  t: TestApp,
  who: SignedIn,
  url: string,
  form: Record<string, string>,
  file: { field: string; name: string; type: string; content: string | Buffer },
  options: { csrf?: boolean } = {},
): Promise<LightMyRequestResponse> {
  const boundary = `----vaka-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  const fields = options.csrf === false ? form : { _csrf: who.csrfToken, ...form };
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
  parts.push(typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return t.app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
}

/** Row counts of every table a provider report or a decision upload may write. */
export async function countRows(t: TestApp): Promise<Record<string, number>> {
  const tables = ['signal', 'provider_report', 'unexecuted_decision', 'audit_log', 'outbox_email'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
