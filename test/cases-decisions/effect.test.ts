import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDecisionCounts, loadIndicatorCounts } from '../../src/modules/cases/decisions/effect/effect-data.ts';
import { effectOf, findIndicatorEffects } from '../../src/modules/cases/decisions/effect/effect-view.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { daysFrom, get, makeCase, makeDecision } from './support.ts';

// The effect view on a constructed world, every number worked out by hand.
//
// A demand for a report of actions is decided on 2 March 2026 for a home-care unit T (size 10). The newest
// signal in the database is from 31 May 2026, so the windows are the 26 weeks before (182 days) and the 13
// weeks after (91 days). Comparable: C1, C2, C3 (same form, sizes 10, 11, 9, open throughout, no decisions).
// Not comparable: C4 (criticism during the period), C5 (opened during the period), C6 (another form), C7
// (closed during the period) — each has signals that would change the result if it were counted.
//
//                       before (26 wk)   after (13 wk)
//   T                   26 (1/wk)        6 (0.4615/wk)       + 5 lex Maria and 2 inspection findings: not external
//   C1, C2, C3          26, 7, 6 = 39    3, 12, 12 = 27      → 39/78 = 0.5/wk and 27/39 = 0.6923/wk
//   DiD = (6/13 − 1) − (27/39 − 0.5) = −0.538462 − 0.192308 = −0.730769
//   Poisson variance 26/26² + 6/13² + 39/78² + 27/39² = 0.098126 → half-width 1.959964 · 0.313251 = 0.613961
//   C1 fell (1 → 0.23/wk), C2 and C3 rose: a third of the comparison fell.
//
// Indicator "nöjdhet" (higher is better), the year before and the weeks after:
//   T 70 and 72 before (mean 71), 80 after: +9.   C1 70 → 72 (+2), C2 60 → 64 (+4), C3 80 → 80 (0): mean +2, sd 2.
//   DiD = 9 − 2 = 7; half-width 1.959964 · 2 · √(1 + 1/3) = 1.959964 · 2.309401 = 4.526343.

const DECIDED_ON = '2026-03-02';
const BEFORE_START = '2025-09-01';
let counter = 0;

async function addSignals(db: Db, unitId: string, from: string, count: number, options: { channel?: string; everyDays?: number } = {}) {
  const rows = Array.from({ length: count }, (_, k) => ({
    id: `S-EFFEKT-${++counter}`,
    unit_id: unitId,
    channel: options.channel ?? 'complaint',
    received_at: new Date(`${daysFrom(from, k * (options.everyDays ?? 7))}T12:00:00Z`),
    extra: '{}',
  }));
  if (rows.length) await db.insertInto('signal').values(rows).execute();
}

async function addIndicator(db: Db, unitId: string, values: [period: string, periodEnd: string, value: number][]) {
  await db
    .insertInto('indicator_value')
    .values(values.map(([period, period_end, value]) => ({ unit_id: unitId, indicator: 'nöjdhet', period, period_end, value, denominator: 100, direction: 'higher_better', extra: '{}' })))
    .execute();
}

