import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, smallWorld, writeWorldFiles } from './small-world.ts';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function runVaka(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ['bin/vaka.js', ...args], { cwd: repository, env: { ...inherited, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('vaka import (command line)', () => {
  it('exits 2 and names file:line:field when the input is bad', async () => {
    const dataDir = await makeTempDir('vaka-cli-data-');
    const source = await makeTempDir();
    tempDirs.push(dataDir, source);
    const world = smallWorld();
    world.units[2].size = -5;
    await writeWorldFiles(source, world);

    const result = await runVaka(['import', '--from', source], { VAKA_DATA_DIR: dataDir, VAKA_DEMO: 'false' });
    expect(result.stderr).toContain('units.jsonl:3:size: must be greater than 0, got -5');
    expect(result.code).toBe(2);
  });
});
