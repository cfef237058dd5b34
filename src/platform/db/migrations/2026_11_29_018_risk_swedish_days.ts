import { type Kysely, sql } from 'kysely';

// Frozen in time: never import app code here, never edit after it has shipped.
// A signal's day in the risk histories is the Swedish calendar day it was received, not the UTC day: an
// inspectorate's "as of 30 June" ends at midnight in Sweden, so a signal received at 01:30 on 1 July Swedish
// time (23:30 UTC on 30 June) is after it. Every history is coded again.

const codeFunction = (day: string) => `
  CREATE OR REPLACE FUNCTION risk_signal_code(channel text, received_at timestamptz, severity smallint, urgency text)
  RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT ${day} * 256
      + (CASE channel WHEN 'tip' THEN 0 WHEN 'child_line' THEN 1 WHEN 'inquiry' THEN 2 WHEN 'complaint' THEN 3
           WHEN 'lex_maria' THEN 4 WHEN 'lex_sarah' THEN 5 WHEN 'unexecuted_decision' THEN 6
           WHEN 'work_environment' THEN 7 WHEN 'police' THEN 8 WHEN 'media' THEN 9
           WHEN 'inspection_finding' THEN 10 WHEN 'other' THEN 11 ELSE 15 END) * 10
      + coalesce(severity, 0) * 2
      + (urgency IS NOT DISTINCT FROM 'acute')::int
  $$`;

const statements = (day: string) => [
  codeFunction(day),
  'DELETE FROM risk_signal_history',
  `INSERT INTO risk_signal_history (unit_id, codes)
     SELECT unit_id, string_agg(int4send(risk_signal_code(channel, received_at, severity, urgency)), ''::bytea)
     FROM signal WHERE unit_id IS NOT NULL GROUP BY unit_id`,
];

const SWEDISH_DAY = `((received_at AT TIME ZONE 'Europe/Stockholm')::date - DATE '1970-01-01')`;
const UTC_DAY = `floor(date_part('epoch', received_at) / 86400)::int`;

async function run(db: Kysely<any>, list: string[]): Promise<void> {
  for (const statement of list) await sql.raw(statement).execute(db);
}

export const up = (db: Kysely<any>) => run(db, statements(SWEDISH_DAY));
export const down = (db: Kysely<any>) => run(db, statements(UTC_DAY));
