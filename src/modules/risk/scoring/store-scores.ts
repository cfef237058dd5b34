// Keeps the latest score of every unit in risk_score, and raises alerts for units whose CUSUM has just
// crossed its threshold or that a hard trigger has just lifted. Scores are derived data: a national run
// replaces them all in one transaction, so readers never see half a run.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import type { RiskRunSummary, UnitClass, UnitRisk } from '../score-units.ts';
import { yieldToEventLoop } from '../risk-model.ts';

export type AlertKind = 'cusum' | 'acute_signal' | 'permit_status';

const BATCH = 2000;
/** Advisory lock of the writers of risk_score (the audit log has 727_001, machine intake 727_002). */
const SCORE_WRITERS_LOCK_KEY = 727_003;
/** Between a unit's reasons (and triggers) on their way to the database: never part of a sentence. */
const SEPARATOR = '\u001e';
/** Between units in a column of a batch. */
const UNIT_SEPARATOR = '\u001f';

interface PreviousState {
  cusum_alarm: boolean;
  triggers: string[];
}

/** Alert kinds that are on for this unit now and were not on at its previous score. */
export function newAlertKinds(unit: Pick<UnitRisk, 'cusumAlarm' | 'triggers' | 'cusumPath'>, previous: PreviousState | undefined, threshold: number): AlertKind[] {
  const kinds: AlertKind[] = [];
  if (unit.cusumAlarm) {
    // Without an earlier score, only a CUSUM that crossed in the last week is news.
    const path = unit.cusumPath;
    const wasOn = previous ? previous.cusum_alarm : path.length >= 2 && path[path.length - 2] >= threshold;
    if (!wasOn) kinds.push('cusum');
  }
  // A unit scored for the first time raises no trigger alert: an acute signal received live waits in triage
  // itself (imported history was triaged where it came from; the demo's last two weeks are queued as live), and
  // a ban or revocation in force is IVO's own decision. From then on, a trigger that switches on is news.
  if (previous) {
    for (const trigger of unit.triggers) {
      if (!previous.triggers.includes(trigger)) kinds.push(trigger);
    }
  }
  return kinds;
}

