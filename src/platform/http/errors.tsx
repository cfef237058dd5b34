import Html from '@kitajs/html';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorBody, isAppError } from '../errors.ts';
import { KeptText } from '../web/components.tsx';
import { Layout, sendHtml } from '../web/layout.tsx';

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || !(request.headers.accept ?? '').includes('text/html');
}

/** Turns Fastify's schema validation error into our error with one entry per field. */
function fromValidation(error: FastifyError): AppError {
  const fields = (error.validation ?? []).map((v) => {
    const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    const field = [error.validationContext === 'body' ? '' : error.validationContext, path, missing].filter(Boolean).join('.');
    return { field: field || String(error.validationContext ?? 'request'), message: v.message ?? 'ogiltigt värde' };
  });
  return AppError.validation(fields, error.message);
}

/** Form fields that are the page's own bookkeeping, not something the person wrote. */
const NOT_TYPED = new Set(['_csrf', 'returnTo', 'seen', 'seenBy']);
/** Errors a form cannot show beside its fields: signed out, a failed security check, a colleague's change. */
const LOSES_THE_FORM = new Set(['unauthenticated', 'bad_request', 'conflict']);
const STAFF_PATH = /^\/staff(\/|$|\?)/;

/**
 * What a member of staff wrote in a form refused for a reason the form itself cannot show: given back to copy,
 * so a long note or letter is not lost with the page (a session that ran out while it was written). Staff
 * forms only, prose only (a value with a space, 20 characters or more), and only to a request from the site's
 * own pages (Sec-Fetch-Site same-origin): another site must not make this page show text it chose.
 */
function typedText(request: FastifyRequest, error: AppError): string[] {
  if (request.method !== 'POST' || !LOSES_THE_FORM.has(error.code) || !STAFF_PATH.test(request.url) || request.headers['sec-fetch-site'] !== 'same-origin') return [];
  const body = request.body;
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !NOT_TYPED.has(entry[0]))
    .map(([, value]) => value.trim())
    .filter((value) => value.length >= 20 && /\s/.test(value));
}

function ErrorPage({ error, typed, signInAgain }: { error: AppError; typed: string[]; signInAgain: boolean }) {
  return (
    <Layout title={error.status === 404 ? 'Sidan finns inte' : 'Något gick fel'}>
      <h1 class="govuk-heading-l">{error.status === 404 ? 'Sidan finns inte' : 'Något gick fel'}</h1>
      <p class="govuk-body" safe>
        {error.userMessage}
      </p>
      {typed.length > 0 ? (
        <div data-typed-text="true">
          <h2 class="govuk-heading-m">Det du skrev</h2>
          <p class="govuk-body">Inget av det är sparat. Kopiera texten innan du lämnar sidan, och klistra in den när du försöker igen.</p>
          {typed.map((text, i) => (
            <KeptText id={`skrivet-${i + 1}`} label={typed.length === 1 ? 'Din text' : `Text ${i + 1}`} text={text} />
          ))}
        </div>
      ) : (
        ''
      )}
      <p class="govuk-body">
        {signInAgain ? (
          <a class="govuk-link" href="/staff">
            Logga in igen
          </a>
        ) : (
          <a class="govuk-link" href="/">
            Till startsidan
          </a>
        )}
      </p>
    </Layout>
  );
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  if (wantsJson(request)) return reply.status(error.status).send(errorBody(error));
  const signInAgain = error.code === 'unauthenticated' && STAFF_PATH.test(request.url);
  // An error page may give back what was typed (personal data, perhaps): never kept by a browser or proxy.
  reply.header('cache-control', 'no-store');
  return sendHtml(reply, <ErrorPage error={error} typed={typedText(request, error)} signInAgain={signInAgain} />, error.status);
}

/** SQLSTATEs of text the database cannot hold: invalid byte sequence (a NUL byte), untranslatable character. */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError, request, reply) => {
    let error: AppError;
    if (isAppError(raw)) error = raw;
    else if (raw.validation) error = fromValidation(raw);
    else if (raw.statusCode === 413 || raw.code === 'FST_ERR_CTP_BODY_TOO_LARGE') error = new AppError('payload_too_large', raw.message);
    else if (raw.statusCode === 429) error = new AppError('rate_limited', raw.message);
    // A NUL byte (or a character the database cannot store) in a path, query or form field: the request's
    // fault, found when the database refused the text.
    else if (UNSTORABLE_TEXT.has((raw as { code?: string }).code ?? '')) {
      error = new AppError('bad_request', raw.message, { cause: raw, userMessage: 'Begäran innehåller ett tecken som inte är tillåtet, till exempel ett nolltecken.' });
    } else if (raw.statusCode && raw.statusCode >= 400 && raw.statusCode < 500) error = new AppError('bad_request', raw.message, { cause: raw });
    else error = new AppError('internal', raw.message, { cause: raw });
    if (error.status >= 500) request.log.error({ err: raw }, error.message);
    else request.log.info({ code: error.code, msg: error.message }, 'request rejected');
    return sendError(request, reply, error);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, AppError.notFound(`route ${request.method} ${request.url.split('?')[0]}`)));
}
