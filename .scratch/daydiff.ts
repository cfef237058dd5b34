import { openDatabase } from '../src/platform/db/database.ts';
import { scoreUnitsWithSummary } from '../src/modules/risk/score-units.ts';
const handle = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/vaka_prof' });
const a = await scoreUnitsWithSummary(handle.db, { asOf: '2026-11-20', explain: 'reasons' });
for (const day of ['2026-11-21', '2026-11-27']) {
  const b = await scoreUnitsWithSummary(handle.db, { asOf: day, explain: 'reasons' });
  const byId = new Map(a.units.map((u) => [u.unitId, u]));
  let score = 0, reasons = 0, any = 0, rank = 0;
  for (const u of b.units) {
    const p = byId.get(u.unitId)!;
    const s = p.score !== u.score || p.raw !== u.raw; const r = p.reasons.join() !== u.reasons.join();
    const o = p.cusumAlarm !== u.cusumAlarm || p.triggers.join() !== u.triggers.join() || p.observedRecent !== u.observedRecent || p.expectedRecent !== u.expectedRecent;
    if (s) score++; if (r) reasons++; if (s || r || o) any++; if (p.rank !== u.rank) rank++;
  }
  console.log(day, 'units', b.units.length, 'score changed', score, 'reasons changed', reasons, 'any', any, 'rank changed', rank);
}
await handle.close();
