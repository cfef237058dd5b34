import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { UsageError } from '../../src/platform/cli-errors.ts';
import { ExchangeValidationError, exportWorld, importWorld, type ImportSummary } from '../../src/modules/exchange/index.ts';
import { createTestDatabase, databaseKinds } from '../support/databases.ts';
import { makeTempDir, smallWorld, writeWorldFiles, type Line, type World } from './small-world.ts';
import { countAuditRows, snapshotTables } from './table-snapshot.ts';

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await makeTempDir();
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function readExport(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}

const generatorFile = new URL('../../src/modules/demo/generate-world.ts', import.meta.url);
const writerFile = new URL('../../src/modules/demo/write-world.ts', import.meta.url);
const hasDemoGenerator = existsSync(generatorFile) && existsSync(writerFile);

/** A generated world of about `units` units, when the demo generator is there. */
async function writeGeneratedWorld(dir: string, units: number): Promise<void> {
  const { generateWorld } = await import(generatorFile.href);
  const { writeWorld } = await import(writerFile.href);
  await writeWorld(dir, generateWorld({ units, seed: 7 }), () => undefined);
}

function counts(summary: ImportSummary, field: 'inserted' | 'updated' | 'unchanged'): Record<string, number> {
  return Object.fromEntries(Object.entries(summary).map(([name, c]) => [name, c[field]]));
}

