import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import { findStaffNames, hasPermission, requireSignedIn, requireStaff, safeReturnTo, scopeOf, StaffLayout } from '../../../platform/auth/index.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { RiskAlertList } from './alert-list.tsx';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { formatSwedishDateTime, formatSwedishLongDate } from '../../../platform/dates.ts';
import { ALERT_KIND_LABELS, CLOSED_ALERTS_SHOWN, findClosedAlerts, findOpenAlerts, setAlertStatus } from './risk-alerts.ts';

/** Taking and closing risk alerts from the triage queue, and reading them in the risk workspace. */
export async function alertRoutes(app: FastifyInstance, { db }: AppContext): Promise<void> {
  // Everyone who reads the risk analysis sees its open alerts (an analyst nationally, an inspector in their
  // department); those who triage act on them in the triage queue.
  app.get('/staff/risk/larm', { preHandler: requireStaff('risk.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const scope = scopeOf(staff, 'risk.read') === 'department' ? { kind: 'code' as const, code: staff.department! } : { kind: 'all' as const };
    const [alerts, closed] = await Promise.all([findOpenAlerts(db, scope, { limit: 200 }), findClosedAlerts(db, scope)]);
    const staffNames = await findStaffNames(db, [...alerts.rows.map((a) => a.handled_by), ...closed.map((a) => a.handled_by)]);
    const triages = hasPermission(staff, 'signal.triage');
    return sendHtml(
      reply,
      <StaffLayout title="Öppna risklarm" staff={staff} breadcrumbs={[{ href: '/staff', text: 'Start' }, { href: '/staff/risk', text: 'Riskanalys' }]}>
        <RiskAlertList rows={alerts.rows} total={alerts.total} csrfToken={staff.csrfToken} returnTo={request.url} staffNames={staffNames} actions={false} headingLevel={1} />
        <p class="govuk-body">
          {triages ? (
            <a class="govuk-link" href="/staff/triage#risklarm-rubrik">
              Ta eller avsluta larm i triagekön
            </a>
          ) : (
            'Larmen tas och avslutas av dem som triagerar signaler på avdelningen.'
          )}
        </p>
        <h2 class="govuk-heading-m">Senast avslutade larm</h2>
        {closed.length === 0 ? (
          <p class="govuk-body">Inga larm har avslutats ännu.</p>
        ) : (
          <table class="govuk-table" data-closed-alerts="true">
            <caption class="govuk-table__caption govuk-table__caption--s" safe>{closed.length === CLOSED_ALERTS_SHOWN ? `De ${CLOSED_ALERTS_SHOWN} senast avslutade.` : `${closed.length} avslutade.`}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Verksamhet</th>
                <th scope="col" class="govuk-table__header">Larm</th>
                <th scope="col" class="govuk-table__header">Larmdatum</th>
                <th scope="col" class="govuk-table__header">Avslutat av</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {closed.map((alert) => (
                <tr class="govuk-table__row" data-alert-id={String(alert.id)}>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/staff/risk/enhet/${encodeURIComponent(alert.unit_id)}`} safe>
                      {alert.unit_name}
                    </a>
                  </td>
                  <td class="govuk-table__cell" safe>{ALERT_KIND_LABELS[alert.kind] ?? alert.kind}</td>
                  <td class="govuk-table__cell" safe>{formatSwedishLongDate(alert.raised_at)}</td>
                  <td class="govuk-table__cell" safe>
                    {`${alert.handled_by ? (staffNames.get(alert.handled_by) ?? alert.handled_by) : 'okänd'}${alert.handled_at ? `, ${formatSwedishDateTime(alert.handled_at)}` : ''}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </StaffLayout>,
    );
  });

  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/staff/riskalarm/:id/status', { preHandler: requireStaff('signal.triage') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const alertId = /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : NaN;
    if (!Number.isSafeInteger(alertId)) throw AppError.notFound(`risk alert ${request.params.id}`);
    const body = request.body ?? {};
    const status = typeof body.status === 'string' ? body.status : '';
    await setAlertStatus(db, { alertId, staff, status, seen: typeof body.seen === 'string' ? body.seen : '', seenBy: typeof body.seenBy === 'string' ? body.seenBy : undefined });
    // Back to the alerts, not the top of the queue: a keyboard user goes on with the next alert, told what was done.
    const back = new URL(safeReturnTo(body.returnTo, '/staff/triage').split('#')[0], 'http://vaka.invalid');
    back.searchParams.set('larm', String(alertId));
    back.searchParams.set('larmstatus', status);
    return reply.redirect(`${back.pathname}${back.search}#risklarm`, 303);
  });
}
