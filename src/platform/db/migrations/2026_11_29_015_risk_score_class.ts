import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// A score keeps its unit's class (size band within its form, and size) instead of the three expected rates
// computed from it: the run's class rates give the rates back exactly, and building a JSON document per unit
// was about a third of a national run's write (2 million signals, 38,739 units, PGlite). Scores stored before
// have no class; their units are rescored like new ones until the next national run.
const UP = `
    ALTER TABLE risk_score ADD COLUMN size_band smallint, ADD COLUMN size integer, DROP COLUMN reference,
      ADD CONSTRAINT risk_score_class_check CHECK ((size_band IS NULL) = (size IS NULL));
    COMMENT ON COLUMN risk_score.size_band IS 'The unit''s size band within its form at the national run (0: a form the run did not see); with size and the run''s class rates, its expected counts';
`;

const DOWN = `
    ALTER TABLE risk_score DROP CONSTRAINT risk_score_class_check, DROP COLUMN size_band, DROP COLUMN size,
      ADD COLUMN reference jsonb NOT NULL DEFAULT '{}';
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