/** Writes the scores of a run (upsert per unit) and the alerts they raise; returns the number of alerts. */
export async function storeScores(
  trx: Transaction<Database>,
  runId: number,
  asOf: string,
  units: UnitRisk[],
  summary: Pick<RiskRunSummary, 'cusumThreshold'>,
  options: { nationalRanks: boolean; classes: Map<string, UnitClass> },
): Promise<number> {
  if (units.length === 0) return 0;
  // One writer of scores at a time: a rescoring renumbers places across the table, and two doing so at once
  // (or one beside a national run) would wait on each other's rows. Taken first, so no row lock is held while
  // waiting for it.
  await sql`SELECT pg_advisory_xact_lock(${SCORE_WRITERS_LOCK_KEY})`.execute(trx);
  // The previous state of the units that can raise an alert (without an alarm or a trigger now, a unit raises
  // none whatever it was before), read before the upsert. Few units: one indexed read.
  // A rescoring also needs every rescored unit's place key before, to renumber only the places that moved.
  const candidates = options.nationalRanks ? units.filter((u) => u.cusumAlarm || u.triggers.length > 0).map((u) => u.unitId) : units.map((u) => u.unitId);
  const previous = new Map<string, PreviousState & PlaceKey>();
  if (candidates.length > 0) {
    const before = await sql<{ unit_id: string } & PreviousState & PlaceKey>`
      SELECT unit_id, cusum_alarm, triggers, score, raw FROM risk_score WHERE unit_id = ANY(${candidates}::text[])
    `.execute(trx);
    for (const row of before.rows) previous.set(row.unit_id, row);
  }
  // One statement per batch, each column one text parameter split into an array in SQL: far faster than
  // thousands of bind parameters, than one large JSON document (whose parsing dominated the write), and than
  // array parameters (which the embedded driver writes as array literals, quoting element by element). Units
  // are separated by UNIT_SEPARATOR, a unit's reasons and triggers by SEPARATOR; neither is ever in a sentence
  // or a unit id.
  // The text starts with a separator, whose empty first element is dropped: one unit's empty text (no
  // triggers) is then one empty element, not an empty array. `nulls` reads empty elements as NULL.
  const column = (values: readonly (string | number | boolean | null)[]) =>
    values.map((v) => {
      if (typeof v === 'string' && v.includes(UNIT_SEPARATOR)) throw new Error(`a risk score's text holds the unit separator U+001F: ${JSON.stringify(v)}`);
      return UNIT_SEPARATOR + (v === null ? '' : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v));
    }).join('');
  const split = (values: readonly (string | number | boolean | null)[], type: 'text' | 'int' | 'float8' | 'boolean', nulls = true) =>
    sql`(string_to_array(${column(values)}::text, ${UNIT_SEPARATOR}${nulls ? sql`, ''` : sql``}))[2:]::${sql.raw(type)}[]`;
  const joined = (values: readonly string[]) => values.join(SEPARATOR);
  for (let i = 0; i < units.length; i += BATCH) {
    // A turn of the event loop between batches: on the embedded database each statement runs in this thread.
    if (i > 0) await yieldToEventLoop();
    const batch = units.slice(i, i + BATCH);
    const classes = batch.map((u) => options.classes.get(u.unitId));
    await sql`
      INSERT INTO risk_score (unit_id, form, score, raw, national_rank, triggers, cusum_alarm, reasons,
                              observed_recent, expected_recent, size_band, size, as_of, run_id, computed_at)
      SELECT r.unit_id, r.form, r.score, r.raw,
             -- A unit scored for the first time between national runs takes its place among the stored scores.
             -- A rescored unit gets its place when the places are renumbered below.
             ${options.nationalRanks ? sql`r.national_rank` : sql`0`},
             string_to_array(r.triggers, ${SEPARATOR}), r.cusum_alarm, string_to_array(r.reasons, ${SEPARATOR}),
             r.observed_recent, r.expected_recent, r.size_band, r.size,
             ${asOf}::date, ${runId}::bigint, now()
      FROM unnest(
        ${split(batch.map((u) => u.unitId), 'text')}, ${split(batch.map((u) => u.form), 'text')},
        ${split(batch.map((u) => u.score), 'float8')}, ${split(batch.map((u) => u.raw), 'float8')}, ${split(batch.map((u) => u.rank), 'int')},
        ${split(batch.map((u) => joined(u.triggers)), 'text', false)}, ${split(batch.map((u) => u.cusumAlarm), 'boolean')},
        ${split(batch.map((u) => joined(u.reasons)), 'text', false)},
        ${split(batch.map((u) => u.observedRecent), 'int')}, ${split(batch.map((u) => u.expectedRecent), 'float8')},
        ${split(classes.map((c) => c?.band ?? null), 'int')}, ${split(classes.map((c) => c?.size ?? null), 'float8')}
      ) AS r(unit_id, form, score, raw, national_rank, triggers, cusum_alarm, reasons, observed_recent,
             expected_recent, size_band, size)
      ON CONFLICT (unit_id) DO UPDATE SET
        form = excluded.form, score = excluded.score, raw = excluded.raw,
        national_rank = ${options.nationalRanks ? sql`excluded.national_rank` : sql`risk_score.national_rank`},
        triggers = excluded.triggers, cusum_alarm = excluded.cusum_alarm, reasons = excluded.reasons, observed_recent = excluded.observed_recent, expected_recent = excluded.expected_recent,
        size_band = excluded.size_band, size = excluded.size,
        as_of = excluded.as_of, run_id = excluded.run_id, computed_at = excluded.computed_at
    `.execute(trx);
  }

  if (!options.nationalRanks) {
    const keys = units.map((u) => ({ unit_id: u.unitId, score: u.score, raw: u.raw }));
    const before = units.flatMap((u) => previous.get(u.unitId) ?? []);
    await renumberPlaces(trx, [...keys, ...before], before.length < units.length);
  }

  const alerts = units.flatMap((u) => newAlertKinds(u, previous.get(u.unitId), summary.cusumThreshold).map((kind) => ({ unit: u, kind })));
  for (let i = 0; i < alerts.length; i += BATCH) {
    const batch = alerts.slice(i, i + BATCH);
    await sql`
      INSERT INTO risk_alert (unit_id, department_code, kind, as_of, score, explanation)
      SELECT a.unit_id, c.department_code, a.kind, ${asOf}::date, a.score, a.explanation
      FROM jsonb_to_recordset(${JSON.stringify(batch.map(({ unit, kind }) => ({ unit_id: unit.unitId, kind, score: unit.score, explanation: unit.reasons })))}::jsonb)
        AS a(unit_id text, kind text, score float8, explanation text[])
      JOIN unit u ON u.id = a.unit_id
      LEFT JOIN municipality m ON m.code = u.kommun
      LEFT JOIN county c ON c.code = m.county_code
      ON CONFLICT (unit_id, kind) WHERE status <> 'done' DO NOTHING
    `.execute(trx);
  }
  return alerts.length;
}

