import type { FastifyInstance } from 'fastify';
import { requireSignedIn, requireStaff, safeReturnTo } from '../../../platform/auth/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { setAlertStatus } from './risk-alerts.ts';

/** Taking and closing risk alerts from the triage queue. */
export async function alertRoutes(app: FastifyInstance, { db }: AppContext): Promise<void> {
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/staff/riskalarm/:id/status', { preHandler: requireStaff('signal.triage') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const alertId = /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : NaN;
    if (!Number.isSafeInteger(alertId)) throw AppError.notFound(`risk alert ${request.params.id}`);
    const body = request.body ?? {};
    const status = typeof body.status === 'string' ? body.status : '';
    await setAlertStatus(db, { alertId, staff, status, seen: typeof body.seen === 'string' ? body.seen : '' });
    // Back to the alerts, not the top of the queue: a keyboard user goes on with the next alert, told what was done.
    const back = new URL(safeReturnTo(body.returnTo, '/staff/triage').split('#')[0], 'http://vaka.invalid');
    back.searchParams.set('larm', String(alertId));
    back.searchParams.set('larmstatus', status);
    return reply.redirect(`${back.pathname}${back.search}#risklarm-rubrik`, 303);
  });
}
