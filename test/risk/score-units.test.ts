import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts';
import { scoreUnits, type UnitRisk } from '../../src/modules/risk/score-units.ts';
import { METHOD } from '../../src/modules/risk/method.ts';
import { createTestDatabase, databaseKinds } from '../support/databases.ts';
import { AS_OF, buildWorld, monthDay, signal } from './small-risk-world.ts';

/** Everything that happens after the as-of date: it must not move the as-of ranking. */
async function addTheFuture(db: Db): Promise<void> {
  await db.insertInto('signal').values([
    ...Array.from({ length: 20 }, (_, d) => signal('H02', 'police', monthDay(2025, 1, 1 + d), 4, d === 0 ? 'acute' : 'high')),
    signal('H05', 'tip', '2025-01-01T00:00:00Z'.slice(0, 10), 4, 'acute'),
  ]).execute();
  // Received one second after the as-of day ended, and half an hour after it ended in Sweden (23:30 UTC).
  await db.insertInto('signal').values({ ...signal('H06', 'tip', '2025-01-01', 4, 'acute'), received_at: '2025-01-01T00:00:01Z' }).execute();
  await db.insertInto('signal').values({ ...signal('H07', 'tip', '2025-01-01', 4, 'acute'), id: 'late-evening-utc', received_at: '2024-12-31T23:30:00Z' }).execute();
  await db.insertInto('inspection').values([
    { id: 'I2', unit_id: 'H02', date: '2025-01-15', announced: false, deficiencies: 9, outcome: 'ban', extra: '{}' },
  ]).execute();
  await db.insertInto('indicator_value').values([
    { unit_id: 'V02', indicator: 'patient_survey_overall', period: '2025-Q1', period_end: '2025-03-31', value: 0.2, denominator: 300, direction: 'higher_better', extra: '{}' },
  ]).execute();
  await db.insertInto('permit_status').values({ permit_id: 'T2', seq: 1, status: 'revoked', valid_from: '2025-01-10', reason: 'Återkallat' }).execute();
  await db.insertInto('unit').values({ id: 'H99', provider_id: 'RP1', name: 'Nytt HVB', form: 'hvb', size: 8, kommun: '0180', opened: '2025-01-01', extra: '{}' }).execute();
}

