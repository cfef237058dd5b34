import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { devIssuerUrl, registerDevIdentityProvider } from './dev-identity-provider.tsx';
import { inProcessFetch } from './in-process-fetch.ts';
import type { StaffUser } from './policy.ts';
import { registerRelyingParty } from './relying-party.ts';
import { findStaffBySessionToken, isCsrfTokenValid, SESSION_COOKIE } from './session.ts';
import { seedDemoStaff } from './staff-directory.ts';
import { DEMO_USERS } from './demo-users.ts';

export * from './policy.ts';
export { DEMO_USERS, type DemoUser } from './demo-users.ts';
export { StaffLayout, type StaffLayoutProps } from './staff-layout.tsx';
export { csrfTokenFor, createStaffSession, SESSION_COOKIE } from './session.ts';
export { findStaffDirectory, findStaffNames, findStaffWhoMay, type StaffIdentity } from './staff-directory.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member of staff, or null. Set for every request from the session cookie. */
    staff: StaffUser | null;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Every staff page and form lives under these paths; their forms all carry the session's CSRF token. */
const CSRF_PROTECTED = [/^\/staff(\/|$|\?)/, /^\/auth\/logout(\/|$|\?)/];
const NO_SESSION_NEEDED = /^\/(assets|dev-idp)\//;

function csrfTokenOf(request: FastifyRequest): unknown {
  const body = request.body as Record<string, unknown> | undefined;
  return (body && typeof body === 'object' ? body._csrf : undefined) ?? request.headers['x-csrf-token'];
}

/**
 * Staff sign-in: the session hook, the one CSRF check, the relying party at /auth, and — when no external
 * issuer is configured — the development identity provider at /dev-idp. Register on the root instance.
 */
export async function registerAuth(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { config, db } = ctx;
  app.decorateRequest('staff', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || NO_SESSION_NEEDED.test(request.url)) return;
    request.staff = await findStaffBySessionToken(db, token, config.sessionSecret);
  });

  // One CSRF check for every staff form: a signed-in person's unsafe request must carry the session's token.
  app.addHook('preHandler', async (request) => {
    if (!request.staff || !UNSAFE_METHODS.has(request.method) || !CSRF_PROTECTED.some((re) => re.test(request.url))) return;
    if (!isCsrfTokenValid(request.staff.csrfToken, csrfTokenOf(request))) {
      throw new AppError('bad_request', `CSRF token missing or wrong on ${request.method} ${request.url.split('?')[0]}`, {
        userMessage: 'Formuläret kunde inte skickas eftersom säkerhetskontrollen (CSRF-skydd) inte stämde. Ladda om sidan och försök igen. Inget har ändrats.',
      });
    }
  });

  if (config.oidc.issuer) {
    registerRelyingParty(app, ctx, { issuer: config.oidc.issuer });
  } else {
    // Its demo people are the whole staff of a demo: the pickers offer them before anyone has signed in.
    await seedDemoStaff(db, DEMO_USERS);
    await registerDevIdentityProvider(app, config);
    const issuer = devIssuerUrl(config);
    registerRelyingParty(app, ctx, { issuer, fetch: inProcessFetch(app, issuer), forceLogin: true });
  }
}