describe.each(databaseKinds)('exchange import and export (%s)', (kind) => {
  // Each test that writes gets fresh databases of its own.
  let first: DatabaseHandle;
  const open: DatabaseHandle[] = [];
  async function freshDatabase(): Promise<DatabaseHandle> {
    const handle = await createTestDatabase(kind);
    open.push(handle);
    return handle;
  }
  beforeEach(async (context) => {
    if (context.task.suite?.name.startsWith('refuses')) return;
    first = await freshDatabase();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((handle) => handle.close()));
  });

  async function roundTrip(source: string): Promise<void> {
    await importWorld(first.db, source, { actor: 'test' });
    const exported = await tempDir();
    await exportWorld(first.db, exported, {});

    const second = await freshDatabase();
    await importWorld(second.db, exported, { actor: 'test' });
    expect(await snapshotTables(second.db)).toEqual(await snapshotTables(first.db));

    const exportedAgain = await tempDir();
    await exportWorld(second.db, exportedAgain, {});
    expect(await readExport(exportedAgain)).toEqual(await readExport(exported));
  }

  it('round-trips a world that uses every field: export, import into an empty database, identical tables', async () => {
    const source = await writeWorldFiles(await tempDir(), smallWorld());
    await roundTrip(source);

    const snapshot = await snapshotTables(first.db);
    expect(snapshot.provider.find((p) => p.id === 'P2')).toMatchObject({ orgnr: '5592123458', parent_id: 'P1', extra: {} });
    expect(snapshot.provider.find((p) => p.id === 'P1')).toMatchObject({ extra: { ourRating: { stars: 4 } } });
    expect(snapshot.unit.find((u) => u.id === 'U3')).toMatchObject({ postal_code: '21115', closed: null });
    expect(snapshot.permit.find((p) => p.id === 'T1')).toMatchObject({ status: 'inhibition', status_from: '2023-05-20' });
    expect(snapshot.permit_status.filter((s) => s.permit_id === 'T1')).toHaveLength(3);
    expect(snapshot.signal.find((s) => s.id === 'S1')).toMatchObject({ personnummer: '191212121212', received_at: '2024-02-01T00:00:00.000Z' });
    expect(snapshot.signal.find((s) => s.id === 'S3')).toMatchObject({ received_at: '2024-03-06T07:00:00.000Z' });
    const periodEnds = Object.fromEntries(snapshot.indicator_value.map((v) => [v.period, v.period_end]));
    expect(periodEnds).toEqual({ '2023': '2023-12-31', '2023-Q4': '2023-12-31', '2024-02': '2024-02-29', '2024-Q1': '2024-03-31' });
  });

  it('exports the format: key order, optional fields omitted, extra fields kept, dates as YYYY-MM-DD', async () => {
    await importWorld(first.db, await writeWorldFiles(await tempDir(), smallWorld()), { actor: 'test' });
    const exported = await tempDir();
    const written = await exportWorld(first.db, exported, {});
    expect(written).toEqual({ providers: 4, units: 4, permits: 2, notifications: 2, signals: 5, indicators: 4, inspections: 2 });
    const files = await readExport(exported);
    const lines = (name: string) => files[`${name}.jsonl`].trimEnd().split('\n');
    expect(lines('providers')[0]).toBe(
      '{"id":"P1","name":"Omsorgskoncernen AB","orgnr":"5566778899","kind":"company","email":"info@omsorg.example","peppolId":"0007:5566778899","ourRating":{"stars":4}}',
    );
    expect(lines('units')[3]).toBe('{"id":"U4","providerId":"P4","name":"Stödboende Uppsala","form":"stodboende","kommun":"0380","size":6,"opened":"2015-01-01","closed":"2024-06-30"}');
    expect(lines('permits')[1]).toBe('{"id":"T2","providerId":"P1","legalForm":"sabo","grantedOn":"2010-09-01","history":[{"status":"active","from":"2010-09-01"}]}');
    expect(lines('signals').map((l) => JSON.parse(l).receivedAt)).toEqual(['2024-02-01', '2024-03-05T13:45:10.123Z', '2024-03-06T07:00:00.000Z', '2023-12-31', '2024-04-01']);
    expect(lines('indicators')[2]).toBe('{"unitId":"U2","indicator":"waiting_time_90d","period":"2023-Q4","value":0.91,"direction":"higher_better","source":"väntetider.se"}');
    expect(lines('inspections')[1]).toBe('{"id":"I2","unitId":"U3","date":"2022-10-03","deficiencies":0,"outcome":"no_remarks"}');
  });

  it('changes nothing when the same directory is imported twice', async () => {
    const source = await writeWorldFiles(await tempDir(), smallWorld());
    const firstSummary = await importWorld(first.db, source, { actor: 'test' });
    expect(counts(firstSummary, 'inserted')).toEqual({ providers: 4, units: 4, permits: 2, notifications: 2, signals: 5, indicators: 4, inspections: 2 });
    const before = await snapshotTables(first.db, { bookkeeping: true });

    const again = await importWorld(first.db, source, { actor: 'test' });
    expect(counts(again, 'unchanged')).toEqual(counts(firstSummary, 'inserted'));
    expect(counts(again, 'inserted')).toEqual({ providers: 0, units: 0, permits: 0, notifications: 0, signals: 0, indicators: 0, inspections: 0 });
    expect(counts(again, 'updated')).toEqual({ providers: 0, units: 0, permits: 0, notifications: 0, signals: 0, indicators: 0, inspections: 0 });
    expect(await snapshotTables(first.db, { bookkeeping: true })).toEqual(before);
  });

  it('updates only what changed, and gives only those rows a new change_seq', async () => {
    await importWorld(first.db, await writeWorldFiles(await tempDir(), smallWorld()), { actor: 'test' });
    const before = await snapshotTables(first.db, { bookkeeping: true });
    const seqOf = (snapshot: typeof before, table: string, id: string) => snapshot[table].find((r) => r.id === id)!.change_seq as number;

    const world = smallWorld();
    world.units[1].size = 13000;
    world.permits[1].history = [{ status: 'active', from: '2010-09-01' }, { status: 'dormant', from: '2024-01-01', reason: 'Inga brukare' }];
    (world.permits[0].history as Line[])[1].reason = 'Ny motivering';
    world.signals.push({ id: 'S6', unitId: 'U4', channel: 'police', receivedAt: '2024-05-01' });
    const summary = await importWorld(first.db, await writeWorldFiles(await tempDir(), world), { actor: 'test' });
    expect(summary.units).toEqual({ inserted: 0, updated: 1, unchanged: 3 });
    expect(summary.permits).toEqual({ inserted: 0, updated: 2, unchanged: 0 });
    expect(summary.signals).toEqual({ inserted: 1, updated: 0, unchanged: 5 });

    const after = await snapshotTables(first.db, { bookkeeping: true });
    expect(seqOf(after, 'unit', 'U2')).toBeGreaterThan(seqOf(before, 'unit', 'U2'));
    expect(seqOf(after, 'unit', 'U1')).toBe(seqOf(before, 'unit', 'U1'));
    expect(seqOf(after, 'permit', 'T1')).toBeGreaterThan(seqOf(before, 'permit', 'T1'));
    expect(after.permit.find((p) => p.id === 'T2')).toMatchObject({ status: 'dormant', status_from: '2024-01-01' });
    expect(after.provider).toEqual(before.provider);
    expect(after.permit_status.filter((s) => s.permit_id === 'T2').map((s) => s.status)).toEqual(['active', 'dormant']);
  });

  it('writes one audit row per import, with the counts', async () => {
    const auditBefore = await countAuditRows(first.db);
    await importWorld(first.db, await writeWorldFiles(await tempDir(), smallWorld()), { actor: 'staff:anna' });
    expect(await countAuditRows(first.db)).toBe(auditBefore + 1);
    const row = await first.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor: 'staff:anna', action: 'register.import', entity_type: 'register' });
    expect(row.details).toMatchObject({ units: { inserted: 4, updated: 0, unchanged: 0 } });
  });

  it('resolves references against the register as well as the files', async () => {
    await importWorld(first.db, await writeWorldFiles(await tempDir(), smallWorld()), { actor: 'test' });
    const more = { signals: [{ id: 'S9', unitId: 'U3', channel: 'tip', receivedAt: '2024-06-01' }], units: [{ id: 'U9', providerId: 'P4', name: 'Daglig verksamhet Ljuset', form: 'lss_daglig', kommun: '1480', size: 20 }] };
    const summary = await importWorld(first.db, await writeWorldFiles(await tempDir(), more), { actor: 'test' });
    expect(summary.signals.inserted).toBe(1);
    expect(summary.units.inserted).toBe(1);
    expect(summary.providers).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
  });

  it('accepts a byte-order mark, CRLF line ends and blank lines; absent files mean none', async () => {
    const dir = await tempDir();
    const lines = smallWorld().providers.map((p) => JSON.stringify(p));
    await writeFile(join(dir, 'providers.jsonl'), `\ufeff${lines[0]}\r\n\r\n${lines.slice(1).join('\r\n')}\r\n\n`);
    const summary = await importWorld(first.db, dir, { actor: 'test' });
    expect(summary.providers).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    expect(summary.units).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
  });

  it.skipIf(!hasDemoGenerator)('round-trips a generated world of 500 units', async () => {
    const source = await tempDir();
    await writeGeneratedWorld(source, 500);
    await roundTrip(source);
    const units = await first.db.selectFrom('unit').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(units.n).toBeGreaterThan(400);
  });

  describe('refuses bad input, names file:line:field, and writes nothing', () => {
    // One database for these: a refused import writes nothing, which is what each test checks.
    let shared: DatabaseHandle;
    let before: Awaited<ReturnType<typeof snapshotTables>>;
    let auditBefore: number;
    beforeAll(async () => {
      shared = await createTestDatabase(kind);
      await importWorld(shared.db, await writeWorldFiles(await tempDir(), smallWorld()), { actor: 'test' });
      before = await snapshotTables(shared.db, { bookkeeping: true });
      auditBefore = await countAuditRows(shared.db);
    });
    afterAll(async () => {
      await shared.close();
    });
    async function expectUnchanged(): Promise<void> {
      expect(await snapshotTables(shared.db, { bookkeeping: true })).toEqual(before);
      expect(await countAuditRows(shared.db)).toBe(auditBefore);
    }

    type Spoil = (world: World) => Record<string, (Line | string)[]>;
    const cases: [string, Spoil, string][] = [
      ['a broken JSON line', (w) => ({ ...w, signals: [JSON.stringify(w.signals[0]), '{"id": "S2", "unitId": "U1",', ...w.signals.slice(2).map((s) => JSON.stringify(s))] }), 'signals.jsonl:2:json'],
      ['an unknown provider id', (w) => ({ ...w, units: w.units.map((u, i) => (i === 1 ? { ...u, providerId: 'P99' } : u)) }), 'units.jsonl:2:providerId'],
      ['an invalid organisationsnummer', (w) => ({ ...w, providers: w.providers.map((p, i) => (i === 2 ? { ...p, orgnr: '212000-0143' } : p)) }), 'providers.jsonl:3:orgnr'],
      ['an unknown kommun code', (w) => ({ ...w, units: w.units.map((u, i) => (i === 0 ? { ...u, kommun: '9999' } : u)) }), 'units.jsonl:1:kommun'],
      ['a negative size', (w) => ({ ...w, units: w.units.map((u, i) => (i === 2 ? { ...u, size: -5 } : u)) }), 'units.jsonl:3:size'],
    ];

    it.each(cases)('%s', async (_name, spoil, expected) => {
      // The rest of the bad directory changes good rows too: none of that may be written either.
      const world = smallWorld();
      world.providers[0].name = 'Omdöpt AB';
      world.signals.push({ id: 'S7', unitId: 'U1', channel: 'tip', receivedAt: '2024-07-01' });
      const bad = await writeWorldFiles(await tempDir(), spoil(world));

      const error = await importWorld(shared.db, bad, { actor: 'test' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ExchangeValidationError);
      expect((error as Error).message).toContain(expected);
      expect((error as ExchangeValidationError).issues).toHaveLength(1);
      await expectUnchanged();
    });

    it('refuses a directory that is not there', async () => {
      const error = await importWorld(shared.db, join(await tempDir(), 'missing'), { actor: 'test' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain('no such directory');
      await expectUnchanged();
    });

    it('lists every problem of every file, in file and line order', async () => {
      const world = smallWorld();
      const units = world.units as Line[];
      units[2].size = 0;
      units[3].postalCode = '1234';
      units[0].postalCode = '21115';
      units[1].form = 'spa';
      world.providers.push({ id: 'P1', name: 'Dubblett AB', kind: 'company' });
      world.providers[3].parentId = 'P404';
      world.signals[0].severity = 5;
      world.signals[1].receivedAt = '2024-02-30';
      world.signals[2].personnummer = '19121212-1213';
      world.signals[3].riskAreas = ['medication', 'parking'];
      world.signals[4].channel = 'fax';
      world.indicators[0].period = '2023-Q5';
      world.indicators[1].value = '0.9';
      world.indicators.push({ ...world.indicators[2] });
      world.inspections[0].outcome = 'praise';
      world.inspections[1].deficiencies = 1.5;
      world.permits[0].history = [{ status: 'active', from: '2020-01-01' }, { status: 'sleeping', from: '2019-01-01' }];
      world.permits[1].legalForm = 'casino';
      delete world.notifications[0].eventDate;
      world.notifications[1].unitId = 'U404';
      const dir = await writeWorldFiles(await tempDir(), world);

      const error = (await importWorld(shared.db, dir, { actor: 'test' }).catch((e: unknown) => e)) as ExchangeValidationError;
      expect(error).toBeInstanceOf(ExchangeValidationError);
      expect(error.message).not.toContain('\n');
      for (const i of error.issues) expect(error.message).toContain(`${i.file}:${i.line}:${i.field}: ${i.message}`);
      expect(error.issues.map((i) => `${i.file}:${i.line}:${i.field}`)).toEqual([
        'providers.jsonl:5:id',
        'units.jsonl:1:postalCode',
        'units.jsonl:2:form',
        'units.jsonl:3:size',
        'units.jsonl:4:postalCode',
        'permits.jsonl:1:history[1].status',
        'permits.jsonl:2:legalForm',
        'notifications.jsonl:1:eventDate',
        'signals.jsonl:1:severity',
        'signals.jsonl:2:receivedAt',
        'signals.jsonl:3:personnummer',
        'signals.jsonl:4:riskAreas[1]',
        'signals.jsonl:5:channel',
        'indicators.jsonl:1:period',
        'indicators.jsonl:2:value',
        'indicators.jsonl:5:period',
        'inspections.jsonl:1:outcome',
        'inspections.jsonl:2:deficiencies',
        'providers.jsonl:4:parentId',
        'notifications.jsonl:2:unitId',
      ].sort(byFileOrderAndLine));
      await expectUnchanged();
    });

    it('caps the message at 50 problems and says how many more', async () => {
      const units = Array.from({ length: 120 }, (_, i) => ({ id: `U${i}`, providerId: 'P1', name: 'Enhet', form: 'hvb', kommun: '0180', size: -1 }));
      const dir = await writeWorldFiles(await tempDir(), { providers: [{ id: 'P1', name: 'A', kind: 'company' }], units });
      const error = (await importWorld(shared.db, dir, { actor: 'test' }).catch((e: unknown) => e)) as ExchangeValidationError;
      // One line, as the command-line contract asks, naming the first 50.
      expect(error.message).not.toContain('\n');
      expect(error.message).toMatch(/refused, nothing was written: 120 errors: units\.jsonl:1:size: /);
      expect(error.message.match(/units\.jsonl:\d+:size: /g)).toHaveLength(50);
      expect(error.message.endsWith('; and 70 more')).toBe(true);
      expect(error.issueCount).toBe(120);
      await expectUnchanged();
    });
  });
});

const FILE_ORDER = ['providers', 'units', 'permits', 'notifications', 'signals', 'indicators', 'inspections'];
function byFileOrderAndLine(a: string, b: string): number {
  const [fileA, lineA] = a.split(':');
  const [fileB, lineB] = b.split(':');
  return FILE_ORDER.indexOf(fileA.replace('.jsonl', '')) - FILE_ORDER.indexOf(fileB.replace('.jsonl', '')) || Number(lineA) - Number(lineB);
}
