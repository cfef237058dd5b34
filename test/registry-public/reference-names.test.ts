import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/modules/registry/index.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { createTestDatabase, databaseKinds } from '../support/databases.ts';

describe.each(databaseKinds)('kommun names on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('writes Kalix and Överkalix as their names are, and corrects a database that had them wrong at the next start', async () => {
    await handle.db.updateTable('municipality').set({ name: 'Kalixs kommun' }).where('code', '=', '2514').execute();
    await loadReferenceData(handle.db);
    const names = await handle.db.selectFrom('municipality').select(['code', 'name']).where('code', 'in', ['2514', '2513']).orderBy('code').execute();
    expect(names).toEqual([{ code: '2513', name: 'Överkalix kommun' }, { code: '2514', name: 'Kalix kommun' }]);
  });
});
