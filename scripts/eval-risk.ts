// Backtest of the risk score on a generated world with planted deteriorations (`npm run eval:risk`).
// Generates the demo world (default 40,000 units, seed 1), imports it into a throw-away embedded database,
// scores every unit at a series of as-of dates with the real scoreUnits, and compares the ranking with the
// generator's truth file beside two baselines computed in the same run. Prints a table and writes
// docs/risk-model-card.md. The scorer never sees the truth: only this harness reads it.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { migrateToLatest, openDatabase, pgliteParsers, type Db } from '../src/platform/db/database.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { loadReferenceData } from '../src/modules/registry/reference-data.ts';
import { importWorld } from '../src/modules/exchange/index.ts';
import { generateWorld, writeWorld } from '../src/modules/demo/index.ts';
import { scoreUnitsWithSummary, type RiskRunSummary } from '../src/modules/risk/score-units.ts';
import { METHOD, WEIGHTS } from '../src/modules/risk/method.ts';

const { values: args } = parseArgs({
  options: {
    units: { type: 'string', default: '40000' },
    seed: { type: 'string', default: '1' },
    /** An exchange-format directory with truth.json instead of generating. */
    data: { type: 'string' },
    from: { type: 'string', default: '2024-01-07' },
    to: { type: 'string', default: '2026-10-25' },
    'step-days': { type: 'string', default: '7' },
    /** Keep the imported database in this file (a PGlite dump) and reuse it next time. */
    cache: { type: 'string' },
    card: { type: 'string', default: 'docs/risk-model-card.md' },
    'no-card': { type: 'boolean', default: false },
  },
});

const log = (message: string) => process.stderr.write(`${message}\n`);
const DAY_MS = 86_400_000;

interface Truth {
  seed: number;
  until: string;
  deteriorating: { unitId: string; from: string; kind: string }[];
}

// ---------------------------------------------------------------------------------------------------------
// The world in an embedded database.


