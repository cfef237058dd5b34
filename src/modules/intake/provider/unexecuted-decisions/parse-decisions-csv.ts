// A kommun's quarterly CSV file of unexecuted decisions, read line by line: every bad line gives an error that
// names its line number and column, in Swedish, and one bad line means the whole file is refused.
import { CsvError, parse } from 'csv-parse/sync';
import { normaliseCode } from './decision-codes.ts';
import { lowerFirst } from '../../../../platform/text.ts';
import { validateDecision, type DecisionField, type DecisionInput, type ValidDecision } from './validate-decision.ts';

/** The columns, by their Swedish names as the template has them; `aliases` are other spellings accepted. */
export const CSV_COLUMNS: Record<DecisionField, { header: string; required: boolean; aliases: string[] }> = {
  decisionDate: { header: 'beslutsdatum', required: true, aliases: ['beslutdatum', 'datum för beslut', 'datum beslut'] },
  law: { header: 'lag', required: true, aliases: ['lagrum'] },
  kindOfHelp: { header: 'insats', required: true, aliases: ['bistånd', 'typ av insats', 'typ av bistånd', 'insatstyp'] },
  reason: { header: 'orsak', required: false, aliases: ['skäl', 'anledning', 'orsak till dröjsmål'] },
  interruptedOn: { header: 'avbrott', required: false, aliases: ['avbrottsdatum', 'avbrutet', 'datum för avbrott'] },
  executedOn: { header: 'verkställt', required: false, aliases: ['verkställd', 'verkställighetsdatum', 'datum verkställt', 'datum för verkställighet'] },
};

const FIELD_BY_HEADER = new Map<string, DecisionField>(
  (Object.entries(CSV_COLUMNS) as [DecisionField, (typeof CSV_COLUMNS)[DecisionField]][]).flatMap(([field, c]) =>
    [c.header, ...c.aliases].map((name) => [normaliseCode(name), field] as [string, DecisionField]),
  ),
);

export const CSV_MAX_BYTES = 1024 * 1024;
export const CSV_MAX_ROWS = 5000;
/** More errors than this are counted, not listed. */
export const CSV_MAX_LISTED_ERRORS = 200;

export interface CsvLineError {
  /** 1-based line of the file; the header is line 1. */
  line: number;
  /** The column as the file names it, or null for a problem with the whole line or file. */
  column: string | null;
  /** The whole message, starting with the line and column ("Rad 4, kolumn ”lag”: …"). */
  message: string;
}

export type CsvResult = { ok: true; decisions: { line: number; decision: ValidDecision }[] } | { ok: false; errors: CsvLineError[] };

function lineError(line: number, column: string | null, problem: string): CsvLineError {
  return { line, column, message: column ? `Rad ${line}, kolumn ”${column}”: ${problem}` : `Rad ${line}: ${problem}` };
}

