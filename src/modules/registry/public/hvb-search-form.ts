import type { FieldError } from '../../../platform/errors.ts';
import { HOME_TYPES, ORIENTATIONS, HOME_STATUSES } from '../codes.ts';
import { HVB_FORMS, type HvbForm, type HvbSearch } from './hvb-snapshot.ts';

// The search form of the public HVB page: what a person typed, checked, with errors in plain Swedish
// that name the field, so the page can show them in an error summary and beside each field.

export const HVB_PAGE_SIZE = 25;
export const NAME_MAX_LENGTH = 100;

/** What the form shows again after a search: exactly what the person entered. */
export interface HvbSearchFormValues {
  name: string;
  kommun: string;
  lan: string;
  form: string[];
  homeType: string;
  orientation: string[];
  age: string;
  status: string[];
}

export interface ParsedHvbSearchForm {
  values: HvbSearchFormValues;
  search: HvbSearch;
  page: number;
  errors: FieldError[];
}

export interface KnownPlaces {
  kommunCodes: ReadonlySet<string>;
  lanCodes: ReadonlySet<string>;
}

type Query = Record<string, unknown>;

function single(query: Query, key: string): string {
  const value = query[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

function list(query: Query, key: string): string[] {
  const value = query[key];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

const isOneOf = (allowed: readonly string[], values: string[]) => values.every((v) => allowed.includes(v));

export function parseHvbSearchForm(rawQuery: unknown, places: KnownPlaces): ParsedHvbSearchForm {
  const query = (rawQuery ?? {}) as Query;
  const values: HvbSearchFormValues = {
    name: single(query, 'name'),
    kommun: single(query, 'kommun'),
    lan: single(query, 'lan'),
    form: list(query, 'form'),
    homeType: single(query, 'homeType'),
    orientation: list(query, 'orientation'),
    age: single(query, 'age'),
    status: list(query, 'status'),
  };
  const errors: FieldError[] = [];
  const search: HvbSearch = {};

  if (values.name.length > NAME_MAX_LENGTH) errors.push({ field: 'name', message: `Namn får vara högst ${NAME_MAX_LENGTH} tecken` });
  else if (values.name) search.name = values.name;

  if (values.kommun && !places.kommunCodes.has(values.kommun)) errors.push({ field: 'kommun', message: 'Välj en kommun i listan' });
  else if (values.kommun) search.kommun = values.kommun;

  if (values.lan && !places.lanCodes.has(values.lan)) errors.push({ field: 'lan', message: 'Välj ett län i listan' });
  else if (values.lan) search.lan = values.lan;

  if (!isOneOf(HVB_FORMS, values.form)) errors.push({ field: 'form', message: 'Välj typ av boende bland alternativen' });
  else if (values.form.length) search.forms = values.form as HvbForm[];

  if (values.homeType && !(values.homeType in HOME_TYPES)) errors.push({ field: 'homeType', message: 'Välj typ av hem i listan' });
  else if (values.homeType) search.homeType = values.homeType;

  if (!isOneOf(Object.keys(ORIENTATIONS), values.orientation)) errors.push({ field: 'orientation', message: 'Välj inriktning bland alternativen' });
  else if (values.orientation.length) search.orientations = values.orientation;

  if (values.age) {
    const age = /^[0-9]{1,3}$/.test(values.age) ? Number(values.age) : NaN;
    if (!Number.isInteger(age) || age > 120) errors.push({ field: 'age', message: 'Ålder måste vara ett heltal mellan 0 och 120, till exempel 15' });
    else search.age = age;
  }

  if (!isOneOf(Object.keys(HOME_STATUSES), values.status)) errors.push({ field: 'status', message: 'Välj status bland alternativen' });
  else if (values.status.length) search.statuses = values.status;

  // The page number comes from our own links, not from a field: a mangled one shows the first page.
  const rawPage = single(query, 'page');
  const page = /^[0-9]{1,6}$/.test(rawPage) && Number(rawPage) >= 1 ? Number(rawPage) : 1;

  return { values, search, page, errors };
}

/** The query string of a search, for links to its other pages; empty fields left out. */
export function searchQueryString(values: HvbSearchFormValues, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== '') params.append(key, v);
  }
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}
