import Html from '@kitajs/html';
import { ALERT_KIND_LABELS, OUTCOME_TEXT } from './risk-alerts.ts';

const OUTCOME_ORDER = ['case', 'inspection', 'known', 'no_action', 'not_recorded'] as const;
const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)} %`;

/** What the alerts closed in the last year led to, per kind of alert: their yield in practice. */
export function AlertOutcomes({ rows }: { rows: { kind: string; outcome: string; alerts: number }[] }): JSX.Element {
  const total = rows.reduce((sum, row) => sum + row.alerts, 0);
  const heading = <h2 class="govuk-heading-m">Vad larmen ledde till det senaste året</h2>;
  if (total === 0) {
    return (
      <>
        {heading}
        <p class="govuk-body">Inga larm har avslutats det senaste året.</p>
      </>
    );
  }
  const countOf = (kind: string | null, outcome: string | null) =>
    rows.filter((row) => (kind === null || row.kind === kind) && (outcome === null || row.outcome === outcome)).reduce((sum, row) => sum + row.alerts, 0);
  const outcomes = OUTCOME_ORDER.filter((outcome) => outcome !== 'not_recorded' || countOf(null, outcome) > 0);
  const kinds = Object.keys(ALERT_KIND_LABELS).filter((kind) => countOf(kind, null) > 0);
  const acted = countOf(null, 'case') + countOf(null, 'inspection');
  return (
    <>
      {heading}
      <p class="govuk-body" safe>
        {`Av ${total} avslutade larm ledde ${acted} (${percent(acted, total)}) till ett ärende eller en inspektion.`}
      </p>
      <table class="govuk-table" data-alert-outcomes="true">
        <caption class="govuk-table__caption govuk-table__caption--s">Avslutade larm per slag och utfall, de senaste 365 dagarna</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Larm</th>
            {outcomes.map((outcome) => (
              <th scope="col" class="govuk-table__header govuk-table__header--numeric" safe>
                {OUTCOME_TEXT[outcome]}
              </th>
            ))}
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">Totalt</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {kinds.map((kind) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header" safe>
                {ALERT_KIND_LABELS[kind]}
              </th>
              {outcomes.map((outcome) => (
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {String(countOf(kind, outcome))}
                </td>
              ))}
              <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                {String(countOf(kind, null))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
