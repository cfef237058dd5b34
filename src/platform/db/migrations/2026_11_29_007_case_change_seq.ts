import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// A change number on every case: each insert and each update of a case_file row draws the next value of one
// sequence (a renamed unit's cases too, through the search-vector triggers of 006). The embedded database's
// in-memory case search reads the rows changed since the highest number it has seen.
const UP = `
    CREATE SEQUENCE case_file_change_seq;
    ALTER TABLE case_file ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('case_file_change_seq');
    CREATE INDEX case_file_change_seq_idx ON case_file (change_seq);

    CREATE FUNCTION case_file_next_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.change_seq := nextval('case_file_change_seq');
      RETURN NEW;
    END $$;
    CREATE TRIGGER case_file_change_seq_update BEFORE UPDATE ON case_file
      FOR EACH ROW EXECUTE FUNCTION case_file_next_change_seq();
`;

const DOWN = `
    DROP TRIGGER case_file_change_seq_update ON case_file;
    DROP FUNCTION case_file_next_change_seq();
    DROP INDEX case_file_change_seq_idx;
    ALTER TABLE case_file DROP COLUMN change_seq;
    DROP SEQUENCE case_file_change_seq;
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
