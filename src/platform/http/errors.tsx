import Html from '@kitajs/html';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorBody, isAppError } from '../errors.ts';
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

function ErrorPage({ error }: { error: AppError }) {
  return (
    <Layout title={error.status === 404 ? 'Sidan finns inte' : 'Något gick fel'}>
      <h1 class="govuk-heading-l">{error.status === 404 ? 'Sidan finns inte' : 'Något gick fel'}</h1>
      <p class="govuk-body" safe>
        {error.userMessage}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          Till startsidan
        </a>
      </p>
    </Layout>
  );
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  if (wantsJson(request)) return reply.status(error.status).send(errorBody(error));
  return sendHtml(reply, <ErrorPage error={error} />, error.status);
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
