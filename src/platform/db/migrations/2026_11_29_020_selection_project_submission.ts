import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// The new-project form carries a random submission id from the moment it is opened: pressing "Skapa" again
// while a large population is being frozen (or sending the form twice at once) leads to the first project
// instead of making another.
const UP = `
    ALTER TABLE selection_project ADD COLUMN submission_id uuid UNIQUE;
    COMMENT ON COLUMN selection_project.submission_id IS 'The new-project form''s random id (absent before migration 020): one project per form sent';
`;

const DOWN = `
    ALTER TABLE selection_project DROP COLUMN submission_id;
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
