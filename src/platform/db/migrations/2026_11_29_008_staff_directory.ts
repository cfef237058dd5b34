import { type Kysely, sql } from 'kysely';

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

// One statement at a time: PGlite's extended protocol takes one per query.
async function runStatements(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\n(?=\s*(?:CREATE|DROP|ALTER|INSERT|UPDATE|--|$))/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, UP);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, DOWN);
}
