// A decision as the decision maker writes it: the deficiencies (finding, legal basis, risk area, severity),
// the tool with its deadline and fine, the public summary and the decision date. The form's fields keep the
// Swedish ids the page uses, so every error names the field it belongs to and the error summary links to it.
import type { FieldError } from '../../../platform/errors.ts';
import { RISK_AREAS } from '../../registry/codes.ts';
import { DECISION_TOOLS, isDecisionTool, TOOLS_WITH_REPORT, type DecisionTool } from './labels.ts';
import { isCalendarDate } from '../../../platform/dates.ts';

export interface DeficiencyInput {
  finding: string;
  legalBasis: string;
  riskArea: string;
  severity: number;
}

export interface DecisionInput {
  tool: DecisionTool;
  decidedOn: string;
  /** The provider's deadline to report actions (demand for a report, injunction). */
  reportBy: string | null;
  /** The fine (vite) in kronor, injunction only. */
  fineAmount: number | null;
  summary: string;
  deficiencies: DeficiencyInput[];
}

/** What the form holds as typed, for showing it again. */
export interface DecisionForm {
  tool: string;
  decidedOn: string;
  reportBy: string;
  fine: string;
  summary: string;
  rows: { finding: string; legalBasis: string; riskArea: string; severity: string }[];
}

export const FIELD = {
  tool: 'verktyg',
  decidedOn: 'beslutsdatum',
  reportBy: 'redovisas-senast',
  fine: 'vite',
  summary: 'sammanfattning',
  deficiencies: 'brister',
  row: (n: number, part: 'finding' | 'legalBasis' | 'riskArea' | 'severity') =>
    `brist-${n}-${{ finding: 'iakttagelse', legalBasis: 'lagrum', riskArea: 'riskomrade', severity: 'allvarlighet' }[part]}`,
} as const;

export const DEFAULT_ROWS = 3;
export const MAX_ROWS = 30;
const MAX_FINE = 100_000_000;

const PERSONNUMMER = /\b(19|20)?\d{6}[-+]?\d{4}\b/;

export function emptyDecisionForm(rows = DEFAULT_ROWS, decidedOn = ''): DecisionForm {
  return {
    tool: '',
    decidedOn,
    reportBy: '',
    fine: '',
    summary: '',
    rows: Array.from({ length: Math.min(Math.max(rows, 1), MAX_ROWS) }, () => ({ finding: '', legalBasis: '', riskArea: '', severity: '' })),
  };
}

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one.replace(/\r\n?/g, '\n') : '';
}

/** The posted form as typed; the number of rows comes from the hidden `rader` field. */
export function readDecisionForm(body: unknown): DecisionForm {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const count = Math.min(Math.max(Number.parseInt(text(b, 'rader'), 10) || DEFAULT_ROWS, 1), MAX_ROWS);
  return {
    tool: text(b, FIELD.tool).trim(),
    decidedOn: text(b, FIELD.decidedOn).trim(),
    reportBy: text(b, FIELD.reportBy).trim(),
    fine: text(b, FIELD.fine).trim(),
    summary: text(b, FIELD.summary).trim(),
    rows: Array.from({ length: count }, (_, i) => ({
      finding: text(b, FIELD.row(i + 1, 'finding')).trim(),
      legalBasis: text(b, FIELD.row(i + 1, 'legalBasis')).trim(),
      riskArea: text(b, FIELD.row(i + 1, 'riskArea')).trim(),
      severity: text(b, FIELD.row(i + 1, 'severity')).trim(),
    })),
  };
}

const isBlankRow = (row: DecisionForm['rows'][number]) => !row.finding && !row.legalBasis && !row.riskArea && !row.severity;

/** The form as a decision, or the errors naming each field; blank deficiency rows are left out. */
export function parseDecisionForm(form: DecisionForm): { input: DecisionInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const deficiencies: DeficiencyInput[] = [];
  form.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const n = i + 1;
    deficiencies.push({ finding: row.finding, legalBasis: row.legalBasis, riskArea: row.riskArea, severity: /^[1-4]$/.test(row.severity) ? Number(row.severity) : Number.NaN });
    errors.push(...checkDeficiency(deficiencies[deficiencies.length - 1], n));
  });
  let fineAmount: number | null = null;
  if (form.fine) {
    const digits = form.fine.replace(/[\s\u00a0]/g, '').replace(/(kr|kronor|:-)$/i, '');
    if (!/^\d{1,9}$/.test(digits) || Number(digits) <= 0) errors.push({ field: FIELD.fine, message: 'Skriv vitet som ett belopp i hela kronor, till exempel 50000' });
    else fineAmount = Number(digits);
  }
  const input: DecisionInput = {
    tool: (isDecisionTool(form.tool) ? form.tool : '') as DecisionTool,
    decidedOn: form.decidedOn,
    reportBy: form.reportBy || null,
    fineAmount,
    summary: form.summary,
    deficiencies,
  };
  const rest = checkDecisionInput(input, { skipDeficiencyRows: true }).filter((e) => !errors.some((x) => x.field === e.field));
  return { input, errors: [...errors, ...rest] };
}

