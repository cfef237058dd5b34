import { type Kysely, sql } from 'kysely';

// Frozen in time: never import app code here, never edit after it has shipped.
// A unit's signal history becomes bytes, four per signal (the same code, big-endian, as int4send writes it):
// a national run reads 40,000 histories holding 2 million codes, and a bytea column reaches the app as one
// buffer per unit where an integer array is text that both drivers parse number by number (≈ 8× slower).

type Codes = 'bytea' | 'integer[]';

/** Each unit's history from a set of signal rows, as the column type holds it. */
const histories = (type: Codes, from: string, where: string) => {
  const code = 'risk_signal_code(channel, received_at, severity, urgency)';
  const aggregate = type === 'bytea' ? `string_agg(int4send(${code}), ''::bytea)` : `array_agg(${code})`;
  return `SELECT unit_id, ${aggregate} FROM ${from} WHERE ${where} GROUP BY unit_id`;
};

const statements = (type: Codes) => [
  'DROP TABLE risk_signal_history',
  `CREATE TABLE risk_signal_history (unit_id text PRIMARY KEY, codes ${type} NOT NULL)`,
  `INSERT INTO risk_signal_history (unit_id, codes) ${histories(type, 'signal', 'unit_id IS NOT NULL')}`,
  `CREATE OR REPLACE FUNCTION risk_rebuild_history(units text[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM risk_signal_history WHERE unit_id = ANY(units);
      INSERT INTO risk_signal_history (unit_id, codes) ${histories(type, 'signal', 'unit_id = ANY(units)')};
      INSERT INTO risk_rescore_request (unit_id) SELECT unnest(units) ON CONFLICT (unit_id) DO NOTHING;
      PERFORM pg_notify('risk_rescore', '');
    END $$`,
  `CREATE OR REPLACE FUNCTION risk_signals_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO risk_signal_history (unit_id, codes) ${histories(type, 'new_rows', 'unit_id IS NOT NULL')}
        ON CONFLICT (unit_id) DO UPDATE SET codes = risk_signal_history.codes || excluded.codes;
      INSERT INTO risk_rescore_request (unit_id)
        SELECT DISTINCT unit_id FROM new_rows WHERE unit_id IS NOT NULL
        ON CONFLICT (unit_id) DO NOTHING;
      PERFORM pg_notify('risk_rescore', '');
      RETURN NULL;
    END $$`,
];

async function run(db: Kysely<any>, list: string[]): Promise<void> {
  for (const statement of list) await sql.raw(statement).execute(db);
}

export const up = (db: Kysely<any>) => run(db, statements('bytea'));
export const down = (db: Kysely<any>) => run(db, statements('integer[]'));
