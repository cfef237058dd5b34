import Html from '@kitajs/html';
import { formatSwedishLongDate } from '../../../platform/dates.ts';
import { SuccessBanner } from '../../../platform/web/components.tsx';
import { AlertFormFields } from './alert-form-fields.tsx';
import { formatScore } from '../workspace/labels.ts';
import { ALERT_KIND_LABELS, STATUS_TEXT, type OpenAlert } from './risk-alerts.ts';

export interface RiskAlertListProps {
  rows: OpenAlert[];
  total: number;
  csrfToken: string;
  /** Where to come back to after an action. */
  returnTo: string;
  staffNames: Map<string, string>;
  /** The kommun the queue is filtered on (its name): the one filter the alerts follow. */
  kommunName?: string;
  /** The queue has filters that apply to its signals only. */
  signalFiltersChosen?: boolean;
  /** The alerts follow the chosen department as well as the kommun (a national triager's queue). */
  followsDepartment?: boolean;
  /** Take and close buttons: only for those who triage (others read the alerts in the risk workspace). */
  actions?: boolean;
  /** The list's heading level: 2 in the triage queue, 1 on a page of its own. */
  headingLevel?: 1 | 2;
  /** The alert just taken or closed from this page, said at the top of the list. */
  changed?: { unitName: string; status: 'new' | 'in_progress' | 'done' };
}

/** The open risk alerts of a triage queue, each with its reasons and the actions take / close. */
/** Shown only to people who may read the risk analysis: each unit name links to its risk card. */
export function RiskAlertList({ rows, total, csrfToken, returnTo, staffNames, changed, kommunName, signalFiltersChosen, followsDepartment, actions = true, headingLevel = 2 }: RiskAlertListProps): JSX.Element {
  const where = kommunName ? ` i ${kommunName}` : '';
  return (
    // The banner comes before the section's heading (its own h2 would otherwise stand between "Risklarm" and
    // the alerts); the wrapper is where an action returns to, so the banner is in view.
    <div id="risklarm">
      {changed ? (
        <SuccessBanner
          text={
            changed.status === 'done'
              ? `Larmet för ${changed.unitName} är avslutat.`
              : changed.status === 'new'
                ? `Larmet för ${changed.unitName} är lämnat tillbaka och väntar på att någon tar det.`
                : `Du har tagit larmet för ${changed.unitName}.`
          }
        />
      ) : (
        ''
      )}
      <section aria-labelledby="risklarm-rubrik" class="govuk-!-margin-bottom-8">
        {headingLevel === 1 ? (
          <h1 class="govuk-heading-l" id="risklarm-rubrik">
            Öppna risklarm
          </h1>
        ) : (
          <h2 class="govuk-heading-m" id="risklarm-rubrik">
            Risklarm
          </h2>
        )}
        {signalFiltersChosen ? (
          <p class="govuk-body-s" data-alert-filter-note="true">
            {followsDepartment ? 'Risklarmen följer bara valen av avdelning och kommun.' : 'Risklarmen följer bara valet av kommun.'} De andra filtren gäller
            signalerna längre ned.
          </p>
        ) : (
          ''
        )}
        {rows.length === 0 ? (
          <p class="govuk-body" safe>
            {`Inga öppna risklarm${where}. Riskanalysen larmar här när en verksamhets signaler ökar mer än väntat (CUSUM-larm), när en akut signal kommer in eller när ett tillstånd förbjuds eller återkallas.`}
          </p>
        ) : (
          <>
            <p class="govuk-body" safe>
              {total > rows.length
                ? `${total} öppna risklarm${where}. De ${rows.length} med högst riskpoäng visas.`
                : total === 1
                  ? `1 öppet risklarm${where}.`
                  : `${total} öppna risklarm${where}, högst riskpoäng först.`}
            </p>
            <ul class="govuk-list vaka-alert-list">
              {rows.map((alert) => (
                <li class="govuk-!-margin-bottom-4" data-alert-id={String(alert.id)}>
                  <AlertHeading level={headingLevel === 1 ? 2 : 3}>
                    <a class="govuk-link" href={`/staff/risk/enhet/${encodeURIComponent(alert.unit_id)}`}>
                      <span safe>{alert.unit_name}</span>
                    </a>
                    {alert.kommun_name ? <span class="govuk-body-s" safe>{`, ${alert.kommun_name}`}</span> : ''}
                  </AlertHeading>
                  <p class="govuk-body-s govuk-!-margin-bottom-1">
                    <strong class="govuk-tag govuk-tag--orange" safe>{ALERT_KIND_LABELS[alert.kind] ?? alert.kind}</strong>
                    <span safe>{` Larm ${formatSwedishLongDate(alert.raised_at)} · riskpoäng då ${formatScore(alert.score)} · ${STATUS_TEXT[alert.status]}`}</span>
                    {alert.handled_by ? <span safe>{` (${staffNames.get(alert.handled_by) ?? alert.handled_by})`}</span> : ''}
                  </p>
                  <ul class="govuk-list govuk-list--bullet govuk-body-s govuk-!-margin-bottom-1">
                    {alert.explanation.slice(0, 3).map((sentence) => (
                      <li safe>{sentence}</li>
                    ))}
                  </ul>
                  {actions ? (
                    <form method="post" action={`/staff/riskalarm/${alert.id}/status`} class="govuk-!-display-inline">
                      <AlertFormFields csrfToken={csrfToken} returnTo={returnTo} alert={alert} />
                      {alert.status === 'new' ? (
                        <button type="submit" name="status" value="in_progress" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-right-2">
                          Ta larmet<span class="govuk-visually-hidden" safe>{` för ${alert.unit_name}`}</span>
                        </button>
                      ) : (
                        <button type="submit" name="status" value="new" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-right-2">
                          Lämna tillbaka<span class="govuk-visually-hidden" safe>{` larmet för ${alert.unit_name}`}</span>
                        </button>
                      )}
                    </form>
                  ) : (
                    ''
                  )}
                  {/* Closing asks what the alert led to, and handing it over whom to: both on the alert's own page. */}
                  <a class="govuk-link govuk-body-s" href={`/staff/riskalarm/${alert.id}${actions ? '#handlaggning' : ''}`}>
                    {actions ? 'Tilldela eller avsluta' : 'Visa larmet'}
                    <span class="govuk-visually-hidden" safe>{` för ${alert.unit_name}`}</span>
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

/** Each alert's heading, one level under the list's. */
function AlertHeading({ level, children }: { level: 2 | 3; children?: Html.Children }): JSX.Element {
  return level === 2 ? <h2 class="govuk-heading-s govuk-!-margin-bottom-1">{children}</h2> : <h3 class="govuk-heading-s govuk-!-margin-bottom-1">{children}</h3>;
}
