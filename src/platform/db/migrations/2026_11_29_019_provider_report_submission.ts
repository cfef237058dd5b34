import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// Each lex Maria or lex Sarah form carries a random submission id from the moment it is opened: a second
// send of the same form (a double click, the back button) finds the first report instead of making another.
const UP = `
    ALTER TABLE provider_report ADD COLUMN submission_id uuid UNIQUE;
    COMMENT ON COLUMN provider_report.submission_id IS 'The form''s random id (absent before migration 019): one report per form sent';
`;

const DOWN = `
    ALTER TABLE provider_report DROP COLUMN submission_id;
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