describe.each(databaseKinds)('the effect view on a constructed example on %s', (kind) => {
  let t: TestApp;
  let decisionId: number;
  let caseId: number;
  let decisionMaker: SignedIn;
  let analyst: SignedIn;
  let inspector: SignedIn;
  let outsider: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const homeCare = (name: string, size: number, extra: Record<string, unknown> = {}) =>
      buildUnit(db, { name, form: 'hemtjanst', size, capacity: null, orientation: null, home_type: null, age_min: null, age_max: null, kommun: '0180', ...extra });
    const treated = await homeCare('Hemtjänsten Solrosen', 10);
    const c1 = await homeCare('Hemtjänsten Ett', 10);
    const c2 = await homeCare('Hemtjänsten Två', 11);
    const c3 = await homeCare('Hemtjänsten Tre', 9);
    const c4 = await homeCare('Hemtjänsten Kritiserad', 10);
    const c5 = await homeCare('Hemtjänsten Ny', 10, { opened: '2026-01-01' });
    const c6 = await buildUnit(db, { name: 'Äldreboendet Annan form', form: 'sabo', size: 10, kommun: '0180' });
    const c7 = await homeCare('Hemtjänsten Stängd', 10, { closed: '2026-04-01' });
    const elsewhere = await buildUnit(db, { name: 'Tandvården Sist', form: 'tandvard', size: 3, kommun: '0180' });

    await addSignals(db, treated.id, BEFORE_START, 26);
    await addSignals(db, treated.id, BEFORE_START, 5, { channel: 'lex_maria', everyDays: 30 });
    await addSignals(db, treated.id, '2026-01-10', 2, { channel: 'inspection_finding' });
    await addSignals(db, treated.id, '2025-08-01', 3, { channel: 'tip' }); // before the window
    await addSignals(db, treated.id, DECIDED_ON, 6, { everyDays: 14 });
    for (const [unit, before, after] of [[c1, 26, 3], [c2, 7, 12], [c3, 6, 12]] as const) {
      await addSignals(db, unit.id, BEFORE_START, before);
      await addSignals(db, unit.id, DECIDED_ON, after, { channel: 'tip' });
    }
    for (const unit of [c4, c5, c6, c7]) await addSignals(db, unit.id, DECIDED_ON, 12);
    await db.insertInto('inspection').values({ id: 'I-C4', unit_id: c4.id, date: daysFrom(DECIDED_ON, 10), announced: true, deficiencies: 2, outcome: 'criticism', extra: '{}' }).execute();
    // The newest signal of all: the data end on 31 May 2026, 90 days after the decision.
    await addSignals(db, elsewhere.id, daysFrom(DECIDED_ON, 90), 1);

    await addIndicator(db, treated.id, [['2025-Q2', '2025-06-30', 70], ['2025-Q4', '2025-12-31', 72], ['2026-Q1', '2026-03-31', 80]]);
    await addIndicator(db, c1.id, [['2025-Q4', '2025-12-31', 70], ['2026-Q1', '2026-03-31', 72]]);
    await addIndicator(db, c2.id, [['2025-Q4', '2025-12-31', 60], ['2026-Q1', '2026-03-31', 64]]);
    await addIndicator(db, c3.id, [['2025-Q4', '2025-12-31', 80], ['2026-Q1', '2026-03-31', 80]]);
    await addIndicator(db, c4.id, [['2025-Q4', '2025-12-31', 10], ['2026-Q1', '2026-03-31', 90]]);

    const opened = await makeCase(db, treated.id, { now: new Date(`${DECIDED_ON}T08:00:00Z`) });
    caseId = opened.id;
    decisionId = (await makeDecision(db, caseId, { decidedOn: DECIDED_ON }, { now: new Date(`${DECIDED_ON}T10:00:00Z`) })).decisionId;

    decisionMaker = await signInAs(t, 'decision_maker');
    analyst = await signInAs(t, 'analyst');
    inspector = await signInAs(t, 'inspector', 'stockholm');
    outsider = await signInAs(t, 'inspector', 'syd');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts the unit’s and the comparable units’ external signals in the database as worked out by hand', async () => {
    const [row] = await loadDecisionCounts(t.database.db, { decisionId });
    expect(row).toMatchObject({
      decision_id: decisionId,
      tool: 'demand_actions',
      decided_on: DECIDED_ON,
      until: '2026-05-31',
      before_days: 182,
      after_days: 91,
      treated_before: 26,
      treated_after: 6,
      control_units: 3,
      control_before: 39,
      control_after: 27,
      control_fell: 1,
    });
    const { effect, hasFollowUp } = effectOf(row);
    expect(hasFollowUp).toBe(true);
    expect(effect.did).toBeCloseTo(-0.730769, 5);
    expect(effect.interval!.low).toBeCloseTo(-0.730769 - 0.613961, 4);
    expect(effect.interval!.high).toBeCloseTo(-0.730769 + 0.613961, 4);
    expect(effect.controlShareFell).toBeCloseTo(1 / 3, 6);
  });

  it('gives the indicator’s difference in differences from the same comparable units', async () => {
    const [row] = await loadIndicatorCounts(t.database.db, { decisionId });
    expect(row).toMatchObject({ indicator: 'nöjdhet', direction: 'higher_better', treated_before: 71, treated_after: 80, control_units: 3, control_before: 70, control_after: 72 });
    expect(row.control_mean_change).toBeCloseTo(2, 9);
    expect(row.control_sd_change).toBeCloseTo(2, 9);
    const [effect] = await findIndicatorEffects(t.database.db, { decisionId });
    expect(effect.effect.did).toBeCloseTo(7, 9);
    expect(effect.effect.interval!.low).toBeCloseTo(7 - 4.526343, 5);
    expect(effect.improved).toBe(true);
  });

  it('shows the decision’s effect page with these numbers to those who may read effects there', async () => {
    const url = `/staff/arenden/${caseId}/beslut/${decisionId}/effekt`;
    const page = await get(t, url, decisionMaker);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Effekt: -0,73 signaler per vecka');
    expect(page.body).toContain('95 % intervall -1,34 till -0,12.');
    expect(page.body).toContain('Hemtjänsten Solrosen');
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain('<title id="effekt-fore-efter-titel">');
    // The table: 26 and 6 signals, 1 and 0.46 a week; the comparison 0.5 and 0.69 a week.
    expect(page.body).toMatch(/<td class="govuk-table__cell govuk-table__cell--numeric">26<\/td>\s*<td[^>]*>1,00<\/td>\s*<td[^>]*>6<\/td>\s*<td[^>]*>0,46<\/td>/);
    expect(page.body).toContain('>0,5<');
    expect(page.body).toContain('>0,69<');
    expect(page.body).toContain('+7,00 (+2,47 till +11,53)');
    expect(page.body).toContain('Bättre');
    // The case's own tab for those who read cases; a plain page for the analyst; nothing for another department.
    expect(page.body).toContain('aria-current="page"');
    const forAnalyst = await get(t, url, analyst);
    expect(forAnalyst.statusCode).toBe(200);
    expect(forAnalyst.body).toContain('Effekt: -0,73 signaler per vecka');
    expect(forAnalyst.body).not.toContain('Ärendets delar');
    expect((await get(t, url, inspector)).statusCode).toBe(200);
    expect((await get(t, url, outsider)).statusCode).toBe(404);
    expect((await get(t, `/staff/arenden/${caseId}/beslut/${decisionId + 99}/effekt`, decisionMaker)).statusCode).toBe(404);
    // The decisions tab links to it.
    expect((await get(t, `/staff/arenden/${caseId}/beslut`, inspector)).body).toContain(`href="${url}"`);
  });

  it('aggregates per tool on /staff/effekter, with a chart and its table', async () => {
    const page = await get(t, '/staff/effekter', analyst);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hela landet: 1 beslut, varav 1 har följts upp i minst 13 veckor');
    expect(page.body).toContain('data-tool="demand_actions"');
    expect(page.body).toContain('<title id="effekt-per-verktyg-titel">');
    expect(page.body).toContain('<desc id="effekt-per-verktyg-beskrivning">');
    expect(page.body).toMatch(/<th scope="row" class="govuk-table__header">Krav på redovisning av åtgärder<\/th>\s*<td[^>]*>1<\/td>\s*<td[^>]*>-0,73<\/td>\s*<td[^>]*>kan inte räknas ut<\/td>\s*<td[^>]*>100 %<\/td>\s*<td[^>]*>33 %<\/td>/);
    // An inspector sees their own department's decisions only.
    const own = await get(t, '/staff/effekter', inspector);
    expect(own.body).toContain('1 beslut, varav 1');
    const other = await get(t, '/staff/effekter', outsider);
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('Det finns inga beslut om verksamheter ännu.');
    // Without effect.read the page does not exist.
    expect((await get(t, '/staff/effekter', await signInAs(t, 'registrar'))).statusCode).toBe(404);
  });
});
