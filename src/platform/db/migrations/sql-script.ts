import { type Kysely, type Migration, sql } from 'kysely';

// Frozen with the migrations that use it: what a script splits into must never change once they have shipped.

/**
 * A migration written as two SQL scripts, run a statement at a time (PGlite's extended protocol takes one
 * statement per query). A statement ends at a semicolon that closes a line when the next line starts another
 * statement or a comment; a semicolon inside a function body is followed by an indented body line and stays.
 */
export function sqlScriptMigration(up: string, down: string): Migration {
  return { up: (db) => runScript(db, up), down: (db) => runScript(db, down) };
}

async function runScript(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\n(?=\s*(?:CREATE|DROP|ALTER|INSERT|UPDATE|DELETE|COMMENT|--|$))/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}
