import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld, writeWorld } from '../../src/modules/demo/index.ts';

const vaka = fileURLToPath(new URL('../../bin/vaka.js', import.meta.url));
const rank = (...args: string[]) => spawnSync(process.execPath, [vaka, 'risk', 'rank', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('npx vaka risk rank', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vaka-risk-cli-'));
    await writeWorld(dir, generateWorld({ units: 700, seed: 5 }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the spec JSON array, best rank first, with Swedish reasons', () => {
    const result = rank('--data', dir, '--as-of', '2025-06-30', '--top', '5', '--json');
    expect(result.status).toBe(0);
    const ranking = JSON.parse(result.stdout) as { unitId: string; rank: number; score: number; reasons: string[] }[];
    expect(ranking).toHaveLength(5);
    expect(ranking.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    for (const entry of ranking) {
      expect(Object.keys(entry)).toEqual(['unitId', 'rank', 'score', 'reasons']);
      expect(entry.score).toBeGreaterThanOrEqual(0);
      expect(entry.score).toBeLessThanOrEqual(1);
      expect(entry.reasons.length).toBeGreaterThan(0);
    }
    const scores = ranking.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('exits 2 with a one-line message for a bad date', () => {
    const result = rank('--data', dir, '--as-of', '2025-13-45', '--json');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['--as-of', '0000-01-01'], /--as-of must be a date/],
    [['--as-of', '2025-06-30', '--form', 'hvbb'], /--form must be a form code \(.*hvb.*\), got "hvbb"/],
  ])('exits 2 with a one-line message for %j', (args, message) => {
    const result = rank('--data', dir, ...args, '--json');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });

  it('exits 2 with one line naming file, line and field for values the database could not hold, and for a directory in place of a file', async () => {
    const bad = await mkdtemp(path.join(tmpdir(), 'vaka-risk-cli-bad-'));
    try {
      const lines = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
      await writeFile(path.join(bad, 'providers.jsonl'), lines({ id: 'P1', name: 'Omsorg AB', kind: 'company' }));
      await writeFile(path.join(bad, 'units.jsonl'), lines({ id: 'U1', providerId: 'P1', name: 'Hemmet', form: 'hvb', kommun: '0180', size: 5 }));
      await writeFile(path.join(bad, 'signals.jsonl'), lines({ id: 'S1', unitId: 'U1', channel: 'tip', receivedAt: '2025-06-30T10:00:00+99:00' }));
      await writeFile(path.join(bad, 'indicators.jsonl'), lines({ unitId: 'U1', indicator: 'x', period: '0000', value: 1, direction: 'higher_better' }));
      await writeFile(path.join(bad, 'inspections.jsonl'), lines({ id: 'I1', unitId: 'U1', date: '2025-01-10', outcome: 'criticism', deficiencies: 1e20 }));
      const result = rank('--data', bad, '--as-of', '2025-06-30', '--json');
      expect(result.status).toBe(2);
      const [line, ...more] = result.stderr.trim().split('\n');
      expect(more).toEqual([]);
      for (const at of ['signals.jsonl:1:receivedAt', 'indicators.jsonl:1:period', 'inspections.jsonl:1:deficiencies']) expect(line).toContain(at);

      await rm(path.join(bad, 'signals.jsonl'));
      await mkdir(path.join(bad, 'signals.jsonl'));
      const directory = rank('--data', bad, '--as-of', '2025-06-30', '--json');
      expect(directory.status).toBe(2);
      expect(directory.stderr.trim().split('\n')).toEqual([expect.stringMatching(/signals\.jsonl is not a file/)]);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
