import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// When and by whom a request to the provider was withdrawn, so the provider portal and the case's staff page
// can say it. Requests withdrawn before this migration get the time and person from their audit row, and the
// person's name from the staff directory (008).
const UP = `
    ALTER TABLE case_request
      ADD COLUMN withdrawn_at timestamptz,
      ADD COLUMN withdrawn_by text,
      ADD COLUMN withdrawn_by_name text;
    UPDATE case_request r
      SET withdrawn_at = a.occurred_at,
          withdrawn_by = CASE WHEN a.actor LIKE 'staff:%' THEN substr(a.actor, 7) END,
          withdrawn_by_name = (SELECT m.name FROM staff_member m WHERE a.actor = 'staff:' || m.subject)
      FROM audit_log a
      WHERE r.status = 'withdrawn'
        AND a.action = 'case.request_withdraw'
        AND a.entity_type = 'case'
        AND a.entity_id = r.case_id::text
        AND a.details->>'requestId' = r.id::text;
`;

const DOWN = `
    ALTER TABLE case_request DROP COLUMN withdrawn_at, DROP COLUMN withdrawn_by, DROP COLUMN withdrawn_by_name;
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
