// Every case route × every role: who gets the page or the action, who gets "not found" (or is sent to sign
// in), that nothing a person may not read is in any answer they get, and that a refused request changes
// nothing in the database — not even an audit row. The list of routes is checked against what the app
// registers, so a new case route without a line here fails this test.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import {
  addDays, buildPlaceAndPeople, buildWorld, CASE_TITLE, changedTables, errorSummaryOf, get, PDF, postForm, postMultipart, registeredRoutes, ROLE_KEYS, SECRETS, snapshot,
  tablesToWatch, today, type People, type Person, type Place, type RoleKey, type SecretName, type World,
} from './support.ts';

/** The parts of the app the matrix covers: the case routes of staff and providers, and the public diarium and decisions. */
const COVERED = /^(GET|POST|PUT|PATCH|DELETE|[A-Z]+) \/(staff\/arenden|staff\/effekter|provider\/arenden|diarium|beslut)(\/|$)/;

interface Probe {
  /** "METHOD /pattern" exactly as the app registers it. */
  route: string;
  /** What is asked, when one route is asked more than one way. */
  name?: string;
  /** Who gets a 2xx or 3xx answer; everyone else is refused. */
  allow: readonly RoleKey[] | 'everyone';
  /** A refusal other than "not found" that the policy wants for a role (the status it gives). */
  refuse?: Partial<Record<RoleKey, number>>;
  /** Text an allowed answer must hold (for the case team: the secret parts, so that their absence elsewhere means something). */
  shows?: (w: World, role: RoleKey) => string[];
  send: (who: Person | undefined, w: World) => Promise<LightMyRequestResponse>;
}

const TEAM = 'inspector in the case team' satisfies RoleKey;
const DEPARTMENT: RoleKey = 'inspector of the department, outside the team';
const OTHER_DEPARTMENT: RoleKey = 'inspector of another department';
const REPRESENTATIVE: RoleKey = 'representative of the provider';
const OTHER_REPRESENTATIVE: RoleKey = 'representative of another organisation';
/** case.read for the case's department: the team, the department's inspectors, the registrar and the decision maker. */
const READERS: RoleKey[] = [TEAM, DEPARTMENT, 'registrar', 'decision maker'];
/** case.work for the department. */
const WORKERS: RoleKey[] = [TEAM, DEPARTMENT, 'decision maker'];
/**
 * The case team: its inspector and the decision maker, who joined the team by deciding the case (the world's
 * decision is theirs). Secret documents, interviews and the provider's evidence are for them only.
 */
const CASE_TEAM: RoleKey[] = [TEAM, 'decision maker'];
/** Working on the case or registering in the diarium. */
const WORKERS_AND_REGISTRAR: RoleKey[] = [...WORKERS, 'registrar'];

/** Everything personal or secret in the world, and who may never see it (see forbiddenFor). */
const TEAM_ONLY: SecretName[] = ['secretCounterpart', 'secretFile', 'answerText', 'interviewSummary', 'secretRequestBody', 'evidenceFile'];
const ALL_SECRETS = Object.keys(SECRETS) as SecretName[];
const NOT_FOR_THE_PROVIDER: SecretName[] = ['secretCounterpart', 'secretFile', 'complainantName', 'complaintText', 'noteText', 'interviewSummary'];

