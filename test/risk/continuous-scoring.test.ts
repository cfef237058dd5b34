import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { startJobQueue, type JobQueue } from '../../src/platform/jobs/index.ts';
import { recomputeNationalRisk, recomputeStoredScore, rescoreUnits, scoreUnitsWithSummary, startRiskScoring } from '../../src/modules/risk/index.ts';
import { createTestDatabase, databaseKinds } from '../support/databases.ts';
import { historyFromSignals, storedHistory } from '../support/risk-history.ts';
import { SIGNAL_CHANNELS } from '../../src/modules/registry/codes.ts';
import { AS_OF, buildWorld } from './small-risk-world.ts';

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(databaseKinds)('continuous risk scoring (%s)', (kind) => {
  let handle: DatabaseHandle & { url?: string };

  /** Every stored place is 1…n in the order of score, raw score and unit id; returns the scores in that order. */
  async function expectPlacesFollowScores() {
    const scores = await handle.db.selectFrom('risk_score').select(['unit_id', 'score', 'raw', 'national_rank']).execute();
    const byScore = [...scores].sort((a, b) => b.score - a.score || b.raw - a.raw || (a.unit_id < b.unit_id ? -1 : 1));
    expect(byScore.map((s) => s.national_rank)).toEqual(scores.map((_, i) => i + 1));
    return byScore;
  }

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    await buildWorld(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('stores a national run: every open unit once, ranks 1…n, the national parameters and alerts for CUSUMs that just crossed', async () => {
    const run = await recomputeNationalRisk(handle.db, { asOf: AS_OF });
    expect(run.units).toBe(50);
    const scores = await handle.db.selectFrom('risk_score').selectAll().orderBy('national_rank').execute();
    expect(scores.map((s) => s.national_rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1].score).toBeGreaterThanOrEqual(scores[i].score);
    expect(scores.every((s) => s.run_id === run.runId && s.as_of === AS_OF)).toBe(true);
    const stored = await handle.db.selectFrom('risk_run').select(['kind', 'parameters']).where('id', '=', run.runId).executeTakeFirstOrThrow();
    expect(stored.kind).toBe('national');
    expect(stored.parameters).toMatchObject({ asOf: AS_OF });
    expect((stored.parameters as { cusumThreshold: number }).cusumThreshold).toBeCloseTo(run.summary.cusumThreshold, 3);
  });

  it('refuses a score that names no run, and deleting or renumbering a run that scores name, as a foreign key would', async () => {
    const run = await handle.db.selectFrom('risk_score').select('run_id').where('unit_id', '=', 'H01').executeTakeFirstOrThrow();
    const violation = { code: '23503' };
    await expect(handle.db.updateTable('risk_score').set({ run_id: 999_999 }).where('unit_id', '=', 'H01').execute()).rejects.toMatchObject(violation);
    await expect(handle.db.deleteFrom('risk_run').where('id', '=', run.run_id).execute()).rejects.toMatchObject(violation);
    await expect(handle.db.updateTable('risk_run').set({ id: 999_999 }).where('id', '=', run.run_id).execute()).rejects.toMatchObject(violation);
    // A run no score names can go.
    const spare = await handle.db.insertInto('risk_run').values({ kind: 'national', as_of: AS_OF, started_at: new Date(), units: 0, summary: '{}' }).returning('id').executeTakeFirstOrThrow();
    await handle.db.deleteFrom('risk_run').where('id', '=', spare.id).execute();
    expect(await handle.db.selectFrom('risk_score').select('run_id').where('unit_id', '=', 'H01').executeTakeFirstOrThrow()).toEqual(run);
  });

  it('computes a stored score again, with its CUSUM path (not stored), exactly as the national run did', async () => {
    const national = await scoreUnitsWithSummary(handle.db, { asOf: AS_OF });
    for (const unitId of ['H01', 'H04', 'V01', 'V05']) {
      const again = await recomputeStoredScore(handle.db, unitId);
      const { rank: _rank, ...expected } = national.units.find((u) => u.unitId === unitId)!;
      expect(again).toMatchObject(expected);
      expect(again!.cusumPath.length).toBeGreaterThan(0);
    }
    expect(await recomputeStoredScore(handle.db, 'no-such-unit')).toBeUndefined();
  });

  it('rescoring single units against the stored parameters gives exactly the national run’s scores, and adds no run', async () => {
    const before = await handle.db.selectFrom('risk_score').select(['unit_id', 'score', 'reasons', 'national_rank', 'run_id']).execute();
    const runs = await handle.db.selectFrom('risk_run').select('id').execute();
    const result = await rescoreUnits(handle.db, ['H01', 'H04', 'V01', 'V05'], { asOf: AS_OF });
    expect(result).toMatchObject({ rescored: 4, skipped: 0 });
    const after = await handle.db.selectFrom('risk_score').select(['unit_id', 'score', 'reasons', 'national_rank', 'run_id']).execute();
    expect(after).toEqual(expect.arrayContaining(before));
    // The rescored scores still point at the national run they were scored against.
    expect(await handle.db.selectFrom('risk_run').select('id').execute()).toEqual(runs);
  });

  it('rescores a unit whose score has no class (stored before classes were kept) like a new unit, and keeps its class', async () => {
    const before = await handle.db.selectFrom('risk_score').select(['size_band', 'size', 'score', 'expected_recent']).where('unit_id', '=', 'V05').executeTakeFirstOrThrow();
    expect(before.size_band).toBeGreaterThanOrEqual(1);
    await handle.db.updateTable('risk_score').set({ size_band: null, size: null }).where('unit_id', '=', 'V05').execute();
    expect(await recomputeStoredScore(handle.db, 'V05')).toBeUndefined();
    expect(await rescoreUnits(handle.db, ['V05'], { asOf: AS_OF })).toMatchObject({ rescored: 1 });
    const after = await handle.db.selectFrom('risk_score').select(['size_band', 'size', 'score', 'expected_recent']).where('unit_id', '=', 'V05').executeTakeFirstOrThrow();
    expect(after.size).toBe(before.size);
    expect(after.size_band).toBeGreaterThanOrEqual(1);
    expect(await recomputeStoredScore(handle.db, 'V05')).toMatchObject({ score: after.score, expectedRecent: after.expected_recent });
  });

  it('requests a rescore of a signal’s unit in the transaction that writes it, whatever the way in', async () => {
    await sql`DELETE FROM risk_rescore_request`.execute(handle.db);
    await handle.db.insertInto('signal').values({ id: 'LIVE1', unit_id: 'H07', channel: 'tip', received_at: '2024-12-30T10:00:00Z', severity: 2, urgency: 'normal', extra: '{}' }).execute();
    await handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('signal').values({ id: 'LIVE2', unit_id: 'H08', channel: 'tip', received_at: '2024-12-30T10:00:00Z', severity: 2, urgency: 'normal', extra: '{}' }).execute();
      throw new Error('rolled back');
    }).catch(() => {});
    await handle.db.updateTable('signal').set({ unit_id: 'H09' }).where('id', '=', 'LIVE1').execute();
    const requested = await handle.db.selectFrom('risk_rescore_request').select('unit_id').orderBy('unit_id').execute();
    expect(requested.map((r) => r.unit_id)).toEqual(['H07', 'H09']);
  });

  it('requests a rescore when a unit’s inspections, indicators or permit statuses change, since the score reads them too', async () => {
    const requested = async () => (await handle.db.selectFrom('risk_rescore_request').select('unit_id').orderBy('unit_id').execute()).map((r) => r.unit_id);
    await sql`DELETE FROM risk_rescore_request`.execute(handle.db);
    await handle.db.insertInto('inspection').values({ id: 'LIVE-I', unit_id: 'H05', date: '2024-12-30', announced: false, deficiencies: 3, outcome: 'injunction', extra: '{}' }).execute();
    expect(await requested()).toEqual(['H05']);
    await sql`DELETE FROM risk_rescore_request`.execute(handle.db);
    await handle.db.updateTable('inspection').set({ unit_id: 'H06' }).where('id', '=', 'LIVE-I').execute();
    expect(await requested()).toEqual(['H05', 'H06']);
    await sql`DELETE FROM risk_rescore_request`.execute(handle.db);
    await handle.db.deleteFrom('inspection').where('id', '=', 'LIVE-I').execute();
    expect(await requested()).toEqual(['H06']);
    await sql`DELETE FROM risk_rescore_request`.execute(handle.db);
    await handle.db.insertInto('indicator_value').values({ unit_id: 'V03', indicator: 'patient_survey_overall', period: '2024-Q4', period_end: '2024-12-31', value: 0.5, denominator: 100, direction: 'higher_better', extra: '{}' }).execute();
    await handle.db.insertInto('permit_status').values({ permit_id: 'T2', seq: 99, status: 'revoked', valid_from: '2024-12-30', reason: 'Återkallat' }).execute();
    expect(await requested()).toEqual(['H02', 'V03']);
    // A change the score does not read asks for nothing; a permit moved asks for both its units.
    await sql`DELETE FROM risk_rescore_request`.execute(handle.db);
    await handle.db.updateTable('inspection').set({ extra: '{"note":"x"}' }).execute();
    await handle.db.updateTable('permit_status').set({ reason: 'Omformulerat' }).where('permit_id', '=', 'T2').execute();
    expect(await requested()).toEqual([]);
    await handle.db.updateTable('permit').set({ unit_id: 'H04' }).where('id', '=', 'T2').execute();
    expect(await requested()).toEqual(['H02', 'H04']);
    await handle.db.updateTable('permit').set({ unit_id: 'H02' }).where('id', '=', 'T2').execute();
    // Undone, so the world the other tests read is as it was.
    await handle.db.deleteFrom('indicator_value').where('unit_id', '=', 'V03').where('period', '=', '2024-Q4').execute();
    await handle.db.deleteFrom('permit_status').where('permit_id', '=', 'T2').where('seq', '=', 99).execute();
    await sql`DELETE FROM risk_rescore_request`.execute(handle.db);
  });

  it('keeps each unit’s signal history in step with its signals, coded in the channel order the scorer decodes', async () => {
    for (const [index, channel] of SIGNAL_CHANNELS.entries()) {
      const coded = await sql<{ code: number }>`SELECT risk_signal_code(${channel}, '2024-01-02T10:00:00Z'::timestamptz, 3::smallint, 'acute') AS code`.execute(handle.db);
      expect(coded.rows[0].code).toBe(19724 * 256 + index * 10 + 3 * 2 + 1);
    }
    // LIVE1 was moved from H07 to H09 above: both histories follow.
    expect(await storedHistory(handle.db, 'H07')).toEqual(await historyFromSignals(handle.db, 'H07'));
    expect(await storedHistory(handle.db, 'H09')).toEqual(await historyFromSignals(handle.db, 'H09'));
    await handle.db.updateTable('signal').set({ severity: 4 }).where('id', '=', 'LIVE1').execute();
    expect(await storedHistory(handle.db, 'H09')).toEqual(await historyFromSignals(handle.db, 'H09'));
    // A triage status change does not touch the score: no rebuild, no rescore.
    await sql`DELETE FROM risk_rescore_request`.execute(handle.db);
    await handle.db.updateTable('signal').set({ triage_status: 'done' }).where('id', '=', 'LIVE1').execute();
    expect(await handle.db.selectFrom('risk_rescore_request').selectAll().execute()).toEqual([]);
    await handle.db.deleteFrom('signal').where('id', '=', 'LIVE1').execute();
    expect(await storedHistory(handle.db, 'H09')).toEqual(await historyFromSignals(handle.db, 'H09'));
    expect((await handle.db.selectFrom('risk_rescore_request').select('unit_id').execute()).map((r) => r.unit_id)).toEqual(['H09']);
  });

  it('keeps places following the scores when rescored units move up, down or stay, several at once', async () => {
    const db = handle.db;
    const stored = await db.selectFrom('risk_score').select(['unit_id', 'score']).orderBy('national_rank').execute();
    // Stored keys far from where rescoring puts them: the 40th at the top, the 2nd at the bottom, the 20th
    // level with the 21st. Rescoring moves all three back, in one write.
    const moved = [
      { unit_id: stored[39].unit_id, score: 0.999, raw: 99 },
      { unit_id: stored[1].unit_id, score: 0, raw: 0 },
      { unit_id: stored[19].unit_id, score: stored[20].score, raw: 0 },
    ];
    for (const { unit_id, score, raw } of moved) await db.updateTable('risk_score').set({ score, raw }).where('unit_id', '=', unit_id).execute();
    await rescoreUnits(db, moved.map((m) => m.unit_id), { asOf: AS_OF });
    await expectPlacesFollowScores();
    await recomputeNationalRisk(db, { asOf: AS_OF });
    await expectPlacesFollowScores();
  });

  it('scores and rescores a unit whose size is not a whole number (sizes may be full-time posts)', async () => {
    const { size } = await handle.db.selectFrom('unit').select('size').where('id', '=', 'V05').executeTakeFirstOrThrow();
    try {
      await handle.db.updateTable('unit').set({ size: 2.5 }).where('id', '=', 'V05').execute();
      await recomputeNationalRisk(handle.db, { asOf: AS_OF });
      const stored = await handle.db.selectFrom('risk_score').select(['size', 'score']).where('unit_id', '=', 'V05').executeTakeFirstOrThrow();
      expect(stored.size).toBe(2.5);
      await rescoreUnits(handle.db, ['V05'], { asOf: AS_OF });
      expect(await handle.db.selectFrom('risk_score').select(['size', 'score']).where('unit_id', '=', 'V05').executeTakeFirstOrThrow()).toEqual(stored);
    } finally {
      await handle.db.updateTable('unit').set({ size }).where('id', '=', 'V05').execute();
      await recomputeNationalRisk(handle.db, { asOf: AS_OF });
    }
  });

  describe('with the job queue running', () => {
    let queue: JobQueue;
    let scoring: { stop(): Promise<void> };

    beforeAll(async () => {
      queue = await startJobQueue({ databaseUrl: kind === 'postgres' ? handle.url : undefined, onError: (name, error) => console.error(name, error) });
      scoring = await startRiskScoring({ database: handle, queue });
    });
    afterAll(async () => {
      await scoring?.stop();
      await queue?.stop();
    });

    it('runs a national run as of today at start, since the last one is older', async () => {
      const run = await waitFor(() => handle.db.selectFrom('risk_run').select(['id', 'as_of']).where('kind', '=', 'national').where('as_of', '>', AS_OF).executeTakeFirst());
      expect(run.as_of > AS_OF).toBe(true);
    });

    it('rescores a unit within seconds of a new acute signal and puts a trigger alert in its department’s queue', async () => {
      await waitFor(async () => (await handle.db.selectFrom('risk_rescore_request').select('unit_id').execute()).length === 0);
      const before = await handle.db.selectFrom('risk_score').select(['score', 'triggers', 'computed_at']).where('unit_id', '=', 'H02').executeTakeFirstOrThrow();
      expect(before.triggers).not.toContain('acute_signal');
      await handle.db.insertInto('signal').values({
        id: 'LIVE3', unit_id: 'H02', channel: 'tip', received_at: new Date(), severity: 4, urgency: 'acute', extra: '{}',
      }).execute();
      const after = await waitFor(async () => {
        const row = await handle.db.selectFrom('risk_score').select(['score', 'triggers', 'reasons', 'national_rank']).where('unit_id', '=', 'H02').executeTakeFirstOrThrow();
        return row.triggers.includes('acute_signal') ? row : null;
      });
      expect(after.score).toBeGreaterThan(before.score);
      expect(after.reasons[0]).toMatch(/akut/i);
      // Its place moved with its score, and every other unit's place still follows the scores.
      const byScore = await expectPlacesFollowScores();
      expect(after.national_rank).toBe(byScore.findIndex((s) => s.unit_id === 'H02') + 1);
      const alert = await handle.db.selectFrom('risk_alert').selectAll().where('unit_id', '=', 'H02').executeTakeFirstOrThrow();
      expect(alert).toMatchObject({ kind: 'acute_signal', department_code: 'stockholm', status: 'new' });
      expect(alert.explanation[0]).toMatch(/akut/i);
    });

    it('scores a unit opened since the last national run at its first signal, against the rates of its form and size', async () => {
      await handle.db.insertInto('unit').values({ id: 'H99', provider_id: 'RP1', name: 'Nytt HVB', form: 'hvb', size: 8, kommun: '0180', opened: '2024-06-01', extra: '{}' }).execute();
      await handle.db.insertInto('signal').values({
        id: 'LIVE4', unit_id: 'H99', channel: 'child_line', received_at: new Date(), severity: 4, urgency: 'acute', extra: '{}',
      }).execute();
      const scored = await waitFor(() => handle.db.selectFrom('risk_score').selectAll().where('unit_id', '=', 'H99').executeTakeFirst());
      // H03 is an HVB of the same size, scored by the national run.
      const peer = await handle.db.selectFrom('risk_score').select(['size_band', 'size', 'expected_recent']).where('unit_id', '=', 'H03').executeTakeFirstOrThrow();
      expect(scored).toMatchObject({ size_band: peer.size_band, size: 8 });
      expect(scored.expected_recent).toBe(peer.expected_recent);
      expect(scored.triggers).toContain('acute_signal');
      const higher = await handle.db.selectFrom('risk_score').select('unit_id').where('score', '>', scored.score).execute();
      expect(scored.national_rank).toBe(higher.length + 1);
      await expectPlacesFollowScores();
      expect(scored.reasons[0]).toMatch(/akut/i);
    });
  });
});
