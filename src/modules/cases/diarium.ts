// The diarium's numbering: a running number per year, unique and gapless, written by the configured template.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

/** One series for the whole diarium: numbers run per year across all classes (the default template's rule). */
export const DIARIUM_SERIES = 'main';

/** The class in the filing plan (klassificeringsstruktur) each case type is registered under. */
export const CASE_CLASSES: Record<string, string> = {
  complaint: '3.1',
  lex_maria: '3.2',
  lex_sarah: '3.2',
  own_initiative: '3.3',
  government_assignment: '1.2',
  unexecuted_decision: '3.4',
  permit_application: '2.1',
  register_notification: '2.2',
  fee: '4.1',
  public_documents: '1.4',
  journal_custody: '2.3',
};

/** Writes a diarienummer by the template: {class}, {number} or {number:N} (zero-padded), {year}. */
export function formatDiarienummer(template: string, parts: { class: string; number: number; year: number }): string {
  return template
    .replace('{class}', parts.class)
    .replace(/\{number(?::([1-9]))?\}/, (_, width: string | undefined) => String(parts.number).padStart(width ? Number(width) : 0, '0'))
    .replace('{year}', String(parts.year));
}

/**
 * Takes the next number of the year. Must run in the transaction that creates the case: the counter row
 * stays locked until it commits (concurrent creations wait their turn) and a rollback gives the number
 * back, so the numbers of committed cases are unique and without gaps.
 */
export async function takeDiariumNumber(trx: Transaction<Database>, year: number): Promise<number> {
  const row = await sql<{ last_number: number }>`
    INSERT INTO diarium_counter (series, year, last_number) VALUES (${DIARIUM_SERIES}, ${year}, 1)
    ON CONFLICT (series, year) DO UPDATE SET last_number = diarium_counter.last_number + 1
    RETURNING last_number
  `.execute(trx);
  return Number(row.rows[0].last_number);
}
