import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { formatSwedishDate } from '../../../platform/dates.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { receiveSignal, type IncomingSignal, type SignalClassifier } from '../receive-signal.ts';
import type { ApiClient } from './api-client.ts';
import type { ReceivedSignalResponse, SignalBody } from './schemas.ts';

// Serialises requests with the same client and key (two-key advisory locks do not overlap the audit lock).
const IDEMPOTENCY_LOCK_CLASS = 727_002;

export interface MachineSignalAnswer {
  status: number;
  body: ReceivedSignalResponse;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/** JSON with keys sorted, so the same body always hashes the same whatever the key order. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashRequest(body: SignalBody): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** A date-time's calendar date in Sweden; a date stays as it is. */
function swedishDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return formatSwedishDate(value);
}

function toIncoming(body: SignalBody, client: ApiClient): IncomingSignal {
  const channel = body.channel ?? client.channels[0];
  if (!channel || !client.channels.includes(channel)) {
    throw AppError.validation([{ field: 'channel', message: `Klienten får bara skicka signaler i kanalen ${client.channels.join(', ')}` }], `client ${client.id} may not use channel ${channel}`);
  }
  const unit = body.unit ? { ...body.unit, ...(body.unit.orgnr ? { orgnr: body.unit.orgnr.replace('-', '') } : {}) } : undefined;
  return {
    channel,
    text: body.text.trim(),
    ...(body.unitId ? { unitId: body.unitId } : unit && Object.keys(unit).length > 0 ? { unitHint: unit } : {}),
    ...(body.occurredAt ? { occurredOn: swedishDate(body.occurredAt) } : {}),
    ...(body.severity ? { severity: body.severity } : {}),
    ...(body.urgency ? { urgency: body.urgency } : {}),
    ...(body.riskAreas?.length ? { riskAreas: body.riskAreas } : {}),
    submitterKind: 'authority',
    reliability: 'probable',
    extra: { apiClient: client.id, ...(body.reference ? { reference: body.reference } : {}) },
  };
}

/**
 * Receives a signal from another authority's system, exactly once per Idempotency-Key: the signal and the
 * stored answer commit in one transaction, so a retry after a lost answer gets the same answer back and
 * never a second signal. The same key with a different body is a conflict.
 */
export async function receiveMachineSignal(
  db: Db,
  { client, idempotencyKey, body, classifier, publicUrl }: { client: ApiClient; idempotencyKey: string; body: SignalBody; classifier: SignalClassifier; publicUrl: string },
): Promise<MachineSignalAnswer> {
  const requestHash = hashRequest(body);
  if (!body.text.trim()) throw AppError.validation([{ field: 'text', message: 'Texten får inte vara tom' }]);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${IDEMPOTENCY_LOCK_CLASS}, hashtext(${`${client.id}\n${idempotencyKey}`}))`.execute(trx);
    const earlier = await trx
      .selectFrom('idempotency_record')
      .select(['request_hash', 'status_code', 'response'])
      .where('client_id', '=', client.id)
      .where('key', '=', idempotencyKey)
      .executeTakeFirst();
    if (earlier) {
      if (earlier.request_hash !== requestHash) {
        throw new AppError('conflict', `idempotency key ${idempotencyKey} of ${client.id} reused with another body`, {
          userMessage: 'Idempotency-Key har redan använts för en annan begäran. Använd en ny nyckel för en ny signal, eller skicka samma innehåll igen.',
          fields: [{ field: 'Idempotency-Key', message: 'Nyckeln är redan använd med ett annat innehåll' }],
        });
      }
      return { status: earlier.status_code, body: earlier.response as ReceivedSignalResponse, replayed: true };
    }

    const incoming = toIncoming(body, client);
    if (incoming.unitHint?.kommun) {
      const known = await trx.selectFrom('municipality').select('code').where('code', '=', incoming.unitHint.kommun).executeTakeFirst();
      if (!known) throw AppError.validation([{ field: 'unit.kommun', message: 'Kommunkoden finns inte' }]);
    }
    const receivedAt = new Date();
    const received = await receiveSignal(trx, { ...incoming, receivedAt }, { classifier, actor: `api:${client.id}`, publicUrl });
    const response: ReceivedSignalResponse = {
      id: received.id,
      receivedAt: receivedAt.toISOString(),
      channel: incoming.channel,
      unitId: received.unitId,
      unitMatch: received.unitMatch,
      departmentCode: received.departmentCode,
      urgency: received.urgency,
      riskAreas: received.riskAreas,
    };
    await trx
      .insertInto('idempotency_record')
      .values({ client_id: client.id, key: idempotencyKey, request_hash: requestHash, status_code: 201, response: JSON.stringify(response) })
      .execute();
    return { status: 201, body: response, replayed: false };
  });
}
