// Cases benchmark: the staff case search with 200,000 cases in the diarium (years 2019–2026, every unit of the
// 40,000-unit demo world, a few registered documents each), through the real route /staff/arenden with a
// signed-in session, beside a bare Fastify route under the same load in the same run.
// PGlite by default; BENCH_DATABASE_URL runs it on a PostgreSQL server as well (BENCH_PGLITE=false: only there).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { generateWorld, writeWorld } from '../src/modules/demo/index.ts';
import { importWorld } from '../src/modules/exchange/index.ts';
import { loadReferenceData } from '../src/modules/registry/index.ts';
import { drainRescoreRequests } from '../src/modules/risk/index.ts';
import { createStaffSession, SESSION_COOKIE } from '../src/platform/auth/index.ts';
import { migrateToLatest, openDatabase, type Db } from '../src/platform/db/database.ts';
import { startBareFastify, startVaka } from './_http.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 40000);
const CASES = Number(process.env.BENCH_CASES ?? 200_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 20);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);

/** What cases are about, for headings: the words staff search by. */
const TOPICS = [
  'bemötande', 'fördröjd diagnos', 'läkemedelshantering', 'tillsyn nattetid', 'vårdplanering', 'hygien och smittskydd',
  'bemanning och kompetens', 'samverkan vid utskrivning', 'tvångsåtgärder', 'informationsöverföring', 'journalföring',
  'fallskador', 'suicidprevention', 'avvikelsehantering', 'kontinuitet i hemtjänsten', 'nutrition', 'trycksår',
  'barns säkerhet', 'skydd mot övergrepp', 'delegering av hälso- och sjukvård', 'väntetider', 'tillgänglighet',
  'egenkontroll', 'utredning av vårdskada', 'medicinteknisk utrustning', 'provtagning', 'remisshantering',
  'personalens kompetens', 'inskrivning utan tillstånd', 'lokalernas lämplighet',
];

/** Case types in realistic proportions (per 100), with the heading's wording and the diarium class. */
const TYPES: { type: string; share: number; class: string; heading: string }[] = [
  { type: 'complaint', share: 35, class: '3.1', heading: 'Klagomål avseende ' },
  { type: 'lex_maria', share: 20, class: '3.2', heading: 'Anmälan enligt lex Maria om ' },
  { type: 'lex_sarah', share: 12, class: '3.2', heading: 'Rapport enligt lex Sarah om ' },
  { type: 'own_initiative', share: 10, class: '3.3', heading: 'Egeninitierad tillsyn av ' },
  { type: 'unexecuted_decision', share: 8, class: '3.4', heading: 'Ej verkställt beslut, ' },
  { type: 'permit_application', share: 6, class: '2.1', heading: 'Ansökan om tillstånd, ' },
  { type: 'register_notification', share: 3, class: '2.2', heading: 'Anmälan till vårdgivarregistret, ' },
  { type: 'government_assignment', share: 2, class: '1.2', heading: 'Regeringsuppdrag om ' },
  { type: 'fee', share: 2, class: '4.1', heading: 'Avgift för ' },
  { type: 'public_documents', share: 1, class: '1.4', heading: 'Begäran om allmän handling rörande ' },
  { type: 'journal_custody', share: 1, class: '2.3', heading: 'Omhändertagande av patientjournaler, ' },
];

const sqlArray = (values: string[]) => sql`ARRAY[${sql.join(values.map((v) => sql.lit(v)))}]::text[]`;

/**
 * Inserts `count` cases set-based: years 2019–2026 with numbers 1, 2, 3 … per year, each on a unit of the
 * register (its department and provider), a heading from its type and a topic, a status by age, the
 * department's inspector as responsible officer (and team member), and 1–4 registered documents each.
 */