function probes(people: People, place: Place): Probe[] {
  const teamSubject = people.who[TEAM].subject;
  const base = (w: World) => `/staff/arenden/${w.caseId}`;
  const day = today();
  const pdf = (field: string, name: string) => [{ field, name, type: 'application/pdf', content: PDF }];
  const action = (seq: number) => ({
    [`atgard-${seq}-beskrivning`]: 'Personalen har gått en utbildning i lågaffektivt bemötande.',
    [`atgard-${seq}-ansvarig`]: 'Föreståndaren',
    [`atgard-${seq}-klart`]: day,
    [`atgard-${seq}-underlag`]: 'Deltagarlista.',
  });
  return [
    // ---- the diarium: list, search by number, opening, the overview and its actions ----------------------------
    { route: 'GET /staff/arenden', allow: [...READERS, OTHER_DEPARTMENT], send: (who) => get(t(), who, '/staff/arenden') },
    { route: 'GET /staff/arenden/diarienummer/:diarienummer', allow: READERS, send: (who, w) => get(t(), who, `/staff/arenden/diarienummer/${encodeURIComponent(w.diarienummer)}`) },
    { route: 'GET /staff/arenden/nytt', allow: [...READERS, OTHER_DEPARTMENT], send: (who, w) => get(t(), who, `/staff/arenden/nytt?signal=${w.freeSignalId}`) },
    {
      route: 'POST /staff/arenden/nytt',
      allow: READERS,
      // The unit's department is not theirs: the form says so (the register is no secret) and opens nothing.
      refuse: { [OTHER_DEPARTMENT]: 400 },
      send: (who) =>
        postForm(t(), who, '/staff/arenden/nytt', {
          action: 'save', caseType: 'complaint', title: 'Klagomål på maten', unitId: place.unitId, unitQuery: '', departmentCode: '', signalIds: '', responsible: '', dueOn: '',
        }),
    },
    { route: 'GET /staff/arenden/:id', allow: READERS, shows: (w, role) => [w.diarienummer, ...(role === TEAM ? [SECRETS.secretCounterpart, SECRETS.secretFile, SECRETS.noteText] : [])], send: (who, w) => get(t(), who, base(w)) },
    { route: 'POST /staff/arenden/:id/lag', allow: WORKERS, send: (who, w) => postForm(t(), who, `${base(w)}/lag`, { member: people.colleagues.toAdd.subject }) },
    { route: 'POST /staff/arenden/:id/lag/ta-bort', allow: WORKERS, send: (who, w) => postForm(t(), who, `${base(w)}/lag/ta-bort`, { member: people.colleagues.toRemove.subject }) },
    { route: 'POST /staff/arenden/:id/ansvarig', allow: WORKERS, send: (who, w) => postForm(t(), who, `${base(w)}/ansvarig`, { responsible: people.colleagues.toMakeResponsible.subject }) },
    { route: 'POST /staff/arenden/:id/anteckningar', allow: WORKERS, send: (who, w) => postForm(t(), who, `${base(w)}/anteckningar`, { note: 'Ringde verksamhetschefen.' }) },
    { route: 'POST /staff/arenden/:id/signaler', allow: WORKERS_AND_REGISTRAR, send: (who, w) => postForm(t(), who, `${base(w)}/signaler`, { signalId: w.freeSignalId }) },
    { route: 'POST /staff/arenden/:id/status', allow: WORKERS, send: (who, w) => postForm(t(), who, `${base(w)}/status`, { status: 'closed', reason: 'Utrett färdigt.' }) },
    { route: 'POST /staff/arenden/:id/tidsfrist', allow: WORKERS, send: (who, w) => postForm(t(), who, `${base(w)}/tidsfrist`, { dueOn: addDays(day, 90) }) },
    {
      route: 'POST /staff/arenden/:id/handlingar',
      allow: WORKERS_AND_REGISTRAR,
      send: (who, w) =>
        postMultipart(t(), who, `${base(w)}/handlingar`, { direction: 'incoming', documentDate: day, counterpart: place.providerName, subject: 'Yttrande', secrecy: 'public', secrecyReference: '' }, pdf('file', 'yttrande.pdf')),
    },
    { route: 'GET /staff/arenden/:id/handlingar/:docId', name: 'a secret document (masked outside the team)', allow: READERS, shows: (_w, role) => (CASE_TEAM.includes(role) ? [SECRETS.secretCounterpart] : []), send: (who, w) => get(t(), who, `${base(w)}/handlingar/${w.secretDocumentId}`) },
    { route: 'POST /staff/arenden/:id/handlingar/:docId/versioner', name: 'a new version of a public document', allow: WORKERS_AND_REGISTRAR, send: (who, w) => postMultipart(t(), who, `${base(w)}/handlingar/${w.publicDocumentId}/versioner`, {}, pdf('file', 'ny.pdf')) },
    { route: 'POST /staff/arenden/:id/handlingar/:docId/versioner', name: 'a new version of a secret document', allow: CASE_TEAM, send: (who, w) => postMultipart(t(), who, `${base(w)}/handlingar/${w.secretDocumentId}/versioner`, {}, pdf('file', 'ny.pdf')) },
    { route: 'GET /staff/arenden/:id/handlingar/:docId/versioner/:version', name: 'the file of a public document', allow: READERS, send: (who, w) => get(t(), who, `${base(w)}/handlingar/${w.publicDocumentId}/versioner/1`) },
    { route: 'GET /staff/arenden/:id/handlingar/:docId/versioner/:version', name: 'the file of a secret document', allow: CASE_TEAM, send: (who, w) => get(t(), who, `${base(w)}/handlingar/${w.secretDocumentId}/versioner/1`) },

    // ---- the investigation: requests and inspections ----------------------------------------------------------
    { route: 'GET /staff/arenden/:id/begaran', allow: READERS, shows: (_w, role) => (role === TEAM ? [SECRETS.answerText, SECRETS.secretRequestBody] : []), send: (who, w) => get(t(), who, `${base(w)}/begaran`) },
    { route: 'POST /staff/arenden/:id/begaran', allow: WORKERS, send: (who, w) => postForm(t(), who, `${base(w)}/begaran`, { subject: 'Komplettering', body: 'Skicka rutinen för tvångsåtgärder.', replyBy: addDays(day, 14) }) },
    { route: 'POST /staff/arenden/:id/begaran/:requestId/aterkalla', allow: WORKERS, send: (who, w) => postForm(t(), who, `${base(w)}/begaran/${w.withdrawableRequestId}/aterkalla`, {}) },
    { route: 'GET /staff/arenden/:id/inspektioner', allow: READERS, send: (who, w) => get(t(), who, `${base(w)}/inspektioner`) },
    {
      route: 'POST /staff/arenden/:id/inspektioner',
      allow: WORKERS,
      send: (who, w) => postForm(t(), who, `${base(w)}/inspektioner`, { unitId: place.unitId, announced: 'yes', plannedOn: addDays(day, 30), team: [teamSubject], selectionProjectId: '' }),
    },
    { route: 'GET /staff/arenden/:id/inspektioner/:inspectionId', name: 'a performed inspection with an interview', allow: READERS, shows: (_w, role) => (role === TEAM ? [SECRETS.interviewSummary] : []), send: (who, w) => get(t(), who, `${base(w)}/inspektioner/${w.performedInspectionId}`) },
    { route: 'POST /staff/arenden/:id/inspektioner/:inspectionId/genomford', allow: WORKERS, send: (who, w) => postForm(t(), who, `${base(w)}/inspektioner/${w.plannedInspectionId}/genomford`, { performedOn: day }) },
    { route: 'POST /staff/arenden/:id/inspektioner/:inspectionId/installd', allow: WORKERS, send: (who, w) => postForm(t(), who, `${base(w)}/inspektioner/${w.cancellableInspectionId}/installd`, {}) },
    {
      route: 'POST /staff/arenden/:id/inspektioner/:inspectionId/iakttagelser',
      allow: WORKERS,
      send: (who, w) => postForm(t(), who, `${base(w)}/inspektioner/${w.performedInspectionId}/iakttagelser`, { riskArea: 'documentation', legalBasis: '11 kap. 5 § SoL', finding: 'Genomförandeplaner saknades.', severity: '2' }),
    },
    {
      route: 'POST /staff/arenden/:id/inspektioner/:inspectionId/intervjuer',
      // Interviews are personal data: the case team only.
      allow: CASE_TEAM,
      send: (who, w) => postForm(t(), who, `${base(w)}/inspektioner/${w.performedInspectionId}/intervjuer`, { interviewee: 'relative', summary: 'Mamman berättade om kvällarna.', userPerspective: 'Att få veta vad som händer.' }),
    },

    // ---- decisions and follow-up ------------------------------------------------------------------------------
    { route: 'GET /staff/arenden/:id/beslut', allow: READERS, shows: () => [SECRETS.actionText], send: (who, w) => get(t(), who, `${base(w)}/beslut`) },
    {
      route: 'POST /staff/arenden/:id/beslut',
      allow: ['decision maker'],
      send: (who, w) =>
        postForm(t(), who, `${base(w)}/beslut`, {
          handling: 'besluta', rader: '1', verktyg: 'criticism', beslutsdatum: day, 'redovisas-senast': '', vite: '', sammanfattning: 'Journalföringen brister.',
          'brist-1-iakttagelse': 'Journalerna saknar uppgifter om given behandling.', 'brist-1-lagrum': '11 kap. 5 § SoL', 'brist-1-riskomrade': 'documentation', 'brist-1-allvarlighet': '2',
        }),
    },
    { route: 'GET /staff/arenden/:id/beslut/:decisionId/pdf', allow: READERS, send: (who, w) => get(t(), who, `${base(w)}/beslut/${w.decisionId}/pdf`) },
    // The provider's evidence is registered as partly secret: the case team only.
    { route: 'GET /staff/arenden/:id/beslut/:decisionId/underlag/:reportId', allow: CASE_TEAM, send: (who, w) => get(t(), who, `${base(w)}/beslut/${w.decisionId}/underlag/${w.actionReportId}`) },
    {
      route: 'POST /staff/arenden/:id/beslut/:decisionId/atgarder/:reportId/bedomning',
      allow: WORKERS,
      send: (who, w) => postForm(t(), who, `${base(w)}/beslut/${w.decisionId}/atgarder/${w.actionReportId}/bedomning`, { [`bedomning-${w.actionReportId}-beslut`]: 'accepted', [`bedomning-${w.actionReportId}-kommentar`]: '' }),
    },
    {
      route: 'POST /staff/arenden/:id/beslut/:decisionId/avsluta',
      allow: WORKERS,
      send: (who, w) => postForm(t(), who, `${base(w)}/beslut/${w.decisionId}/avsluta`, { [`avsluta-${w.decisionId}-motivering`]: 'Bemanningen följs upp vid nästa inspektion.' }),
    },
    { route: 'GET /staff/arenden/:id/beslut/:decisionId/effekt', allow: [TEAM, DEPARTMENT, 'analyst', 'decision maker'], send: (who, w) => get(t(), who, `${base(w)}/beslut/${w.decisionId}/effekt`) },
    { route: 'GET /staff/effekter', allow: [TEAM, DEPARTMENT, OTHER_DEPARTMENT, 'analyst', 'decision maker'], send: (who) => get(t(), who, '/staff/effekter') },

    // ---- the provider portal ----------------------------------------------------------------------------------
    { route: 'GET /provider/arenden', allow: [REPRESENTATIVE, OTHER_REPRESENTATIVE], send: (who) => get(t(), who, '/provider/arenden') },
    { route: 'GET /provider/arenden/:id', allow: [REPRESENTATIVE], shows: (w) => [w.diarienummer, CASE_TITLE, SECRETS.answerText], send: (who, w) => get(t(), who, `/provider/arenden/${w.caseId}`) },
    { route: 'GET /provider/arenden/:id/begaran/:requestId/svar', allow: [REPRESENTATIVE], send: (who, w) => get(t(), who, `/provider/arenden/${w.caseId}/begaran/${w.openRequestId}/svar`) },
    {
      route: 'POST /provider/arenden/:id/begaran/:requestId/svar',
      name: 'an answer',
      allow: [REPRESENTATIVE],
      send: (who, w) => postForm(t(), who, `/provider/arenden/${w.caseId}/begaran/${w.openRequestId}/svar`, { answer: 'Vi arbetar enligt rutinen som bifogas.' }),
    },
    {
      route: 'POST /provider/arenden/:id/begaran/:requestId/svar',
      name: 'an answer with an attachment (multipart)',
      allow: [REPRESENTATIVE],
      send: (who, w) => postMultipart(t(), who, `/provider/arenden/${w.caseId}/begaran/${w.openRequestId}/svar`, { answer: 'Rutinen bifogas.' }, pdf('attachment', 'rutin.pdf')),
    },
    { route: 'GET /provider/arenden/:id/beslut/:decisionId', allow: [REPRESENTATIVE], send: (who, w) => get(t(), who, `/provider/arenden/${w.caseId}/beslut/${w.decisionId}`) },
    { route: 'POST /provider/arenden/:id/beslut/:decisionId', name: 'a report of actions', allow: [REPRESENTATIVE], send: (who, w) => postForm(t(), who, `/provider/arenden/${w.caseId}/beslut/${w.decisionId}`, action(2)) },
    {
      route: 'POST /provider/arenden/:id/beslut/:decisionId',
      name: 'a report of actions with evidence (multipart)',
      allow: [REPRESENTATIVE],
      send: (who, w) => postMultipart(t(), who, `/provider/arenden/${w.caseId}/beslut/${w.decisionId}`, action(2), pdf('atgard-2-fil', 'deltagarlista.pdf')),
    },

    // ---- public: the diarium and the decisions, for everyone, with what is secret left out ----------------------
    { route: 'GET /diarium', allow: 'everyone', shows: (w) => [w.diarienummer, 'Sekretessmarkerad'], send: (who, w) => get(t(), who, `/diarium?q=${encodeURIComponent(w.diarienummer)}`) },
    { route: 'GET /diarium/:diarienummer', allow: 'everyone', shows: (w) => [w.diarienummer, CASE_TITLE, 'Sekretessmarkerad'], send: (who, w) => get(t(), who, `/diarium/${encodeURIComponent(w.diarienummer)}`) },
    { route: 'GET /beslut', allow: 'everyone', send: (who) => get(t(), who, '/beslut') },
    { route: 'GET /beslut/:decisionId', allow: 'everyone', send: (who, w) => get(t(), who, `/beslut/${w.decisionId}`) },
    { route: 'GET /beslut/:decisionId/pdf', allow: 'everyone', send: (who, w) => get(t(), who, `/beslut/${w.decisionId}/pdf`) },
  ];
}

