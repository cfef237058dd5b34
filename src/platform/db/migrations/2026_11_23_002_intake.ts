import { type Kysely, sql } from 'kysely';

// Frozen in time: never import app code here, never edit after it has shipped.
// Intake: every channel's item becomes a row in `signal`; the tables around it hold what each channel adds.
const UP = `
    ALTER TABLE signal ALTER COLUMN unit_id DROP NOT NULL;
    ALTER TABLE signal ADD COLUMN provider_id text REFERENCES provider(id) DEFERRABLE INITIALLY DEFERRED;
    ALTER TABLE signal ADD COLUMN department_code text REFERENCES department(code);
    -- NULL for history (imported signals that never passed through triage); 'new' for everything received live.
    ALTER TABLE signal ADD COLUMN triage_status text CHECK (triage_status IN ('new', 'in_progress', 'done'));
    ALTER TABLE signal ADD COLUMN assigned_to text;
    ALTER TABLE signal ADD COLUMN unit_match text CHECK (unit_match IN ('given', 'automatic', 'manual', 'unmatched'));
    -- What the sender wrote about the unit (name, kommun, address) when it was not picked from the register.
    ALTER TABLE signal ADD COLUMN unit_hint jsonb;
    ALTER TABLE signal ADD COLUMN submitter_kind text CHECK (submitter_kind IN ('anonymous', 'identified', 'provider', 'authority', 'staff'));
    -- Contact details a sender chose to give (personal data; never for anonymous senders).
    ALTER TABLE signal ADD COLUMN contact jsonb;
    ALTER TABLE signal ADD COLUMN secrecy text NOT NULL DEFAULT 'secret' CHECK (secrecy IN ('public', 'secret'));
    ALTER TABLE signal ADD COLUMN reliability text CHECK (reliability IN ('confirmed', 'probable', 'unknown'));
    -- The classifier's answer with the phrases that drove it, and whether staff corrected it.
    ALTER TABLE signal ADD COLUMN classification jsonb;
    ALTER TABLE signal ADD COLUMN case_ref text;
    CREATE INDEX signal_triage_idx ON signal (department_code, triage_status, urgency, received_at) WHERE triage_status IS NOT NULL;

    CREATE TABLE signal_attachment (
      id bigserial PRIMARY KEY,
      signal_id text NOT NULL REFERENCES signal(id) ON DELETE CASCADE,
      file_name text NOT NULL,
      media_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL,
      content bytea NOT NULL
    );
    CREATE INDEX signal_attachment_signal_idx ON signal_attachment (signal_id);

    -- Only a hash of the receipt code is kept: the code itself is shown once, to the sender.
    CREATE TABLE signal_receipt (
      code_hash text PRIMARY KEY,
      signal_id text NOT NULL UNIQUE REFERENCES signal(id) ON DELETE CASCADE
    );

    CREATE TABLE signal_message (
      id bigserial PRIMARY KEY,
      signal_id text NOT NULL REFERENCES signal(id) ON DELETE CASCADE,
      direction text NOT NULL CHECK (direction IN ('to_sender', 'from_sender')),
      author text,
      body text NOT NULL CHECK (body <> ''),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX signal_message_signal_idx ON signal_message (signal_id, id);

    CREATE TABLE signal_note (
      id bigserial PRIMARY KEY,
      signal_id text NOT NULL REFERENCES signal(id) ON DELETE CASCADE,
      author text NOT NULL,
      body text NOT NULL CHECK (body <> ''),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX signal_note_signal_idx ON signal_note (signal_id, id);

    CREATE TABLE complaint (
      signal_id text PRIMARY KEY REFERENCES signal(id) ON DELETE CASCADE,
      complainant_name text NOT NULL,
      complainant_personnummer char(12) NOT NULL,
      relation text NOT NULL,
      patient_name text,
      patient_personnummer char(12),
      event_date date NOT NULL,
      what_happened text NOT NULL,
      harm text NOT NULL,
      recommendation jsonb NOT NULL
    );

    CREATE TABLE provider_report (
      signal_id text PRIMARY KEY REFERENCES signal(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('lex_maria', 'lex_sarah')),
      provider_id text NOT NULL REFERENCES provider(id),
      reported_by text NOT NULL,
      event_description text NOT NULL,
      consequences text NOT NULL,
      root_causes jsonb NOT NULL,
      actions jsonb NOT NULL,
      follow_up text NOT NULL,
      completeness jsonb NOT NULL
    );

    CREATE TABLE unexecuted_decision (
      id bigserial PRIMARY KEY,
      provider_id text NOT NULL REFERENCES provider(id),
      unit_id text REFERENCES unit(id),
      quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
      decision_date date NOT NULL,
      law text NOT NULL CHECK (law IN ('SoL', 'LSS')),
      kind_of_help text NOT NULL,
      reason text,
      executed_on date,
      interrupted_on date,
      reported_by text NOT NULL,
      reported_at timestamptz NOT NULL DEFAULT now(),
      signal_id text REFERENCES signal(id)
    );
    CREATE INDEX unexecuted_decision_provider_idx ON unexecuted_decision (provider_id, quarter);

    -- Feedback on the e-service itself: deliberately not linked to the signal, so it cannot identify anyone.
    CREATE TABLE service_feedback (
      id bigserial PRIMARY KEY,
      service text NOT NULL,
      rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
      comment text,
      created_at date NOT NULL DEFAULT current_date
    );

    CREATE TABLE classifier_correction (
      id bigserial PRIMARY KEY,
      signal_id text REFERENCES signal(id) ON DELETE SET NULL,
      text text NOT NULL,
      risk_areas text[] NOT NULL,
      urgency text NOT NULL CHECK (urgency IN ('acute', 'high', 'normal')),
      corrected_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- Machine intake: other authorities' systems, each with its own secret.
    CREATE TABLE api_client (
      id text PRIMARY KEY,
      name text NOT NULL,
      secret_hash text NOT NULL,
      channel text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE idempotency_record (
      client_id text NOT NULL REFERENCES api_client(id),
      key text NOT NULL,
      request_hash text NOT NULL,
      status_code integer NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (client_id, key)
    );

    -- E-mail to send, written in the same transaction as what caused it, so an acknowledged alert is never lost.
    CREATE TABLE outbox_email (
      id bigserial PRIMARY KEY,
      recipient text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text
    );
    CREATE INDEX outbox_email_unsent_idx ON outbox_email (id) WHERE sent_at IS NULL;

    ALTER TABLE department ADD COLUMN duty_email text;
`;

const DOWN = `
    DROP TABLE outbox_email, idempotency_record, api_client, classifier_correction, service_feedback,
      unexecuted_decision, provider_report, complaint, signal_note, signal_message, signal_receipt, signal_attachment;
    ALTER TABLE department DROP COLUMN duty_email;
    DROP INDEX signal_triage_idx;
    ALTER TABLE signal DROP COLUMN provider_id, DROP COLUMN department_code, DROP COLUMN triage_status,
      DROP COLUMN assigned_to, DROP COLUMN unit_match, DROP COLUMN unit_hint, DROP COLUMN submitter_kind,
      DROP COLUMN contact, DROP COLUMN secrecy, DROP COLUMN reliability, DROP COLUMN classification, DROP COLUMN case_ref;
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
