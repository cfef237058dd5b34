// The search forms of the staff case list and the public diarium: query parameters in, a search and the
// values to show again out, with an error per field that cannot be used.
import { CASE_STATUSES, CASE_TYPES, type CaseStatus, type CaseType } from '../../../platform/db/schema.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { isCaseDate } from './case-access.ts';
import { MAX_CASE_PAGE, type CaseSearch } from './search-cases.ts';

export interface CaseSearchForm {
  q: string;
  typ: string;
  status: string;
  avdelning: string;
  mina: string;
  fran: string;
  till: string;
  sida: string;
}

export const CASE_SEARCH_FIELDS = ['q', 'typ', 'status', 'avdelning', 'mina', 'fran', 'till', 'sida'] as const;

function stringOf(source: unknown, name: string): string {
  const value = source && typeof source === 'object' ? (source as Record<string, unknown>)[name] : undefined;
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

export function readCaseSearchForm(query: unknown): CaseSearchForm {
  return Object.fromEntries(CASE_SEARCH_FIELDS.map((name) => [name, stringOf(query, name).trim().slice(0, 200)])) as unknown as CaseSearchForm;
}

/** The search the form asks for; `departments` are the codes the person may filter by (none for the public). */
export function searchOfForm(form: CaseSearchForm, options: { departments: string[]; me?: string }): { search: CaseSearch; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const search: CaseSearch = { text: form.q || undefined };
  if (form.typ) {
    if ((CASE_TYPES as readonly string[]).includes(form.typ)) search.caseType = form.typ as CaseType;
    else errors.push({ field: 'typ', message: 'Välj en ärendetyp i listan' });
  }
  if (form.status) {
    if ((CASE_STATUSES as readonly string[]).includes(form.status)) search.status = form.status as CaseStatus;
    else errors.push({ field: 'status', message: 'Välj en status i listan' });
  }
  if (form.avdelning) {
    if (form.avdelning === 'ingen' || options.departments.includes(form.avdelning)) search.departmentCode = form.avdelning === 'ingen' ? 'none' : form.avdelning;
    else errors.push({ field: 'avdelning', message: 'Välj en avdelning i listan' });
  }
  if (form.mina && options.me) search.responsible = options.me;
  if (form.fran) {
    if (isCaseDate(form.fran)) search.openedFrom = form.fran;
    else errors.push({ field: 'fran', message: 'Skriv från-datumet som ÅÅÅÅ-MM-DD, till exempel 2026-01-01' });
  }
  if (form.till) {
    if (isCaseDate(form.till)) search.openedTo = form.till;
    else errors.push({ field: 'till', message: 'Skriv till-datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-31' });
  }
  if (search.openedFrom && search.openedTo && search.openedFrom > search.openedTo) errors.push({ field: 'till', message: 'Till-datumet måste vara samma dag som från-datumet eller senare' });
  const page = /^\d{1,4}$/.test(form.sida) ? Number(form.sida) : 1;
  search.page = Math.min(Math.max(page, 1), MAX_CASE_PAGE);
  return { search, errors };
}

/** The query string of the same search on another page. */
export function searchQueryString(form: CaseSearchForm, page: number): string {
  const params = new URLSearchParams();
  for (const name of CASE_SEARCH_FIELDS) if (name !== 'sida' && form[name]) params.set(name, form[name]);
  if (page > 1) params.set('sida', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
