import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HvbSnapshot, type HvbSearch } from '../../src/modules/registry/public/hvb-snapshot.ts';
import { swedishCollator } from '../../src/modules/registry/public/swedish-text.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { createTestDatabase, databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { buildHvbHomes, type HvbHomes } from './homes.ts';

describe.each(databaseKinds)('HVB list search on %s', (kind) => {
  let database: DatabaseHandle;
  let homes: HvbHomes;
  let hvbList: HvbSnapshot;
  const all = { page: 1, pageSize: 100 };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    homes = await buildHvbHomes(database.db);
    hvbList = new HvbSnapshot(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  async function idsFound(search: HvbSearch): Promise<string[]> {
    const { items, total } = await hvbList.search(search, all);
    expect(total).toBe(items.length);
    return items.map((home) => home.id);
  }

  it('lists every HVB and stödboende, and nothing else, in Swedish alphabetical order', async () => {
    const { bjorken, zeta, asen, angsgarden, obacken } = homes;
    expect(await idsFound({})).toEqual([bjorken.id, zeta.id, asen.id, angsgarden.id, obacken.id]);
  });

  it("finds by part of the home's or the provider's name, in any letter case", async () => {
    expect(await idsFound({ name: 'åsen' })).toEqual([homes.asen.id]);
    expect(await idsFound({ name: 'ÄNGS' })).toEqual([homes.angsgarden.id]);
    expect(await idsFound({ name: 'östra omsorg' })).toEqual([homes.zeta.id, homes.obacken.id]);
    expect(await idsFound({ name: 'stöd' })).toEqual([homes.bjorken.id]);
  });

  it("takes the user's % and _ literally", async () => {
    expect(await idsFound({ name: '%' })).toEqual([]);
    expect(await idsFound({ name: '_' })).toEqual([]);
  });

  it('filters by kommun and by län', async () => {
    expect(await idsFound({ kommun: '0180' })).toEqual([homes.asen.id, homes.obacken.id]);
    expect(await idsFound({ kommun: '1280' })).toEqual([homes.angsgarden.id]);
    expect(await idsFound({ lan: '01' })).toEqual([homes.zeta.id, homes.asen.id, homes.obacken.id]);
    expect(await idsFound({ lan: '25' })).toEqual([]);
  });

  it('filters by form and by type of home', async () => {
    expect(await idsFound({ forms: ['stodboende'] })).toEqual([homes.bjorken.id]);
    expect(await idsFound({ forms: ['hvb'] })).toEqual([homes.zeta.id, homes.asen.id, homes.angsgarden.id, homes.obacken.id]);
    expect(await idsFound({ forms: ['hvb', 'stodboende'] })).toHaveLength(5);
    expect(await idsFound({ homeType: 'behandlingshem' })).toEqual([homes.asen.id, homes.obacken.id]);
    expect(await idsFound({ homeType: 'skyddat' })).toEqual([]);
  });

  it('filters by orientation: homes with at least one of those chosen', async () => {
    expect(await idsFound({ orientations: ['psykosocial'] })).toEqual([homes.zeta.id, homes.asen.id]);
    expect(await idsFound({ orientations: ['missbruk'] })).toEqual([homes.asen.id]);
    expect(await idsFound({ orientations: ['npf', 'ensamkommande'] })).toEqual([homes.bjorken.id, homes.angsgarden.id]);
  });

  it("filters by the child's age, the permitted ages inclusive", async () => {
    expect(await idsFound({ age: 0 })).toEqual([homes.angsgarden.id]);
    expect(await idsFound({ age: 12 })).toEqual([homes.zeta.id, homes.angsgarden.id]);
    expect(await idsFound({ age: 13 })).toEqual([homes.zeta.id, homes.asen.id]);
    expect(await idsFound({ age: 16 })).toEqual([homes.bjorken.id, homes.asen.id, homes.obacken.id]);
    expect(await idsFound({ age: 20 })).toEqual([homes.bjorken.id, homes.obacken.id]);
    expect(await idsFound({ age: 21 })).toEqual([]);
  });

  it("filters by status: the current permit's, or no_own_permit for a home without one", async () => {
    expect(await idsFound({ statuses: ['active'] })).toEqual([homes.asen.id]);
    expect(await idsFound({ statuses: ['no_own_permit'] })).toEqual([homes.zeta.id]);
    expect(await idsFound({ statuses: ['banned'] })).toEqual([homes.angsgarden.id]);
    expect(await idsFound({ statuses: ['dormant', 'appeal_pending'] })).toEqual([homes.bjorken.id, homes.obacken.id]);
    expect(await idsFound({ statuses: ['revoked'] })).toEqual([]);
  });

  it('combines filters', async () => {
    expect(await idsFound({ kommun: '0180', age: 16, statuses: ['active'] })).toEqual([homes.asen.id]);
    expect(await idsFound({ lan: '01', forms: ['hvb'], orientations: ['psykosocial'], age: 10 })).toEqual([homes.zeta.id]);
  });

  it('pages through the results with the total on every page', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => hvbList.search({}, { page, pageSize: 2 })));
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect(pages.map((p) => p.items.map((home) => home.id))).toEqual([
      [homes.bjorken.id, homes.zeta.id],
      [homes.asen.id, homes.angsgarden.id],
      [homes.obacken.id],
      [],
    ]);
  });

  it('orders names as Swedish does: å, ä, ö after z, letter case and æ, ø, é folded', async () => {
    const names = ['Öster', 'ängen', 'Zorro', 'Åby', 'alfa', 'Beta', 'Ärlan', 'östra', 'Élan', 'Ekbacken', 'Ødegaard', 'Æble', 'Åsa'];
    const other = await createTestDatabase(kind);
    const db = other.db;
    try {
      for (const name of names) await buildUnit(db, { name });
      const { items } = await new HvbSnapshot(db).search({}, all);
      const expected = [...names].sort(swedishCollator.compare);
      expect(items.map((home) => home.name)).toEqual(expected);
    } finally {
      await other.close();
    }
  });
});
