import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import type { SignalChannel } from '../../registry/index.ts';

/** The channels another authority's system may send signals on. */
export const MACHINE_CHANNELS = ['work_environment', 'police', 'media', 'complaint', 'other'] as const satisfies readonly SignalChannel[];
export type MachineChannel = (typeof MACHINE_CHANNELS)[number];

const CLIENT_ID = /^[a-z0-9][a-z0-9._-]{1,62}$/;

export interface ApiClient {
  id: string;
  name: string;
  /** The channels this client may send on; the first is the default. */
  channels: MachineChannel[];
}

/**
 * The secret is 32 random bytes, so a plain SHA-256 of it cannot be guessed back (a slow hash like scrypt
 * protects low-entropy passwords, which this is not) and checking it costs nothing per request.
 */
function hashSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

function isSameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const isMachineChannel = (value: string): value is MachineChannel => (MACHINE_CHANNELS as readonly string[]).includes(value);

/**
 * Registers another authority's system as a client of `POST /api/v1/signals` and returns its secret. The
 * secret is shown only here; Vaka keeps its hash. Use it as HTTP Basic (`id:secret`) or `Bearer <secret>`.
 */
export async function createApiClient(
  db: Db,
  options: { id: string; name: string; channel: MachineChannel | MachineChannel[] },
): Promise<{ id: string; secret: string }> {
  const channels = [...new Set(Array.isArray(options.channel) ? options.channel : [options.channel])];
  if (!CLIENT_ID.test(options.id)) throw AppError.validation([{ field: 'id', message: 'Id: 2–63 tecken, små bokstäver, siffror, punkt, bindestreck eller understreck' }]);
  if (!options.name.trim()) throw AppError.validation([{ field: 'name', message: 'Skriv klientens namn' }]);
  if (channels.length === 0 || !channels.every(isMachineChannel)) {
    throw AppError.validation([{ field: 'channel', message: `Kanal: en eller flera av ${MACHINE_CHANNELS.join(', ')}` }]);
  }
  const secret = randomBytes(32).toString('base64url');
  await db.insertInto('api_client').values({ id: options.id, name: options.name.trim(), secret_hash: hashSecret(secret), channel: channels.join(',') }).execute();
  return { id: options.id, secret };
}

const unauthenticated = (why: string) =>
  new AppError('unauthenticated', `machine intake: ${why}`, {
    userMessage: 'Klienten kunde inte autentiseras. Skicka klientens id och hemlighet med HTTP Basic, eller hemligheten som Bearer-token.',
  });

/** The client behind an Authorization header (HTTP Basic `id:secret`, or `Bearer <secret>`), or 401. */
export async function authenticateApiClient(db: Db, authorization: string | undefined): Promise<ApiClient> {
  if (!authorization) throw unauthenticated('no Authorization header');
  const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
  let row: { id: string; name: string; secret_hash: string; channel: string } | undefined;
  let secret: string;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) throw unauthenticated('malformed Basic credentials');
    const id = decoded.slice(0, colon);
    secret = decoded.slice(colon + 1);
    row = CLIENT_ID.test(id) ? await db.selectFrom('api_client').select(['id', 'name', 'secret_hash', 'channel']).where('id', '=', id).executeTakeFirst() : undefined;
  } else if (/^bearer$/i.test(scheme) && value) {
    secret = value;
    row = await db.selectFrom('api_client').select(['id', 'name', 'secret_hash', 'channel']).where('secret_hash', '=', hashSecret(secret)).executeTakeFirst();
  } else {
    throw unauthenticated(`unsupported scheme ${scheme}`);
  }
  // Hash even when the client is unknown, so an unknown id and a wrong secret take the same time.
  const given = hashSecret(secret);
  if (!row || !isSameHash(given, row.secret_hash)) throw unauthenticated(row ? `wrong secret for ${row.id}` : 'unknown client');
  return { id: row.id, name: row.name, channels: row.channel.split(',').filter(isMachineChannel) };
}
