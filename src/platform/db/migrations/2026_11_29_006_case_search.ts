import { type Kysely, sql } from 'kysely';

// Frozen in time: never import app code here, never edit after it has shipped.
// Searching the diarium (staff case list and the public diarium) over 200,000+ cases: words of the heading and
// of the unit's name through one full-text index, the diarienummer by prefix, filters and "newest first"
// through b-tree indexes. Built only from what PostgreSQL and PGlite both have without extensions.
const UP = `
    -- The words a case is found by: its public heading and the name of its unit, lower-cased ('simple'
    -- configuration: no stemming, so a prefix query finds what was typed). Kept by the triggers below, so
    -- every way a case or a unit is written keeps it right.
    ALTER TABLE case_file ADD COLUMN search_vector tsvector;

    CREATE FUNCTION case_file_search_vector(heading text, unit text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE AS $$
        SELECT setweight(to_tsvector('simple', coalesce(heading, '')), 'A') || to_tsvector('simple', coalesce(unit, ''))
      $$;

    CREATE FUNCTION case_file_set_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_vector := case_file_search_vector(NEW.title, (SELECT u.name FROM unit u WHERE u.id = NEW.unit_id));
      RETURN NEW;
    END $$;
    CREATE TRIGGER case_file_search_vector_insert BEFORE INSERT ON case_file
      FOR EACH ROW EXECUTE FUNCTION case_file_set_search_vector();
    CREATE TRIGGER case_file_search_vector_update BEFORE UPDATE OF title, unit_id ON case_file
      FOR EACH ROW EXECUTE FUNCTION case_file_set_search_vector();

    -- A unit renamed (or inserted after its cases, which the deferred foreign key allows): its cases follow.
    -- Statement-level, so an import that rewrites thousands of units touches only cases of renamed ones.
    CREATE FUNCTION case_file_follow_new_units() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE case_file c SET search_vector = case_file_search_vector(c.title, n.name)
        FROM new_units n
        WHERE c.unit_id = n.id;
      RETURN NULL;
    END $$;
    CREATE FUNCTION case_file_follow_renamed_units() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE case_file c SET search_vector = case_file_search_vector(c.title, n.name)
        FROM new_units n JOIN old_units o ON o.id = n.id
        WHERE c.unit_id = n.id AND n.name IS DISTINCT FROM o.name;
      RETURN NULL;
    END $$;
    CREATE TRIGGER unit_case_search_insert AFTER INSERT ON unit
      REFERENCING NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION case_file_follow_new_units();
    CREATE TRIGGER unit_case_search_update AFTER UPDATE ON unit
      REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION case_file_follow_renamed_units();

    UPDATE case_file c SET search_vector = case_file_search_vector(c.title, (SELECT u.name FROM unit u WHERE u.id = c.unit_id));

    CREATE INDEX case_file_search_idx ON case_file USING gin (search_vector) WITH (fastupdate = off);
    -- "3.1-0012" finds 3.1-00120/2026 … 3.1-00129/2026 (LIKE 'prefix%' under any collation).
    CREATE INDEX case_file_diarienummer_prefix_idx ON case_file (diarienummer text_pattern_ops);
    -- Newest first, alone or within one department, case type, status or responsible officer.
    CREATE INDEX case_file_newest_idx ON case_file (opened_at DESC, id DESC);
    CREATE INDEX case_file_department_newest_idx ON case_file (department_code, opened_at DESC, id DESC);
    CREATE INDEX case_file_type_newest_idx ON case_file (case_type, opened_at DESC, id DESC);
    CREATE INDEX case_file_status_newest_idx ON case_file (status, opened_at DESC, id DESC);
    CREATE INDEX case_file_responsible_newest_idx ON case_file (responsible, opened_at DESC, id DESC) WHERE responsible IS NOT NULL;
`;

const DOWN = `
    DROP INDEX case_file_responsible_newest_idx;
    DROP INDEX case_file_status_newest_idx;
    DROP INDEX case_file_type_newest_idx;
    DROP INDEX case_file_department_newest_idx;
    DROP INDEX case_file_newest_idx;
    DROP INDEX case_file_diarienummer_prefix_idx;
    DROP INDEX case_file_search_idx;
    DROP TRIGGER unit_case_search_update ON unit;
    DROP TRIGGER unit_case_search_insert ON unit;
    DROP TRIGGER case_file_search_vector_update ON case_file;
    DROP TRIGGER case_file_search_vector_insert ON case_file;
    DROP FUNCTION case_file_follow_renamed_units();
    DROP FUNCTION case_file_follow_new_units();
    DROP FUNCTION case_file_set_search_vector();
    ALTER TABLE case_file DROP COLUMN search_vector;
    DROP FUNCTION case_file_search_vector(text, text);
`;

/** PGlite's extended protocol takes one statement at a time, so run them one by one. */
async function runStatements(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\n(?=\s*(?:CREATE|DROP|ALTER|UPDATE|--|$))/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, UP);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, DOWN);
}
