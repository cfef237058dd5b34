import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/platform/cli-errors.ts';
import { registerRiskCommands } from '../../src/modules/risk/cli.ts';

// `vaka risk rank --data DIR --as-of DATE [--form CODE] [--top K] --json`, run in process on a small
// exchange-format directory: a throw-away embedded database, the contract's JSON on standard output.
let dir: string;

const lines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vaka-risk-cli-'));
  const units = Array.from({ length: 12 }, (_, i) => ({
    id: `U${i + 1}`, providerId: 'P1', name: `HVB ${i + 1}`, form: i < 10 ? 'hvb' : 'vardcentral', kommun: '0180',
    size: i < 10 ? 8 : 7000, opened: '2015-01-01',
  }));
  const signals: object[] = [];
  let n = 0;
  units.forEach((u, i) => {
    for (let m = 0; m < 24; m += 4) signals.push({ id: `S${++n}`, unitId: u.id, channel: 'tip', receivedAt: `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`, severity: 1 });
  });
  for (let d = 0; d < 6; d++) signals.push({ id: `S${++n}`, unitId: 'U3', channel: 'complaint', receivedAt: `2024-12-${String(2 + 4 * d).padStart(2, '0')}`, severity: 3 });
  // After the as-of date: must not count.
  for (let d = 0; d < 6; d++) signals.push({ id: `S${++n}`, unitId: 'U7', channel: 'police', receivedAt: `2025-01-${String(2 + d).padStart(2, '0')}`, severity: 4, urgency: 'acute' });
  await writeFile(join(dir, 'providers.jsonl'), lines([{ id: 'P1', name: 'Prov AB', kind: 'company' }]));
  await writeFile(join(dir, 'units.jsonl'), lines(units));
  await writeFile(join(dir, 'signals.jsonl'), lines(signals));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<string> {
  let out = '';
  const program = new Command('vaka').exitOverride();
  registerRiskCommands(program, { out: (text) => (out += text) });
  await program.parseAsync(['node', 'vaka', 'risk', 'rank', ...args]);
  return out;
}

describe('vaka risk rank', () => {
  it('prints the JSON array of the contract, best rank first, using only what was known by the date', async () => {
    const out = await run(['--data', dir, '--as-of', '2024-12-31', '--top', '3', '--json']);
    const ranked = JSON.parse(out) as { unitId: string; rank: number; score: number; reasons: string[] }[];
    expect(ranked).toHaveLength(3);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(Object.keys(ranked[0])).toEqual(['unitId', 'rank', 'score', 'reasons']);
    expect(ranked[0].unitId).toBe('U3');
    expect(ranked[0].reasons.join(' ')).toMatch(/klagomål/);
    expect(ranked.some((r) => r.unitId === 'U7')).toBe(false);
  });

  it('filters by form', async () => {
    const ranked = JSON.parse(await run(['--data', dir, '--as-of', '2024-12-31', '--form', 'vardcentral', '--json']));
    expect(ranked.map((r: { unitId: string }) => r.unitId).sort()).toEqual(['U11', 'U12']);
  });

  it('refuses bad arguments with a usage error (exit status 2)', async () => {
    await expect(run(['--data', dir, '--as-of', '31/12/2024', '--json'])).rejects.toThrow(UsageError);
    await expect(run(['--data', dir, '--json'])).rejects.toThrow(/--as-of/);
    await expect(run(['--data', dir, '--as-of', '2024-12-31', '--top', '0'])).rejects.toThrow(UsageError);
    await expect(run(['--data', join(dir, 'missing'), '--as-of', '2024-12-31'])).rejects.toThrow(UsageError);
  });
});
