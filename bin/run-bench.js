#!/usr/bin/env node
// `npm run bench -- NAME` runs bench/NAME.ts; without a name, every benchmark.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const benchDir = new URL('../bench/', import.meta.url);
const available = readdirSync(benchDir).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.replace(/\.ts$/, ''));
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
for (const name of requested.length > 0 ? requested : available) {
  console.log(`\n=== bench ${name} ===`);
  const bench = await import(new URL(`${name}.ts`, benchDir).href);
  await bench.run();
}
