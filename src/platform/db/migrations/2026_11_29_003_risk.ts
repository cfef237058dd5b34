import { type Kysely, sql } from 'kysely';

// Frozen in time: never import app code here, never edit after it has shipped.
// Risk: the latest score of every unit, the runs that produced them, and the alerts they raised.
const UP = `
    CREATE TABLE risk_run (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('national', 'unit')),
      as_of date NOT NULL,
      started_at timestamptz NOT NULL,
      finished_at timestamptz NOT NULL DEFAULT now(),
      units integer NOT NULL,
      -- National parameters of a national run (rates, τ², shrinkage, CUSUM threshold): the reference a
      -- single unit is rescored against until the next national run.
      summary jsonb NOT NULL DEFAULT '{}',
      parameters jsonb
    );
    CREATE INDEX risk_run_national_idx ON risk_run (kind, id DESC);

    CREATE TABLE risk_score (
      unit_id text PRIMARY KEY REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
      form text NOT NULL,
      score double precision NOT NULL CHECK (score >= 0 AND score <= 1),
      raw double precision NOT NULL,
      -- Rank among all scored units at the last national run (1 = riskiest); a unit rescored since keeps
      -- its place until the next national run, its score is current.
      national_rank integer NOT NULL,
      triggers text[] NOT NULL DEFAULT '{}',
      cusum_alarm boolean NOT NULL DEFAULT false,
      contributions jsonb NOT NULL DEFAULT '[]',
      reasons text[] NOT NULL DEFAULT '{}',
      -- The peer funnel of external signals (last 26 weeks): observed and expected count.
      observed_recent integer NOT NULL DEFAULT 0,
      expected_recent double precision NOT NULL DEFAULT 0,
      -- The CUSUM path of the last 52 weeks, oldest first.
      cusum_path double precision[] NOT NULL DEFAULT '{}',
      -- The unit's expected weekly counts (external, serious, provider) from its form × size class at the
      -- national run: what a rescoring of the unit alone compares it with.
      reference jsonb NOT NULL DEFAULT '{}',
      as_of date NOT NULL,
      run_id bigint NOT NULL REFERENCES risk_run(id),
      computed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX risk_score_score_idx ON risk_score (score DESC);
    CREATE INDEX risk_score_form_idx ON risk_score (form, score DESC);

    CREATE TABLE risk_alert (
      id bigserial PRIMARY KEY,
      unit_id text NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
      department_code text REFERENCES department(code),
      kind text NOT NULL CHECK (kind IN ('cusum', 'acute_signal', 'permit_status')),
      raised_at timestamptz NOT NULL DEFAULT now(),
      as_of date NOT NULL,
      score double precision NOT NULL,
      -- Plain Swedish sentences: why the unit was raised.
      explanation text[] NOT NULL,
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done')),
      handled_by text,
      handled_at timestamptz,
      note text
    );
    -- At most one open alert of a kind per unit: a unit still in alarm is not raised again.
    CREATE UNIQUE INDEX risk_alert_open_idx ON risk_alert (unit_id, kind) WHERE status <> 'done';
    CREATE INDEX risk_alert_queue_idx ON risk_alert (department_code, status, raised_at);

    -- Units whose signals changed since they were last scored. Filled by triggers on signal in the same
    -- transaction as the change (so no way in can forget it and nothing committed is missed), drained by
    -- the rescoring job; a notification wakes the job at once.
    CREATE TABLE risk_rescore_request (
      unit_id text PRIMARY KEY,
      requested_at timestamptz NOT NULL DEFAULT now()
    );

    -- Every unit's signal history as the risk score reads it, one integer per signal:
    --   day · 256 + channel · 10 + severity · 2 + acute
    -- day = the UTC day received (days since 1970-01-01); channel = position in the list below (15 unknown);
    -- severity 0 = unknown. Kept by the triggers below in the transaction that changes the signals, so a
    -- national run reads 40,000 short arrays instead of grouping millions of signals.
    CREATE FUNCTION risk_signal_code(channel text, received_at timestamptz, severity smallint, urgency text)
    RETURNS integer LANGUAGE sql STABLE AS $$
      SELECT floor(date_part('epoch', received_at) / 86400)::int * 256
        + (CASE channel WHEN 'tip' THEN 0 WHEN 'child_line' THEN 1 WHEN 'inquiry' THEN 2 WHEN 'complaint' THEN 3
             WHEN 'lex_maria' THEN 4 WHEN 'lex_sarah' THEN 5 WHEN 'unexecuted_decision' THEN 6
             WHEN 'work_environment' THEN 7 WHEN 'police' THEN 8 WHEN 'media' THEN 9
             WHEN 'inspection_finding' THEN 10 WHEN 'other' THEN 11 ELSE 15 END) * 10
        + coalesce(severity, 0) * 2
        + (urgency IS NOT DISTINCT FROM 'acute')::int
    $$;
    CREATE TABLE risk_signal_history (
      unit_id text PRIMARY KEY,
      codes integer[] NOT NULL
    );
    -- The histories of the signals already there.
    INSERT INTO risk_signal_history (unit_id, codes)
      SELECT unit_id, array_agg(risk_signal_code(channel, received_at, severity, urgency))
      FROM signal WHERE unit_id IS NOT NULL GROUP BY unit_id;

    -- Rebuilds the histories of the given units from their signals (after an update or delete).
    CREATE FUNCTION risk_rebuild_history(units text[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM risk_signal_history WHERE unit_id = ANY(units);
      INSERT INTO risk_signal_history (unit_id, codes)
        SELECT unit_id, array_agg(risk_signal_code(channel, received_at, severity, urgency))
        FROM signal WHERE unit_id = ANY(units) GROUP BY unit_id;
      INSERT INTO risk_rescore_request (unit_id) SELECT unnest(units) ON CONFLICT (unit_id) DO NOTHING;
      PERFORM pg_notify('risk_rescore', '');
    END $$;

    CREATE FUNCTION risk_signals_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO risk_signal_history (unit_id, codes)
        SELECT unit_id, array_agg(risk_signal_code(channel, received_at, severity, urgency))
        FROM new_rows WHERE unit_id IS NOT NULL GROUP BY unit_id
        ON CONFLICT (unit_id) DO UPDATE SET codes = risk_signal_history.codes || excluded.codes;
      INSERT INTO risk_rescore_request (unit_id)
        SELECT DISTINCT unit_id FROM new_rows WHERE unit_id IS NOT NULL
        ON CONFLICT (unit_id) DO NOTHING;
      PERFORM pg_notify('risk_rescore', '');
      RETURN NULL;
    END $$;

    -- Only changes the score can see (unit, channel, time, severity, urgency) rebuild and rescore: triage
    -- status, notes and links do not.
    CREATE FUNCTION risk_signals_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      units text[];
    BEGIN
      SELECT array_agg(DISTINCT u) INTO units FROM (
        SELECT o.unit_id AS u FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.unit_id, o.channel, o.received_at, o.severity, o.urgency) IS DISTINCT FROM (n.unit_id, n.channel, n.received_at, n.severity, n.urgency)
        UNION
        SELECT n.unit_id FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.unit_id, o.channel, o.received_at, o.severity, o.urgency) IS DISTINCT FROM (n.unit_id, n.channel, n.received_at, n.severity, n.urgency)
      ) changed WHERE u IS NOT NULL;
      IF units IS NOT NULL THEN
        PERFORM risk_rebuild_history(units);
      END IF;
      RETURN NULL;
    END $$;

    CREATE FUNCTION risk_signals_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      units text[];
    BEGIN
      SELECT array_agg(DISTINCT unit_id) INTO units FROM old_rows WHERE unit_id IS NOT NULL;
      IF units IS NOT NULL THEN
        PERFORM risk_rebuild_history(units);
      END IF;
      RETURN NULL;
    END $$;

    CREATE TRIGGER signal_risk_inserted AFTER INSERT ON signal
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_signals_inserted();
    CREATE TRIGGER signal_risk_updated AFTER UPDATE ON signal
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_signals_updated();
    CREATE TRIGGER signal_risk_deleted AFTER DELETE ON signal
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_signals_deleted();
`;

const DOWN = `
    DROP TRIGGER signal_risk_inserted ON signal;
    DROP TRIGGER signal_risk_updated ON signal;
    DROP TRIGGER signal_risk_deleted ON signal;
    DROP FUNCTION risk_signals_inserted();
    DROP FUNCTION risk_signals_updated();
    DROP FUNCTION risk_signals_deleted();
    DROP FUNCTION risk_rebuild_history(text[]);
    DROP TABLE risk_signal_history;
    DROP FUNCTION risk_signal_code(text, timestamptz, smallint, text);
    DROP TABLE risk_rescore_request;
    DROP TABLE risk_alert;
    DROP TABLE risk_score;
    DROP TABLE risk_run;
`;

/** PGlite's extended protocol takes one statement at a time, so run them one by one. */
async function runStatements(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\n(?=\s*(?:CREATE|DROP|ALTER|--|$))/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, UP);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, DOWN);
}
