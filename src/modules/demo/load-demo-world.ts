import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../../platform/db/database.ts';
import { importWorld } from '../exchange/index.ts';
import { generateWorld } from './generate-world.ts';
import { writeWorld } from './write-world.ts';

export interface DemoOptions {
  units: number;
  seed: number;
  /** The last day of the world's history (the generator's default when absent). */
  until?: string;
  /** Where the truth file (which units deteriorate, from when) is kept for the risk backtest. */
  truthDir?: string;
}

/**
 * First start of an empty database: generate the national demo world, write it in the exchange format
 * and import it through the same code path as any other import. Does nothing when units exist.
 */
export async function loadDemoWorldIfEmpty(db: Db, options: DemoOptions, log: (message: string) => void): Promise<boolean> {
  const existing = await db.selectFrom('unit').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const started = Date.now();
  log(`Empty register: generating the demo world (${options.units} units, seed ${options.seed}, history to ${options.until ?? 'the default day'}) ...`);
  const dir = await mkdtemp(path.join(tmpdir(), 'vaka-demo-'));
  try {
    const world = generateWorld({ units: options.units, seed: options.seed, until: options.until });
    await writeWorld(dir, world, log);
    log('Importing the demo world ...');
    await importWorld(db, dir, { onProgress: log, actor: 'system:demo' });
    if (options.truthDir) {
      await mkdir(options.truthDir, { recursive: true });
      await copyFile(path.join(dir, 'truth.json'), path.join(options.truthDir, 'demo-truth.json'));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  log(`Demo world loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}
