// Generates and writes a demo world, printing counts and timings:
//   npx tsx src/modules/demo/measure-world.ts [--units 40000] [--seed 1] [--until 2026-10-31] [--to DIR]
// (The product command is `vaka demo generate`; this script exists to measure and inspect.)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { generateWorld } from './generate-world.ts';
import { writeWorld } from './write-world.ts';

const { values } = parseArgs({
  options: { units: { type: 'string' }, seed: { type: 'string' }, until: { type: 'string' }, to: { type: 'string' } },
});
const dir = values.to ?? mkdtempSync(join(tmpdir(), 'vaka-demo-'));

const generationStart = performance.now();
const world = generateWorld({
  units: values.units ? Number(values.units) : undefined,
  seed: values.seed ? Number(values.seed) : undefined,
  until: values.until,
});
const generationMs = performance.now() - generationStart;

const writeStart = performance.now();
await writeWorld(dir, world);
const writeMs = performance.now() - writeStart;

const counts = {
  providers: world.providers.length,
  units: world.units.length,
  permits: world.permits.length,
  notifications: world.notifications.length,
  signals: world.signals.length,
  indicators: world.indicators.length,
  inspections: world.inspections.length,
  deteriorating: world.truth.deteriorating.length,
};
console.log(JSON.stringify({ dir, counts, generationSeconds: +(generationMs / 1000).toFixed(2), writeSeconds: +(writeMs / 1000).toFixed(2) }, null, 2));