export async function seedCases(db: Db, count: number): Promise<{ cases: number; documents: number }> {
  const years = 8;
  const perYear = Math.ceil(count / years);
  const typeOf: string[] = TYPES.flatMap((t) => Array.from({ length: t.share }, () => t.type));
  const classOf: string[] = TYPES.flatMap((t) => Array.from({ length: t.share }, () => t.class));
  const headingOf: string[] = TYPES.flatMap((t) => Array.from({ length: t.share }, () => t.heading));
  await sql`
    INSERT INTO case_file (diarienummer, diarium_class, diarium_series, diarium_year, diarium_number, case_type, title, status,
                           department_code, unit_id, provider_id, responsible, responsible_name, due_on, opened_at, closed_at, created_by)
    WITH units AS (
      SELECT u.id, u.provider_id, c.department_code, row_number() OVER (ORDER BY u.id) AS rn
      FROM unit u JOIN municipality m ON m.code = u.kommun JOIN county c ON c.code = m.county_code
    ), n AS (SELECT count(*) AS n FROM units),
    g AS (
      SELECT g, 2019 + (g - 1) / ${perYear} AS year, (g - 1) % ${perYear} + 1 AS number,
             abs(hashint4(g)::bigint) AS h, abs(hashint4(g * 7 + 3)::bigint) AS h2
      FROM generate_series(1, ${count}) g
    ), cases AS (
      SELECT g.*, (${sqlArray(typeOf)})[1 + g.h % 100] AS case_type, (${sqlArray(classOf)})[1 + g.h % 100] AS class,
             (${sqlArray(headingOf)})[1 + g.h % 100] || (${sqlArray(TOPICS)})[1 + g.h2 % ${TOPICS.length}] AS title,
             -- Spread over the year (2026 up to November), in number order.
             make_timestamptz(g.year, 1, 1, 8, 0, 0, 'Europe/Stockholm')
               + ((g.number - 1)::float8 / ${perYear} * (CASE WHEN g.year = 2026 THEN 320 ELSE 365 END)) * interval '1 day' AS opened_at
      FROM g
    )
    SELECT c.class || '-' || lpad(c.number::text, 5, '0') || '/' || c.year, c.class, 'main', c.year, c.number, c.case_type, c.title,
           CASE WHEN c.year < 2025 THEN 'closed'
                ELSE (ARRAY['open', 'investigation', 'investigation', 'decided', 'follow_up', 'closed'])[1 + c.h2 % 6] END,
           u.department_code, u.id, u.provider_id, 'demo-inspektor-' || u.department_code, 'Inspektör ' || u.department_code,
           (c.opened_at + interval '120 days')::date, c.opened_at,
           CASE WHEN c.year < 2025 THEN c.opened_at + interval '150 days' END, 'bench'
    FROM cases c CROSS JOIN n JOIN units u ON u.rn = 1 + (c.h2 / 7) % n.n
    -- In the order they were opened, as a diarium fills up.
    ORDER BY c.opened_at
  `.execute(db);
  await sql`
    INSERT INTO case_member (case_id, subject, name, role, added_by)
    SELECT id, responsible, responsible_name, 'responsible', 'bench' FROM case_file WHERE created_by = 'bench'
  `.execute(db);
  await sql`
    INSERT INTO case_document (case_id, document_number, direction, document_date, counterpart, subject, secrecy, secrecy_reference, registered_by, kind)
    SELECT c.id, d, (ARRAY['incoming', 'outgoing', 'incoming', 'drawn_up'])[d],
           (c.opened_at + (d * 9) * interval '1 day')::date,
           (ARRAY[NULL, 'Verksamheten', 'Verksamheten', NULL])[d],
           (ARRAY['Inkommen uppgift', 'Begäran om yttrande', 'Yttrande från verksamheten', 'Beslut'])[d],
           (ARRAY['secret', 'public', 'partly_secret', 'public'])[d],
           (ARRAY['25 kap. 1 § OSL', NULL, '25 kap. 1 § OSL', NULL])[d],
           'bench', (ARRAY['signal', 'request', 'answer', 'decision'])[d]
    FROM case_file c, generate_series(1, 1 + c.id::int % 4) d
    WHERE c.created_by = 'bench'
  `.execute(db);
  await sql`
    INSERT INTO diarium_counter (series, year, last_number)
    SELECT diarium_series, diarium_year, max(diarium_number) FROM case_file GROUP BY 1, 2
    ON CONFLICT (series, year) DO UPDATE SET last_number = excluded.last_number
  `.execute(db);
  await sql`ANALYZE`.execute(db);
  const cases = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_file`.execute(db)).rows[0].n);
  const documents = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_document`.execute(db)).rows[0].n);
  return { cases, documents };
}

