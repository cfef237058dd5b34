import type { FastifyInstance } from 'fastify';
import { hasPermission, requireSignedIn, requireStaff, safeReturnTo } from '../../../platform/auth/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { setAlertStatus } from './risk-alerts.ts';

/** Taking and closing risk alerts from the triage queue. */
export async function alertRoutes(app: FastifyInstance, { db }: AppContext): Promise<void> {
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/staff/riskalarm/:id/status', { preHandler: requireStaff('signal.triage') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    // An alert is part of the risk analysis (scores, the model's reasons): triage alone does not open it.
    if (!hasPermission(staff, 'risk.read')) throw AppError.notFound(`route ${request.url.split('?')[0]} (no risk.read)`);
    const alertId = /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : NaN;
    if (!Number.isSafeInteger(alertId)) throw AppError.notFound(`risk alert ${request.params.id}`);
    const body = request.body ?? {};
    await setAlertStatus(db, { alertId, staff, status: typeof body.status === 'string' ? body.status : '' });
    return reply.redirect(safeReturnTo(body.returnTo, '/staff/triage'), 303);
  });
}
