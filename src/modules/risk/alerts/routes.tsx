import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canInDepartment, findStaffNames, hasPermission, requireSignedIn, requireStaff, safeReturnTo, scopeOf, StaffLayout } from '../../../platform/auth/index.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { RiskAlertList } from './alert-list.tsx';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, isAppError, type FieldError } from '../../../platform/errors.ts';
import { AlertPage, type AlertFormValues } from './alert-page.tsx';
import { formatSwedishDateTime, formatSwedishLongDate, swedishToday } from '../../../platform/dates.ts';
import { ALERT_KIND_LABELS, assignAlert, CLOSED_ALERTS_SHOWN, findAlert, findClosedAlerts, findOpenAlerts, findPossibleAlertHolders, OUTCOME_TEXT, setAlertStatus, summariseAlertOutcomes } from './risk-alerts.ts';
import { AlertOutcomes } from './alert-outcomes.tsx';

/** Taking and closing risk alerts from the triage queue, and reading them in the risk workspace. */
export async function alertRoutes(app: FastifyInstance, { db }: AppContext): Promise<void> {
  // Everyone who reads the risk analysis sees its open alerts (an analyst nationally, an inspector in their
  // department); those who triage act on them in the triage queue.
  app.get('/staff/risk/larm', { preHandler: requireStaff('risk.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const scope = scopeOf(staff, 'risk.read') === 'department' ? { kind: 'code' as const, code: staff.department! } : { kind: 'all' as const };
    const [alerts, closed, outcomes] = await Promise.all([findOpenAlerts(db, scope, { limit: 200 }), findClosedAlerts(db, scope), summariseAlertOutcomes(db, scope, swedishToday())]);
    const staffNames = await findStaffNames(db, [...alerts.rows.map((a) => a.handled_by), ...closed.map((a) => a.handled_by)]);
    const triages = hasPermission(staff, 'signal.triage');
    return sendHtml(
      reply,
      <StaffLayout title="Öppna risklarm" staff={staff} breadcrumbs={[{ href: '/staff', text: 'Start' }, { href: '/staff/risk', text: 'Riskanalys' }]}>
        <RiskAlertList rows={alerts.rows} total={alerts.total} csrfToken={staff.csrfToken} returnTo={request.url} staffNames={staffNames} actions={false} headingLevel={1} />
        <p class="govuk-body">
          {triages ? (
            'Öppna ett larm för att ta, tilldela eller avsluta det.'
          ) : (
            'Larmen tas och avslutas av dem som triagerar signaler på avdelningen.'
          )}
        </p>
        <AlertOutcomes rows={outcomes} />
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
                <th scope="col" class="govuk-table__header">Ledde till</th>
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
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/staff/riskalarm/${alert.id}`} safe>
                      {ALERT_KIND_LABELS[alert.kind] ?? alert.kind}
                    </a>
                  </td>
                  <td class="govuk-table__cell" safe>{formatSwedishLongDate(alert.raised_at)}</td>
                  <td class="govuk-table__cell" safe>
                    {`${alert.handled_by ? (staffNames.get(alert.handled_by) ?? alert.handled_by) : 'okänd'}${alert.handled_at ? `, ${formatSwedishDateTime(alert.handled_at)}` : ''}`}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {`${alert.outcome ? OUTCOME_TEXT[alert.outcome] : ''}${alert.case_ref ? ` (${alert.case_ref})` : ''}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </StaffLayout>,
    );
  });

  const alertIdOf = (raw: string) => {
    const alertId = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(alertId)) throw AppError.notFound(`risk alert ${raw}`);
    return alertId;
  };
  const text = (body: Record<string, unknown>, field: string) => (typeof body[field] === 'string' ? (body[field] as string) : '');

  const alertPage = async (request: FastifyRequest<AlertParams>, reply: FastifyReply, options: { errors?: FieldError[]; conflict?: string; values?: AlertFormValues; done?: string; status?: number } = {}) => {
    const staff = requireSignedIn(request);
    const alert = await findAlert(db, alertIdOf(request.params.id), staff);
    const triages = canInDepartment(staff, 'signal.triage', alert.department_code);
    const holders = triages ? await findPossibleAlertHolders(db, alert.department_code) : [];
    const names = await findStaffNames(db, [alert.handled_by, ...alert.history.flatMap((event) => [event.actor, event.action === 'risk_alert.assign' ? event.to : null])]);
    return sendHtml(
      reply,
      <AlertPage staff={staff} alert={alert} actions={triages} holders={holders} names={names} signalLinks={triages} errors={options.errors} conflict={options.conflict} values={options.values} done={options.done} />,
      options.status ?? 200,
    );
  };

  app.get<AlertParams>('/staff/riskalarm/:id', { preHandler: requireStaff('risk.read') }, async (request, reply) => {
    const done = text((request.query ?? {}) as Record<string, unknown>, 'klart');
    return alertPage(request, reply, { done: Object.hasOwn(DONE_TEXT, done) ? DONE_TEXT[done] : undefined });
  });

  /**
   * Back to where the action was asked for. From a list: the list, told what was done (a keyboard user goes
   * on with the next alert); from the alert's own page: that page, told the same.
   */
  const back = (reply: FastifyReply, alertId: number, returnTo: unknown, done: string) => {
    const page = `/staff/riskalarm/${alertId}`;
    const to = new URL(safeReturnTo(returnTo, '/staff/triage').split('#')[0], 'http://vaka.invalid');
    if (to.pathname === page) return reply.redirect(`${page}?klart=${done}`, 303);
    to.searchParams.set('larm', String(alertId));
    to.searchParams.set('larmstatus', done);
    return reply.redirect(`${to.pathname}${to.search}#risklarm`, 303);
  };

  const withFormErrors = async (request: FastifyRequest<AlertParams>, reply: FastifyReply, values: AlertFormValues, run: () => Promise<FastifyReply>) => {
    try {
      return await run();
    } catch (error) {
      // A colleague's change since the page was shown: the alert as it is now, with what was typed kept.
      if (isAppError(error) && error.code === 'conflict') return alertPage(request, reply, { conflict: error.userMessage, values, status: 409 });
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      return alertPage(request, reply, { errors: error.fields, values, status: 400 });
    }
  };

  app.post<AlertParams>('/staff/riskalarm/:id/status', { preHandler: requireStaff('signal.triage') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const alertId = alertIdOf(request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const status = text(body, 'status');
    const closing = { outcome: text(body, 'outcome'), caseRef: text(body, 'caseRef'), note: text(body, 'note') };
    return withFormErrors(request, reply, closing, async () => {
      await setAlertStatus(db, { alertId, staff, status, seen: text(body, 'seen'), seenBy: typeof body.seenBy === 'string' ? body.seenBy : undefined, closing });
      return back(reply, alertId, body.returnTo, status);
    });
  });

  app.post<AlertParams>('/staff/riskalarm/:id/tilldela', { preHandler: requireStaff('signal.triage') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const alertId = alertIdOf(request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const assignee = text(body, 'assignee');
    return withFormErrors(request, reply, { assignee }, async () => {
      if (!assignee) throw AppError.validation([{ field: 'assignee', message: 'Välj en kollega' }]);
      await assignAlert(db, { alertId, staff, assignee, seen: text(body, 'seen'), seenBy: typeof body.seenBy === 'string' ? body.seenBy : undefined });
      return back(reply, alertId, body.returnTo, 'tilldelad');
    });
  });
}

type AlertParams = { Params: { id: string }; Body: unknown };

/** What was just done on the alert's page, said at its top. */
const DONE_TEXT: Record<string, string> = {
  in_progress: 'Du har tagit larmet.',
  new: 'Larmet väntar på att någon tar det.',
  done: 'Larmet är avslutat.',
  tilldelad: 'Larmet är tilldelat.',
};
