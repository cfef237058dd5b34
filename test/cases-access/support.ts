// The small world the route matrix runs in: one provider with a unit in avdelning Stockholm, the people of
// every role, and cases built through the cases module's own use cases (nothing inserted behind their back
// except a note and a team member), each holding every kind of thing a case route can reach.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { openCase, registerDocument } from '../../src/modules/cases/index.ts';
import { decideCase, reportActions } from '../../src/modules/cases/decisions/index.ts';
import { addInspectionFinding, addInspectionInterview, answerRequest, planInspection, recordInspectionPerformed, sendRequest } from '../../src/modules/cases/investigation/index.ts';
import type { Role } from '../../src/platform/auth/index.ts';
import type { Db } from '../../src/platform/db/database.ts';
import type { TestApp } from '../support/app.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { receiveTestSignal } from '../intake-triage/signals.ts';
import { signInAsRepresentative } from '../intake-provider/support.ts';
import { swedishToday, addDays } from '../../src/platform/dates.ts';

/** Everyone the matrix asks, by what they are to the case. */
export const ROLE_KEYS = [
  'signed out',
  'inspector in the case team',
  'inspector of the department, outside the team',
  'inspector of another department',
  'analyst',
  'permit officer',
  'registrar',
  'administrator',
  'decision maker',
  'representative of the provider',
  'representative of another organisation',
] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

export interface Person extends SignedIn {
  roles: Role[];
  department: string | null;
}

export interface People {
  who: Record<Exclude<RoleKey, 'signed out'>, Person>;
  /** Stockholm inspectors the team routes add, make responsible and remove. */
  colleagues: { toAdd: Person; toMakeResponsible: Person; toRemove: Person };
}

