import { describe, expect, it } from 'vitest';
import { CSV_MAX_ROWS, decisionsCsvTemplate, parseDecisionsCsv } from '../../src/modules/intake/provider/unexecuted-decisions/parse-decisions-csv.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const QUARTER = '2026-Q3'; // as of 2026-09-30

const GOOD = [
  'beslutsdatum;lag;insats;orsak;avbrott;verkställt',
  '2026-02-10;SoL;sarskilt_boende;resursbrist;;',
  '2026-03-01;LSS;Bostad med särskild service för vuxna;;;',
  '2025-11-30;LSS;daglig_verksamhet;personalbrist;;2026-09-01',
  '2024-05-05;SoL;hemtjanst;;2026-05-02;',
].join('\r\n');

describe('reading a CSV file of unexecuted decisions', () => {
  it('accepts a good file, semicolon separated, with codes or labels, and gives each decision its line', () => {
    const result = parseDecisionsCsv(bytes(GOOD), QUARTER);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.decisions.map((d) => [d.line, d.decision.law, d.decision.kindOfHelp, d.decision.timing.status])).toEqual([
      [2, 'SoL', 'sarskilt_boende', 'overdue'],
      [3, 'LSS', 'bostad_vuxna', 'overdue'],
      [4, 'LSS', 'daglig_verksamhet', 'executed_late'],
      [5, 'SoL', 'hemtjanst', 'overdue'],
    ]);
  });

  it('accepts comma separated files with a byte order mark, other column order and quoted fields', () => {
    const text = '\uFEFFLag,Insats,Beslutsdatum,Orsak\nLSS,"Korttidsvistelse utanför det egna hemmet",2026-01-20,"Annan orsak"\n\n';
    const result = parseDecisionsCsv(bytes(text), QUARTER);
    expect(result).toMatchObject({ ok: true, decisions: [{ line: 2, decision: { kindOfHelp: 'korttidsvistelse', reason: 'annat' } }] });
  });

  it('reads files as Excel writes them: rows cleared to separators, trailing empty columns, blank lines before the header', () => {
    const excel = ['beslutsdatum;lag;insats;;', '2026-02-10;SoL;sarskilt_boende;;', ';;;;', ';;;;;', '2026-03-01;LSS;daglig_verksamhet;;'].join('\r\n');
    expect(parseDecisionsCsv(bytes(excel), QUARTER)).toMatchObject({ ok: true, decisions: [{ line: 2 }, { line: 5 }] });
    const blankFirst = '\n\nbeslutsdatum;lag;insats\n2026-01-01;SoL;hemtjanst\n';
    expect(parseDecisionsCsv(bytes(blankFirst), QUARTER)).toMatchObject({ ok: true, decisions: [{ line: 4, decision: { law: 'SoL', kindOfHelp: 'hemtjanst' } }] });
    // A value in a column the header does not name is still an error, on its own line.
    const stray = ['beslutsdatum;lag;insats;', '2026-02-10;SoL;sarskilt_boende;x'].join('\n');
    expect(parseDecisionsCsv(bytes(stray), QUARTER)).toEqual({ ok: false, errors: [expect.objectContaining({ line: 2, message: expect.stringContaining('kolumn 4, men rubrikraden har bara 3') })] });
  });

  it('refuses a decision executed before the quarter: it belongs to the report of its own quarter', () => {
    const text = ['beslutsdatum;lag;insats;verkställt', '2024-01-01;SoL;hemtjanst;2024-06-01', '2026-01-01;SoL;hemtjanst;2026-07-01'].join('\n');
    const result = parseDecisionsCsv(bytes(text), QUARTER);
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ line: 2, column: 'verkställt', message: expect.stringContaining('före kvartalets första dag (1 juli 2026)') })] });
  });

  it('gives every bad line an error naming its line number and column, and accepts nothing', () => {
    const text = [
      'beslutsdatum;lag;insats;orsak;avbrott;verkställt',
      '2026-02-10;SoL;sarskilt_boende;resursbrist;;',
      '2026-13-01;SoL;hemtjanst;;;', // line 3: no such month
      '2026-03-01;LSS;hemtjanst;;;', // line 4: hemtjänst is SoL
      '2026-01-15;SoL;hemtjanst;;;',
      '2026-08-01;LSS;daglig_verksamhet;;;', // line 6: not yet three months on 30 September
    ].join('\n');
    const result = parseDecisionsCsv(bytes(text), QUARTER);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'beslutsdatum'],
      [4, 'insats'],
      [6, 'beslutsdatum'],
    ]);
    expect(result.errors[0].message).toBe('Rad 3, kolumn ”beslutsdatum”: skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-15.');
    expect(result.errors[1].message).toMatch(/^Rad 4, kolumn ”insats”: insatsen hemtjänst beviljas enligt SoL, inte LSS\.$/);
    expect(result.errors[2].message).toMatch(/^Rad 6, kolumn ”beslutsdatum”: beslutet hade väntat 1 månad och 29 dagar den 30 september 2026/);
  });

  it('says once that a file with no known column is not the right file, and never echoes a long first line', () => {
    const prose = `Hej! Här kommer våra beslut ${'och mer text '.repeat(150)}`;
    expect(parseDecisionsCsv(bytes(`${prose}\n2026-01-01;SoL\n`), QUARTER)).toEqual({
      ok: false,
      errors: [{ line: 1, column: null, message: expect.stringMatching(/^Rad 1: rubrikraden har inga kolumner som känns igen\. Är det rätt fil\?/) }],
    });
    const result = parseDecisionsCsv(bytes(`beslutsdatum;lag;insats;${'x'.repeat(500)}\n2026-01-01;SoL;hemtjanst;\n`), QUARTER);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toMatch(new RegExp(`^Rad 1, kolumn ”${'x'.repeat(40)}…”: kolumnen känns inte igen`));
  });

  it('names the header line for unknown, duplicate or missing columns, and asks for de-identified files', () => {
    const result = parseDecisionsCsv(bytes('personnummer;beslutsdatum;lag;lag\n198001011234;2026-01-01;SoL;SoL\n'), QUARTER);
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Rad 1, kolumn ”personnummer”: kolumnen känns inte igen\. Rapporten ska vara avidentifierad/),
      'Rad 1, kolumn ”lag”: kolumnen finns redan en gång i rubrikraden.',
      'Rad 1: kolumnen ”insats” saknas i rubrikraden.',
    ]);
  });

  it('refuses a line with the wrong number of columns, something like a personnummer and broken quoting', () => {
    const short = parseDecisionsCsv(bytes('beslutsdatum;lag;insats\n2026-01-01;SoL\n'), QUARTER);
    expect(short).toMatchObject({ ok: false, errors: [{ line: 2, column: null, message: 'Rad 2: raden har 2 kolumner men rubrikraden har 3.' }] });
    const identifying = parseDecisionsCsv(bytes('beslutsdatum;lag;insats;orsak\n2026-01-01;SoL;hemtjanst;19800101-1234\n'), QUARTER);
    expect(identifying).toMatchObject({ ok: false, errors: [{ line: 2, column: 'orsak', message: expect.stringContaining('personnummer') }] });
    const quoting = parseDecisionsCsv(bytes('beslutsdatum;lag;insats\n2026-01-01;SoL;"hemtjanst\n'), QUARTER);
    expect(quoting).toMatchObject({ ok: false, errors: [{ line: 2, message: expect.stringContaining('citattecknen') }] });
  });

  it('refuses empty files, header-only files, files not in UTF-8 and binary files', () => {
    expect(parseDecisionsCsv(bytes(''), QUARTER)).toMatchObject({ ok: false, errors: [{ message: 'Rad 1: filen är tom.' }] });
    expect(parseDecisionsCsv(bytes('beslutsdatum;lag;insats\n'), QUARTER)).toMatchObject({ ok: false, errors: [{ line: 2 }] });
    const latin1 = Buffer.from('beslutsdatum;lag;insats;orsak\n2026-01-01;SoL;hemtjanst;Brist p\xe5 personal\n', 'latin1');
    expect(parseDecisionsCsv(latin1, QUARTER)).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('UTF-8') }] });
    expect(parseDecisionsCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), QUARTER)).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('ingen textfil') }] });
  });

  it(`refuses a file of more than ${CSV_MAX_ROWS} decisions`, () => {
    const lines = ['beslutsdatum;lag;insats', ...Array.from({ length: CSV_MAX_ROWS + 1 }, () => '2026-01-01;SoL;hemtjanst')];
    expect(parseDecisionsCsv(bytes(lines.join('\n')), QUARTER)).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining(`fler än ${CSV_MAX_ROWS}`) }] });
  });

  it('offers a template of the header alone, which reads back as a valid header with no decisions', () => {
    const template = decisionsCsvTemplate();
    expect(template).toBe('\uFEFFbeslutsdatum;lag;insats;orsak;avbrott;verkställt\r\n');
    expect(parseDecisionsCsv(bytes(template), QUARTER)).toEqual({ ok: false, errors: [{ line: 2, column: null, message: 'Rad 2: filen har bara en rubrikrad och inga beslut.' }] });
    expect(parseDecisionsCsv(bytes(`${template}2026-02-10;SoL;sarskilt_boende;resursbrist;;\r\n`), QUARTER)).toMatchObject({ ok: true });
  });
});
