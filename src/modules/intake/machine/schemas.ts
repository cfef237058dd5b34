import { RISK_AREAS } from '../../registry/index.ts';
import { MACHINE_CHANNELS } from './api-client.ts';

// Request and response schemas of machine intake: Fastify validates with them and publishes them in OpenAPI.

const TAGS = ['intake'];
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

export const signalBody = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    channel: { type: 'string', enum: [...MACHINE_CHANNELS], description: "The signal's channel; one the client is registered for. Defaults to the client's first channel." },
    text: { type: 'string', minLength: 1, maxLength: 20000, description: 'What the signal says, in Swedish (the classifier reads it)' },
    unitId: { type: 'string', minLength: 1, maxLength: 100, description: "The unit's id in Vaka's register, when known" },
    unit: {
      type: 'object',
      additionalProperties: false,
      description: 'What the sender knows about the unit when the id is not known; Vaka matches it (organisationsnummer first, then name within the kommun)',
      properties: {
        orgnr: { type: 'string', pattern: '^[0-9]{6}-?[0-9]{4}$', description: "The provider's organisationsnummer" },
        name: { type: 'string', minLength: 1, maxLength: 200 },
        kommun: { type: 'string', pattern: '^[0-9]{4}$', description: 'SCB municipality code, e.g. 0180' },
        address: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    occurredAt: {
      type: 'string',
      anyOf: [{ format: 'date' }, { format: 'date-time' }],
      description: 'When the event happened: a date (2026-11-20) or a date-time; kept as the Swedish calendar date',
    },
    severity: { type: 'integer', minimum: 1, maximum: 4, description: '1 mild … 4 death, lasting harm or serious abuse' },
    urgency: { type: 'string', enum: ['acute', 'high', 'normal'], description: "The sender's own judgement; otherwise the classifier decides. Acute alerts the department on duty." },
    riskAreas: { type: 'array', items: { type: 'string', enum: Object.keys(RISK_AREAS) }, maxItems: 12, uniqueItems: true, description: 'Risk areas when the sender knows them; otherwise the classifier decides' },
    reference: { type: 'string', minLength: 1, maxLength: 100, description: "The sender's own reference (their case or report number)" },
  },
} as const;

export interface SignalBody {
  channel?: (typeof MACHINE_CHANNELS)[number];
  text: string;
  unitId?: string;
  unit?: { orgnr?: string; name?: string; kommun?: string; address?: string };
  occurredAt?: string;
  severity?: 1 | 2 | 3 | 4;
  urgency?: 'acute' | 'high' | 'normal';
  riskAreas?: string[];
  reference?: string;
}

export const receivedSignal = {
  type: 'object',
  required: ['id', 'receivedAt', 'channel', 'unitId', 'unitMatch', 'departmentCode', 'urgency', 'riskAreas'],
  properties: {
    id: { type: 'string', description: "Vaka's id of the signal" },
    receivedAt: { type: 'string', format: 'date-time' },
    channel: text,
    unitId: { type: ['string', 'null'], description: 'The linked unit, or null when no unit could be matched (a person links it at triage)' },
    unitMatch: { type: 'string', enum: ['given', 'automatic', 'unmatched'] },
    departmentCode: { type: ['string', 'null'], description: 'The regional department the signal was routed to' },
    urgency: { type: 'string', enum: ['acute', 'high', 'normal'] },
    riskAreas: { type: 'array', items: text },
  },
} as const;

export interface ReceivedSignalResponse {
  id: string;
  receivedAt: string;
  channel: string;
  unitId: string | null;
  unitMatch: 'given' | 'automatic' | 'unmatched';
  departmentCode: string | null;
  urgency: 'acute' | 'high' | 'normal';
  riskAreas: string[];
  [key: string]: unknown;
}

export const postSignalSchema = {
  tags: TAGS,
  summary: 'Send a signal from another authority',
  description: [
    "For other authorities' systems (Arbetsmiljöverket, the police, …). Authenticate with HTTP Basic (client id and secret) or `Authorization: Bearer <secret>`.",
    'Every request needs an `Idempotency-Key` (unique per signal, e.g. a UUID or your own report number): sending the same key with the same body again',
    'returns the first answer (same status and body, header `Idempotent-Replayed: true`) and creates nothing new; the same key with a different body is refused with 409.',
  ].join(' '),
  headers: {
    type: 'object',
    required: ['idempotency-key'],
    properties: {
      'idempotency-key': { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$', description: 'Unique per signal; printable ASCII, at most 200 characters' },
    },
  },
  body: signalBody,
  response: {
    201: { ...receivedSignal, description: 'Received (or the replayed answer to the first request with this key)' },
    400: errorResponse('The body or a header is invalid; each field is named', ['validation_failed', 'bad_request']),
    401: errorResponse('No client, an unknown client or a wrong secret', ['unauthenticated']),
    409: errorResponse('The Idempotency-Key was used before with a different body', ['conflict']),
  },
} as const;
