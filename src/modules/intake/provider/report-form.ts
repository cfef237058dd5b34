// The lex Maria / lex Sarah form as posted: read into strings, then checked into a report draft. Errors name
// the form field so the error summary can link to it. What is missing from the investigation itself (root
// causes, actions that remove the risk, follow-up) is not an error: the completeness check flags it.
import { randomUUID } from 'node:crypto';
import { submissionIdOf } from '../../../platform/web/submission-id.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { ACTION_EFFECTS, ROOT_CAUSE_CATEGORIES, type Action, type ActionEffect, type RootCause, type RootCauseCategory } from './check-report-completeness.ts';
import { isIsoDate } from './unexecuted-decisions/three-month-rule.ts';

export const MIN_ROWS = 2;
export const MAX_ROWS = 10;
const LONG_TEXT = 10_000;
const SHORT_TEXT = 200;

export interface RootCauseRow {
  category: string;
  description: string;
}
export interface ActionRow {
  description: string;
  owner: string;
  dueDate: string;
  effect: string;
}

/** Everything on the form, as written. */

export interface ReportForm {
  unitId: string;
  eventDate: string;
  event: string;
  consequences: string;
  investigation: string;
  rootCauses: RootCauseRow[];
  actions: ActionRow[];
  followUp: string;
  /** Flag keys the reporter has been shown and chose to send anyway. */
  acknowledged: string[];
  /** The form's random id from when it was opened: one report per form, however often it is sent. */
  submissionId: string;
}

export interface ReportDraft {
  unitId: string;
  eventDate: string;
  event: string;
  consequences: string;
  investigation: string;
  rootCauses: RootCause[];
  actions: Action[];
  followUp: string;
}

export const FIELD_IDS = {
  unitId: 'enhet',
  eventDate: 'handelsedatum',
  event: 'handelse',
  consequences: 'konsekvenser',
  investigation: 'utredning',
  followUp: 'uppfoljning',
  rootCause: (n: number, part: 'kategori' | 'beskrivning') => `orsak-${n}-${part}`,
  action: (n: number, part: 'beskrivning' | 'ansvarig' | 'klart' | 'effekt') => `atgard-${n}-${part}`,
} as const;

function str(source: Record<string, unknown>, name: string): string {
  const value = source[name];
  return typeof value === 'string' ? value : '';
}

function rowCount(source: Record<string, unknown>, name: string, filled: number): number {
  const asked = Number.parseInt(str(source, name), 10);
  return Math.min(MAX_ROWS, Math.max(MIN_ROWS, filled, Number.isFinite(asked) ? asked : MIN_ROWS));
}

/** An empty form with room for two root causes and two actions. */
export function emptyReportForm(unitId = ''): ReportForm {
  return {
    unitId,
    eventDate: '',
    event: '',
    consequences: '',
    investigation: '',
    rootCauses: Array.from({ length: MIN_ROWS }, () => ({ category: '', description: '' })),
    actions: Array.from({ length: MIN_ROWS }, () => ({ description: '', owner: '', dueDate: '', effect: '' })),
    followUp: '',
    acknowledged: [],
    submissionId: randomUUID(),
  };
}

/** Reads the posted body: every known field as a string; rows as many as the form had (2–10). */
export function readReportForm(body: unknown): ReportForm {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const rootCauses: RootCauseRow[] = [];
  const actions: ActionRow[] = [];
  for (let n = 1; n <= MAX_ROWS; n++) {
    rootCauses.push({ category: str(source, FIELD_IDS.rootCause(n, 'kategori')), description: str(source, FIELD_IDS.rootCause(n, 'beskrivning')) });
    actions.push({
      description: str(source, FIELD_IDS.action(n, 'beskrivning')),
      owner: str(source, FIELD_IDS.action(n, 'ansvarig')),
      dueDate: str(source, FIELD_IDS.action(n, 'klart')),
      effect: str(source, FIELD_IDS.action(n, 'effekt')),
    });
  }
  // Filled rows first, so "åtgärd 2" means the same row in every message, flag and re-rendered form.
  const filled = <T extends object>(row: T) => Object.values(row).some((v) => String(v).trim());
  const compact = <T extends object>(rows: T[]) => [...rows.filter(filled), ...rows.filter((r) => !filled(r))];
  const causeRows = rowCount(source, 'antal_orsaker', rootCauses.filter(filled).length);
  const actionRows = rowCount(source, 'antal_atgarder', actions.filter(filled).length);
  return {
    unitId: str(source, FIELD_IDS.unitId),
    eventDate: str(source, FIELD_IDS.eventDate),
    event: str(source, FIELD_IDS.event),
    consequences: str(source, FIELD_IDS.consequences),
    investigation: str(source, FIELD_IDS.investigation),
    rootCauses: compact(rootCauses).slice(0, causeRows),
    actions: compact(actions).slice(0, actionRows),
    followUp: str(source, FIELD_IDS.followUp),
    acknowledged: str(source, 'bekraftade').split(',').filter(Boolean).slice(0, 50),
    // A form from before the id (or a tampered one) gets a fresh id.
    submissionId: submissionIdOf(str(source, 'skickid')),
  };
}

