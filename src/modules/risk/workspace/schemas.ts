import { RISK_AREAS, UNIT_FORMS } from '../../registry/codes.ts';
import { ALARM_FILTERS, type AlarmFilter } from './repository.ts';

// Request and response schemas of the risk API: Fastify validates with them, serialises through them
// (nothing outside a schema leaves) and publishes them in OpenAPI.

const TAGS = ['risk'];
const text = { type: 'string' } as const;

const errorResponse = (description: string, codes: string[]) =>
  ({
    type: 'object',
    description,
    properties: {
      error: {
        type: 'object',
        properties: {
          code: { type: 'string', enum: codes },
          message: text,
          fields: { type: 'array', items: { type: 'object', properties: { field: text, message: text } } },
        },
      },
    },
  }) as const;

export interface RiskUnitsQuery {
  form?: string;
  kommun?: string;
  county?: string;
  department?: string;
  riskArea?: string;
  alarm?: AlarmFilter;
  limit: number;
  offset: number;
}

const rankedUnit = {
  type: 'object',
  required: ['unitId', 'name', 'form', 'kommun', 'county', 'department', 'score', 'nationalRank', 'triggers', 'cusumAlarm', 'observedRecent', 'expectedRecent', 'reasons'],
  properties: {
    unitId: text,
    name: text,
    form: { type: 'string', description: 'Form of operation (registry code)' },
    kommun: { type: 'string', description: 'SCB municipality code' },
    kommunName: text,
    county: { type: 'string', description: 'SCB county (län) code' },
    department: { type: 'string', description: 'Regional supervision department' },
    score: { type: 'number', minimum: 0, maximum: 1, description: 'Risk score 0–1, higher is riskier' },
    nationalRank: { type: 'integer', description: 'Place among all scored units at the last national run (1 = riskiest)' },
    triggers: { type: 'array', items: text, description: 'Hard triggers: acute_signal, permit_status' },
    cusumAlarm: { type: 'boolean', description: "The unit's CUSUM of external signals is above the national threshold" },
    observedRecent: { type: 'integer', description: 'External signals of the last 26 weeks' },
    expectedRecent: { type: 'number', description: 'External signals expected in 26 weeks of a unit of this form and size' },
    reasons: { type: 'array', items: text, description: 'Why, in plain Swedish: hard triggers first, then the largest contributions' },
  },
} as const;

export const riskUnitsSchema = {
  tags: TAGS,
  summary: 'The ranked list of units by risk (staff only)',
  description: [
    'The latest risk scores, riskiest first, with plain-Swedish reasons. Needs a staff session with the right to read the risk analysis;',
    'an inspector sees the units of their own department only (asking for another department answers 404).',
    'Without a national run yet, `asOf` is null and `items` is empty.',
  ].join(' '),
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      form: { type: 'string', enum: Object.keys(UNIT_FORMS), description: 'Form of operation' },
      kommun: { type: 'string', pattern: '^[0-9]{4}$', description: 'SCB municipality code, e.g. 0180' },
      county: { type: 'string', pattern: '^[0-9]{2}$', description: 'SCB county (län) code, e.g. 01' },
      department: { type: 'string', pattern: '^[a-z_]{1,40}$', description: 'Regional department code, e.g. stockholm' },
      riskArea: { type: 'string', enum: Object.keys(RISK_AREAS), description: 'Units with a signal of this risk area in the 26 weeks up to the as-of date' },
      alarm: { type: 'string', enum: [...ALARM_FILTERS], description: 'Units in CUSUM alarm (cusum) or lifted by a hard trigger (trigger)' },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
      offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0, description: 'Units to skip: the next page starts at offset + limit' },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['asOf', 'computedAt', 'total', 'items'],
      properties: {
        asOf: { type: ['string', 'null'], format: 'date', description: 'As-of date of the latest national run' },
        computedAt: { type: ['string', 'null'], format: 'date-time' },
        total: { type: 'integer', description: 'Units matching the filters (items holds at most `limit` of them, from `offset`)' },
        items: { type: 'array', items: rankedUnit },
      },
    },
    400: errorResponse('A parameter is invalid; each field is named', ['validation_failed']),
    401: errorResponse('No staff session', ['unauthenticated']),
    404: errorResponse('No such department, or not yours', ['not_found']),
  },
} as const;