async function openWorld(): Promise<{ db: Db; truth: Truth; close: () => Promise<void>; label: string }> {
  const units = Number(args.units);
  const seed = Number(args.seed);
  const label = args.data ? `directory ${args.data}` : `demo world, ${units.toLocaleString('en')} units, seed ${seed}`;
  if (args.cache && existsSync(args.cache) && existsSync(`${args.cache}.truth.json`)) {
    log(`Loading the cached database ${args.cache} ...`);
    const handle = await openDatabase({ loadDataDir: new Blob([await readFile(args.cache)]) });
    const truth = JSON.parse(await readFile(`${args.cache}.truth.json`, 'utf8')) as Truth;
    return { db: handle.db, truth, close: handle.close, label };
  }
  let dir = args.data;
  let scratch: string | undefined;
  if (!dir) {
    scratch = await mkdtemp(path.join(tmpdir(), 'vaka-eval-'));
    dir = scratch;
    log(`Generating ${label} ...`);
    await writeWorld(dir, generateWorld({ units, seed }), () => undefined);
  }
  try {
    const truth = JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8')) as Truth;
    const pglite = await PGlite.create({ parsers: pgliteParsers });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    await migrateToLatest(db);
    await loadReferenceData(db);
    log('Importing ...');
    await importWorld(db, dir, { actor: 'eval-risk' });
    await sql`ANALYZE`.execute(db);
    if (args.cache) {
      const dump = await pglite.dumpDataDir('none');
      await writeFile(args.cache, Buffer.from(await dump.arrayBuffer()));
      await writeFile(`${args.cache}.truth.json`, JSON.stringify(truth));
    }
    return { db, truth, close: () => db.destroy(), label };
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rankings: the method and the two baselines.

interface UnitInfo {
  form: string;
  size: number;
}

/** Deterministic pseudo-random tie-break, so baselines with many ties are not favoured by id order. */
function tieBreak(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

function rank(scores: Map<string, number>): string[] {
  return [...scores.keys()].sort((a, b) => scores.get(b)! - scores.get(a)! || tieBreak(a) - tieBreak(b));
}

/** Baselines: all signals of the last 12 months (raw count), and that count over the form's national rate × size. */
async function baselines(db: Db, asOf: string): Promise<{ raw: Map<string, number>; crude: Map<string, number>; info: Map<string, UnitInfo> }> {
  // The end of the as-of day in Sweden, as in the risk engine.
  const cutoff = sql`((${asOf}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`;
  const rows = await sql<{ id: string; form: string; size: number; n: number }>`
    SELECT u.id, u.form, u.size, count(s.id)::int AS n
    FROM unit u
    LEFT JOIN signal s ON s.unit_id = u.id AND s.received_at < ${cutoff}
      AND s.received_at >= ${cutoff} - interval '365 days'
    WHERE (u.opened IS NULL OR u.opened <= ${asOf}::date) AND (u.closed IS NULL OR u.closed >= ${asOf}::date)
    GROUP BY u.id, u.form, u.size
  `.execute(db);
  const perForm = new Map<string, { n: number; size: number }>();
  for (const r of rows.rows) {
    const f = perForm.get(r.form) ?? { n: 0, size: 0 };
    f.n += r.n;
    f.size += r.size;
    perForm.set(r.form, f);
  }
  const raw = new Map<string, number>();
  const crude = new Map<string, number>();
  const info = new Map<string, UnitInfo>();
  for (const r of rows.rows) {
    const f = perForm.get(r.form)!;
    raw.set(r.id, r.n);
    crude.set(r.id, f.n > 0 ? r.n / ((f.n / f.size) * r.size) : 0);
    info.set(r.id, { form: r.form, size: r.size });
  }
  return { raw, crude, info };
}

// ---------------------------------------------------------------------------------------------------------
// Metrics.

interface DateMetrics {
  k: number;
  n: number;
  top10: Set<string>;
  rPrecision: number;
  precisionAt50: number;
  recallTop10: number;
  lift: number;
  topK: Set<string>;
  falseInTopK: Set<string>;
  decileFlags: number[];
}

function sizeDeciles(info: Map<string, UnitInfo>): Map<string, number> {
  const byForm = new Map<string, string[]>();
  for (const [id, u] of info) byForm.set(u.form, [...(byForm.get(u.form) ?? []), id]);
  const decile = new Map<string, number>();
  for (const ids of byForm.values()) {
    ids.sort((a, b) => info.get(a)!.size - info.get(b)!.size || tieBreak(a) - tieBreak(b));
    ids.forEach((id, i) => decile.set(id, Math.min(9, Math.floor((i * 10) / ids.length))));
  }
  return decile;
}

function evaluate(order: string[], relevant: Set<string>, deciles: Map<string, number>): DateMetrics {
  const n = order.length;
  const k = relevant.size;
  const topK = new Set(order.slice(0, k));
  const hits = (list: string[]) => list.filter((id) => relevant.has(id)).length;
  const top10 = order.slice(0, Math.ceil(n / 10));
  const decileFlags = new Array(10).fill(0);
  for (const id of top10) decileFlags[deciles.get(id)!]++;
  const rPrecision = k > 0 ? hits([...topK]) / k : NaN;
  return {
    k,
    n,
    top10: new Set(top10),
    rPrecision,
    precisionAt50: hits(order.slice(0, 50)) / Math.min(50, n),
    recallTop10: k > 0 ? hits(top10) / k : NaN,
    lift: k > 0 ? rPrecision / (k / n) : NaN,
    topK,
    falseInTopK: new Set([...topK].filter((id) => !relevant.has(id))),
    decileFlags: decileFlags.map((f) => f / top10.length),
  };
}

interface Summary {
  rPrecision: number;
  precisionAt50: number;
  recallTop10: number;
  lift: number;
  leadMedian: number;
  lead90: number;
  neverFound: number;
  /** Weeks from onset to entering the top 10 %. */
  leadTop10Median: number;
  /** Median lead time of the deteriorating units with at least two external signals in their first 8 weeks. */
  leadEvidentMedian: number;
  falseAlarmsPer1000: number;
  decileRatio: number[];
}

class Tracker {
  private metrics: DateMetrics[] = [];
  private firstFound = new Map<string, string>();
  private firstTop10 = new Map<string, string>();
  private previousFalse = new Set<string>();
  private falseAlarms = 0;
  private normalUnitYears = 0;

  add(date: string, m: DateMetrics, relevant: Set<string>, stepDays: number): void {
    this.metrics.push(m);
    for (const id of m.topK) if (relevant.has(id) && !this.firstFound.has(id)) this.firstFound.set(id, date);
    for (const id of m.top10) if (relevant.has(id) && !this.firstTop10.has(id)) this.firstTop10.set(id, date);
    for (const id of m.falseInTopK) if (!this.previousFalse.has(id)) this.falseAlarms++;
    this.previousFalse = m.falseInTopK;
    this.normalUnitYears += ((m.n - relevant.size) * stepDays) / 365.25;
  }

  summary(truth: Truth, from: string, to: string, stepDays: number, evidentEarly: Set<string>): Summary {
    const mean = (f: (m: DateMetrics) => number) => {
      const values = this.metrics.map(f).filter((v) => Number.isFinite(v));
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const startFrom = new Date(Date.parse(`${from}T00:00:00Z`) - stepDays * DAY_MS).toISOString().slice(0, 10);
    const inWindow = truth.deteriorating.filter((d) => d.from > startFrom && d.from <= to);
    const leadsTo = (first: Map<string, string>, among = inWindow) => among
      .map((d) => {
        const found = first.get(d.unitId);
        return found ? (Date.parse(found) - Date.parse(d.from)) / (7 * DAY_MS) : Infinity;
      })
      .sort((a, b) => a - b);
    const leads = leadsTo(this.firstFound);
    const leadsTop10 = leadsTo(this.firstTop10);
    const quantile = (q: number, list = leads) => list[Math.min(list.length - 1, Math.floor(q * list.length))];
    const deciles = Array.from({ length: 10 }, (_, d) => mean((m) => m.decileFlags[d]) / 0.1);
    return {
      rPrecision: mean((m) => m.rPrecision),
      precisionAt50: mean((m) => m.precisionAt50),
      recallTop10: mean((m) => m.recallTop10),
      lift: mean((m) => m.lift),
      leadMedian: quantile(0.5),
      lead90: quantile(0.9),
      neverFound: leads.filter((l) => l === Infinity).length / leads.length,
      leadTop10Median: quantile(0.5, leadsTop10),
      leadEvidentMedian: quantile(0.5, leadsTo(this.firstFound, inWindow.filter((d) => evidentEarly.has(d.unitId)))),
      falseAlarmsPer1000: (1000 * this.falseAlarms) / this.normalUnitYears,
      decileRatio: deciles,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// What the data allows: how many signals a deteriorating unit has shortly after onset, against normal units.

interface DataLimits {
  units: number;
  /** The deteriorating units with at least two external signals in the 8 weeks after onset. */
  evidentEarly: Set<string>;
  medianAfter: number;
  noneAfter: number;
  twoOrMoreAfter: number;
  medianExpectedBefore: number;
  normalWithOne: number;
  normalWithTwo: number;
  normalUnits: number;
}

async function dataLimits(db: Db, truth: Truth, from: string, to: string, midDate: string): Promise<DataLimits> {
  const external = ['tip', 'child_line', 'complaint', 'inquiry', 'police', 'work_environment', 'media', 'other'];
  const onsets = truth.deteriorating.filter((d) => d.from >= from && d.from <= to);
  const rows = await sql<{ unit_id: string; after: number; before: number }>`
    WITH onset AS (
      SELECT unit_id, (day || 'T00:00:00Z')::timestamptz AS at FROM unnest(${onsets.map((d) => d.unitId)}::text[], ${onsets.map((d) => d.from)}::text[]) AS o(unit_id, day)
    )
    SELECT o.unit_id, count(s.id) FILTER (WHERE s.received_at >= o.at AND s.received_at < o.at + interval '56 days')::int AS after,
           count(s.id) FILTER (WHERE s.received_at < o.at AND s.received_at >= o.at - interval '728 days')::int AS before
    FROM onset o
    LEFT JOIN signal s ON s.unit_id = o.unit_id AND s.channel = ANY(${external}::text[])
    GROUP BY o.unit_id
  `.execute(db);
  const cutoff = sql`((${midDate}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`;
  const normal = await sql<{ n: number; one: number; two: number }>`
    SELECT count(*)::int AS n, count(*) FILTER (WHERE k >= 1)::int AS one, count(*) FILTER (WHERE k >= 2)::int AS two
    FROM (
      SELECT u.id, count(s.id) AS k
      FROM unit u
      LEFT JOIN signal s ON s.unit_id = u.id AND s.channel = ANY(${external}::text[])
        AND s.received_at < ${cutoff} AND s.received_at >= ${cutoff} - interval '56 days'
      WHERE (u.opened IS NULL OR u.opened <= ${midDate}::date) AND (u.closed IS NULL OR u.closed >= ${midDate}::date)
        AND u.id <> ALL(${truth.deteriorating.map((d) => d.unitId)}::text[])
      GROUP BY u.id
    ) per_unit
  `.execute(db);
  const after = rows.rows.map((r) => r.after).sort((a, b) => a - b);
  const before = rows.rows.map((r) => r.before / 13).sort((a, b) => a - b);
  const median = (list: number[]) => list[Math.floor(list.length / 2)];
  const n = normal.rows[0];
  return {
    units: after.length,
    evidentEarly: new Set(rows.rows.filter((r) => r.after >= 2).map((r) => r.unit_id)),
    medianAfter: median(after),
    noneAfter: after.filter((x) => x === 0).length / after.length,
    twoOrMoreAfter: after.filter((x) => x >= 2).length / after.length,
    medianExpectedBefore: median(before),
    normalWithOne: n.one / n.n,
    normalWithTwo: n.two / n.n,
    normalUnits: n.n,
  };
}

function dates(from: string, to: string, stepDays: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += stepDays * DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : 'never');
const weeks = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)}` : 'not found');

async function main(): Promise<void> {
  const started = Date.now();
  const stepDays = Number(args['step-days']);
  const world = await openWorld();
  const asOfDates = dates(args.from!, args.to!, stepDays);
  const trackers = { method: new Tracker(), raw: new Tracker(), crude: new Tracker() };
  const truthByUnit = new Map(world.truth.deteriorating.map((d) => [d.unitId, d]));
  let scoringMs = 0;
  let limits: DataLimits | undefined;
  let lastSummary: RiskRunSummary | undefined;
  let alarmsTotal = 0;
  let newAlarmsTotal = 0;
  try {
    for (const [i, asOf] of asOfDates.entries()) {
      const t0 = Date.now();
      const { units: ranked, summary } = await scoreUnitsWithSummary(world.db, { asOf, explain: 'none' });
      scoringMs += Date.now() - t0;
      lastSummary = summary;
      alarmsTotal += summary.cusumAlarms;
      newAlarmsTotal += summary.cusumNewAlarms;
      const { raw, crude, info } = await baselines(world.db, asOf);
      const relevant = new Set([...info.keys()].filter((id) => {
        const d = truthByUnit.get(id);
        return d !== undefined && d.from <= asOf;
      }));
      const deciles = sizeDeciles(info);
      const methodOrder = ranked.map((r) => r.unitId);
      trackers.method.add(asOf, evaluate(methodOrder, relevant, deciles), relevant, stepDays);
      trackers.raw.add(asOf, evaluate(rank(raw), relevant, deciles), relevant, stepDays);
      trackers.crude.add(asOf, evaluate(rank(crude), relevant, deciles), relevant, stepDays);
      if (i % 10 === 0 || i === asOfDates.length - 1) {
        log(`${asOf}: ${ranked.length} units, ${relevant.size} deteriorated, scored in ${Date.now() - t0} ms`);
      }
    }
    limits = await dataLimits(world.db, world.truth, args.from!, args.to!, asOfDates[Math.floor(asOfDates.length / 2)]);
  } finally {
    await world.close();
  }
  const evident = limits?.evidentEarly ?? new Set<string>();
  const s = {
    method: trackers.method.summary(world.truth, args.from!, args.to!, stepDays, evident),
    raw: trackers.raw.summary(world.truth, args.from!, args.to!, stepDays, evident),
    crude: trackers.crude.summary(world.truth, args.from!, args.to!, stepDays, evident),
  };
  const betterBaseline = Math.max(s.raw.rPrecision, s.crude.rPrecision);
  const targets = [
    { name: 'R-precision ≥ 2× the better baseline', ok: s.method.rPrecision >= 2 * betterBaseline, value: `${fmt(s.method.rPrecision / betterBaseline)}×` },
    { name: 'Recall in the top 10 % ≥ 70 %', ok: s.method.recallTop10 >= 0.7, value: `${fmt(100 * s.method.recallTop10, 1)} %` },
    { name: 'Median lead time ≤ 8 weeks', ok: s.method.leadMedian <= 8, value: `${weeks(s.method.leadMedian)} weeks` },
    { name: 'No size decile flagged at > 2× its share', ok: Math.max(...s.method.decileRatio) <= 2, value: `max ${fmt(Math.max(...s.method.decileRatio))}×` },
  ];
  const rows: [string, (x: Summary) => string][] = [
    ['R-precision', (x) => fmt(x.rPrecision, 3)],
    ['Precision@50', (x) => fmt(x.precisionAt50, 3)],
    ['Recall of deteriorated units in the top 10 %', (x) => fmt(x.recallTop10, 3)],
    ['Lift over random (R-precision ÷ base rate)', (x) => fmt(x.lift, 1)],
    ['Median lead time (weeks)', (x) => weeks(x.leadMedian)],
    ['90th-percentile lead time (weeks)', (x) => weeks(x.lead90)],
    ['Deteriorated units never in the top k', (x) => `${fmt(100 * x.neverFound, 1)} %`],
    ['Median weeks from onset to the top 10 %', (x) => weeks(x.leadTop10Median)],
    ['Median lead time of units with ≥ 2 external signals in their first 8 weeks', (x) => weeks(x.leadEvidentMedian)],
    ['False alarms per 1,000 unit-years', (x) => fmt(x.falseAlarmsPer1000, 1)],
    ['Largest size-decile flag ratio', (x) => fmt(Math.max(...x.decileRatio))],
    ['Smallest size-decile flag ratio', (x) => fmt(Math.min(...x.decileRatio))],
  ];
  const table = [
    '| metric | Vaka risk score | baseline: raw count, 12 months | baseline: crude rate per size |',
    '|---|---:|---:|---:|',
    ...rows.map(([name, f]) => `| ${name} | ${f(s.method)} | ${f(s.raw)} | ${f(s.crude)} |`),
  ].join('\n');
  const deciles = [
    '| size decile (within form) | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 |',
    '|---|' + '---:|'.repeat(10),
    ...(['method', 'raw', 'crude'] as const).map((key) => `| ${{ method: 'Vaka risk score', raw: 'raw count', crude: 'crude rate' }[key]} | ${s[key].decileRatio.map((r) => fmt(r)).join(' | ')} |`),
  ].join('\n');
  const targetTable = ['| target | result | met |', '|---|---:|:---:|', ...targets.map((t) => `| ${t.name} | ${t.value} | ${t.ok ? 'yes' : 'no'} |`)].join('\n');
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  const perDate = (scoringMs / asOfDates.length / 1000).toFixed(2);
  console.log(`\n${world.label}; ${asOfDates.length} as-of dates ${asOfDates[0]} … ${asOfDates[asOfDates.length - 1]} every ${stepDays} days\n`);
  console.log(table);
  console.log(`\nFlag rate by size decile (share of top-10 % flags ÷ 10 %):\n${deciles}`);
  console.log(`\n${targetTable}`);
  const limitsText = limits
    ? `In the first 8 weeks after onset the ${limits.units} deteriorating units had a median of ${limits.medianAfter} external signal${limits.medianAfter === 1 ? '' : 's'} (${fmt(100 * limits.noneAfter, 0)} % none, ${fmt(100 * limits.twoOrMoreAfter, 0)} % two or more); their own rate before onset predicted a median of ${fmt(limits.medianExpectedBefore)}. Among the ${limits.normalUnits.toLocaleString('en')} normal units, ${fmt(100 * limits.normalWithOne, 1)} % had at least one external signal and ${fmt(100 * limits.normalWithTwo, 1)} % at least two in the 8 weeks before ${asOfDates[Math.floor(asOfDates.length / 2)]}.`
    : '';
  console.log(`\n${limitsText}`);
  console.log(`\nScoring took ${perDate} s per as-of date; whole run ${minutes} min. Last run: α = ${lastSummary?.alpha}, τ² = ${JSON.stringify(lastSummary?.tau2)}, CUSUM h = ${lastSummary?.cusumThreshold}, ${lastSummary?.cusumAlarms} units in alarm; mean ${(alarmsTotal / asOfDates.length).toFixed(0)} units in alarm and ${(newAlarmsTotal / asOfDates.length).toFixed(1)} new alarms in the week before each date.`);

  if (!args['no-card']) {
    await writeFile(args.card!, modelCard({
      label: world.label, asOfDates, stepDays, table, deciles, targetTable, perDate, summary: lastSummary, truth: world.truth, limitsText,
      newAlarmsPerWeek: (newAlarmsTotal / asOfDates.length).toFixed(1),
    }));
    log(`Wrote ${args.card}`);
  }
}

function modelCard(p: {
  label: string; asOfDates: string[]; stepDays: number; table: string; deciles: string; targetTable: string; perDate: string;
  summary: RiskRunSummary | undefined; truth: Truth; limitsText: string; newAlarmsPerWeek: string;
}): string {
  const today = new Date().toISOString().slice(0, 10);
  const weights = Object.entries(WEIGHTS).map(([code, w]) => `\`${code}\` ${w}`).join(', ');
  return `# Model card: Vaka risk score

Generated by \`npm run eval:risk\` (scripts/eval-risk.ts) on ${today}. Do not edit by hand: run the script again.

## What it is
A national, continuous ranking of supervised units by the risk that they are deteriorating, for planning
inspections and triage (issue 4). One score per unit in 0–1 with its contributions and reasons in plain
Swedish. The method, its formulas and the reasons for each choice are in [risk-method.md](risk-method.md).

In short: expected signal counts from national rates per form × size band (time-adjusted by the national
weekly profile); a self-starting Poisson–gamma change scan (a CUSUM whose in-control rate is learnt from the
unit's own history, shrunk to its peers) with severity and channel likelihood ratios as the main term; a
Poisson CUSUM over the last year for alarms, its threshold set for a national budget of about
${METHOD.alarmsPerWeek} alarms a week; Spiegelhalter funnel z-scores with additive over-dispersion (τ²,
DerSimonian–Laird with winsorising) for external and serious signals against peers, serious ones weighted
½ ⅓ ⅙ by age band; lex Maria / lex Sarah reports kept out of the risk terms and given a small credit; EWMA of
indicator declines against the unit's own level and beta-binomial-shrunk indicator levels against the
nation; inspection findings (½ ⅓ ⅙ by year) and time since the last inspection; hard triggers for acute
signals in the last ${METHOD.acuteTriggerDays} days and banned, revoked, stayed or appealed permits, which lift
a unit to a score of at least ${METHOD.triggerScoreFloor}. Score = raw ÷ (raw + ${METHOD.scoreHalfAt.toFixed(2)}), raw = Σ weight ×
value with non-negative weights: ${weights}.

## Evaluation data
- World: ${p.label}; signal history 2022-01-01 … ${p.truth.until}; ${p.truth.deteriorating.length} units
  deteriorate from a date in the truth file (their signal rate rises 3–6×, indicators worsen, inspections
  find deficiencies). The scorer never reads the truth file.
- As-of dates: ${p.asOfDates.length} dates, ${p.asOfDates[0]} … ${p.asOfDates[p.asOfDates.length - 1]}, every
  ${p.stepDays} days. At each date only what was known then is used (strict as-of).
- Relevant units at a date: truth units with \`from\` ≤ the date that are still open; k = their number.

## Metrics (means over the as-of dates)
${p.table}

Definitions: R-precision = share of the top k that are deteriorating; precision@50 the same in the top 50;
recall in the top 10 % = share of deteriorating units ranked in the top tenth of all open units; lift =
R-precision ÷ (k ÷ number of units); lead time = weeks from \`from\` to the first as-of date at which the unit
is in the top k (units deteriorating from within the evaluation period; "not found" = never within it), also
shown for the units whose data shows the change early (at least two external signals in the 8 weeks after
\`from\`); false alarms = entries of non-deteriorating units into the top k, per 1,000 unit-years of non-deteriorating
units; the size-decile ratio is the share of the top-10 % flags falling in a decile of size (within each
form) divided by 10 % (1 = no size bias). Baselines: all signals of the last 12 months; the same count
divided by the form's national rate × size (a crude rate, no shrinkage and no over-dispersion).

### Flag rate by size decile
${p.deciles}

## Targets (issue 4)
${p.targetTable}

## Limits
- Figures come from a synthetic world; they show the method finds what the generator planted, not that it
  predicts real inspection results. Re-run on real, back-dated data before relying on it.
- Early detection is bounded by the data. ${p.limitsText} A unit with one signal in eight weeks looks like
  thousands of others, so no ranking can put most deteriorating units in the top k within eight weeks; the
  lead time reflects how fast evidence accumulates (risk-method.md, "What the data allows").
- CUSUM alarms: on average ${p.newAlarmsPerWeek} new alarms in the week before each as-of date (budget: about
  ${METHOD.alarmsPerWeek} a week for 40,000 units).
- Scoring took ${p.perDate} s per as-of date on the embedded database. Last date's national parameters:
  α = ${p.summary?.alpha}, τ² = ${JSON.stringify(p.summary?.tau2)}, CUSUM threshold h = ${p.summary?.cusumThreshold}.
`;
}

await main();
