import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { recordAudit } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { isRole, safeReturnTo } from './policy.ts';
import { createStaffSession, deleteStaffSession, SESSION_COOKIE, SESSION_HOURS } from './session.ts';

/** What Vaka asks the issuer for. Roles come in the `roles` claim, the department in `department`. */
export const STAFF_SCOPES = 'openid profile email';

const LOGIN_COOKIE = 'vaka_login';
const LOGIN_MINUTES = 10;

interface LoginState {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export interface RelyingPartyOptions {
  issuer: string;
  /** Fetch for the issuer's endpoints (the in-process one for the development provider). */
  fetch?: oidc.CustomFetch;
  /** Ask the issuer to show its sign-in page every time (the demo provider, so one can switch user). */
  forceLogin?: boolean;
}

/**
 * The provider ids an `organisations` claim names: each entry an organisationsnummer (`{ orgnr }`, what an
 * authorisation service behind e-legitimation gives) or a provider's exact name and kind (the demo people).
 * Entries that match nothing in the register are left out, so a representative of an unknown organisation
 * signs in to see that they can report for nobody.
 */
export async function resolveOrganisations(db: Db, claim: unknown): Promise<string[]> {
  if (!Array.isArray(claim)) return [];
  const orgnrs: string[] = [];
  const named: { name: string; kind: string }[] = [];
  for (const entry of claim.slice(0, 50)) {
    if (!entry || typeof entry !== 'object') continue;
    const { orgnr, name, kind } = entry as Record<string, unknown>;
    if (typeof orgnr === 'string' && /^\d{6}-?\d{4}$/.test(orgnr)) orgnrs.push(orgnr.replace('-', ''));
    else if (typeof name === 'string' && typeof kind === 'string' && name.trim()) named.push({ name: name.trim(), kind });
  }
  if (orgnrs.length === 0 && named.length === 0) return [];
  const rows = await db
    .selectFrom('provider')
    .select('id')
    .where((eb) =>
      eb.or([
        ...(orgnrs.length > 0 ? [eb('orgnr', 'in', orgnrs)] : []),
        ...named.map((n) => eb.and([eb('name', '=', n.name), eb('kind', '=', n.kind)])),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** /auth/login, /auth/callback and /auth/logout: OpenID Connect code flow with PKCE, state and nonce. */
export function registerRelyingParty(app: FastifyInstance, ctx: AppContext, options: RelyingPartyOptions): void {
  const { config, db } = ctx;
  const redirectUri = `${config.publicUrl}/auth/callback`;
  const cookieBase = { httpOnly: true, sameSite: 'lax', secure: config.secureCookies } as const;

  // Discovered on first use and kept; a failed discovery is retried on the next sign-in.
  let discovered: Promise<oidc.Configuration> | undefined;
  const clientConfiguration = () => {
    discovered ??= oidc
      .discovery(new URL(options.issuer), config.oidc.clientId, undefined, oidc.ClientSecretBasic(config.oidc.clientSecret), {
        ...(options.fetch ? { [oidc.customFetch]: options.fetch } : {}),
        execute: options.issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw new AppError('unavailable', `OIDC discovery of ${options.issuer} failed`, { cause: error, userMessage: 'Inloggningstjänsten svarar inte just nu. Försök igen om en stund.' });
      });
    return discovered;
  };

  const signInFailed = (internal: string, cause?: unknown) =>
    new AppError('bad_request', internal, {
      cause,
      userMessage: 'Inloggningen gick inte att slutföra. Den kan ha avbrutits, tagit för lång tid eller startats i en annan flik. Börja om från inloggningen.',
    });

  app.get<{ Querystring: { returnTo?: string } }>('/auth/login', { schema: { hide: true } }, async (request, reply) => {
    const configuration = await clientConfiguration();
    const login: LoginState = {
      verifier: oidc.randomPKCECodeVerifier(),
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      returnTo: safeReturnTo(request.query.returnTo),
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: STAFF_SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(login.verifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
      ...(options.forceLogin ? { prompt: 'login' } : {}),
    });
    reply.header('cache-control', 'no-store');
    reply.setCookie(LOGIN_COOKIE, JSON.stringify(login), { ...cookieBase, signed: true, path: '/auth', maxAge: LOGIN_MINUTES * 60 });
    return reply.redirect(url.href, 302);
  });

  app.get('/auth/callback', { schema: { hide: true } }, async (request, reply) => {
    const raw = request.cookies[LOGIN_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    reply.clearCookie(LOGIN_COOKIE, { ...cookieBase, path: '/auth' });
    if (!unsigned?.valid || !unsigned.value) throw signInFailed('sign-in callback without a valid login cookie');
    const login = JSON.parse(unsigned.value) as LoginState;

    const configuration = await clientConfiguration();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, new URL(request.url, config.publicUrl), {
        pkceCodeVerifier: login.verifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw signInFailed(`authorization code grant failed: ${(error as Error).message}`, error);
    }
    if (!claims) throw signInFailed('no id_token claims');

    const roles = Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [];
    if (roles.length === 0) {
      throw new AppError('unauthenticated', `subject ${claims.sub} has no Vaka role`, { userMessage: 'Ditt konto har ingen roll i Vaka. Kontakta en administratör om du behöver behörighet.' });
    }
    if (roles.includes('provider_representative') && roles.length > 1) {
      // Staff and provider representatives never share a session: one person, one hat at a time.
      throw new AppError('unauthenticated', `subject ${claims.sub} has both staff roles and provider_representative`, {
        userMessage: 'Ditt konto har både roller som medarbetare och som företrädare för en vårdgivare. Kontakta en administratör.',
      });
    }
    const claimedDepartment = typeof claims.department === 'string' ? claims.department : null;
    const department = claimedDepartment
      ? ((await db.selectFrom('department').select('code').where('code', '=', claimedDepartment).executeTakeFirst())?.code ?? null)
      : null;
    // A provider representative acts for the organisations the `organisations` claim names, as they are in the register.
    const organisations = roles.includes('provider_representative') ? await resolveOrganisations(db, claims.organisations) : [];
    const identity = {
      subject: claims.sub,
      name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : claims.sub,
      email: typeof claims.email === 'string' ? claims.email : null,
      roles,
      department,
      organisations,
    };

    const previous = request.cookies[SESSION_COOKIE];
    const session = await db.transaction().execute(async (trx) => {
      if (previous) await deleteStaffSession(trx, previous);
      // The session, and for staff their row in the staff directory, commit together with the audit row.
      const created = await createStaffSession(trx, identity);
      // A provider's representative signs in to the portal: logged as such, not as staff.
      const representative = roles.includes('provider_representative');
      await recordAudit(trx, {
        actor: `${representative ? 'provider' : 'staff'}:${identity.subject}`,
        action: representative ? 'provider.sign_in' : 'staff.sign_in',
        entityType: 'staff_session',
        details: { roles, department, ...(organisations.length > 0 ? { organisations } : {}) },
      });
      return created;
    });
    reply.setCookie(SESSION_COOKIE, session.token, { ...cookieBase, path: '/', maxAge: SESSION_HOURS * 3600 });
    // A provider representative has nothing under /staff: their pages are under /provider.
    const onlyRepresentative = roles.every((r) => r === 'provider_representative');
    const returnTo = safeReturnTo(login.returnTo);
    return reply.redirect(onlyRepresentative && !/^\/provider(\/|$|\?)/.test(returnTo) ? '/provider' : returnTo, 303);
  });

  // The CSRF check (see csrf.ts) runs before this for a signed-in person.
  app.post('/auth/logout', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token && request.staff) {
      const staff = request.staff;
      await db.transaction().execute(async (trx) => {
        await deleteStaffSession(trx, token);
        await recordAudit(trx, { actor: `staff:${staff.subject}`, action: 'staff.sign_out', entityType: 'staff_session' });
      });
    }
    reply.clearCookie(SESSION_COOKIE, { ...cookieBase, path: '/' });
    return reply.redirect('/', 303);
  });
}
