import { type Kysely, sql } from 'kysely';

// Frozen in time: never import app code here, never edit after it has shipped.
const UP = `
    CREATE SEQUENCE register_change_seq;

    CREATE TABLE department (
      code text PRIMARY KEY,
      name text NOT NULL,
      city text NOT NULL
    );
    CREATE TABLE county (
      code char(2) PRIMARY KEY,
      name text NOT NULL,
      short_name text NOT NULL,
      department_code text NOT NULL REFERENCES department(code)
    );
    CREATE TABLE municipality (
      code char(4) PRIMARY KEY,
      name text NOT NULL,
      short_name text NOT NULL,
      county_code char(2) NOT NULL REFERENCES county(code),
      lat double precision,
      lon double precision
    );
    CREATE TABLE postcode (
      code char(5) PRIMARY KEY,
      locality text NOT NULL,
      municipality_code char(4) NOT NULL REFERENCES municipality(code)
    );

    CREATE TABLE provider (
      id text PRIMARY KEY,
      name text NOT NULL CHECK (name <> ''),
      orgnr char(10) CHECK (orgnr ~ '^[0-9]{10}$'),
      kind text NOT NULL CHECK (kind IN ('region', 'kommun', 'company', 'association', 'other')),
      parent_id text REFERENCES provider(id) DEFERRABLE INITIALLY DEFERRED,
      email text,
      phone text,
      peppol_id text,
      extra jsonb NOT NULL DEFAULT '{}',
      change_seq bigint NOT NULL DEFAULT nextval('register_change_seq'),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX provider_orgnr_idx ON provider (orgnr);
    CREATE INDEX provider_change_seq_idx ON provider (change_seq);

    CREATE TABLE unit (
      id text PRIMARY KEY,
      provider_id text NOT NULL REFERENCES provider(id) DEFERRABLE INITIALLY DEFERRED,
      name text NOT NULL CHECK (name <> ''),
      form text NOT NULL,
      orientation text[],
      home_type text,
      age_min integer CHECK (age_min BETWEEN 0 AND 120),
      age_max integer CHECK (age_max BETWEEN 0 AND 120),
      size double precision NOT NULL CHECK (size > 0),
      capacity integer CHECK (capacity >= 0),
      street text,
      postal_code char(5),
      city text,
      kommun char(4) NOT NULL REFERENCES municipality(code),
      lat double precision CHECK (lat BETWEEN -90 AND 90),
      lon double precision CHECK (lon BETWEEN -180 AND 180),
      phone text,
      email text,
      website text,
      operation_codes text[],
      hsa_id text,
      opened date,
      closed date,
      extra jsonb NOT NULL DEFAULT '{}',
      change_seq bigint NOT NULL DEFAULT nextval('register_change_seq'),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (age_min IS NULL OR age_max IS NULL OR age_min <= age_max)
    );
    CREATE INDEX unit_provider_idx ON unit (provider_id);
    CREATE INDEX unit_form_kommun_idx ON unit (form, kommun);
    CREATE INDEX unit_kommun_idx ON unit (kommun);
    CREATE INDEX unit_change_seq_idx ON unit (change_seq);

    CREATE TABLE permit (
      id text PRIMARY KEY,
      provider_id text NOT NULL REFERENCES provider(id) DEFERRABLE INITIALLY DEFERRED,
      unit_id text REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
      legal_form text NOT NULL,
      granted_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'dormant', 'banned', 'revoked', 'inhibition', 'appeal_pending')),
      status_from date NOT NULL,
      extra jsonb NOT NULL DEFAULT '{}',
      change_seq bigint NOT NULL DEFAULT nextval('register_change_seq'),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX permit_unit_idx ON permit (unit_id);
    CREATE INDEX permit_provider_idx ON permit (provider_id);
    CREATE INDEX permit_change_seq_idx ON permit (change_seq);

    CREATE TABLE permit_status (
      permit_id text NOT NULL REFERENCES permit(id) ON DELETE CASCADE,
      seq integer NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'dormant', 'banned', 'revoked', 'inhibition', 'appeal_pending')),
      valid_from date NOT NULL,
      reason text,
      PRIMARY KEY (permit_id, seq)
    );

    CREATE TABLE provider_notification (
      id text PRIMARY KEY,
      provider_id text NOT NULL REFERENCES provider(id) DEFERRABLE INITIALLY DEFERRED,
      unit_id text REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
      kind text NOT NULL CHECK (kind IN ('new', 'change', 'closure')),
      event_date date NOT NULL,
      received_on date NOT NULL,
      description text,
      extra jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX provider_notification_provider_idx ON provider_notification (provider_id);
    CREATE INDEX provider_notification_unit_idx ON provider_notification (unit_id);

    -- Corrections made by people: who, when, why, and the record before and after.
    CREATE TABLE register_change (
      id bigserial PRIMARY KEY,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      action text NOT NULL,
      changed_at timestamptz NOT NULL,
      changed_by text NOT NULL,
      reason text NOT NULL CHECK (reason <> ''),
      before jsonb,
      after jsonb
    );
    CREATE INDEX register_change_entity_idx ON register_change (entity_type, entity_id, id);

    CREATE TABLE signal (
      id text PRIMARY KEY,
      unit_id text NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
      channel text NOT NULL,
      received_at timestamptz NOT NULL,
      occurred_on date,
      severity smallint CHECK (severity BETWEEN 1 AND 4),
      urgency text CHECK (urgency IN ('acute', 'high', 'normal')),
      text text,
      risk_areas text[],
      personnummer char(12),
      extra jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX signal_unit_received_idx ON signal (unit_id, received_at);
    CREATE INDEX signal_received_idx ON signal (received_at);

    CREATE TABLE indicator_value (
      unit_id text NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
      indicator text NOT NULL,
      period text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
      period_end date NOT NULL,
      value double precision NOT NULL,
      denominator double precision CHECK (denominator >= 0),
      direction text NOT NULL CHECK (direction IN ('higher_better', 'lower_better')),
      extra jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY (unit_id, indicator, period)
    );
    CREATE INDEX indicator_value_indicator_idx ON indicator_value (indicator, period_end);

    CREATE TABLE inspection (
      id text PRIMARY KEY,
      unit_id text NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
      date date NOT NULL,
      announced boolean,
      deficiencies integer NOT NULL CHECK (deficiencies >= 0),
      outcome text NOT NULL CHECK (outcome IN ('no_remarks', 'criticism', 'demand_actions', 'injunction', 'ban', 'revocation')),
      extra jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX inspection_unit_idx ON inspection (unit_id, date);

    CREATE TABLE staff_session (
      id_hash text PRIMARY KEY,
      subject text NOT NULL,
      name text NOT NULL,
      email text,
      roles text[] NOT NULL,
      department text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      reason text,
      details jsonb NOT NULL DEFAULT '{}',
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE
    );
    -- Append-only: the database itself refuses to change or remove audit rows.
    CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
`;

const DOWN = `
    DROP TABLE audit_log, staff_session, inspection, indicator_value, signal, register_change,
      provider_notification, permit_status, permit, unit, provider, postcode, municipality, county, department;
    DROP FUNCTION audit_log_refuse_change();
    DROP SEQUENCE register_change_seq;
`;

/** PGlite's extended protocol takes one statement at a time, so run them one by one. */
async function runStatements(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\n(?=\s*(?:CREATE|DROP|--|$))/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, UP);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, DOWN);
}
