import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// A unit's CUSUM path (52 numbers) is no longer stored with every score: only its risk card draws it, and a
// rescoring of that one unit against the national run its score points at gives the same path. A national
// run writes 2 million numbers fewer.
const UP = `
    ALTER TABLE risk_score DROP COLUMN cusum_path;
`;

const DOWN = `
    ALTER TABLE risk_score ADD COLUMN cusum_path double precision[] NOT NULL DEFAULT '{}';
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
