// The demo's most recent signals as if they had just arrived. Imported signals are history: they were triaged
// in the system they came from and never enter the queue (migration 002). A fresh demo would then show an empty
// triage queue beside risk cards that speak of yesterday's acute signal; so the demo's last days are routed to
// their department and classified as live signals are, and wait in triage.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { addDays } from '../../../platform/dates.ts';
import { loadSignalClassifier } from '../signal-classifier.ts';

/** Days before the demo's last day whose signals wait in triage: the window of the acute hard trigger. */
export const DEMO_TRIAGE_DAYS = 14;

/** Puts the signals received in the last `DEMO_TRIAGE_DAYS` up to `until` in the triage queue; returns how many. */
export async function queueRecentDemoSignals(db: Db, until: string): Promise<number> {
  const from = addDays(until, -(DEMO_TRIAGE_DAYS - 1));
  const recent = await sql<{ id: string; text: string | null }>`
    SELECT id, text FROM signal
    WHERE triage_status IS NULL
      AND (received_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN ${from}::date AND ${until}::date
  `.execute(db);
  if (recent.rows.length === 0) return 0;
  const classifier = await loadSignalClassifier(db);
  const classified = recent.rows.map((row) => ({ id: row.id, classification: row.text ? classifier.classify(row.text) : null }));
  await db.transaction().execute(async (trx) => {
    await sql`
      UPDATE signal s
      SET triage_status = 'new',
          unit_match = CASE WHEN s.unit_id IS NULL THEN 'unmatched' ELSE 'given' END,
          department_code = c.department_code,
          classification = r.classification
      FROM jsonb_to_recordset(${JSON.stringify(classified)}::jsonb) AS r(id text, classification jsonb),
           signal t
           LEFT JOIN unit u ON u.id = t.unit_id
           LEFT JOIN municipality m ON m.code = u.kommun
           LEFT JOIN county c ON c.code = m.county_code
      WHERE s.id = r.id AND t.id = r.id
    `.execute(trx);
  });
  return classified.length;
}
