import { openDatabase } from '../src/platform/db/database.ts';
import { asOfDate } from '../src/modules/risk/risk-data.ts';
import { loadRiskInput } from '../src/modules/risk/score-units.ts';
import { computeRisks, explainResult } from '../src/modules/risk/risk-model.ts';
const handle = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/vaka_prof' });
const input = await loadRiskInput(handle.db, asOfDate('2026-11-20'));
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  const out = computeRisks(input, null);
  const m = performance.now();
  for (const r of out.results) explainResult(r, { recentChannels: input.channels.get(r.unitId)?.recent ?? null, providerChannels: null }, { reasonsOnly: true });
  console.log('compute', (m - s).toFixed(0), 'explain', (performance.now() - m).toFixed(0));
}
await handle.close();
