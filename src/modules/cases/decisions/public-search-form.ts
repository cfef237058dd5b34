// The public decision search's query string: read, checked (each problem a field error in plain Swedish)
// and written back for links to other pages of the same search.
import type { FieldError } from '../../../platform/errors.ts';
import { RISK_AREAS, UNIT_FORMS } from '../../registry/codes.ts';
import { DECISION_TOOLS } from './labels.ts';
import type { PublicDecisionFilter } from './repository.ts';

export interface PublicSearchValues {
  namn: string;
  kommun: string;
  verksamhetsform: string;
  beslut: string;
  riskomrade: string;
  ar: string;
}

export interface ParsedPublicSearch {
  values: PublicSearchValues;
  filter: PublicDecisionFilter;
  page: number;
  errors: FieldError[];
}

const MAX_NAME = 100;
const MAX_PAGE = 10_000;

function one(query: unknown, name: string): string {
  const value = query && typeof query === 'object' ? (query as Record<string, unknown>)[name] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

export function parsePublicSearch(query: unknown, known: { kommunCodes: Set<string>; years: number[] }): ParsedPublicSearch {
  const values: PublicSearchValues = {
    namn: one(query, 'namn').replace(/\s+/g, ' ').slice(0, MAX_NAME + 50),
    kommun: one(query, 'kommun'),
    verksamhetsform: one(query, 'verksamhetsform'),
    beslut: one(query, 'beslut'),
    riskomrade: one(query, 'riskomrade'),
    ar: one(query, 'ar'),
  };
  const errors: FieldError[] = [];
  if (values.namn.length > MAX_NAME) errors.push({ field: 'namn', message: `Namnet får vara högst ${MAX_NAME} tecken` });
  if (values.kommun && !known.kommunCodes.has(values.kommun)) errors.push({ field: 'kommun', message: 'Välj en kommun i listan' });
  if (values.verksamhetsform && !Object.hasOwn(UNIT_FORMS, values.verksamhetsform)) errors.push({ field: 'verksamhetsform', message: 'Välj en verksamhetsform i listan' });
  if (values.beslut && !(DECISION_TOOLS as readonly string[]).includes(values.beslut)) errors.push({ field: 'beslut', message: 'Välj ett beslut i listan' });
  if (values.riskomrade && !Object.hasOwn(RISK_AREAS, values.riskomrade)) errors.push({ field: 'riskomrade', message: 'Välj ett riskområde i listan' });
  if (values.ar && (!/^\d{4}$/.test(values.ar) || Number(values.ar) < 2000 || Number(values.ar) > 2100)) errors.push({ field: 'ar', message: 'Välj ett år i listan' });
  const rawPage = one(query, 'sida');
  let page = 1;
  if (rawPage) {
    if (!/^\d{1,5}$/.test(rawPage) || Number(rawPage) < 1 || Number(rawPage) > MAX_PAGE) errors.push({ field: 'sida', message: 'Sidnumret finns inte' });
    else page = Number(rawPage);
  }
  const filter: PublicDecisionFilter = {
    name: values.namn || undefined,
    kommun: values.kommun || undefined,
    form: values.verksamhetsform || undefined,
    tool: values.beslut || undefined,
    riskArea: values.riskomrade || undefined,
    year: values.ar ? Number(values.ar) : undefined,
  };
  return { values, filter, page, errors };
}

/** "?namn=…&beslut=…&sida=2" for the same search on another page ("" for the first page of no search). */
export function publicSearchQuery(values: PublicSearchValues, page = 1): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  if (page > 1) params.set('sida', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
