import { sql } from 'kysely';
import { openCase, type OpenCaseInput } from '../../src/modules/cases/index.ts';
import type { Db } from '../../src/platform/db/database.ts';
import type { TestApp } from '../support/app.ts';
import type { SignedIn } from '../support/staff-session.ts';

export const TEMPLATE = '{class}-{number:5}/{year}';

/** Opens a case through the real use case, as the given person (a subject and name). */
export function openTestCase(db: Db, input: Partial<OpenCaseInput> & { title?: string }, actor = { subject: 'test-opener', name: 'Test Öppnare' }) {
  return openCase(db, { diariumTemplate: TEMPLATE, actor }, { caseType: 'complaint', title: 'Klagomål avseende bemötande', ...input });
}

/** The person as a case team member or responsible officer (their session's subject and name). */
export const personOf = (who: SignedIn) => ({ subject: who.subject, name: who.name });

const COUNTED = ['case_file', 'case_member', 'case_signal', 'case_document', 'case_document_version', 'case_note', 'diarium_counter', 'audit_log'] as const;

/** Everything a case route could change, to show that a refused request changed nothing. */
export async function snapshot(db: Db) {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) counts[table] = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)).rows[0].n);
  const cases = await sql`SELECT id, status, title, responsible, due_on, closed_at, extra::text FROM case_file ORDER BY id`.execute(db);
  const signals = await sql`SELECT id, case_ref, triage_status FROM signal ORDER BY id`.execute(db);
  const counters = await sql`SELECT series, year, last_number FROM diarium_counter ORDER BY 1, 2`.execute(db);
  return { counts, cases: cases.rows, signals: signals.rows, counters: counters.rows };
}

export async function lastAuditId(db: Db): Promise<number> {
  return (await db.selectFrom('audit_log').select(sql<number>`coalesce(max(id), 0)`.as('id')).executeTakeFirstOrThrow()).id;
}

export async function auditRowsAfter(db: Db, afterId: number) {
  return db.selectFrom('audit_log').select(['id', 'actor', 'action', 'entity_id', 'reason', 'details']).where('id', '>', afterId).orderBy('id').execute();
}

export function requests(t: TestApp) {
  const get = (url: string, who?: SignedIn) => t.app.inject({ method: 'GET', url, headers: who ? who.headers : { accept: 'text/html' } });
  const post = (url: string, who: SignedIn | undefined, form: Record<string, string | string[]>, csrf = who?.csrfToken ?? '') => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...form, _csrf: csrf })) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...(who ? who.headers : { accept: 'text/html' }), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  };
  /** A multipart form as a browser sends it, with an optional file. */
  const upload = async (url: string, who: SignedIn | undefined, form: Record<string, string>, file?: { name: string; type?: string; content: Uint8Array }, csrf = who?.csrfToken ?? '') => {
    const data = new FormData();
    data.append('_csrf', csrf);
    for (const [name, value] of Object.entries(form)) data.append(name, value);
    if (file) data.append('file', new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name);
    const encoded = new Request('http://localhost/', { method: 'POST', body: data });
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...(who ? who.headers : { accept: 'text/html' }), 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
  };
  return { get, post, upload };
}

/** Small real files of each kind the diarium takes, and some it does not. */
export const FILES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  png: Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a6f6d5a90000000049454e44ae426082',
    'hex',
  ),
  jpeg: Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300' + '08'.repeat(64) + 'ffd9', 'hex'),
  text: Buffer.from('Minnesanteckning från telefonsamtal med verksamhetschefen.\nÅtgärder utlovade.\n', 'utf8'),
  docx: docxLike(),
  exe: Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000', 'hex'),
  html: Buffer.from('<html><script>alert(1)</script></html>\u0000', 'utf8'),
  zip: Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.from('notes/readme.txt'.padEnd(120, ' ')), Buffer.from('504b0506', 'hex'), Buffer.alloc(18)]),
};

/** The bytes of a minimal Word document's archive: local headers, the two names Word needs, the end record. */
function docxLike(): Buffer {
  return Buffer.concat([
    Buffer.from('504b0304', 'hex'),
    Buffer.from('[Content_Types].xml'.padEnd(60, ' ')),
    Buffer.from('504b0304', 'hex'),
    Buffer.from('word/document.xml'.padEnd(60, ' ')),
    Buffer.from('504b0102', 'hex'),
    Buffer.from('word/document.xml'),
    Buffer.from('504b0506', 'hex'),
    Buffer.alloc(18),
  ]);
}