/** Where a score stands in the national order: higher score first, then higher raw score, then unit id. */
interface PlaceKey {
  unit_id: string;
  score: number;
  raw: number;
}

/** Whether `a` comes before `b` in the national order (unit ids compared by code unit, as COLLATE "C"). */
function ahead(a: PlaceKey, b: PlaceKey): boolean {
  return a.score !== b.score ? a.score > b.score : a.raw !== b.raw ? a.raw > b.raw : a.unit_id < b.unit_id;
}

/**
 * Numbers the places in the country again after some units were rescored, so the places on the list and the
 * card follow the scores (1 for the riskiest, in the national run's order). Only the stretch between the
 * highest and the lowest of the rescored units' keys, before and after, can move; everything above keeps its
 * place, and so does everything below unless a unit was scored for the first time (then all below it move
 * down one). Within the stretch only rows whose place changed are written: a unit that rose from place 3,778 to
 * 163 moves the 3,615 units between down by one. `keys` are the rescored units' keys, new and old.
 */
async function renumberPlaces(trx: Transaction<Database>, keys: PlaceKey[], toTheEnd: boolean): Promise<void> {
  const top = keys.reduce((best, key) => (ahead(key, best) ? key : best));
  const bottom = keys.reduce((last, key) => (ahead(last, key) ? key : last));
  // (-score, -raw, id) ascending is the national order, so row comparisons bound the stretch.
  const order = sql`(-score, -raw, unit_id COLLATE "C")`;
  const key = (k: PlaceKey) => sql`(${-k.score}::float8, ${-k.raw}::float8, ${k.unit_id}::text COLLATE "C")`;
  await sql`
    UPDATE risk_score r SET national_rank = o.place
    FROM (
      SELECT unit_id,
             (SELECT count(*) FROM risk_score WHERE ${order} < ${key(top)})::int
               + row_number() OVER (ORDER BY score DESC, raw DESC, unit_id COLLATE "C")::int AS place
      FROM risk_score
      WHERE ${order} >= ${key(top)} AND (${toTheEnd} OR ${order} <= ${key(bottom)})
    ) o
    WHERE o.unit_id = r.unit_id AND r.national_rank <> o.place
  `.execute(trx);
}

/** The newest national run, if any. */
export async function latestNationalRun(db: Db) {
  return db.selectFrom('risk_run').selectAll().where('kind', '=', 'national').orderBy('id', 'desc').limit(1).executeTakeFirst();
}
