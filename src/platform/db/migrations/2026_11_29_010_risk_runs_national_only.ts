import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// A unit rescored between national runs no longer adds a risk_run row of its own (one per new signal, a table
// growing with the signals): its score points at the national run whose parameters it was scored against.
// The rows such rescorings left are folded into that run and removed.
const UP = `
    UPDATE risk_score s SET run_id = (SELECT max(n.id) FROM risk_run n WHERE n.kind = 'national' AND n.id < s.run_id)
      WHERE s.run_id IN (SELECT id FROM risk_run WHERE kind = 'unit');
    DELETE FROM risk_run WHERE kind = 'unit';
    ALTER TABLE risk_run DROP CONSTRAINT risk_run_kind_check;
    ALTER TABLE risk_run ADD CONSTRAINT risk_run_kind_check CHECK (kind = 'national');
    COMMENT ON COLUMN risk_score.run_id IS 'The national run whose parameters the score was computed against (by that run, or by a rescoring since)';
`;

const DOWN = `
    COMMENT ON COLUMN risk_score.run_id IS NULL;
    ALTER TABLE risk_run DROP CONSTRAINT risk_run_kind_check;
    ALTER TABLE risk_run ADD CONSTRAINT risk_run_kind_check CHECK (kind IN ('national', 'unit'));
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
