import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// The staff directory: one row per member of staff, written at each sign-in (and, with the development
// identity provider, for its demo people at start), so the pickers for case teams, responsible officers and
// decision makers keep offering a person after their session has ended. Provider representatives are not
// staff and never get a row. People who hold a session now are carried over from their latest session.
const UP = `
    CREATE TABLE staff_member (
      subject text PRIMARY KEY,
      name text NOT NULL,
      email text,
      roles text[] NOT NULL,
      department text,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      -- The latest sign-in; null for someone known only from the development identity provider's list.
      last_seen_at timestamptz,
      -- Offered in the pickers; false keeps the name for what they did without offering them for new work.
      active boolean NOT NULL DEFAULT true
    );
    INSERT INTO staff_member (subject, name, email, roles, department, first_seen_at, last_seen_at)
      SELECT DISTINCT ON (subject) subject, name, email, roles, department, min(created_at) OVER (PARTITION BY subject), created_at
      FROM staff_session
      WHERE NOT ('provider_representative' = ANY (roles))
      ORDER BY subject, created_at DESC;
`;

const DOWN = `
    DROP TABLE staff_member;
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
