// Writes (or compares with) a fingerprint of every unit's full result at a few as-of dates.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../src/platform/db/database.ts';
import { scoreUnitsWithSummary } from '../src/modules/risk/score-units.ts';
const handle = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/vaka_prof' });
let same = true;
for (const asOf of ['2026-11-20', '2025-06-01', '2024-03-10']) {
  const out = await scoreUnitsWithSummary(handle.db, { asOf, explain: 'all' });
  const text = JSON.stringify({ units: out.units, summary: out.summary, parameters: out.parameters, references: [...out.references] });
  const file = `/tmp/fp-${asOf}.json`;
  if (!existsSync(file) || process.argv[2] === 'write') { writeFileSync(file, text); console.log(asOf, 'written', createHash('sha1').update(text).digest('hex')); continue; }
  const before = readFileSync(file, 'utf8');
  if (before === text) { console.log(asOf, 'identical'); continue; }
  same = false;
  const a = JSON.parse(before), b = JSON.parse(text);
  for (const key of ['summary', 'parameters', 'references']) if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) console.log(asOf, key, 'differs');
  let shown = 0;
  for (let i = 0; i < a.units.length && shown < 3; i++) if (JSON.stringify(a.units[i]) !== JSON.stringify(b.units[i])) { shown++; console.log(asOf, 'unit', i, JSON.stringify(a.units[i]).slice(0, 600), '\n  now', JSON.stringify(b.units[i]).slice(0, 600)); }
}
await handle.close();
process.exit(same ? 0 : 1);
