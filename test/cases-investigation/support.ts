import type { LightMyRequestResponse } from 'fastify';
import { openCase } from '../../src/modules/cases/index.ts';
import type { Db } from '../../src/platform/db/database.ts';
import type { TestApp } from '../support/app.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import type { SignedIn } from '../support/staff-session.ts';

export { signInAsRepresentative } from '../intake-provider/support.ts';

/** POSTs a multipart form with one file, the way a browser sends a form with a file input (signed in or not). */
export function postUpload(
  t: TestApp,
  who: SignedIn | null,
  url: string,
  form: Record<string, string>,
  file: { field: string; name: string; type: string; content: string | Buffer },
  options: { csrf?: boolean } = {},
): Promise<LightMyRequestResponse> {
  const boundary = `----vaka-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  const fields = who && options.csrf !== false ? { _csrf: who.csrfToken, ...form } : form;
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
  parts.push(typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  const headers = who ? who.headers : { accept: 'text/html' };
  return t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
}

/** POSTs a urlencoded form (a list value repeats its key, as checkboxes do) as a signed-in person, with their CSRF token. */
export function postForm(t: TestApp, who: SignedIn | null, url: string, form: Record<string, string | string[]>, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  if (who && options.csrf !== false) body.set('_csrf', who.csrfToken);
  return t.app.inject({ method: 'POST', url, headers: { ...(who ? who.headers : { accept: 'text/html' }), 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}

/** A provider with an e-mail address and an HVB home in Stockholm (avdelning Stockholm), and a second unit. */
export async function buildProviderWithUnits(db: Db, options: { email?: string | null; name?: string } = {}) {
  const provider = await buildProvider(db, { name: options.name ?? 'Solgläntans Omsorg AB', email: options.email === undefined ? 'registrator@solglantan.example' : options.email });
  const unit = await buildUnit(db, { provider_id: provider.id, name: `HVB Solgläntan ${provider.id}`, form: 'hvb', kommun: '0180' });
  const second = await buildUnit(db, { provider_id: provider.id, name: `HVB Solgläntan Annex ${provider.id}`, form: 'hvb', kommun: '0180' });
  return { provider, unit, second };
}

/** A complaint case about the unit, with the person as its responsible officer (the case team). */
export async function openTestCase(t: Pick<TestApp, 'database' | 'config'>, options: { unitId: string; responsible?: SignedIn | null; title?: string }) {
  return openCase(
    t.database.db,
    { diariumTemplate: t.config.diarium.template, actor: { subject: 'test-opener', name: 'Test Öppnare' } },
    {
      caseType: 'complaint',
      title: options.title ?? 'Klagomål på bemötande och tillsyn nattetid',
      unitId: options.unitId,
      responsible: options.responsible ? { subject: options.responsible.subject, name: options.responsible.name } : null,
    },
  );
}

export async function addTeamMember(db: Db, caseId: number, who: SignedIn): Promise<void> {
  await db.insertInto('case_member').values({ case_id: caseId, subject: who.subject, name: who.name, role: 'member', added_by: 'test' }).execute();
}

export function get(t: TestApp, who: SignedIn | null, url: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url, headers: who ? who.headers : { accept: 'text/html' } });
}

/** Everything the investigation writes, so a refused request can be shown to have changed nothing. */
export async function investigationSnapshot(db: Db) {
  const count = async (table: 'case_request' | 'case_document' | 'case_document_version' | 'case_inspection' | 'inspection_finding' | 'inspection_interview' | 'outbox_email' | 'audit_log') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    requests: await count('case_request'),
    documents: await count('case_document'),
    versions: await count('case_document_version'),
    inspections: await count('case_inspection'),
    findings: await count('inspection_finding'),
    interviews: await count('inspection_interview'),
    outbox: await count('outbox_email'),
    audit: await count('audit_log'),
    requestStates: await db.selectFrom('case_request').select(['id', 'status', 'answer', 'reminded_at']).orderBy('id').execute(),
    inspectionStates: await db.selectFrom('case_inspection').select(['id', 'status', 'performed_on']).orderBy('id').execute(),
    caseStates: await db.selectFrom('case_file').select(['id', 'status']).orderBy('id').execute(),
  };
}

/** The error summary's links: [href, text]. */
export function errorLinks(html: string): { field: string; message: string }[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => ({ field: m[1], message: decode(m[2]) }));
}

export function decode(text: string): string {
  return text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A minimal, whole PDF (header to end-of-file marker). */
export const SMALL_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
