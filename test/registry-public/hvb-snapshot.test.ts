import { sql, type KyselyPlugin, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HvbSnapshot, type HvbSearch } from '../../src/modules/registry/public/hvb-snapshot.ts';
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts';
import { createTestDatabase, databaseKinds } from '../support/databases.ts';
import { buildPermit, buildProvider, buildUnit } from '../support/factories.ts';
import { buildHvbHomes, type HvbHomes } from './homes.ts';

/**
 * Counts the snapshot's queries: version checks (raw SQL on change_seq) and loads of the homes (a select;
 * each comes after a look at the register's writers). `hold` keeps the next version check's answer back
 * (and its connection) until released.
 */
function querySpy() {
  const versionChecks = new Set<unknown>();
  const counts = { versionChecks: 0, loads: 0 };
  let hold: Promise<void> | undefined;
  const isVersionCheck = (node: RootOperationNode) => node.kind === 'RawNode' && node.sqlFragments.join('').includes('max(change_seq)');
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }) {
      if (isVersionCheck(node)) {
        versionChecks.add(queryId);
        counts.versionChecks++;
      } else if (node.kind === 'SelectQueryNode') counts.loads++;
      return node;
    },
    async transformResult({ result, queryId }): Promise<QueryResult<UnknownRow>> {
      const isCheck = versionChecks.delete(queryId);
      if (isCheck && hold) {
        const held = hold;
        hold = undefined;
        await held;
      }
      return result;
    },
  };
  return {
    plugin,
    counts,
    reset: () => Object.assign(counts, { versionChecks: 0, loads: 0 }),
    /** Holds the next version check's answer; returns the release. */
    holdNextVersionCheck(): () => void {
      let release!: () => void;
      hold = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
  };
}

const bumpUnit = (db: Db, id: string, set: Record<string, unknown>) =>
  db
    .updateTable('unit')
    .set({ ...set, change_seq: sql<number>`nextval('register_change_seq')`, updated_at: sql<never>`now()` })
    .where('id', '=', id)
    .execute();