/** Checks the form against `today` (YYYY-MM-DD); returns the draft or every error, in form order. */
export function validateReportForm(form: ReportForm, today: string): { ok: true; draft: ReportDraft } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const text = (value: string, field: string, missing: string, max = LONG_TEXT): string => {
    const trimmed = value.trim();
    if (!trimmed) fail(field, missing);
    else if (trimmed.length > max) fail(field, `Texten får vara högst ${max.toLocaleString('sv-SE')} tecken.`);
    return trimmed;
  };

  if (!form.unitId.trim()) fail(FIELD_IDS.unitId, 'Välj den verksamhet där händelsen inträffade.');
  const eventDate = form.eventDate.trim();
  if (!eventDate) fail(FIELD_IDS.eventDate, 'Ange när händelsen inträffade.');
  else if (!isIsoDate(eventDate)) fail(FIELD_IDS.eventDate, 'Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-15.');
  else if (eventDate > today) fail(FIELD_IDS.eventDate, 'Datumet för händelsen kan inte vara i framtiden.');
  const event = text(form.event, FIELD_IDS.event, 'Beskriv vad som hände.');
  const consequences = text(form.consequences, FIELD_IDS.consequences, 'Beskriv vilka konsekvenser händelsen fick eller kunde ha fått.');
  const investigation = text(form.investigation, FIELD_IDS.investigation, 'Sammanfatta er egen utredning av händelsen.');

  const rootCauses: RootCause[] = [];
  form.rootCauses.forEach((row, i) => {
    const n = i + 1;
    const description = row.description.trim();
    if (!row.category && !description) return;
    if (!Object.hasOwn(ROOT_CAUSE_CATEGORIES, row.category)) fail(FIELD_IDS.rootCause(n, 'kategori'), `Välj vilket område orsak ${n} hör till.`);
    if (!description) fail(FIELD_IDS.rootCause(n, 'beskrivning'), `Beskriv orsak ${n}, eller ta bort området.`);
    else if (description.length > LONG_TEXT) fail(FIELD_IDS.rootCause(n, 'beskrivning'), `Texten får vara högst ${LONG_TEXT.toLocaleString('sv-SE')} tecken.`);
    rootCauses.push({ category: row.category as RootCauseCategory, description });
  });

  const actions: Action[] = [];
  form.actions.forEach((row, i) => {
    const n = i + 1;
    const description = row.description.trim();
    const owner = row.owner.trim();
    const dueDate = row.dueDate.trim();
    if (!description && !owner && !dueDate && !row.effect) return;
    if (!description) fail(FIELD_IDS.action(n, 'beskrivning'), `Beskriv åtgärd ${n}, eller töm dess fält.`);
    else if (description.length > LONG_TEXT) fail(FIELD_IDS.action(n, 'beskrivning'), `Texten får vara högst ${LONG_TEXT.toLocaleString('sv-SE')} tecken.`);
    if (owner.length > SHORT_TEXT) fail(FIELD_IDS.action(n, 'ansvarig'), `Ansvarig får vara högst ${SHORT_TEXT} tecken.`);
    if (dueDate && !isIsoDate(dueDate)) fail(FIELD_IDS.action(n, 'klart'), `Skriv datumet för åtgärd ${n} som ÅÅÅÅ-MM-DD, till exempel 2026-03-15.`);
    if (!Object.hasOwn(ACTION_EFFECTS, row.effect)) fail(FIELD_IDS.action(n, 'effekt'), `Välj om åtgärd ${n} undanröjer risken eller bara minskar den.`);
    actions.push({ description, owner, dueDate, effect: row.effect as ActionEffect });
  });

  const followUp = form.followUp.trim();
  if (followUp.length > LONG_TEXT) fail(FIELD_IDS.followUp, `Texten får vara högst ${LONG_TEXT.toLocaleString('sv-SE')} tecken.`);

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, draft: { unitId: form.unitId.trim(), eventDate, event, consequences, investigation, rootCauses, actions, followUp } };
}

/** The form with one more empty root-cause or action row (the no-JavaScript "add another"). */
export function withExtraRow(form: ReportForm, which: 'orsak' | 'atgard'): ReportForm {
  if (which === 'orsak' && form.rootCauses.length < MAX_ROWS) return { ...form, rootCauses: [...form.rootCauses, { category: '', description: '' }] };
  if (which === 'atgard' && form.actions.length < MAX_ROWS) return { ...form, actions: [...form.actions, { description: '', owner: '', dueDate: '', effect: '' }] };
  return form;
}