export interface Place {
  providerId: string;
  providerName: string;
  unitId: string;
  unitName: string;
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

export const today = () => swedishToday();
export { addDays };

async function staff(t: TestApp, role: Role, department?: string): Promise<Person> {
  return { ...(await signInAs(t, role, department)), roles: [role], department: department ?? null };
}

/** The provider and its unit in Stockholm (avdelning Stockholm), another organisation, and every person. */
export async function buildPlaceAndPeople(t: TestApp): Promise<{ place: Place; people: People; otherProviderId: string }> {
  const db = t.database.db;
  const provider = await buildProvider(db, { name: 'Solängens Vård AB', email: 'registrator@solangen.example' });
  const unit = await buildUnit(db, { provider_id: provider.id, name: 'HVB Solängen', form: 'hvb', kommun: '0180' });
  const other = await buildProvider(db, { name: 'Grannens Omsorg AB' });
  await buildUnit(db, { provider_id: other.id, name: 'HVB Grannhuset', form: 'hvb', kommun: '0180' });
  const representative = { ...(await signInAsRepresentative(t, [provider.id])), roles: ['provider_representative'] as Role[], department: null };
  const otherRepresentative = { ...(await signInAsRepresentative(t, [other.id])), roles: ['provider_representative'] as Role[], department: null };
  const people: People = {
    who: {
      'inspector in the case team': await staff(t, 'inspector', 'stockholm'),
      'inspector of the department, outside the team': await staff(t, 'inspector', 'stockholm'),
      'inspector of another department': await staff(t, 'inspector', 'syd'),
      analyst: await staff(t, 'analyst'),
      'permit officer': await staff(t, 'permit_officer'),
      registrar: await staff(t, 'registrar'),
      administrator: await staff(t, 'administrator'),
      'decision maker': await staff(t, 'decision_maker'),
      'representative of the provider': representative,
      'representative of another organisation': otherRepresentative,
    },
    colleagues: {
      toAdd: await staff(t, 'inspector', 'stockholm'),
      toMakeResponsible: await staff(t, 'inspector', 'stockholm'),
      toRemove: await staff(t, 'inspector', 'stockholm'),
    },
  };
  return { place: { providerId: provider.id, providerName: provider.name, unitId: unit.id, unitName: unit.name }, people, otherProviderId: other.id };
}

/** Words that only some may read: each is unique, so a page that shows one has leaked it. */
export const SECRETS = {
  complainantName: 'Greta Klagandesson',
  complaintText: 'Min son blev fasthållen av tre ur personalen i korridoren natten till tisdag.',
  secretCounterpart: 'Advokatbyrån Hemligsson',
  secretFile: 'hemlig-bilaga-fran-ombudet.pdf',
  noteText: 'Intern anteckning: ring verksamhetschefen om nattbemanningen.',
  answerText: 'Svar från verksamheten: den anställde är avstängd i väntan på utredning.',
  secretRequestBody: 'Redogör för vad som hände med den namngivna pojken den 3 mars.',
  interviewSummary: 'Pojken berättade att han inte vågar säga något till personalen.',
  actionText: 'Ny rutin för nattbemanning med två vakna medarbetare.',
  evidenceFile: 'underlag-brist-1.pdf',
} as const;
export type SecretName = keyof typeof SECRETS;

export const CASE_TITLE = 'Klagomål på bemötande och tvång på HVB-hem';

/** One case with something of every kind a route reaches. */
export interface World {
  caseId: number;
  diarienummer: string;
  /** A signal of the same department that no case has yet. */
  freeSignalId: string;
  secretDocumentId: number;
  publicDocumentId: number;
  /** Open: the provider answers it, staff withdraw it. */
  openRequestId: number;
  withdrawableRequestId: number;
  plannedInspectionId: number;
  cancellableInspectionId: number;
  performedInspectionId: number;
  decisionId: number;
  /** The provider's reported action against deficiency 1 (with an evidence file), awaiting assessment. */
  actionReportId: number;
}

/** A case as it is midway: signals, documents, requests (open, answered), inspections (planned, performed), a decision with a reported action. */
export async function buildWorld(t: TestApp, place: Place, people: People): Promise<World> {
  const db = t.database.db;
  const team = people.who['inspector in the case team'];
  const decider = people.who['decision maker'];
  const representative = people.who['representative of the provider'];
  const officer = { subject: team.subject, name: team.name, roles: team.roles, department: team.department };
  const day = today();

  const complaint = await receiveTestSignal(db, {
    channel: 'complaint',
    unitId: place.unitId,
    text: SECRETS.complaintText,
    submitterKind: 'identified',
    contact: { name: SECRETS.complainantName, email: 'greta@example.se' },
  });
  const free = await receiveTestSignal(db, { channel: 'complaint', unitId: place.unitId, text: 'Ytterligare uppgifter om nattbemanningen.' });
  const opened = await openCase(db, { diariumTemplate: t.config.diarium.template, actor: officer }, {
    caseType: 'complaint', title: CASE_TITLE, unitId: place.unitId, responsible: { subject: team.subject, name: team.name }, signalIds: [complaint.id],
  });
  const caseId = opened.id;
  const member = people.colleagues.toRemove;
  await db.insertInto('case_member').values({ case_id: caseId, subject: member.subject, name: member.name, role: 'member', added_by: team.subject }).execute();
  await db.insertInto('case_note').values({ case_id: caseId, author: team.subject, author_name: team.name, body: SECRETS.noteText }).execute();

  const [secretDocument, publicDocument] = await db.transaction().execute(async (trx) => [
    await registerDocument(trx, {
      caseId, direction: 'incoming', documentDate: day, counterpart: SECRETS.secretCounterpart, subject: 'Skrivelse från ombud', secrecy: 'secret', secrecyReference: '26 kap. 1 § OSL',
      registeredBy: team.subject, file: { filename: SECRETS.secretFile, mediaType: 'application/pdf', content: PDF },
    }),
    await registerDocument(trx, {
      caseId, direction: 'outgoing', documentDate: day, counterpart: place.providerName, subject: 'Underrättelse om tillsyn', secrecy: 'public',
      registeredBy: team.subject, file: { filename: 'underrattelse.pdf', mediaType: 'application/pdf', content: PDF },
    }),
  ]);

  const request = (subject: string, body: string, secret: boolean) =>
    sendRequest(db, { caseId, staff: officer, input: { subject, body, replyBy: addDays(day, 21), secret }, today: day });
  const open = await request('Yttrande över klagomål', 'Beskriv hur ni arbetar med lågaffektivt bemötande.', false);
  const withdrawable = await request('Komplettering om bemanning', 'Skicka schemat för nattpersonalen.', false);
  const answered = await request('Uppgifter om händelsen', SECRETS.secretRequestBody, true);
  const reporter = { subject: representative.subject, name: representative.name, organisations: [place.providerId] };
  await answerRequest(db, { representative: reporter, caseId, requestId: answered.id, answer: SECRETS.answerText, today: day });

  const plan = () => planInspection(db, { caseId, staff: officer, input: { unitId: place.unitId, announced: 'no', plannedOn: day, team: [team.subject], selectionProjectId: '' } });
  const planned = await plan();
  const cancellable = await plan();
  const performed = await plan();
  await recordInspectionPerformed(db, { caseId, inspectionId: performed.id, staff: officer, performedOn: day, today: day });
  await addInspectionFinding(db, { caseId, inspectionId: performed.id, staff: officer, input: { riskArea: 'safety_abuse', legalBasis: '3 kap. 5 § SoL', finding: 'Tvångsåtgärder dokumenterades inte.', severity: '3' } });
  await addInspectionInterview(db, { caseId, inspectionId: performed.id, staff: officer, input: { interviewee: 'user', summary: SECRETS.interviewSummary, userPerspective: 'Att bli lyssnad på.' } });

  const decided = await decideCase(db, { actor: { subject: decider.subject, name: decider.name }, portalUrl: `${t.config.publicUrl}/provider` }, caseId, {
    tool: 'demand_actions',
    decidedOn: day,
    reportBy: addDays(day, 60),
    fineAmount: null,
    summary: 'IVO har granskat hur hemmet använder tvång och funnit brister.',
    deficiencies: [
      { finding: 'Tvångsåtgärder dokumenterades inte.', legalBasis: '3 kap. 5 § SoL', riskArea: 'safety_abuse', severity: 3 },
      { finding: 'Nattbemanningen räcker inte för barnens behov.', legalBasis: '3 kap. 3 § SoL', riskArea: 'staffing_competence', severity: 2 },
    ],
  });
  const reported = await reportActions(db, {
    reporter,
    caseId,
    decisionId: decided.decisionId,
    rows: [{ deficiencySeq: 1, action: SECRETS.actionText, owner: 'Föreståndaren', doneOn: day, evidence: 'Schema bifogas.', file: { fileName: SECRETS.evidenceFile, mediaType: 'application/pdf', content: PDF } }],
  });

  return {
    caseId,
    diarienummer: opened.diarienummer,
    freeSignalId: free.id,
    secretDocumentId: secretDocument.id,
    publicDocumentId: publicDocument.id,
    openRequestId: open.id,
    withdrawableRequestId: withdrawable.id,
    plannedInspectionId: planned.id,
    cancellableInspectionId: cancellable.id,
    performedInspectionId: performed.id,
    decisionId: decided.decisionId,
    actionReportId: reported.reportIds[0],
  };
}

// ---- requests ---------------------------------------------------------------------------------------------

const headersOf = (who: SignedIn | undefined) => (who ? { ...who.headers } : { accept: 'text/html' });

export function get(t: TestApp, who: SignedIn | undefined, url: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url, headers: headersOf(who) });
}

