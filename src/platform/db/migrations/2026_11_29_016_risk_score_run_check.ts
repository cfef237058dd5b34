import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// risk_score.run_id still names a risk_run, but the check is one set-based statement per write instead of a
// foreign key's lookup per row: every national run points all 40,000 scores at its new run, and those row
// checks were 0.5 s of a 1.2 s write on PGlite. Runs are never deleted by the app; deleting or renumbering
// one that scores point at is refused as the foreign key refused it.
const UP = `
    ALTER TABLE risk_score DROP CONSTRAINT risk_score_run_id_fkey;

    CREATE FUNCTION risk_score_check_runs() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        missing bigint;
      BEGIN
        SELECT n.run_id INTO missing FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM risk_run r WHERE r.id = n.run_id) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'risk_score.run_id % names no risk_run', missing USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$;
    CREATE TRIGGER risk_score_runs_inserted AFTER INSERT ON risk_score
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_score_check_runs();
    CREATE TRIGGER risk_score_runs_updated AFTER UPDATE ON risk_score
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_score_check_runs();

    CREATE FUNCTION risk_run_check_scores() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        used bigint;
      BEGIN
        SELECT s.run_id INTO used FROM risk_score s JOIN old_rows o ON o.id = s.run_id
          WHERE NOT EXISTS (SELECT 1 FROM risk_run r WHERE r.id = s.run_id) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'risk_run % is still named by risk_score', used USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$;
    CREATE TRIGGER risk_run_scores_deleted AFTER DELETE ON risk_run
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_run_check_scores();
    CREATE TRIGGER risk_run_scores_updated AFTER UPDATE ON risk_run
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_run_check_scores();
`;

const DOWN = `
    DROP TRIGGER risk_run_scores_updated ON risk_run;
    DROP TRIGGER risk_run_scores_deleted ON risk_run;
    DROP FUNCTION risk_run_check_scores();
    DROP TRIGGER risk_score_runs_updated ON risk_score;
    DROP TRIGGER risk_score_runs_inserted ON risk_score;
    DROP FUNCTION risk_score_check_runs();
    ALTER TABLE risk_score ADD CONSTRAINT risk_score_run_id_fkey FOREIGN KEY (run_id) REFERENCES risk_run(id);
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
