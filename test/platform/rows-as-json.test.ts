import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { selectRowsAsJson } from '../../src/platform/db/rows-as-json.ts';
import { createTestDatabase, databaseKinds } from '../support/databases.ts';

describe.each(databaseKinds)('selectRowsAsJson on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('gives the rows a query gives, values as JSON has them, and [] for none', async () => {
    const text = 'Citat "så", snedstreck \\ och\nny rad, tabb\t, emoji 🙂 och U+001E \u001e';
    const rows = await selectRowsAsJson<Record<string, unknown>>(handle.db, sql`
      SELECT ${text}::text AS text, 0.1::float8 + 0.2::float8 AS float, 9007199254740991::int8 AS big, NULL::text AS nothing,
             true AS yes, '2026-11-30'::date::text AS day, ARRAY[3, 1, 2] AS list, decode('AAEC/w==', 'base64') AS bytes,
             encode(decode('AAEC/w==', 'base64'), 'base64') AS base64
    `);
    expect(rows).toEqual([{ text, float: 0.1 + 0.2, big: 9007199254740991, nothing: null, yes: true, day: '2026-11-30', list: [3, 1, 2], bytes: '\\x000102ff', base64: 'AAEC/w==' }]);
    expect(await selectRowsAsJson(handle.db, sql`SELECT 1 AS one WHERE false`)).toEqual([]);
    // Every row kept (in no promised order).
    const many = await selectRowsAsJson<{ n: number }>(handle.db, sql`SELECT n FROM generate_series(1, 5000) AS n`);
    expect(many.map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
  });
});
