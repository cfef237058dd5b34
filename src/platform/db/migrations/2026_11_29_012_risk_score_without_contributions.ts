import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// A score's contributions (each with its Swedish sentence) are no longer stored for every unit: the risk card
// and a selection project's population compute them again against the national run the score points at,
// which gives the same contributions. The reasons (a few sentences) stay with the score for lists and alerts.
const UP = `
    ALTER TABLE risk_score DROP COLUMN contributions;
`;

const DOWN = `
    ALTER TABLE risk_score ADD COLUMN contributions jsonb NOT NULL DEFAULT '[]';
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
