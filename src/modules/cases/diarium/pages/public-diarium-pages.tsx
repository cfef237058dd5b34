import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { Layout } from '../../../../platform/web/layout.tsx';
import { CASE_STATUS_LABELS } from '../../case-layout.tsx';
import { CASE_TYPE_LABELS } from '../../open-case.ts';
import { searchQueryString, type CaseSearchForm } from '../case-search-form.ts';
import { DIRECTION_LABELS, labelOf, secrecyText } from '../labels.ts';
import type { PublicDocument } from '../repository.ts';
import { caseTypeOptions, hitsText } from './case-list-page.tsx';
import { ErrorSummary, Select, TextInput } from '../../../../platform/web/components.tsx';
import { Pagination } from './components.tsx';

/** A case as the public may see it: no names of staff, nothing of what the case's documents say. */
export interface PublicCaseSummary {
  diarienummer: string;
  title: string;
  case_type: string;
  status: string;
  /** Opened and closed, as days in Sweden (YYYY-MM-DD). */
  opened_on: string;
  closed_on: string | null;
  unit_name: string | null;
  department_name: string | null;
  documents: PublicDocument[];
}

export const publicCaseUrl = (diarienummer: string) => `/diarium/${encodeURIComponent(diarienummer)}`;

function counterpartText(d: PublicDocument): string {
  if (d.secrecy !== 'public') return 'Sekretessmarkerad';
  return d.counterpart ?? '–';
}

export function PublicDocumentsTable({ documents, caption, captionClass }: { documents: PublicDocument[]; caption: string; captionClass?: string }) {
  if (documents.length === 0) return <p class="govuk-body">Inga handlingar är registrerade i ärendet.</p>;
  return (
    <table class="govuk-table">
      <caption class={`govuk-table__caption ${captionClass ?? 'govuk-table__caption--s'}`} safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {['Nr', 'Datum', 'Riktning', 'Avsändare eller mottagare', 'Beskrivning', 'Sekretess'].map((h) => (
            <th scope="col" class="govuk-table__header" safe>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {documents.map((d) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell" safe>
              {String(d.document_number)}
            </td>
            <td class="govuk-table__cell" safe>
              {d.document_date}
            </td>
            <td class="govuk-table__cell" safe>
              {labelOf(DIRECTION_LABELS, d.direction)}
            </td>
            <td class="govuk-table__cell" safe>
              {counterpartText(d)}
            </td>
            <td class="govuk-table__cell" safe>
              {d.subject}
            </td>
            <td class="govuk-table__cell" safe>
              {secrecyText(d.secrecy, d.secrecy_reference)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CaseFacts({ c }: { c: PublicCaseSummary }) {
  const rows: [string, string][] = [
    ['Diarienummer', c.diarienummer],
    ['Ärendetyp', labelOf(CASE_TYPE_LABELS, c.case_type)],
    ['Öppnat', c.opened_on],
    ['Verksamhet', c.unit_name ?? 'Ingen enskild verksamhet'],
    ['Status', `${labelOf(CASE_STATUS_LABELS, c.status)}${c.closed_on ? `, avslutat ${c.closed_on}` : ''}`],
    ['Handläggs av', c.department_name ?? 'Myndigheten centralt'],
  ];
  return (
    <dl class="govuk-summary-list govuk-summary-list--no-border vaka-result__facts">
      {rows.map(([key, value]) => (
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key" safe>
            {key}
          </dt>
          <dd class="govuk-summary-list__value" safe>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export interface PublicDiariumPageProps {
  form: CaseSearchForm;
  errors: FieldError[];
  result: { rows: PublicCaseSummary[]; total: number | null; page: number; hasNext: boolean } | null;
}

export function PublicDiariumPage({ form, errors, result }: PublicDiariumPageProps) {
  const lastPage = result ? result.page + (result.hasNext ? 1 : 0) : 1;
  return (
    <Layout title={`${errors.length ? 'Fel: ' : ''}Diariet${result && result.page > 1 ? `, sida ${result.page}` : ''}`}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Diariet</h1>
      <p class="govuk-body-l">
        Här ser du våra ärenden och de handlingar som har kommit in eller skickats ut i dem. Diariet är offentligt. Uppgifter som omfattas av sekretess
        visas inte: då står det vilken bestämmelse i offentlighets- och sekretesslagen (OSL) som gäller.
      </p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <form method="get" action="/diarium" class="vaka-filters" role="search" novalidate>
            <h2 class="govuk-heading-m">Sök i diariet</h2>
            <TextInput spellcheck={false} id="q" label="Diarienummer eller ord" hint="Till exempel 3.1-00123/2026, ord i ärendemeningen eller verksamhetens namn" value={form.q} errors={errors} />
            <Select id="typ" label="Ärendetyp" value={form.typ} options={caseTypeOptions('Alla typer')} errors={errors} />
            <TextInput spellcheck={false} id="fran" label="Öppnat från och med" hint="ÅÅÅÅ-MM-DD" value={form.fran} width="10" errors={errors} inputmode="numeric" />
            <TextInput spellcheck={false} id="till" label="Öppnat till och med" hint="ÅÅÅÅ-MM-DD" value={form.till} width="10" errors={errors} inputmode="numeric" />
            <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
              Sök
            </button>
          </form>
        </div>
        <div class="govuk-grid-column-two-thirds">
          {!result ? (
            <p class="govuk-body">Rätta uppgifterna i sökformuläret, så visas de ärenden som passar.</p>
          ) : (
            <>
              <h2 class="govuk-heading-m" id="resultat">
                Ärenden
              </h2>
              <p class="govuk-body" safe>
                {hitsText(result)}
              </p>
              <ol class="govuk-list vaka-results">
                {result.rows.map((c) => (
                  <li class="vaka-result">
                    <h3 class="govuk-heading-s vaka-result__title">
                      <a class="govuk-link" href={publicCaseUrl(c.diarienummer)} safe>
                        {c.title}
                      </a>
                    </h3>
                    <CaseFacts c={c} />
                    <PublicDocumentsTable documents={c.documents} caption={`Handlingar i ärende ${c.diarienummer}`} />
                  </li>
                ))}
              </ol>
              <Pagination page={result.page} lastPage={lastPage} hasNext={result.hasNext} hrefFor={(n) => `/diarium${searchQueryString(form, n)}`} label="Sidor med sökresultat" />
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}

export function PublicCasePage({ c }: { c: PublicCaseSummary }) {
  return (
    <Layout title={`${c.title} (${c.diarienummer})`}>
      <a href="/diarium" class="govuk-back-link">
        Till diariet
      </a>
      <span class="govuk-caption-l" safe>
        {`Ärende ${c.diarienummer}`}
      </span>
      <h1 class="govuk-heading-l" safe>
        {c.title}
      </h1>
      <CaseFacts c={c} />
      <PublicDocumentsTable documents={c.documents} caption="Handlingar i ärendet" captionClass="govuk-table__caption--m" />
      <h2 class="govuk-heading-m">Vill du ta del av en handling?</h2>
      <p class="govuk-body">
        Kontakta registraturen och ange ärendets diarienummer och handlingens nummer. Vi prövar om handlingen eller delar av den omfattas av sekretess
        innan vi lämnar ut den. Om vi inte lämnar ut den får du ett beslut som du kan överklaga.
      </p>
    </Layout>
  );
}
