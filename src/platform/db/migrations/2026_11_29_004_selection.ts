import { type Kysely, sql } from 'kysely';

// Frozen in time: never import app code here, never edit after it has shipped.
// Selection projects (urvalsprojekt): a population frozen from a national risk run, three stages that each
// record their criteria, who decided, why and when, with the units and the figures they had at that moment,
// and an optional seeded random control sample. Decisions are append-only: the database refuses to change them.
const UP = `
    CREATE TABLE selection_project (
      id bigserial PRIMARY KEY,
      title text NOT NULL,
      purpose text NOT NULL,
      -- The population's definition as entered: forms, län, kommun, department, provider.
      population jsonb NOT NULL,
      -- The department the population lies within (inspectors of that department may work on it), or
      -- NULL for a population across departments (national staff only).
      department_code text REFERENCES department(code),
      -- The national risk run the population's figures were frozen from.
      run_id bigint NOT NULL REFERENCES risk_run(id),
      as_of date NOT NULL,
      population_count integer NOT NULL CHECK (population_count >= 0),
      created_by text NOT NULL,
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX selection_project_department_idx ON selection_project (department_code, id DESC);

    -- The population as it was when the project was made: every unit with its score, contributions and
    -- latest indicator values, so later runs do not rewrite what the stages were decided on.
    CREATE TABLE selection_population_unit (
      project_id bigint NOT NULL REFERENCES selection_project(id),
      unit_id text NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
      unit_name text NOT NULL,
      form text NOT NULL,
      kommun text NOT NULL,
      kommun_name text NOT NULL,
      county_name text NOT NULL,
      provider_name text,
      score double precision NOT NULL,
      national_rank integer NOT NULL,
      triggers text[] NOT NULL DEFAULT '{}',
      cusum_alarm boolean NOT NULL DEFAULT false,
      contributions jsonb NOT NULL DEFAULT '[]',
      reasons text[] NOT NULL DEFAULT '{}',
      observed_recent integer NOT NULL DEFAULT 0,
      expected_recent double precision NOT NULL DEFAULT 0,
      -- Latest value of each indicator (period ended in the year before the as-of date) beside the
      -- national level of the same period.
      indicators jsonb NOT NULL DEFAULT '[]',
      score_as_of date NOT NULL,
      PRIMARY KEY (project_id, unit_id)
    );

    CREATE TABLE selection_stage (
      project_id bigint NOT NULL REFERENCES selection_project(id),
      stage smallint NOT NULL CHECK (stage IN (1, 2, 3)),
      criteria jsonb NOT NULL,
      rationale text NOT NULL,
      candidates integer NOT NULL CHECK (candidates >= 0),
      kept integer NOT NULL CHECK (kept >= 0),
      decided_by text NOT NULL,
      decided_by_name text NOT NULL,
      decided_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, stage)
    );

    -- The units of a stage's decision: kept by the rule, added or removed by hand (with the reason), or
    -- chosen for inspection (stage 3, with the reason); each with the figures and evidence it was judged on.
    CREATE TABLE selection_stage_unit (
      project_id bigint NOT NULL,
      stage smallint NOT NULL,
      unit_id text NOT NULL,
      position integer NOT NULL,
      inclusion text NOT NULL CHECK (inclusion IN ('rule', 'added', 'removed', 'chosen')),
      measure double precision,
      evidence text[] NOT NULL DEFAULT '{}',
      figures jsonb NOT NULL DEFAULT '{}',
      reason text,
      PRIMARY KEY (project_id, stage, unit_id),
      FOREIGN KEY (project_id, stage) REFERENCES selection_stage (project_id, stage),
      FOREIGN KEY (project_id, unit_id) REFERENCES selection_population_unit (project_id, unit_id)
    );

    CREATE TABLE selection_control_sample (
      project_id bigint PRIMARY KEY REFERENCES selection_project(id),
      seed bigint NOT NULL CHECK (seed >= 0 AND seed < 4294967296),
      size integer NOT NULL CHECK (size > 0),
      frame_size integer NOT NULL CHECK (frame_size >= size),
      method text NOT NULL,
      -- The drawn units, in the order drawn.
      unit_ids text[] NOT NULL,
      rationale text,
      drawn_by text NOT NULL,
      drawn_by_name text NOT NULL,
      drawn_at timestamptz NOT NULL DEFAULT now()
    );

    -- Decisions are history: the database refuses to change or remove them.
    CREATE FUNCTION selection_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END $$;
    CREATE TRIGGER selection_population_unit_append_only BEFORE UPDATE OR DELETE ON selection_population_unit
      FOR EACH ROW EXECUTE FUNCTION selection_refuse_change();
    CREATE TRIGGER selection_stage_append_only BEFORE UPDATE OR DELETE ON selection_stage
      FOR EACH ROW EXECUTE FUNCTION selection_refuse_change();
    CREATE TRIGGER selection_stage_unit_append_only BEFORE UPDATE OR DELETE ON selection_stage_unit
      FOR EACH ROW EXECUTE FUNCTION selection_refuse_change();
    CREATE TRIGGER selection_control_sample_append_only BEFORE UPDATE OR DELETE ON selection_control_sample
      FOR EACH ROW EXECUTE FUNCTION selection_refuse_change();
`;

const DOWN = `
    DROP TABLE selection_control_sample;
    DROP TABLE selection_stage_unit;
    DROP TABLE selection_stage;
    DROP TABLE selection_population_unit;
    DROP TABLE selection_project;
    DROP FUNCTION selection_refuse_change();
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
