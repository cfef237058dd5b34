import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from './platform/context.ts';
import { installErrorHandling } from './platform/http/errors.tsx';
import { registerModules } from './modules/index.ts';
import { registerAuth, SESSION_COOKIE } from './platform/auth/index.ts';

export interface BuildAppOptions {
  /** Pino logger options or false; tests pass false. */
  logger?: boolean;
}

/** The HTTP application: platform plugins, then every module's routes. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: ctx.config.logLevel,
            // No IP address, user agent or cookie in any log line: anonymous submitters must stay anonymous.
            serializers: {
              req: (req) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
              res: (res) => ({ statusCode: res.statusCode }),
            },
            redact: ['req.headers', '*.headers', 'headers', 'headers.cookie', 'headers.authorization'],
          },
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'", ...(ctx.config.oidc.issuer ? [new URL(ctx.config.oidc.issuer).origin] : [])],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: ctx.config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  // Pages, the API, scripts and stylesheets compressed (brotli or gzip, as the browser asks): the national risk
  // page is about 340 KB of HTML and SVG. Request bodies are never decompressed. Files people uploaded go out
  // as they are (compress: false on their routes): the plugin passes a body whose first two bytes look like a
  // deflate header ("Hj…", "x ") through unchanged yet labels it compressed, which would spoil such a download.
  await app.register(compress, { global: true, globalDecompression: false, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(formbody);
  await app.register(cookie, { secret: ctx.config.sessionSecret });
  // BREACH reads secrets from the compressed size of a page that also echoes text an attacker chose; the attacker
  // gets such pages by making a signed-in browser ask from another site. Those requests (Sec-Fetch-Site
  // cross-site or same-site) get signed-in pages uncompressed; and forms' CSRF tokens are masked per response.
  app.addHook('onRequest', async (request) => {
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none' && request.cookies?.[SESSION_COOKIE] !== undefined) delete request.headers['accept-encoding'];
  });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('../node_modules/govuk-frontend/dist/govuk/', import.meta.url)),
    prefix: '/assets/govuk/',
    // Styles, fonts and images, and the one script the pages load (govuk-init.js imports it).
    allowedPath: (pathName) => /\.(css|map|woff2?|png|svg|ico)$/.test(pathName) || pathName === '/govuk-frontend.min.js',
    maxAge: '1d',
  });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('./platform/web/assets/', import.meta.url)),
    prefix: '/assets/vaka/',
    decorateReply: false,
    maxAge: '1h',
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vaka API',
        version: '1',
        description: 'The register of supervised units and providers, the public HVB list, and machine intake.',
      },
      servers: [{ url: ctx.config.publicUrl }],
    },
    // Only the JSON API belongs in the document, not the HTML pages.
    hideUntagged: true,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installErrorHandling(app);

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok', database: ctx.dbKind };
    } catch (error) {
      reply.status(503);
      return { status: 'unavailable', database: ctx.dbKind, error: (error as Error).message };
    }
  });

  await registerAuth(app, ctx);
  await registerModules(app, ctx);
  return app;
}
