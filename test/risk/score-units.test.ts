import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts';
import { scoreUnits, type UnitRisk } from '../../src/modules/risk/score-units.ts';
import { METHOD } from '../../src/modules/risk/method.ts';
import { createTestDatabase, databaseKinds } from '../support/databases.ts';

// A small hand-made register: 30 HVB and 20 vårdcentraler with a steady trickle of tips over three years,
// and a few units that stand out in one way each. As of 2024-12-31.
const AS_OF = '2024-12-31';

let signalCounter = 0;
const signal = (unitId: string, channel: string, receivedAt: string, severity: number, urgency = 'normal') => ({
  id: `S${++signalCounter}`,
  unit_id: unitId,
  channel,
  received_at: `${receivedAt}T00:00:00Z`,
  severity,
  urgency,
  extra: '{}',
});

const monthDay = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

async function buildWorld(db: Db): Promise<void> {
  await db.insertInto('provider').values({ id: 'RP1', name: 'Riskprov AB', kind: 'company', extra: '{}' }).execute();
  const units = [
    ...Array.from({ length: 30 }, (_, i) => ({ id: `H${String(i + 1).padStart(2, '0')}`, form: 'hvb', size: 6 + (i % 5) })),
    ...Array.from({ length: 20 }, (_, i) => ({ id: `V${String(i + 1).padStart(2, '0')}`, form: 'vardcentral', size: 6000 + 200 * i })),
  ];
  await db.insertInto('unit').values(units.map((u) => ({
    id: u.id, provider_id: 'RP1', name: `Enhet ${u.id}`, form: u.form, size: u.size, kommun: '0180', opened: '2015-01-01', extra: '{}',
  }))).execute();

  const signals = [];
  // Background: about two tips a year per unit, spread over 2022–2024.
  units.forEach((u, i) => {
    for (let m = 0; m < 36; m++) {
      if ((i + m) % 6 === 0) signals.push(signal(u.id, m % 12 === 5 ? 'complaint' : 'tip', monthDay(2022 + Math.floor(m / 12), (m % 12) + 1, 1 + (i % 27)), 1 + ((i + m) % 2)));
    }
  });
  // H01: eight serious tips in the last two months.
  for (let d = 0; d < 8; d++) signals.push(signal('H01', 'tip', monthDay(2024, 11 + Math.floor(d / 4), 2 + 6 * (d % 4)), 3));
  // V01: ten lex Maria reports in the last six months, nothing else unusual.
  for (let d = 0; d < 10; d++) signals.push(signal('V01', 'lex_maria', monthDay(2024, 7 + Math.floor(d / 2), 3 + 10 * (d % 2)), 2));
  // H04: one acute signal last week.
  signals.push(signal('H04', 'child_line', '2024-12-27', 4, 'acute'));
  await db.insertInto('signal').values(signals).execute();

  // H03: banned on 2024-12-01, still in the register.
  await db.insertInto('permit').values([
    { id: 'T1', provider_id: 'RP1', unit_id: 'H03', legal_form: 'hvb_barn', granted_on: '2014-10-01', status: 'banned', status_from: '2024-12-01', extra: '{}' },
    { id: 'T2', provider_id: 'RP1', unit_id: 'H02', legal_form: 'hvb_barn', granted_on: '2014-10-01', status: 'active', status_from: '2014-10-01', extra: '{}' },
  ]).execute();
  await db.insertInto('permit_status').values([
    { permit_id: 'T1', seq: 0, status: 'active', valid_from: '2014-10-01', reason: null },
    { permit_id: 'T1', seq: 1, status: 'banned', valid_from: '2024-12-01', reason: 'Allvarliga brister' },
    { permit_id: 'T2', seq: 0, status: 'active', valid_from: '2014-10-01', reason: null },
  ]).execute();
  await db.insertInto('inspection').values([
    { id: 'I1', unit_id: 'H05', date: '2024-06-10', announced: false, deficiencies: 0, outcome: 'no_remarks', extra: '{}' },
  ]).execute();
}

/** Everything that happens after the as-of date: it must not move the as-of ranking. */
async function addTheFuture(db: Db): Promise<void> {
  await db.insertInto('signal').values([
    ...Array.from({ length: 20 }, (_, d) => signal('H02', 'police', monthDay(2025, 1, 1 + d), 4, d === 0 ? 'acute' : 'high')),
    signal('H05', 'tip', '2025-01-01T00:00:00Z'.slice(0, 10), 4, 'acute'),
  ]).execute();
  // Received one second after the as-of day ended.
  await db.insertInto('signal').values({ ...signal('H06', 'tip', '2025-01-01', 4, 'acute'), received_at: '2025-01-01T00:00:01Z' }).execute();
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

  it('does not flag a unit for its own lex Maria reports', () => {
    const reporting = byId(ranking, 'V01');
    expect(reporting.triggers).toEqual([]);
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
    expect(banned.reasons[0]).toMatch(/förbjudit verksamheten.*lyfts oavsett poäng/);
  });

  it('lifts a unit with an acute signal in the last two weeks', () => {
    const acute = byId(ranking, 'H04');
    expect(acute.triggers).toContain('acute_signal');
    expect(acute.score).toBeGreaterThanOrEqual(METHOD.triggerScoreFloor);
    expect(acute.rank).toBeLessThanOrEqual(4);
    expect(acute.reasons[0]).toBe('Akut signal 27 december 2024: verksamheten lyfts oavsett poäng.');
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

  it('refuses a malformed as-of date', async () => {
    await expect(scoreUnits(handle.db, { asOf: '2024-13-01' })).rejects.toThrow(/YYYY-MM-DD/);
  });
});