/** `;` (what Swedish Excel writes) or `,`: whichever the header line has more of. */
function detectDelimiter(headerLine: string): ';' | ',' {
  const semicolons = headerLine.split(';').length - 1;
  const commas = headerLine.split(',').length - 1;
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

/** Decodes strictly: a file saved in another encoding (Windows-1252 from old Excel) is refused, not garbled. */
function decode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Parses and checks a whole file for a report of `quarter`. Either every line is a reportable decision, or
 * the answer lists every problem found (nothing is half-accepted).
 */
export function parseDecisionsCsv(bytes: Uint8Array, quarter: string): CsvResult {
  if (bytes.length === 0) return { ok: false, errors: [lineError(1, null, 'filen är tom.')] };
  if (bytes.length > CSV_MAX_BYTES) return { ok: false, errors: [lineError(1, null, `filen är större än ${CSV_MAX_BYTES / 1024 / 1024} MB. Dela upp den i flera filer.`)] };
  if (bytes.includes(0)) return { ok: false, errors: [lineError(1, null, 'filen är ingen textfil. Spara den som CSV (UTF-8) och försök igen.')] };
  const text = decode(bytes);
  if (text === null) {
    return { ok: false, errors: [lineError(1, null, 'filen är inte sparad som UTF-8. Spara den i Excel som ”CSV UTF-8 (kommaavgränsad)” och försök igen.')] };
  }
  const content = text.replace(/^\uFEFF/, '');
  // The delimiter from the header, the first line with anything on it (blank lines before it are skipped).
  const delimiter = detectDelimiter(content.split(/\r?\n/).find((line) => line.trim() !== '') ?? '');

  let records: { record: string[]; info: { lines: number } }[];
  try {
    // Lines of only separators (rows Excel cleared rather than deleted) are skipped like blank ones.
    records = parse(content, {
      delimiter, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, trim: true, to: CSV_MAX_ROWS + 2,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      const problem = error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_INVALID_CLOSING_QUOTE' ? 'citattecknen stämmer inte – ett citerat fält avslutas inte rätt.' : 'raden kan inte läsas som CSV.';
      return { ok: false, errors: [lineError(line, null, problem)] };
    }
    throw error;
  }
  if (records.length === 0) return { ok: false, errors: [lineError(1, null, 'filen är tom.')] };

  // The header: every column known, each once, the required ones there.
  const [header, ...rows] = records;
  // Unnamed columns at the end of the header (trailing separators from Excel) are no columns at all.
  let width = header.record.length;
  while (width > 0 && header.record[width - 1] === '') width--;
  header.record = header.record.slice(0, width);
  const errors: CsvLineError[] = [];
  const known = Object.values(CSV_COLUMNS).map((c) => c.header).join(', ');
  // Not one column known: another kind of file, or one without a header line. Say that, once.
  if (!header.record.some((name) => FIELD_BY_HEADER.has(normaliseCode(name)))) {
    return { ok: false, errors: [lineError(1, null, `rubrikraden har inga kolumner som känns igen. Är det rätt fil? Första raden ska vara rubrikerna: ${known}. Ladda ner mallen och utgå från den.`)] };
  }
  const columns: (DecisionField | null)[] = header.record.map((name, i) => {
    const field = FIELD_BY_HEADER.get(normaliseCode(name));
    if (!field) {
      const hint = /person|namn|name/i.test(name) ? ' Rapporten ska vara avidentifierad: ta bort kolumnen.' : '';
      const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
      errors.push(lineError(1, shown || `nummer ${i + 1}`, `kolumnen känns inte igen.${hint} Kolumnerna är: ${known}.`));
      return null;
    }
    if (header.record.slice(0, i).some((other) => FIELD_BY_HEADER.get(normaliseCode(other)) === field)) {
      errors.push(lineError(1, name, 'kolumnen finns redan en gång i rubrikraden.'));
    }
    return field;
  });
  for (const [field, column] of Object.entries(CSV_COLUMNS) as [DecisionField, (typeof CSV_COLUMNS)[DecisionField]][]) {
    if (column.required && !columns.includes(field)) errors.push(lineError(1, null, `kolumnen ”${column.header}” saknas i rubrikraden.`));
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: [lineError(2, null, 'filen har bara en rubrikrad och inga beslut.')] };
  if (rows.length > CSV_MAX_ROWS) return { ok: false, errors: [lineError(CSV_MAX_ROWS + 2, null, `filen har fler än ${CSV_MAX_ROWS} beslut. Dela upp den i flera filer.`)] };

  const decisions: { line: number; decision: ValidDecision }[] = [];
  for (const { record: fields, info } of rows) {
    const line = info.lines;
    // Empty cells past the header's last column are nothing; a value there has no column.
    const record = fields.slice(0, width);
    if (fields.slice(width).some((value) => value !== '')) {
      errors.push(lineError(line, null, `raden har ett värde i kolumn ${fields.findLastIndex((value) => value !== '') + 1}, men rubrikraden har bara ${width} kolumner.`));
      continue;
    }
    if (record.length !== header.record.length) {
      errors.push(lineError(line, null, `raden har ${record.length} ${record.length === 1 ? 'kolumn' : 'kolumner'} men rubrikraden har ${header.record.length}.`));
      continue;
    }
    const input: DecisionInput = { decisionDate: '', law: '', kindOfHelp: '', reason: '', interruptedOn: '', executedOn: '' };
    columns.forEach((field, i) => {
      if (field) input[field] = record[i];
    });
    const result = validateDecision(input, quarter);
    if (result.ok) decisions.push({ line, decision: result.decision });
    else for (const e of result.errors) errors.push(lineError(line, header.record[columns.indexOf(e.field)] ?? CSV_COLUMNS[e.field].header, lowerFirst(e.message)));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, decisions };
}

/**
 * The template a kommun can download and fill in: the header line only. An example row would be reported as a
 * decision by anyone who forgot to delete it; the page explains each column instead.
 */
export function decisionsCsvTemplate(): string {
  const header = ['beslutsdatum', 'lag', 'insats', 'orsak', 'avbrott', 'verkställt'].join(';');
  return `\uFEFF${header}\r\n`;
}
