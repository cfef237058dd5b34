import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
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
});
