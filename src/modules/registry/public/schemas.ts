import { HOME_TYPES, ORIENTATIONS, PERMIT_STATUSES, HOME_STATUSES, PROVIDER_KINDS, UNIT_FORMS } from '../codes.ts';
import { HVB_FORMS } from './hvb-snapshot.ts';

// Request and response schemas of the public register API. Fastify validates requests with them,
// serializes responses through them (nothing outside a schema leaves), and publishes them in OpenAPI.

const TAGS = ['register'];

const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const nullableInteger = { type: ['integer', 'null'] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const date = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
const timestamp = { type: 'string', format: 'date-time' } as const;
const textList = { type: 'array', items: text } as const;

const kommunCode = { type: 'string', pattern: '^[0-9]{4}$', description: 'SCB municipality code, e.g. 0180' } as const;
const lanCode = { type: 'string', pattern: '^[0-9]{2}$', description: 'SCB county (län) code, e.g. 01' } as const;
const permitStatus = { type: 'string', enum: Object.keys(PERMIT_STATUSES) } as const;
const homeStatus = { type: 'string', enum: Object.keys(HOME_STATUSES) } as const;

/** Repeatable query parameters: `?status=active&status=dormant`; a single value is taken as a list of one. */
const oneOrMore = (item: object, description: string) => ({ type: 'array', items: item, maxItems: 20, description }) as const;

const paging = {
  page: { type: 'integer', minimum: 1, maximum: 100000, default: 1, description: 'Page number, from 1' },
  pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 25, description: 'Items per page, at most 100' },
} as const;
const pageFields = { page: { type: 'integer' }, pageSize: { type: 'integer' }, total: { type: 'integer', description: 'Matching items on all pages' } } as const;

const notFound = {
  type: 'object',
  description: 'No such record',
  properties: { error: { type: 'object', properties: { code: text, message: text } } },
} as const;
const validationFailed = {
  type: 'object',
  description: 'A parameter is invalid; each field is named',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', enum: ['validation_failed'] },
        message: text,
        fields: { type: 'array', items: { type: 'object', properties: { field: text, message: text } } },
      },
    },
  },
} as const;

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

// ---- records ----

const hvbHomeSummary = {
  type: 'object',
  required: ['id', 'name', 'form', 'kommun', 'lan', 'status', 'provider'],
  properties: {
    id: text,
    name: text,
    form: { type: 'string', enum: [...HVB_FORMS] },
    homeType: nullableText,
    orientation: textList,
    ageMin: nullableInteger,
    ageMax: nullableInteger,
    capacity: { type: 'integer' },
    kommun: { type: 'object', properties: { code: text, name: text } },
    lan: { type: 'object', properties: { code: text, name: text } },
    status: { ...homeStatus, description: "The current permit's status; no_own_permit when the home has no permit of its own (a kommun or region runs it)" },
    provider: { type: 'object', properties: { id: text, name: text } },
  },
} as const;

const unit = {
  type: 'object',
  required: ['id', 'providerId', 'name', 'form', 'kommun'],
  properties: {
    id: text,
    providerId: text,
    name: text,
    form: { type: 'string', description: `Form of operation: ${Object.keys(UNIT_FORMS).join(', ')}` },
    homeType: { ...nullableText, description: `HVB kind of home: ${Object.keys(HOME_TYPES).join(', ')}` },
    orientation: { ...textList, description: `Target groups: ${Object.keys(ORIENTATIONS).join(', ')}` },
    ageMin: nullableInteger,
    ageMax: nullableInteger,
    size: { type: 'number' },
    capacity: nullableInteger,
    street: nullableText,
    postalCode: nullableText,
    city: nullableText,
    kommun: text,
    lat: nullableNumber,
    lon: nullableNumber,
    phone: nullableText,
    addressProtected: { type: 'boolean', description: 'A skyddat boende: street, postcode, town, position and phone are not public (null)' },
    email: nullableText,
    website: nullableText,
    operationCodes: textList,
    hsaId: nullableText,
    opened: nullableDate,
    closed: nullableDate,
    updatedAt: timestamp,
  },
} as const;

const provider = {
  type: 'object',
  required: ['id', 'name', 'kind'],
  properties: {
    id: text,
    name: text,
    orgnr: { ...nullableText, description: "Organisationsnummer, 10 digits; null for a sole trader, whose number is the owner's personnummer" },
    kind: { type: 'string', enum: Object.keys(PROVIDER_KINDS) },
    parentId: nullableText,
    email: nullableText,
    phone: nullableText,
    peppolId: nullableText,
    updatedAt: timestamp,
  },
} as const;

