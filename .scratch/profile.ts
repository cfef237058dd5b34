// Times the pieces of a national recompute on the persisted world (arg: pglite | pg).
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.ts';
import { asOfDate, loadIndicatorSeries, loadInspections, loadPermits, loadUnitSignals } from '../src/modules/risk/risk-data.ts';
import { computeRisks, explainResult } from '../src/modules/risk/risk-model.ts';
import { recomputeNationalRisk } from '../src/modules/risk/index.ts';
const which = process.argv[2] ?? 'pglite';
const handle = which === 'pglite' ? await openDatabase({ dataDir: '/tmp/riskdb' }) : await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/vaka_prof' });
const db = handle.db;
const AS_OF = '2026-11-20';
const t = () => performance.now();
for (let rep = 0; rep < 3; rep++) {
  let s = t();
  await sql`SELECT unit_id, count(*) FROM signal GROUP BY unit_id`.execute(db);
  const scan = t() - s;
  const asOf = asOfDate(AS_OF);
  const times: Record<string, number> = { scan };
  s = t();
  const res = await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    let a = t();
    const raw = await sql`SELECT u.id, h.codes FROM unit u LEFT JOIN risk_signal_history h ON h.unit_id = u.id`.execute(trx);
    times.rawHistoryQuery = t() - a; a = t();
    const sig = await loadUnitSignals(trx, asOf); times.signals = t() - a; a = t();
    const ind = await loadIndicatorSeries(trx, asOf); times.indicators = t() - a; a = t();
    const ins = await loadInspections(trx, asOf); times.inspections = t() - a; a = t();
    const per = await loadPermits(trx, asOf); times.permits = t() - a; a = t();
    return { asOf, units: sig.units, channels: sig.channels, indicators: ind, inspections: ins.rows, inspectionCoverageStart: ins.coverageStart, permits: per };
  });
  let a = t();
  const out = computeRisks(res, null); times.compute = t() - a; a = t();
  for (const r of out.results) explainResult(r, { recentChannels: res.channels.get(r.unitId)?.recent ?? null, providerChannels: null }, { reasonsOnly: true });
  times.explain = t() - a; a = t();
  const run = await recomputeNationalRisk(db, { asOf: AS_OF }); times.fullRun = t() - a;
  times.runScoring = run.scoringMs; times.runStoring = run.storingMs;
  console.log(Object.entries(times).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join('  '), ` ratio ${(times.fullRun / scan).toFixed(2)}`);
}
await handle.close();