function checkDeficiency(d: DeficiencyInput, n: number): FieldError[] {
  const errors: FieldError[] = [];
  const finding = d.finding.trim();
  if (!finding) errors.push({ field: FIELD.row(n, 'finding'), message: `Brist ${n}: beskriv vad IVO har funnit` });
  else if (finding.length > 10_000) errors.push({ field: FIELD.row(n, 'finding'), message: `Brist ${n}: beskrivningen får vara högst 10 000 tecken` });
  else if (PERSONNUMMER.test(finding)) errors.push({ field: FIELD.row(n, 'finding'), message: `Brist ${n}: bristen publiceras, så skriv den utan personnummer` });
  const legalBasis = d.legalBasis.trim();
  if (!legalBasis) errors.push({ field: FIELD.row(n, 'legalBasis'), message: `Brist ${n}: ange lagrummet, till exempel 3 kap. 1 § HSL` });
  else if (legalBasis.length > 300) errors.push({ field: FIELD.row(n, 'legalBasis'), message: `Brist ${n}: lagrummet får vara högst 300 tecken` });
  if (!Object.hasOwn(RISK_AREAS, d.riskArea)) errors.push({ field: FIELD.row(n, 'riskArea'), message: `Brist ${n}: välj riskområde` });
  if (!Number.isInteger(d.severity) || d.severity < 1 || d.severity > 4) errors.push({ field: FIELD.row(n, 'severity'), message: `Brist ${n}: välj hur allvarlig bristen är (1–4)` });
  return errors;
}

/** Every rule of a decision; the fields are the form's ids. */
export function checkDecisionInput(input: DecisionInput, options: { skipDeficiencyRows?: boolean } = {}): FieldError[] {
  const errors: FieldError[] = [];
  const tool = input.tool;
  if (!(DECISION_TOOLS as readonly string[]).includes(tool)) errors.push({ field: FIELD.tool, message: 'Välj beslutsverktyg' });
  if (!isCalendarDate(input.decidedOn)) errors.push({ field: FIELD.decidedOn, message: 'Skriv beslutsdatum som ÅÅÅÅ-MM-DD' });

  if (!options.skipDeficiencyRows) input.deficiencies.forEach((d, i) => errors.push(...checkDeficiency(d, i + 1)));
  if (tool === 'closure' && input.deficiencies.length > 0) {
    errors.push({ field: FIELD.deficiencies, message: 'Ett avslut utan kritik har inga brister. Välj kritik eller ett annat verktyg om IVO har funnit brister' });
  } else if (tool && tool !== 'closure' && input.deficiencies.length === 0) {
    errors.push({ field: FIELD.deficiencies, message: 'Beskriv minst en brist: iakttagelse, lagrum, riskområde och allvarlighet' });
  }
  if (input.deficiencies.length > MAX_ROWS) errors.push({ field: FIELD.deficiencies, message: `Ett beslut kan ha högst ${MAX_ROWS} brister` });

  if (TOOLS_WITH_REPORT.includes(tool)) {
    if (!input.reportBy) errors.push({ field: FIELD.reportBy, message: 'Ange senaste dag för verksamhetens redovisning' });
    else if (!isCalendarDate(input.reportBy)) errors.push({ field: FIELD.reportBy, message: 'Skriv datumet som ÅÅÅÅ-MM-DD' });
    else if (isCalendarDate(input.decidedOn) && input.reportBy <= input.decidedOn) errors.push({ field: FIELD.reportBy, message: 'Sista dag för redovisningen ska vara efter beslutsdatum' });
  } else if (input.reportBy && tool) {
    errors.push({ field: FIELD.reportBy, message: 'En sista dag för redovisning hör bara till krav på redovisning och föreläggande' });
  }
  if (input.fineAmount !== null) {
    if (tool && tool !== 'injunction') errors.push({ field: FIELD.fine, message: 'Vite kan bara förenas med ett föreläggande' });
    else if (!Number.isInteger(input.fineAmount) || input.fineAmount <= 0 || input.fineAmount > MAX_FINE) errors.push({ field: FIELD.fine, message: 'Skriv vitet som ett belopp i hela kronor, till exempel 50000' });
  }

  const summary = input.summary.trim();
  if (!summary) errors.push({ field: FIELD.summary, message: 'Skriv en sammanfattning av beslutet: den publiceras' });
  else if (summary.length > 20_000) errors.push({ field: FIELD.summary, message: 'Sammanfattningen får vara högst 20 000 tecken' });
  else if (PERSONNUMMER.test(summary)) errors.push({ field: FIELD.summary, message: 'Sammanfattningen publiceras, så skriv den utan personnummer' });
  return errors;
}
