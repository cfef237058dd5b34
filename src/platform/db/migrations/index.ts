import type { Migration } from 'kysely';
import * as m001 from './2026_11_23_001_register.ts';
import * as m002 from './2026_11_23_002_intake.ts';

/** Every migration, in order. Add new ones at the end; never edit a shipped one. */
export const migrations: Record<string, Migration> = {
  '2026_11_23_001_register': m001,
  '2026_11_23_002_intake': m002,
};
