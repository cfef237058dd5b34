import type { FastifyInstance } from 'fastify';
import type { CustomFetch } from 'openid-client';

type FetchBody = Parameters<CustomFetch>[1]['body'];

function payloadOf(body: FetchBody): string | Buffer | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('streamed request bodies are not supported in process');
}

/**
 * openid-client's fetch for the development identity provider, which lives in this same app: requests to
 * the issuer are handed to the app directly (Fastify inject) instead of over the network, so signing in
 * works even where the public URL is not reachable from the server itself (containers, port mapping).
 * Anything else goes to the real fetch.
 */
export function inProcessFetch(app: FastifyInstance, issuer: string): CustomFetch {
  return async (url, options) => {
    if (url !== issuer && !url.startsWith(`${issuer}/`)) return fetch(url, options as RequestInit);
    const target = new URL(url);
    const response = await app.inject({
      method: options.method as 'GET' | 'POST',
      url: `${target.pathname}${target.search}`,
      headers: { ...options.headers, host: target.host, 'x-forwarded-proto': target.protocol.replace(':', '') },
      payload: payloadOf(options.body),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
    }
    const hasBody = ![204, 205, 304].includes(response.statusCode);
    return new Response(hasBody ? new Uint8Array(response.rawPayload) : null, { status: response.statusCode, headers });
  };
}