/** Searches as staff make them: words of headings and unit names, diarienummer, filters, later pages. */
async function searchPaths(db: Db): Promise<{ national: string[]; department: string[] }> {
  const names = (await sql<{ name: string }>`SELECT name FROM unit ORDER BY md5(id) LIMIT 40`.execute(db)).rows.map((r) => r.name);
  const numbers = (await sql<{ diarienummer: string }>`SELECT diarienummer FROM case_file ORDER BY md5(diarienummer) LIMIT 20`.execute(db)).rows.map((r) => r.diarienummer);
  const queries = [
    ...names.map((n) => `q=${encodeURIComponent(n.split(' ').slice(-1)[0])}`),
    ...numbers.map((d) => `q=${encodeURIComponent(d)}`),
    ...numbers.map((d) => `q=${encodeURIComponent(d.slice(0, 7))}`),
    ...TOPICS.slice(0, 12).map((t) => `q=${encodeURIComponent(t.split(' ')[0])}`),
    'q=lex+maria+fallskador', 'q=klagom%C3%A5l+bem%C3%B6t', 'q=tillsyn&status=investigation', 'typ=lex_sarah', 'status=open',
    'fran=2026-03-01&till=2026-03-31', 'typ=complaint&fran=2025-01-01', 'q=l%C3%A4kemedel&sida=3', '', 'sida=2',
  ];
  return {
    national: queries.map((q) => `/staff/arenden?${q}`),
    department: queries.map((q) => `/staff/arenden?${q}`),
  };
}

interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Like _http.ts's load, with the session cookie on every request (the staff route needs a signed-in person). */
async function loadSignedIn(baseUrl: string, paths: string[], cookie: string, connections: number, seconds: number): Promise<LoadResult> {
  const times: number[] = [];
  let next = 0;
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    headers: cookie ? { cookie, accept: 'text/html' } : {},
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  return { requests: result.requests.total, perSecond: result.requests.average, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), errors: result.errors + result.non2xx };
}

function row(label: string, figure: string, ceiling: string, ratio: string) {
  console.log(`${label.padEnd(46)} ${figure.padStart(10)} ${ceiling.padStart(10)} ${ratio.padStart(7)}`);
}

