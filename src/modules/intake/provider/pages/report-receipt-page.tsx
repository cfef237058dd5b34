import Html from '@kitajs/html';
import { ACTION_EFFECTS, ROOT_CAUSE_CATEGORIES, type Action, type RootCause } from '../check-report-completeness.ts';
import { REPORT_KINDS } from '../report-kinds.ts';
import type { SentReport } from '../repository.ts';
import type { Representative } from '../representative.ts';
import { ProviderLayout } from './provider-layout.tsx';
import { flagsOf } from './start-page.tsx';
import { formatSwedishDateTime } from '../../../../platform/dates.ts';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {label}
      </dt>
      <dd class="govuk-summary-list__value" safe>
        {value}
      </dd>
    </div>
  );
}

export function ReportReceiptPage({ representative, report }: { representative: Representative; report: SentReport }): JSX.Element {
  const texts = REPORT_KINDS[report.kind];
  const flags = flagsOf(report.completeness);
  const rootCauses = report.root_causes as RootCause[];
  const actions = report.actions as Action[];
  return (
    <ProviderLayout title={`${texts.title} ${report.signal_id}`} representative={representative} breadcrumbs={[]}>
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">Anmälan är skickad</h1>
        <div class="govuk-panel__body">
          Referens
          <br />
          <strong safe>{report.signal_id}</strong>
        </div>
      </div>
      <p class="govuk-body">Ange referensen om ni kontaktar oss om anmälan. En handläggare går igenom anmälan och er utredning och hör av sig om något behöver kompletteras.</p>

      {flags.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Det här saknades i utredningen</h2>
          <p class="govuk-body">Anmälan skickades med de här bristerna. Handläggaren ser dem och kan begära in det som saknas.</p>
          <ul class="govuk-list govuk-list--bullet">
            {flags.map((f) => (
              <li safe>{f.message}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}

      <h2 class="govuk-heading-m">Det här skickade ni</h2>
      <dl class="govuk-summary-list">
        <Row label="Typ av anmälan" value={texts.title} />
        <Row label="Vårdgivare eller huvudman" value={report.provider_name} />
        <Row label="Verksamhet" value={report.unit_name ?? 'Ingen angiven'} />
        <Row label="Händelsen inträffade" value={report.occurred_on ?? 'Inte angivet'} />
        <Row label="Skickad" value={formatSwedishDateTime(report.received_at)} />
        <Row label="Vad hände" value={report.event_description} />
        <Row label="Konsekvenser" value={report.consequences} />
        <Row label="Er utredning" value={typeof report.extra.investigationSummary === 'string' ? report.extra.investigationSummary : ''} />
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Bakomliggande orsaker</dt>
          <dd class="govuk-summary-list__value">
            {rootCauses.length === 0 ? (
              'Inga angivna'
            ) : (
              <ul class="govuk-list govuk-list--bullet">
                {rootCauses.map((c) => (
                  <li safe>{`${ROOT_CAUSE_CATEGORIES[c.category] ?? c.category}: ${c.description}`}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Åtgärder</dt>
          <dd class="govuk-summary-list__value">
            {actions.length === 0 ? (
              'Inga angivna'
            ) : (
              <ul class="govuk-list govuk-list--bullet">
                {actions.map((a) => (
                  <li safe>{`${a.description} (ansvarig: ${a.owner || 'saknas'}, klart senast: ${a.dueDate || 'saknas'}, ${(ACTION_EFFECTS[a.effect] ?? a.effect).toLowerCase()})`}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <Row label="Uppföljning" value={report.follow_up || 'Inte angiven'} />
      </dl>
      <p class="govuk-body">
        <a class="govuk-link" href="/provider">
          Till anmälningar och rapporter
        </a>
      </p>
    </ProviderLayout>
  );
}
