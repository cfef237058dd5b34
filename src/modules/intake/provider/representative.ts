import type { FastifyReply, FastifyRequest } from 'fastify';
import { loginUrl, type StaffUser } from '../../../platform/auth/index.ts';
import { isCsrfTokenValid } from '../../../platform/auth/session.ts';
import { AppError } from '../../../platform/errors.ts';

/**
 * A person signed in (in production with e-legitimation) as the representative of one or more providers.
 * They act only under /provider and only for their own organisations; staff permissions are not theirs,
 * and staff have no business here either.
 */
export interface Representative {
  subject: string;
  name: string;
  email: string | null;
  /** Provider ids they may report for. */
  organisations: string[];
  csrfToken: string;
}

export function isRepresentative(staff: StaffUser | null | undefined): boolean {
  return !!staff && staff.roles.includes('provider_representative');
}

/**
 * The preHandler of every /provider route. Signed out: pages redirect to sign-in, anything else is 401.
 * Signed in without the representative role (staff): 404, as for a page that does not exist. A form POST
 * must carry the session's CSRF token (a multipart upload is checked by its handler, which reads the body).
 */
export async function requireRepresentative(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.staff) {
    if (request.method !== 'GET') throw new AppError('unauthenticated', `signed out: ${request.method} ${request.url.split('?')[0]}`);
    return reply.redirect(loginUrl(request.url), 302);
  }
  if (!isRepresentative(request.staff)) throw AppError.notFound(`route ${request.url.split('?')[0]} (not a provider representative)`);
  reply.header('cache-control', 'no-store');
  if (request.method !== 'POST') return;
  if (!request.isMultipart()) return assertCsrf(request, (request.body as Record<string, unknown> | undefined)?._csrf);
  // Only the upload reads multipart bodies (and checks their token itself); anywhere else one is refused.
  if (request.routeOptions.url !== UPLOAD_ROUTE) throw new AppError('bad_request', `multipart body on ${request.routeOptions.url}`);
}

/** The one route that takes a multipart body: the CSV file of unexecuted decisions. */
export const UPLOAD_ROUTE = '/provider/ej-verkstallda/fil';

export function assertCsrf(request: FastifyRequest, given: unknown): void {
  if (!request.staff || !isCsrfTokenValid(request.staff.csrfToken, given ?? request.headers['x-csrf-token'])) {
    throw new AppError('bad_request', `CSRF token missing or wrong on ${request.method} ${request.url.split('?')[0]}`, {
      userMessage: 'Formuläret kunde inte skickas eftersom säkerhetskontrollen (CSRF-skydd) inte stämde. Ladda om sidan och försök igen. Inget har sparats.',
    });
  }
}

export function representativeOf(request: FastifyRequest): Representative {
  const staff = request.staff;
  if (!staff || !isRepresentative(staff)) throw new AppError('unauthenticated', 'provider route without requireRepresentative');
  return { subject: staff.subject, name: staff.name, email: staff.email, organisations: staff.organisations ?? [], csrfToken: staff.csrfToken };
}

/** Throws "not found" unless the representative acts for the provider: an outsider learns nothing. */
export function assertRepresents(representative: Representative, providerId: string, what: string): void {
  if (!representative.organisations.includes(providerId)) throw AppError.notFound(`${what} (provider ${providerId} not represented by ${representative.subject})`);
}

/** The actor written to the audit log and the signal for what a representative does. */
export function actorOf(representative: Representative): string {
  return `provider:${representative.subject}`;
}