/** A urlencoded form as a browser sends it, with the person's own CSRF token (repeated keys for lists). */
export function postForm(t: TestApp, who: SignedIn | undefined, url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  body.append('_csrf', who?.csrfToken ?? '');
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return t.app.inject({ method: 'POST', url, headers: { ...headersOf(who), 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}

/** A multipart form with files, as a browser sends a form with file inputs, with the person's own CSRF token first. */
export async function postMultipart(
  t: TestApp,
  who: SignedIn | undefined,
  url: string,
  fields: Record<string, string>,
  files: { field: string; name: string; type: string; content: Buffer }[],
): Promise<LightMyRequestResponse> {
  const data = new FormData();
  data.append('_csrf', who?.csrfToken ?? '');
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  for (const file of files) data.append(file.field, new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
  const encoded = new Request('http://localhost/', { method: 'POST', body: data });
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...headersOf(who), 'content-type': encoded.headers.get('content-type')! },
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
}

// ---- the database, before and after ------------------------------------------------------------------------

/** Reference data loaded with the schema: large, and no route writes it. */
const REFERENCE_TABLES = new Set(['department', 'county', 'municipality', 'postcode', 'kysely_migration', 'kysely_migration_lock']);

/** Every table of the application's schema except the reference data. */
export async function tablesToWatch(db: Db): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  return rows.rows.map((r) => r.name).filter((name) => !REFERENCE_TABLES.has(name));
}

export type Snapshot = Record<string, string>;

/**
 * Each table's row count and a hash of its row versions, in one statement. A row written in any way (inserted,
 * updated even to the same values, deleted) changes its table's figures: every write makes a new row version,
 * with the writing transaction's id (xmin) at a new place (ctid). Reading the versions instead of the rows'
 * content keeps a snapshot cheap however large the rows (stored PDFs) and tables grow.
 */
export async function snapshot(db: Db, tables: string[]): Promise<Snapshot> {
  const parts = tables.map(
    (name) => `SELECT '${name}' AS name, count(*)::int AS n, coalesce(sum(hashtextextended(x.ctid::text || '/' || x.xmin::text, 0)), 0)::text AS h FROM "${name}" x`,
  );
  const rows = await sql<{ name: string; n: number; h: string }>`${sql.raw(parts.join(' UNION ALL '))}`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.name, `${r.n} rows, ${r.h}`]));
}

/** The tables whose content differs between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]).sort();
}

// ---- the routes the app registers --------------------------------------------------------------------------

/**
 * Every route as "METHOD /path" from Fastify's route tree (printRoutes without common prefixes prints each
 * route's node as the rest of its parent's path, indented by depth). HEAD, which Fastify adds to every GET,
 * is left out.
 */
export function registeredRoutes(printed: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^([│ ]*)[├└]── (.*) \(([A-Z, ]+)\)$/.exec(line.replace(/\u00a0/g, ' '));
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    const path = `${depth === 0 ? '' : stack[depth - 1]}${match[2]}`;
    stack[depth] = path;
    for (const method of match[3].split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}

/** The text of a page's error summary, to say why a request that should have worked did not. */
export function errorSummaryOf(html: string): string {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return summary.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}
