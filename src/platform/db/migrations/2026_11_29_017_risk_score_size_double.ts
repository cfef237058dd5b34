import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// A unit's size is any positive number (places, listed patients, full-time posts): the size a score keeps with
// its class must be the same type as unit.size, or a unit of size 2.5 stops the national run.
const UP = `
    ALTER TABLE risk_score ALTER COLUMN size TYPE double precision;
`;

const DOWN = `
    ALTER TABLE risk_score ALTER COLUMN size TYPE integer USING round(size)::integer;
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