describe.each(databaseKinds)('the HVB list snapshot on %s', (kind) => {
  let database: DatabaseHandle;
  let db: Db;
  let homes: HvbHomes;
  let spy: ReturnType<typeof querySpy>;
  let hvbList: HvbSnapshot;
  const all = { page: 1, pageSize: 100 };
  const names = async (search: HvbSearch = {}) => (await hvbList.search(search, all)).items.map((home) => home.name);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    homes = await buildHvbHomes(db);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(() => {
    spy = querySpy();
    hvbList = new HvbSnapshot(db.withPlugin(spy.plugin));
  });

  it('sees a new home, a renamed home and a renamed provider in the very next search', async () => {
    expect(await names({ kommun: '2380' })).toEqual([]);
    const unit = await buildUnit(db, { provider_id: homes.eastCare.id, name: 'Fjällgården', kommun: '2380' });
    expect(await names({ kommun: '2380' })).toEqual(['Fjällgården']);

    await bumpUnit(db, unit.id, { name: 'Älvgården' });
    expect(await names({ kommun: '2380' })).toEqual(['Älvgården']);
    expect(await names({ name: 'fjäll' })).toEqual([]);

    await db
      .updateTable('provider')
      .set({ name: 'Fjällomsorg AB', change_seq: sql<number>`nextval('register_change_seq')` })
      .where('id', '=', homes.eastCare.id)
      .execute();
    expect(await names({ name: 'FJÄLLOMSORG' })).toEqual(['Zeta akuthem', 'Älvgården', 'Öbacken']);

    // A unit that stops being an HVB leaves the list.
    await bumpUnit(db, unit.id, { form: 'vardcentral' });
    expect(await names({ kommun: '2380' })).toEqual([]);
  });

  it("sees a home's new permit and a permit's new status in the very next search", async () => {
    expect((await hvbList.search({ statuses: ['no_own_permit'] }, all)).items.map((h) => h.id)).toContain(homes.zeta.id);
    const permit = await buildPermit(db, { unitId: homes.zeta.id, providerId: homes.eastCare.id, history: [{ status: 'dormant', from: '2024-01-01' }] });
    expect((await hvbList.search({ statuses: ['dormant'] }, all)).items.map((h) => h.id)).toContain(homes.zeta.id);

    await db
      .updateTable('permit')
      .set({ status: 'inhibition', status_from: '2025-01-01', change_seq: sql<number>`nextval('register_change_seq')` })
      .where('id', '=', permit.id)
      .execute();
    expect((await hvbList.search({ statuses: ['inhibition'] }, all)).items.map((h) => h.id)).toEqual([homes.zeta.id]);
  });

  it('keeps Swedish order: å, ä, ö after z, also after a rename', async () => {
    const other = await createTestDatabase(kind);
    try {
      const list = new HvbSnapshot(other.db);
      const provider = await buildProvider(other.db);
      const units = [];
      for (const name of ['Östen', 'Zorro', 'ärlan', 'Åby', 'alfa', 'Bäcken', 'Ängen']) units.push(await buildUnit(other.db, { provider_id: provider.id, name }));
      const listed = async () => (await list.search({}, all)).items.map((home) => home.name);
      expect(await listed()).toEqual(['alfa', 'Bäcken', 'Zorro', 'Åby', 'Ängen', 'ärlan', 'Östen']);
      await bumpUnit(other.db, units[4].id, { name: 'Övre gården' });
      expect(await listed()).toEqual(['Bäcken', 'Zorro', 'Åby', 'Ängen', 'ärlan', 'Östen', 'Övre gården']);
    } finally {
      await other.close();
    }
  });

  it('answers concurrent searches with one version check and at most one load', async () => {
    const searches: HvbSearch[] = [{}, { kommun: '0180' }, { lan: '01' }, { name: 'gård' }, { age: 16 }, { statuses: ['banned'] }];
    const first = await Promise.all(Array.from({ length: 30 }, (_, i) => hvbList.search(searches[i % searches.length], all)));
    expect(spy.counts).toEqual({ versionChecks: 1, loads: 1 });
    expect(first[1].items.map((h) => h.id)).toEqual([homes.asen.id, homes.obacken.id]);
    expect(new Set(first.map((page) => page.edition)).size).toBe(1);

    spy.reset();
    const again = await Promise.all(Array.from({ length: 30 }, (_, i) => hvbList.search(searches[i % searches.length], all)));
    expect(spy.counts).toEqual({ versionChecks: 1, loads: 0 });
    expect(again[0].edition).toBe(first[0].edition);

    spy.reset();
    await buildUnit(db, { name: 'Nyhemmet', kommun: '0180' });
    const afterChange = await Promise.all(Array.from({ length: 30 }, () => hvbList.search({ kommun: '0180' }, all)));
    expect(spy.counts).toEqual({ versionChecks: 1, loads: 1 });
    expect(afterChange.every((page) => page.items.some((home) => home.name === 'Nyhemmet'))).toBe(true);
    expect(afterChange[0].edition).not.toBe(first[0].edition);
  });

  // The two races below need a second connection, which PGlite does not have.
  it.skipIf(kind === 'pglite')('does not answer a search with a check that was already running when it arrived', async () => {
    await hvbList.search({}, all);
    const release = spy.holdNextVersionCheck();
    const early = hvbList.search({ kommun: '0580' }, all);
    while (spy.counts.versionChecks < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    // The running check has read the version; now a home is added, and then someone searches.
    await buildUnit(db, { name: 'Sent hem', kommun: '0580' });
    const late = hvbList.search({ kommun: '0580' }, all);
    release();
    expect((await early).items).toEqual([]);
    expect((await late).items.map((home) => home.name)).toEqual(['Sent hem']);
  });

  it.skipIf(kind === 'pglite')('sees a transaction that drew its change_seq before a later one that committed first', async () => {
    expect(await names({ kommun: '0680' })).toEqual([]);
    const unit = await buildUnit(db, { name: 'Långsamma hemmet', form: 'vardcentral', kommun: '0680' });
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let drawn!: () => void;
    const seqDrawn = new Promise<void>((resolve) => (drawn = resolve));
    const slow = db.transaction().execute(async (trx) => {
      await bumpUnit(trx, unit.id, { form: 'hvb' });
      drawn();
      await committed;
    });
    await seqDrawn;
    // A later change commits first: the register's version moves past the slow transaction's change_seq.
    await buildUnit(db, { name: 'Snabba hemmet', kommun: '0680' });
    expect(await names({ kommun: '0680' })).toEqual(['Snabba hemmet']);
    commit();
    await slow;
    expect(await names({ kommun: '0680' })).toEqual(['Långsamma hemmet', 'Snabba hemmet']);
  });
});
