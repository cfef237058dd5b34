import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { openCase } from '../../src/modules/cases/index.ts';
import { decideCase } from '../../src/modules/cases/decisions/index.ts';
import type { DecisionInput } from '../../src/modules/cases/decisions/decision-input.ts';
import type { Db } from '../../src/platform/db/database.ts';
import type { TestApp } from '../support/app.ts';
import type { SignedIn } from '../support/staff-session.ts';

export const TEMPLATE = '{class}-{number:5}/{year}';
export const OFFICER = { subject: 'test-officer', name: 'Olle Officer' };
export const DECIDER = { subject: 'test-decider', name: 'Dora Beslutsfattare' };

/** Today in Sweden, as the app sees it. */
export const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
export const daysFrom = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** A case about a unit, opened through the real use case (optionally on a past date, with linked signals). */
export async function makeCase(db: Db, unitId: string, options: { now?: Date; signalIds?: string[]; title?: string } = {}) {
  return openCase(db, { diariumTemplate: TEMPLATE, actor: OFFICER, now: options.now }, {
    caseType: 'complaint',
    title: options.title ?? 'Klagomål på bemötande och läkemedelshantering',
    unitId,
    responsible: OFFICER,
    signalIds: options.signalIds,
  });
}

export const TWO_DEFICIENCIES: DecisionInput['deficiencies'] = [
  { finding: 'Läkemedel delades ut utan signering vid flera tillfällen.', legalBasis: '3 kap. 1 § HSL', riskArea: 'medication', severity: 3 },
  { finding: 'Verksamheten saknar rutin för avvikelsehantering.', legalBasis: '4 kap. 1 § SoL', riskArea: 'management_systems', severity: 2 },
];

/** A decision through the real use case: by default a demand for a report of actions with two deficiencies. */
export async function makeDecision(db: Db, caseId: number, input: Partial<DecisionInput> = {}, options: { now?: Date } = {}) {
  const decidedOn = input.decidedOn ?? today();
  return decideCase(db, { actor: DECIDER, portalUrl: 'http://vaka.test/provider', now: options.now }, caseId, {
    tool: 'demand_actions',
    decidedOn,
    reportBy: daysFrom(decidedOn, 60),
    fineAmount: null,
    summary: 'IVO har granskat läkemedelshanteringen och avvikelsehanteringen och funnit brister.',
    deficiencies: TWO_DEFICIENCIES,
    ...input,
  });
}

export const get = (t: TestApp, url: string, who?: SignedIn) => t.app.inject({ method: 'GET', url, headers: who?.headers ?? { accept: 'text/html' } });

/** POSTs a urlencoded form (repeated keys allowed) with the person's CSRF token. */
export function post(t: TestApp, url: string, who: SignedIn, form: Record<string, string | string[]>, csrf: string | null = who.csrfToken): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  if (csrf !== null) body.set('_csrf', csrf);
  return t.app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}

/** POSTs a multipart form with any number of files, the way a browser sends the action report form. */
export function postMultipart(
  t: TestApp,
  url: string,
  who: SignedIn,
  fields: Record<string, string>,
  files: { field: string; name: string; type: string; content: Buffer | string }[] = [],
  csrf: string | null = who.csrfToken,
): Promise<LightMyRequestResponse> {
  const boundary = `----vaka-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  const all = csrf === null ? fields : { _csrf: csrf, ...fields };
  for (const [name, value] of Object.entries(all)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(typeof file.content === 'string' ? Buffer.from(file.content) : file.content);
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
}

const TABLES = ['case_decision', 'decision_deficiency', 'case_document', 'case_document_version', 'inspection', 'action_report', 'case_note'] as const;

/**
 * Row counts of every table deciding or following up may write, and the case and decision rows themselves.
 * Audit rows of changes are counted; a logged read (a page shown again with its errors) is not a change.
 */
export async function snapshot(db: Db, caseId: number) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  counts.audit_changes = Number((await db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).where('action', '<>', 'case.read').executeTakeFirstOrThrow()).n);
  const caseRow = await db.selectFrom('case_file').select(['status', 'closed_at']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const decisions = await db.selectFrom('case_decision').select(['id', 'follow_up_status', 'follow_up_closed_at']).where('case_id', '=', caseId).orderBy('id').execute();
  const actions = await db.selectFrom('action_report').select(['id', 'assessment', 'assessment_note']).orderBy('id').execute();
  return { counts, caseRow, decisions, actions };
}

/** A small but whole PDF, as a scanner would write one. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
