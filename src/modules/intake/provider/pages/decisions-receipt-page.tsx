import Html from '@kitajs/html';
import type { DecisionBatch } from '../repository.ts';
import type { Representative } from '../representative.ts';
import { DELAY_REASONS, KINDS_OF_HELP } from '../unexecuted-decisions/decision-codes.ts';
import { assessDecision, quarterEnd, waitedText } from '../unexecuted-decisions/three-month-rule.ts';
import { ProviderLayout } from './provider-layout.tsx';
import { formatLongDate, formatSwedishDateTime } from '../../../../platform/dates.ts';

export interface BatchDecision {
  quarter: string;
  decision_date: string;
  law: string;
  kind_of_help: string;
  reason: string | null;
  interrupted_on: string | null;
  executed_on: string | null;
}

const REASON_LABELS: Record<string, string | undefined> = DELAY_REASONS;

function reasonText(code: string | null): string {
  return code ? (REASON_LABELS[code] ?? code) : '–';
}

export function DecisionsReceiptPage({ representative, batch, decisions }: { representative: Representative; batch: DecisionBatch; decisions: BatchDecision[] }): JSX.Element {
  const quarter = String(batch.extra.quarter ?? decisions[0]?.quarter ?? '');
  return (
    <ProviderLayout title={`Rapport om ej verkställda beslut ${batch.signal_id}`} representative={representative}>
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">Rapporten är mottagen</h1>
        <div class="govuk-panel__body">
          Referens
          <br />
          <strong safe>{batch.signal_id}</strong>
        </div>
      </div>
      <p class="govuk-body" safe>
        {`${batch.provider_name} har rapporterat ${decisions.length} beslut för kvartal ${quarter}, skickat ${formatSwedishDateTime(batch.received_at)}. Väntetiden räknas till verkställigheten eller, om beslutet inte har verkställts, till kvartalets sista dag.`}
      </p>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Rapporterade beslut</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Beslutsdatum
            </th>
            <th scope="col" class="govuk-table__header">
              Lag
            </th>
            <th scope="col" class="govuk-table__header">
              Insats
            </th>
            <th scope="col" class="govuk-table__header">
              Orsak
            </th>
            <th scope="col" class="govuk-table__header">
              Verkställt
            </th>
            <th scope="col" class="govuk-table__header">
              Har väntat
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {decisions.map((d) => {
            const reason = reasonText(d.reason);
            const executed = d.executed_on ? formatLongDate(d.executed_on) : 'Nej';
            const timing = assessDecision({ decisionDate: d.decision_date, interruptedOn: d.interrupted_on, executedOn: d.executed_on }, quarterEnd(d.quarter));
            return (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell" safe>
                  {d.decision_date}
                </td>
                <td class="govuk-table__cell" safe>
                  {d.law}
                </td>
                <td class="govuk-table__cell" safe>
                  {KINDS_OF_HELP[d.kind_of_help as keyof typeof KINDS_OF_HELP]?.label ?? d.kind_of_help}
                </td>
                <td class="govuk-table__cell" safe>
                  {reason}
                </td>
                <td class="govuk-table__cell" safe>
                  {executed}
                </td>
                <td class="govuk-table__cell" safe>
                  {`${waitedText(timing.waited)}${d.interrupted_on ? ` (sedan avbrott ${d.interrupted_on})` : ''}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="govuk-body">
        <a class="govuk-link" href="/provider">
          Till anmälningar och rapporter
        </a>
      </p>
    </ProviderLayout>
  );
}
