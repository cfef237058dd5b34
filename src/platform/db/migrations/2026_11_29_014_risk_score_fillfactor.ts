import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// Every national run rewrites every unit's score. With half of each page left free, the new version of a
// row lands on its own page instead of at the end of the table: the run's write measured ≈ 1.5× faster on
// both databases (2 million signals, 38,739 units).
const UP = `
    ALTER TABLE risk_score SET (fillfactor = 50);
`;

const DOWN = `
    ALTER TABLE risk_score RESET (fillfactor);
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