async function benchDatabase(label: string, env: Record<string, string>, open: () => ReturnType<typeof openDatabase>, worldDir: string): Promise<void> {
  console.log(`\n[${label}] importing the demo world and ${CASES.toLocaleString('sv-SE')} cases ...`);
  const handle = await open();
  let sessions: { national: string; department: string };
  let paths: Awaited<ReturnType<typeof searchPaths>>;
  let seeded: { cases: number; documents: number };
  try {
    await migrateToLatest(handle.db);
    await loadReferenceData(handle.db);
    await importWorld(handle.db, worldDir, { actor: 'system:bench' });
    const started = performance.now();
    seeded = await seedCases(handle.db, CASES);
    console.log(`  ${seeded.cases.toLocaleString('sv-SE')} cases, ${seeded.documents.toLocaleString('sv-SE')} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // The app's start-up work (today's national risk run) done here, so the load measures search alone.
    await drainRescoreRequests(handle.db, { national: true });
    const national = await createStaffSession(handle.db, { subject: 'bench-registrator', name: 'Bench Registrator', email: null, roles: ['registrar'], department: null });
    const department = await createStaffSession(handle.db, { subject: 'demo-inspektor-stockholm', name: 'Bench Inspektör', email: null, roles: ['inspector'], department: 'stockholm' });
    sessions = { national: `${SESSION_COOKIE}=${national.token}`, department: `${SESSION_COOKIE}=${department.token}` };
    paths = await searchPaths(handle.db);
  } finally {
    await handle.close();
  }

  const vaka = await startVaka(env);
  const bare = await startBareFastify();
  try {
    // The first search (on PGlite it loads the in-memory index), then every path must answer 200 before anything is measured.
    const firstStarted = performance.now();
    await (await fetch(`${vaka.url}/staff/arenden`, { headers: { cookie: sessions.national, accept: 'text/html' } })).arrayBuffer();
    console.log(`  first search after start: ${(performance.now() - firstStarted).toFixed(0)} ms`);
    for (const p of [...paths.national, ...paths.department]) {
      const response = await fetch(`${vaka.url}${p}`, { headers: { cookie: sessions.national, accept: 'text/html' } });
      if (response.status !== 200) throw new Error(`${p} answered ${response.status}`);
      await response.arrayBuffer();
    }
    // PGlite's WebAssembly is compiled to fast code only once it has run a while: warm both servers well first.
    await loadSignedIn(vaka.url, paths.national, sessions.national, 10, WARM_UP_SECONDS);
    await loadSignedIn(vaka.url, paths.department, sessions.department, 10, WARM_UP_SECONDS / 2);
    await loadSignedIn(bare.url, ['/bare'], '', 10, 3);
    console.log(`[${label}] ${seeded.cases.toLocaleString('sv-SE')} cases, ${seeded.documents.toLocaleString('sv-SE')} documents; load ${SECONDS} s per figure, ${new Date().toISOString().slice(0, 10)}`);
    row('figure', 'Vaka', 'ceiling', 'ratio');
    for (const connections of CONNECTIONS) {
      const national = await loadSignedIn(vaka.url, paths.national, sessions.national, connections, SECONDS);
      const department = await loadSignedIn(vaka.url, paths.department, sessions.department, connections, SECONDS);
      const ceiling = await loadSignedIn(bare.url, ['/bare'], '', connections, SECONDS);
      const ratio = (a: number, b: number) => (a / Math.max(b, 0.1)).toFixed(2);
      row(`case search p95 ms, registrar, ${connections} conn.`, national.p95.toFixed(1), ceiling.p95.toFixed(1), ratio(national.p95, ceiling.p95));
      row(`case search p95 ms, inspector, ${connections} conn.`, department.p95.toFixed(1), ceiling.p95.toFixed(1), ratio(department.p95, ceiling.p95));
      row(`case search req/s, registrar, ${connections} conn.`, national.perSecond.toFixed(0), ceiling.perSecond.toFixed(0), (national.perSecond / ceiling.perSecond).toFixed(2));
      row(`case search req/s, inspector, ${connections} conn.`, department.perSecond.toFixed(0), ceiling.perSecond.toFixed(0), (department.perSecond / ceiling.perSecond).toFixed(2));
      console.log(`  p50/p99 ms: registrar ${national.p50.toFixed(1)}/${national.p99.toFixed(1)}, inspector ${department.p50.toFixed(1)}/${department.p99.toFixed(1)}; errors: ${national.errors + department.errors}, bare ${ceiling.errors}`);
    }
    console.log('target: case search p95 < 50 ms');
  } finally {
    vaka.stop();
    bare.stop();
    // Let the server close its connections before its database is dropped.
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

export async function run(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'vaka-bench-cases-'));
  try {
    const worldDir = path.join(work, 'world');
    console.log(`Generating the demo world: ${UNITS} units, seed 1 ...`);
    await writeWorld(worldDir, generateWorld({ units: UNITS, seed: 1 }));
    const dataDir = path.join(work, 'db');
    if (process.env.BENCH_PGLITE !== 'false') await benchDatabase('PGlite', { VAKA_DATA_DIR: dataDir }, () => openDatabase({ dataDir }), worldDir);

    const serverUrl = process.env.BENCH_DATABASE_URL;
    if (serverUrl) {
      const name = `vaka_bench_cases_${process.pid}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      try {
        await benchDatabase('PostgreSQL', { DATABASE_URL: url.toString(), VAKA_DATA_DIR: path.join(work, 'unused') }, () => openDatabase({ databaseUrl: url.toString() }), worldDir);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
