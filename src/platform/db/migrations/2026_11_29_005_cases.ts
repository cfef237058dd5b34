import { type Kysely, sql } from 'kysely';

// Frozen in time: never import app code here, never edit after it has shipped.
// Cases: the diarium (cases and their registered documents), investigations with the provider, inspections,
// decisions with their deficiencies, and the provider's actions until the follow-up is closed.
const UP = `
    -- The running number of the diarium, per series and year. Taken with an upsert in the transaction that
    -- creates the case: the row lock serialises concurrent creations and a rollback gives the number back,
    -- so numbers stay unique and gapless.
    CREATE TABLE diarium_counter (
      series text NOT NULL,
      year integer NOT NULL,
      last_number integer NOT NULL CHECK (last_number > 0),
      PRIMARY KEY (series, year)
    );

    CREATE TABLE case_file (
      id bigserial PRIMARY KEY,
      diarienummer text NOT NULL UNIQUE,
      diarium_class text NOT NULL,
      diarium_series text NOT NULL,
      diarium_year integer NOT NULL,
      diarium_number integer NOT NULL,
      case_type text NOT NULL CHECK (case_type IN ('complaint', 'lex_maria', 'lex_sarah', 'own_initiative',
        'government_assignment', 'permit_application', 'register_notification', 'fee', 'public_documents',
        'journal_custody', 'unexecuted_decision')),
      -- The diarium's heading ("ärendemening"): public, so never personal data.
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'investigation', 'decided', 'follow_up', 'closed')),
      department_code text REFERENCES department(code),
      unit_id text REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
      provider_id text REFERENCES provider(id) DEFERRABLE INITIALLY DEFERRED,
      -- The responsible officer (staff subject and name).
      responsible text,
      responsible_name text,
      due_on date,
      opened_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      created_by text NOT NULL,
      extra jsonb NOT NULL DEFAULT '{}',
      UNIQUE (diarium_series, diarium_year, diarium_number)
    );
    CREATE INDEX case_file_department_idx ON case_file (department_code, status, opened_at DESC);
    CREATE INDEX case_file_unit_idx ON case_file (unit_id);
    CREATE INDEX case_file_provider_idx ON case_file (provider_id);
    CREATE INDEX case_file_opened_idx ON case_file (opened_at DESC);

    -- The case team: who may see its secret documents. The responsible officer is a member too.
    CREATE TABLE case_member (
      case_id bigint NOT NULL REFERENCES case_file(id),
      subject text NOT NULL,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('responsible', 'member', 'decision_maker')),
      added_at timestamptz NOT NULL DEFAULT now(),
      added_by text NOT NULL,
      PRIMARY KEY (case_id, subject)
    );
    CREATE INDEX case_member_subject_idx ON case_member (subject);

    CREATE TABLE case_signal (
      case_id bigint NOT NULL REFERENCES case_file(id),
      signal_id text NOT NULL REFERENCES signal(id) DEFERRABLE INITIALLY DEFERRED,
      linked_at timestamptz NOT NULL DEFAULT now(),
      linked_by text NOT NULL,
      PRIMARY KEY (case_id, signal_id)
    );
    CREATE INDEX case_signal_signal_idx ON case_signal (signal_id);

    -- Every document of a case is registered: incoming, outgoing or drawn up, with its secrecy marking. The
    -- public diarium shows the row; a secret row shows its marking and legal reference, not its details.
    CREATE TABLE case_document (
      id bigserial PRIMARY KEY,
      case_id bigint NOT NULL REFERENCES case_file(id),
      -- "Aktbilaga": 1, 2, 3 … within the case, gapless (taken under the case row's lock).
      document_number integer NOT NULL CHECK (document_number > 0),
      direction text NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'drawn_up')),
      document_date date NOT NULL,
      registered_at timestamptz NOT NULL DEFAULT now(),
      -- Sender (incoming) or recipient (outgoing); may be a private person, so masked when secret.
      counterpart text,
      -- What the document is ("Begäran om yttrande", "Beslut"): public.
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
      secrecy text NOT NULL DEFAULT 'public' CHECK (secrecy IN ('public', 'partly_secret', 'secret')),
      -- The provision of offentlighets- och sekretesslagen (OSL) behind the marking, e.g. "25 kap. 1 § OSL".
      secrecy_reference text,
      registered_by text NOT NULL,
      -- What kind of document it is for the workflow (request, answer, decision, action report, other).
      kind text NOT NULL DEFAULT 'other' CHECK (kind IN ('signal', 'request', 'answer', 'reminder', 'inspection_record',
        'interview', 'decision', 'action_report', 'assessment', 'note', 'other')),
      UNIQUE (case_id, document_number),
      CHECK (secrecy = 'public' OR secrecy_reference IS NOT NULL)
    );
    CREATE INDEX case_document_registered_idx ON case_document (registered_at DESC);

    CREATE TABLE case_document_version (
      document_id bigint NOT NULL REFERENCES case_document(id),
      version integer NOT NULL CHECK (version > 0),
      filename text NOT NULL,
      media_type text NOT NULL,
      size integer NOT NULL CHECK (size >= 0),
      sha256 text NOT NULL,
      content bytea NOT NULL,
      uploaded_by text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (document_id, version)
    );

    CREATE TABLE case_note (
      id bigserial PRIMARY KEY,
      case_id bigint NOT NULL REFERENCES case_file(id),
      author text NOT NULL,
      author_name text NOT NULL,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- A request to the provider (begäran om yttrande / komplettering) with a reply deadline, answered in the
    -- provider portal.
    CREATE TABLE case_request (
      id bigserial PRIMARY KEY,
      case_id bigint NOT NULL REFERENCES case_file(id),
      provider_id text NOT NULL REFERENCES provider(id) DEFERRABLE INITIALLY DEFERRED,
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
      reply_by date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'withdrawn')),
      sent_at timestamptz NOT NULL DEFAULT now(),
      sent_by text NOT NULL,
      sent_by_name text NOT NULL,
      outgoing_document_id bigint REFERENCES case_document(id),
      reminded_at timestamptz,
      answer text,
      answered_at timestamptz,
      answered_by text,
      answered_by_name text,
      incoming_document_id bigint REFERENCES case_document(id)
    );
    CREATE INDEX case_request_provider_idx ON case_request (provider_id, status);
    CREATE INDEX case_request_due_idx ON case_request (status, reply_by);

    -- Inspections carried out in cases (the register-level inspection table keeps the outcome the risk
    -- analysis reads; a decision writes it there).
    CREATE TABLE case_inspection (
      id bigserial PRIMARY KEY,
      case_id bigint NOT NULL REFERENCES case_file(id),
      unit_id text NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
      -- The selection project (urvalsprojekt) the inspection was planned from, if any.
      selection_project_id bigint,
      announced boolean NOT NULL,
      planned_on date NOT NULL,
      performed_on date,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'performed', 'cancelled')),
      team jsonb NOT NULL DEFAULT '[]',
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_inspection_case_idx ON case_inspection (case_id);

    CREATE TABLE inspection_finding (
      id bigserial PRIMARY KEY,
      case_inspection_id bigint NOT NULL REFERENCES case_inspection(id),
      risk_area text NOT NULL,
      legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 300),
      finding text NOT NULL CHECK (length(finding) BETWEEN 1 AND 10000),
      severity smallint NOT NULL CHECK (severity BETWEEN 1 AND 4),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- Interviews with patients, users, relatives and staff: the patient's and user's perspective has its own
    -- place (what matters to them, in their words) in the assessment. Secret by default (personal data).
    CREATE TABLE inspection_interview (
      id bigserial PRIMARY KEY,
      case_inspection_id bigint NOT NULL REFERENCES case_inspection(id),
      interviewee text NOT NULL CHECK (interviewee IN ('patient', 'user', 'relative', 'staff', 'management')),
      summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 20000),
      user_perspective text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE case_decision (
      id bigserial PRIMARY KEY,
      case_id bigint NOT NULL REFERENCES case_file(id),
      document_id bigint REFERENCES case_document(id),
      tool text NOT NULL CHECK (tool IN ('closure', 'criticism', 'demand_actions', 'injunction', 'ban', 'revocation', 'police_report')),
      fine_amount integer CHECK (fine_amount > 0),
      -- The provider's deadline to report actions (demand for a report of actions, injunction).
      report_by date,
      -- The public summary of the decision (no personal data): published to the portal and decision search.
      summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 20000),
      decided_on date NOT NULL,
      decided_by text NOT NULL,
      decided_by_name text NOT NULL,
      decided_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      follow_up_status text NOT NULL DEFAULT 'none' CHECK (follow_up_status IN ('none', 'awaiting_report', 'assessing', 'closed')),
      follow_up_closed_at timestamptz,
      follow_up_closed_by text,
      -- The row this decision wrote in the register-level inspection table (read by the risk analysis).
      inspection_id text,
      CHECK (tool NOT IN ('demand_actions', 'injunction') OR report_by IS NOT NULL)
    );
    CREATE INDEX case_decision_case_idx ON case_decision (case_id);
    CREATE INDEX case_decision_published_idx ON case_decision (published_at DESC) WHERE published_at IS NOT NULL;

    CREATE TABLE decision_deficiency (
      decision_id bigint NOT NULL REFERENCES case_decision(id),
      seq integer NOT NULL CHECK (seq > 0),
      finding text NOT NULL CHECK (length(finding) BETWEEN 1 AND 10000),
      legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 300),
      risk_area text NOT NULL,
      severity smallint NOT NULL CHECK (severity BETWEEN 1 AND 4),
      PRIMARY KEY (decision_id, seq)
    );

    -- The provider's actions against a decision's deficiencies, reported in the portal and assessed by the officer.
    CREATE TABLE action_report (
      id bigserial PRIMARY KEY,
      decision_id bigint NOT NULL REFERENCES case_decision(id),
      deficiency_seq integer,
      action text NOT NULL CHECK (length(action) BETWEEN 1 AND 10000),
      owner text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
      done_on date NOT NULL,
      evidence text,
      document_id bigint REFERENCES case_document(id),
      reported_at timestamptz NOT NULL DEFAULT now(),
      reported_by text NOT NULL,
      reported_by_name text NOT NULL,
      assessment text NOT NULL DEFAULT 'pending' CHECK (assessment IN ('pending', 'accepted', 'insufficient')),
      assessment_note text,
      assessed_by text,
      assessed_at timestamptz,
      FOREIGN KEY (decision_id, deficiency_seq) REFERENCES decision_deficiency(decision_id, seq)
    );
    CREATE INDEX action_report_decision_idx ON action_report (decision_id);
`;

const DOWN = `
    DROP TABLE action_report, decision_deficiency, case_decision, inspection_interview, inspection_finding,
      case_inspection, case_request, case_note, case_document_version, case_document, case_signal, case_member,
      case_file, diarium_counter;
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