/** What must not be in an answer to this person: everything of the case when refused, the secret parts when allowed. */
function forbiddenFor(role: RoleKey, probe: Probe, allowed: boolean, w: World): string[] {
  const secrets = (names: SecretName[]) => names.map((name) => SECRETS[name]);
  const everything = [w.diarienummer, CASE_TITLE, w.freeSignalId, ...secrets(ALL_SECRETS)];
  if (CASE_TEAM.includes(role)) return [];
  if (probe.allow === 'everyone') return secrets(ALL_SECRETS);
  if (!allowed) return everything;
  if (role === DEPARTMENT || role === 'registrar') return secrets(TEAM_ONLY);
  if (role === REPRESENTATIVE) return secrets(NOT_FOR_THE_PROVIDER);
  if (role === 'analyst') return secrets(ALL_SECRETS);
  // Pages of their own (their department's list, their organisations' cases): nothing of this case.
  return everything;
}

let current: TestApp;
const t = () => current;

describe.each(databaseKinds)('every case route × every role on %s', (kind) => {
  let people: People;
  let place: Place;
  let shared: World;
  let tables: string[];
  let all: Probe[];

  beforeAll(async () => {
    current = await createTestApp(kind);
    ({ people, place } = await buildPlaceAndPeople(current));
    shared = await buildWorld(current, place, people);
    tables = await tablesToWatch(current.database.db);
    all = probes(people, place);
  });
  afterAll(async () => {
    await current?.close();
  });

  it('has a line for every case route the app registers, and none for a route it does not', () => {
    const registered = [...new Set(registeredRoutes(current.app.printRoutes({ commonPrefix: false })).filter((r) => COVERED.test(r)))].sort();
    // The tree was read right: each route is one the router knows.
    for (const route of registered) {
      const [method, url] = route.split(' ');
      expect(current.app.hasRoute({ method: method as 'GET', url }), route).toBe(true);
    }
    expect(registered.length).toBeGreaterThan(40);
    expect([...new Set(all.map((p) => p.route))].sort()).toEqual(registered);
    expect(tables).toEqual(expect.arrayContaining(['case_file', 'case_document', 'case_request', 'case_inspection', 'case_decision', 'action_report', 'audit_log', 'outbox_email']));
  });

  for (const role of ROLE_KEYS) {
    it(`${role}: gets what the policy gives, sees nothing more, and a refused request changes nothing`, async () => {
      const db = current.database.db;
      const who = role === 'signed out' ? undefined : people.who[role];
      const failures: string[] = [];
      for (const probe of all) {
        const method = probe.route.split(' ')[0];
        const label = `${probe.route}${probe.name ? ` (${probe.name})` : ''}`;
        const allowed = probe.allow === 'everyone' || probe.allow.includes(role);
        const refusal = probe.refuse?.[role];
        // An action that may be taken gets a case of its own, so what one action does cannot stand in another's way.
        const world = allowed && method === 'POST' ? await buildWorld(current, place, people) : shared;
        const before = await snapshot(db, tables);
        const response = await probe.send(who, world);
        const changed = changedTables(before, await snapshot(db, tables));
        const status = response.statusCode;

        if (allowed) {
          if (method === 'POST' && status !== 303) failures.push(`${label}: expected 303 (done), got ${status} ${errorSummaryOf(response.body)}`);
          if (method !== 'POST' && !(status >= 200 && status < 400)) failures.push(`${label}: expected 2xx/3xx, got ${status}`);
          if (method === 'POST' && status === 303 && changed.length === 0) failures.push(`${label}: answered 303 but wrote nothing`);
          // Reading may log the read, and nothing else.
          if (method === 'GET' && changed.some((table) => table !== 'audit_log')) failures.push(`${label}: a GET changed ${changed.join(', ')}`);
          for (const text of probe.shows?.(world, role) ?? []) if (status === 200 && !response.body.includes(text)) failures.push(`${label}: the page does not show "${text}"`);
        } else {
          const expected = refusal ?? (role === 'signed out' ? (method === 'GET' ? 302 : 401) : 404);
          if (status !== expected) failures.push(`${label}: expected ${expected} (refused), got ${status}`);
          if (role === 'signed out' && method === 'GET' && status === 302 && !String(response.headers.location).startsWith('/auth/login?returnTo=')) {
            failures.push(`${label}: redirected to ${response.headers.location}, not to sign-in`);
          }
          if (changed.length > 0) failures.push(`${label}: refused, yet changed ${changed.join(', ')}`);
        }
        for (const text of forbiddenFor(role, probe, allowed, world)) {
          if (response.body.includes(text)) failures.push(`${label}: the answer (${status}) holds "${text}"`);
        }
      }
      expect(failures).toEqual([]);
    }, 600_000);
  }
});
