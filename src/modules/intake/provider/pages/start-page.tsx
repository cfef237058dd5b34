import Html from '@kitajs/html';
import { PROVIDER_KINDS } from '../../../registry/codes.ts';
import type { CompletenessFlag } from '../check-report-completeness.ts';
import { REPORT_KINDS, type ReportKind } from '../report-kinds.ts';
import type { DecisionBatch, Organisation, SentReport } from '../repository.ts';
import type { Representative } from '../representative.ts';
import { ProviderLayout } from './provider-layout.tsx';
import { formatSwedishDateTime } from '../../../../platform/dates.ts';

export interface StartPageProps {
  representative: Representative;
  organisations: (Organisation & { reportKinds: ReportKind[]; units: number })[];
  reports: SentReport[];
  batches: DecisionBatch[];
}

function orgnrText(orgnr: string | null): string {
  return orgnr ? `${orgnr.slice(0, 6)}-${orgnr.slice(6)}` : 'saknas';
}

export function flagsOf(completeness: Record<string, unknown>): CompletenessFlag[] {
  return Array.isArray(completeness.flags) ? (completeness.flags as CompletenessFlag[]) : [];
}

export function StartPage({ representative, organisations, reports, batches }: StartPageProps): JSX.Element {
  return (
    <ProviderLayout title="Anmälningar och rapporter" representative={representative} home>
      <span class="govuk-caption-l">För vårdgivare och huvudmän</span>
      <h1 class="govuk-heading-l">Anmälningar och rapporter</h1>
      <p class="govuk-body">
        <a class="govuk-link" href="/provider/arenden">
          Ärenden från IVO
        </a>
        : begäranden som väntar på ert svar, beslut och handlingar i de ärenden IVO har om era verksamheter.
      </p>
      {organisations.length === 0 ? (
        <div class="govuk-inset-text">
          <p class="govuk-body">
            Ditt konto är inte kopplat till någon vårdgivare eller huvudman i registret, så du kan inte göra några anmälningar här. Kontakta den som
            administrerar behörigheterna i din organisation.
          </p>
        </div>
      ) : (
        ''
      )}
      {organisations.map((org) => (
        <section class="govuk-!-margin-bottom-8" aria-labelledby={`org-${org.id}`}>
          <h2 class="govuk-heading-m" id={`org-${org.id}`} safe>
            {org.name}
          </h2>
          <p class="govuk-body-s" safe>
            {`${PROVIDER_KINDS[org.kind as keyof typeof PROVIDER_KINDS] ?? org.kind}, organisationsnummer ${orgnrText(org.orgnr)}, ${org.units} ${org.units === 1 ? 'verksamhet' : 'verksamheter'} i registret`}
          </p>
          <ul class="govuk-list">
            {org.reportKinds.map((kind) => (
              <li>
                <a class="govuk-link" href={`/provider/rapporter/ny?typ=${kind}`} safe>
                  {`Gör en anmälan enligt ${REPORT_KINDS[kind].name}`}
                </a>
              </li>
            ))}
            {org.kind === 'kommun' ? (
              <li>
                <a class="govuk-link" href={`/provider/ej-verkstallda?org=${encodeURIComponent(org.id)}`}>
                  Rapportera ej verkställda beslut
                </a>
              </li>
            ) : (
              ''
            )}
          </ul>
        </section>
      ))}
      {reports.length > 0 ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Skickade anmälningar</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Referens
              </th>
              <th scope="col" class="govuk-table__header">
                Typ
              </th>
              <th scope="col" class="govuk-table__header">
                Verksamhet
              </th>
              <th scope="col" class="govuk-table__header">
                Skickad
              </th>
              <th scope="col" class="govuk-table__header">
                Kontroll
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {reports.map((r) => {
              const flags = flagsOf(r.completeness).length;
              return (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/provider/rapporter/${encodeURIComponent(r.signal_id)}`} safe>
                      {r.signal_id}
                    </a>
                  </td>
                  <td class="govuk-table__cell">
                    {REPORT_KINDS[r.kind].label}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {r.unit_name ?? r.provider_name}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {formatSwedishDateTime(r.received_at)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {flags === 0 ? 'Komplett' : `${flags} ${flags === 1 ? 'brist' : 'brister'} flaggade`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        ''
      )}
      {batches.length > 0 ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Rapporterade ej verkställda beslut</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Referens
              </th>
              <th scope="col" class="govuk-table__header">
                Kommun
              </th>
              <th scope="col" class="govuk-table__header">
                Kvartal
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Beslut
              </th>
              <th scope="col" class="govuk-table__header">
                Skickad
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {batches.map((b) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/provider/ej-verkstallda/rapporter/${encodeURIComponent(b.signal_id)}`} safe>
                    {b.signal_id}
                  </a>
                </td>
                <td class="govuk-table__cell" safe>
                  {b.provider_name}
                </td>
                <td class="govuk-table__cell" safe>
                  {String(b.extra.quarter ?? '')}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {String(b.extra.decisions ?? '')}
                </td>
                <td class="govuk-table__cell" safe>
                  {formatSwedishDateTime(b.received_at)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
    </ProviderLayout>
  );
}