const permit = {
  type: 'object',
  required: ['id', 'legalForm', 'status'],
  properties: {
    id: text,
    providerId: text,
    unitId: nullableText,
    legalForm: text,
    grantedOn: date,
    status: permitStatus,
    statusFrom: date,
    history: { type: 'array', items: { type: 'object', properties: { status: permitStatus, from: date } } },
    updatedAt: timestamp,
  },
} as const;

const pageOf = (item: object) => ({ type: 'object', properties: { items: { type: 'array', items: item }, ...pageFields } }) as const;

// ---- routes ----

export interface HvbListQuery {
  name?: string;
  kommun?: string;
  lan?: string;
  form?: string[];
  homeType?: string;
  orientation?: string[];
  age?: number;
  status?: string[];
  page: number;
  pageSize: number;
}

export const hvbListSchema = {
  tags: TAGS,
  summary: 'Search the HVB list (HVB and stödboenden)',
  description: 'The same search as the public page /hvb. Every parameter narrows the result; results are in Swedish alphabetical order.',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', maxLength: 100, description: "Part of the home's or its provider's name, any letter case" },
      kommun: kommunCode,
      lan: lanCode,
      form: oneOrMore({ type: 'string', enum: [...HVB_FORMS] }, 'Form of operation'),
      homeType: { type: 'string', enum: Object.keys(HOME_TYPES) },
      orientation: oneOrMore({ type: 'string', enum: Object.keys(ORIENTATIONS) }, 'Homes with at least one of these orientations'),
      age: { type: 'integer', minimum: 0, maximum: 120, description: "The child's age: homes that may take in someone that age" },
      status: oneOrMore(homeStatus, "The current permit's status, or no_own_permit"),
      ...paging,
    },
  },
  response: { 200: pageOf(hvbHomeSummary), 400: validationFailed },
} as const;

export interface UnitListQuery {
  kommun?: string;
  form?: string;
  providerId?: string;
  page: number;
  pageSize: number;
}

export const unitListSchema = {
  tags: TAGS,
  summary: 'List units (verksamheter) of the register',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      kommun: kommunCode,
      form: { type: 'string', enum: Object.keys(UNIT_FORMS) },
      providerId: { type: 'string', minLength: 1, maxLength: 100 },
      ...paging,
    },
  },
  response: { 200: pageOf(unit), 400: validationFailed },
} as const;

export const unitSchema = {
  tags: TAGS,
  summary: 'One unit with its permits',
  params: idParams,
  response: {
    200: { type: 'object', properties: { ...unit.properties, permits: { type: 'array', items: permit } } },
    404: notFound,
  },
} as const;

export interface ProviderListQuery {
  orgnr?: string;
  page: number;
  pageSize: number;
}

export const providerListSchema = {
  tags: TAGS,
  summary: 'List providers (vårdgivare and huvudmän)',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      orgnr: { type: 'string', pattern: '^[0-9]{6}-?[0-9]{4}$', description: 'Organisationsnummer, NNNNNN-NNNN or 10 digits' },
      ...paging,
    },
  },
  response: { 200: pageOf(provider), 400: validationFailed },
} as const;

export const providerSchema = {
  tags: TAGS,
  summary: 'One provider',
  params: idParams,
  response: {
    200: { type: 'object', properties: { ...provider.properties, unitCount: { type: 'integer' } } },
    404: notFound,
  },
} as const;

export interface ChangesQuery {
  since: number;
  limit: number;
}

export const changesSchema = {
  tags: TAGS,
  summary: 'Changes to units, providers and permits, for keeping a copy of the register in sync',
  description:
    'Every change to a unit, provider or permit takes a new sequence number. Ask with since=0 first, then again with since set to the `next` of the previous answer until `items` is empty.',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      since: { type: 'integer', minimum: 0, default: 0, description: 'Return changes after this sequence number' },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            required: ['seq', 'type', 'id', 'data'],
            properties: {
              seq: { type: 'integer' },
              type: { type: 'string', enum: ['unit', 'provider', 'permit'] },
              id: text,
              data: { description: 'The current state of the record, as the unit, provider and permit endpoints show it', anyOf: [unit, provider, permit] },
            },
          },
        },
        next: { type: 'integer', description: 'Pass as `since` to get the changes after these' },
      },
    },
    400: validationFailed,
  },
} as const;