describe.each(databaseKinds)('scoreUnits (%s)', (kind) => {
  let handle: DatabaseHandle;
  let ranking: UnitRisk[];
  const byId = (list: UnitRisk[], id: string) => list.find((u) => u.unitId === id)!;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    await buildWorld(handle.db);
    ranking = await scoreUnits(handle.db, { asOf: AS_OF });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('ranks every open unit once, best rank first, scores in 0–1', () => {
    expect(ranking).toHaveLength(50);
    expect(ranking.map((u) => u.rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (let i = 1; i < ranking.length; i++) expect(ranking[i - 1].score).toBeGreaterThanOrEqual(ranking[i].score);
    for (const u of ranking) {
      expect(u.score).toBeGreaterThanOrEqual(0);
      expect(u.score).toBeLessThanOrEqual(1);
      expect(u.reasons.length).toBeGreaterThan(0);
      for (const c of u.contributions) expect(c.weight).toBeGreaterThanOrEqual(0);
    }
  });

  it('puts a unit with many recent serious tips above a quiet one, and says why in Swedish', () => {
    const busy = byId(ranking, 'H01');
    const quiet = byId(ranking, 'H02');
    expect(busy.rank).toBeLessThan(quiet.rank);
    expect(busy.score).toBeGreaterThan(0.5);
    expect(quiet.score).toBeLessThan(0.2);
    expect(busy.reasons.join(' ')).toMatch(/tips/);
    expect(busy.reasons.some((r) => /ökar sedan (oktober|november) 2024/.test(r))).toBe(true);
    expect(busy.contributions.find((c) => c.code === 'change')!.value).toBeGreaterThan(3);
  });

  it('does not flag a unit for its own lex Maria reports, not even an acute one', () => {
    const reporting = byId(ranking, 'V01');
    expect(reporting.triggers).toEqual([]);
    expect(reporting.contributions.map((c) => c.code)).not.toContain('acute_signals');
    expect(reporting.score).toBeLessThan(0.1);
    expect(reporting.rank).toBeGreaterThan(byId(ranking, 'H01').rank);
    // Its reports are at most a small credit, never a risk.
    for (const c of reporting.contributions.filter((c) => c.code === 'reporting_culture')) expect(c.value).toBeLessThanOrEqual(0);
    expect(reporting.reasons.join(' ')).not.toMatch(/ökar/);
  });

  it('lifts a banned unit regardless of its score (hard trigger)', () => {
    const banned = byId(ranking, 'H03');
    expect(banned.triggers).toContain('permit_status');
    expect(banned.score).toBeGreaterThanOrEqual(METHOD.triggerScoreFloor);
    expect(banned.rank).toBeLessThanOrEqual(3);
    expect(banned.reasons[0]).toMatch(/förbjudit verksamheten.* Riskpoängen blir minst 0,60, oavsett vad övriga underlag visar\.$/);
  });

  it('lifts a unit with an acute signal in the last two weeks', () => {
    const acute = byId(ranking, 'H04');
    expect(acute.triggers).toContain('acute_signal');
    expect(acute.score).toBeGreaterThanOrEqual(METHOD.triggerScoreFloor);
    expect(acute.rank).toBeLessThanOrEqual(4);
    expect(acute.reasons[0]).toBe('Akut signal 27 december 2024: riskpoängen blir minst 0,60, oavsett vad övriga underlag visar.');
  });

  it('filters by form and unit without changing a unit’s score', async () => {
    const hvb = await scoreUnits(handle.db, { asOf: AS_OF, form: 'hvb', top: 5 });
    expect(hvb).toHaveLength(5);
    expect(hvb.every((u) => u.form === 'hvb')).toBe(true);
    expect(hvb.map((u) => u.rank)).toEqual([1, 2, 3, 4, 5]);
    const one = await scoreUnits(handle.db, { asOf: AS_OF, unitIds: ['H01'] });
    expect(one).toEqual([{ ...byId(ranking, 'H01'), rank: 1 }]);
  });

  it('leaves the as-of ranking unchanged when later signals, inspections, indicators and decisions arrive', async () => {
    await addTheFuture(handle.db);
    const again = await scoreUnits(handle.db, { asOf: AS_OF });
    expect(again).toEqual(ranking);
    // … while a later as-of date does see them.
    const later = await scoreUnits(handle.db, { asOf: '2025-01-31' });
    expect(byId(later, 'H02').rank).toBeLessThan(byId(ranking, 'H02').rank);
    expect(later.some((u) => u.unitId === 'H99')).toBe(true);
  });

  it('counts a signal on the Swedish day it was received: 23:30 in Sweden on the as-of date is known then', async () => {
    const evening = { ...signal('H08', 'tip', AS_OF, 4, 'acute'), id: 'late-evening-sweden', received_at: '2024-12-31T22:30:00Z' };
    await handle.db.insertInto('signal').values(evening).execute();
    try {
      const asOf = await scoreUnits(handle.db, { asOf: AS_OF });
      expect(byId(asOf, 'H08').triggers).toContain('acute_signal');
      expect(byId(await scoreUnits(handle.db, { asOf: '2024-12-30' }), 'H08').triggers).not.toContain('acute_signal');
    } finally {
      await handle.db.deleteFrom('signal').where('id', '=', evening.id).execute();
    }
  });

  it('refuses a malformed as-of date', async () => {
    await expect(scoreUnits(handle.db, { asOf: '2024-13-01' })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('counts a serious permit episode as history only once it has ended, not the steps leading to the status in force', async () => {
    await handle.db.insertInto('permit').values([
      { id: 'T8', provider_id: 'RP1', unit_id: 'H08', legal_form: 'hvb_barn', granted_on: '2014-10-01', status: 'inhibition', status_from: '2024-11-01', extra: '{}' },
      { id: 'T9', provider_id: 'RP1', unit_id: 'H09', legal_form: 'hvb_barn', granted_on: '2014-10-01', status: 'active', status_from: '2021-01-01', extra: '{}' },
    ]).execute();
    await handle.db.insertInto('permit_status').values([
      // H08: appealed, then stayed by the court, still stayed: one case, in force now.
      { permit_id: 'T8', seq: 0, status: 'active', valid_from: '2014-10-01', reason: null },
      { permit_id: 'T8', seq: 1, status: 'appeal_pending', valid_from: '2024-10-01', reason: 'Överklagat' },
      { permit_id: 'T8', seq: 2, status: 'inhibition', valid_from: '2024-11-01', reason: 'Inhibition' },
      // H09: revoked under appeal, stayed, then active again: an earlier episode that has ended.
      { permit_id: 'T9', seq: 0, status: 'active', valid_from: '2014-10-01', reason: null },
      { permit_id: 'T9', seq: 1, status: 'appeal_pending', valid_from: '2020-03-01', reason: 'Överklagat' },
      { permit_id: 'T9', seq: 2, status: 'inhibition', valid_from: '2020-04-01', reason: 'Inhibition' },
      { permit_id: 'T9', seq: 3, status: 'active', valid_from: '2021-01-01', reason: 'Upphävt' },
    ]).execute();
    const scored = await scoreUnits(handle.db, { asOf: AS_OF, unitIds: ['H08', 'H09'] });
    const codes = (id: string) => byId(scored, id).contributions.map((c) => c.code);
    expect(codes('H08')).toContain('permit_status');
    expect(codes('H08')).not.toContain('permit_history');
    expect(codes('H09')).toContain('permit_history');
    expect(codes('H09')).not.toContain('permit_status');
    expect(byId(scored, 'H09').reasons.join(' ')).toMatch(/tidigare allvarligt tillståndsbeslut \(1 april 2020\)/i);
  });
});

// The as-of test above with history that a leak would change: every vårdcentral has two years of quarterly
// patient-survey results and H10 was last inspected long ago, so a later survey result or inspection would
// move their scores if it were read.
describe.each(databaseKinds)('strict as-of for indicators, inspections and permits (%s)', (kind) => {
  let handle: DatabaseHandle;
  const byId = (list: UnitRisk[], id: string) => list.find((u) => u.unitId === id)!;
  const quarterEnds = ['03-31', '06-30', '09-30', '12-31'];

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    await buildWorld(handle.db);
    await handle.db.insertInto('indicator_value').values(
      Array.from({ length: 20 }, (_, u) => `V${String(u + 1).padStart(2, '0')}`).flatMap((unitId, u) =>
        [2023, 2024].flatMap((year) => quarterEnds.map((end, q) => ({
          unit_id: unitId, indicator: 'patient_survey_overall', period: `${year}-Q${q + 1}`, period_end: `${year}-${end}`,
          value: 0.8 + ((u + q) % 5) / 100, denominator: 300, direction: 'higher_better' as const, extra: '{}',
        }))),
      ),
    ).execute();
    await handle.db.insertInto('inspection').values({ id: 'I-old', unit_id: 'H10', date: '2019-03-01', announced: false, deficiencies: 0, outcome: 'no_remarks', extra: '{}' }).execute();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('is not moved by a later survey result or inspection, which a later date does see', async () => {
    const before = await scoreUnits(handle.db, { asOf: AS_OF });
    expect(byId(before, 'H10').contributions.map((c) => c.code)).toContain('inspection_overdue');
    await handle.db.insertInto('indicator_value').values({
      unit_id: 'V02', indicator: 'patient_survey_overall', period: '2025-Q1', period_end: '2025-03-31', value: 0.3, denominator: 300, direction: 'higher_better', extra: '{}',
    }).execute();
    await handle.db.insertInto('inspection').values({ id: 'I-new', unit_id: 'H10', date: '2025-01-15', announced: false, deficiencies: 9, outcome: 'ban', extra: '{}' }).execute();
    expect(await scoreUnits(handle.db, { asOf: AS_OF })).toEqual(before);
    const later = await scoreUnits(handle.db, { asOf: '2025-04-30' });
    expect(byId(later, 'V02').contributions.map((c) => c.code)).toContain('indicator_trend');
    expect(byId(later, 'H10').contributions.map((c) => c.code)).not.toContain('inspection_overdue');
    expect(byId(later, 'H10').contributions.map((c) => c.code)).toContain('inspection_findings');
  });

  it("compares a unit whose latest survey is a period behind with every unit's value for that period", async () => {
    // V03 has not reported 2024-Q4; its 2024-Q3 result is far below the others' that quarter.
    await handle.db.deleteFrom('indicator_value').where('unit_id', '=', 'V03').where('period', '=', '2024-Q4').execute();
    await handle.db.updateTable('indicator_value').set({ value: 0.5 }).where('unit_id', '=', 'V03').where('period', '=', '2024-Q3').execute();
    const lagging = byId(await scoreUnits(handle.db, { asOf: AS_OF }), 'V03');
    expect(lagging.contributions.find((c) => c.code === 'indicator_level')?.value ?? 0).toBeGreaterThan(1);
  });

  it('takes a revocation on the day a unit closes for the end of its permit, not for enforcement', async () => {
    await handle.db.insertInto('permit').values([
      { id: 'T20', provider_id: 'RP1', unit_id: 'H20', legal_form: 'hvb_barn', granted_on: '2014-10-01', status: 'revoked', status_from: AS_OF, extra: '{}' },
      { id: 'T21', provider_id: 'RP1', unit_id: 'H21', legal_form: 'hvb_barn', granted_on: '2014-10-01', status: 'revoked', status_from: '2024-12-20', extra: '{}' },
    ]).execute();
    await handle.db.insertInto('permit_status').values([
      { permit_id: 'T20', seq: 0, status: 'active', valid_from: '2014-10-01', reason: null },
      { permit_id: 'T20', seq: 1, status: 'revoked', valid_from: AS_OF, reason: 'Återkallat på tillståndshavarens begäran när verksamheten upphörde.' },
      { permit_id: 'T21', seq: 0, status: 'active', valid_from: '2014-10-01', reason: null },
      { permit_id: 'T21', seq: 1, status: 'revoked', valid_from: '2024-12-20', reason: 'Allvarliga brister' },
    ]).execute();
    // H20 closes on the as-of date (still ranked that day); H21's permit was revoked while it stays open.
    await handle.db.updateTable('unit').set({ closed: AS_OF }).where('id', '=', 'H20').execute();
    const ranking = await scoreUnits(handle.db, { asOf: AS_OF });
    expect(byId(ranking, 'H20').triggers).toEqual([]);
    expect(byId(ranking, 'H20').contributions.map((c) => c.code)).not.toContain('permit_status');
    expect(byId(ranking, 'H21').triggers).toEqual(['permit_status']);
  });
});
