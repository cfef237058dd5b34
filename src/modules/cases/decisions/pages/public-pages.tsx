import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { Layout } from '../../../../platform/web/layout.tsx';
import { RISK_AREAS, UNIT_FORMS } from '../../../registry/codes.ts';
import { DECISION_TOOLS, formatInteger, formLabel, riskAreaLabel, TOOL_LABELS } from '../labels.ts';
import { decisionSentence } from '../decision-pdf.ts';
import { publicSearchQuery, type PublicSearchValues } from '../public-search-form.ts';
import { PUBLIC_PAGE_SIZE, type PublicDecision } from '../repository.ts';
import { ErrorSummary, Select, SummaryRow, TextInput } from '../../../../platform/web/components.tsx';
import { DecisionTermsRows, DeficiencyTable, Paragraphs } from './components.tsx';
import { formatLongDate } from '../../../../platform/dates.ts';

// The public decision search: published decisions (summary, tool, deficiencies — never personal data) that
// anyone can search by unit, kommun, form of operation, tool, risk area and year. Works without JavaScript.

export interface PublicSearchPageProps {
  values: PublicSearchValues;
  errors: FieldError[];
  page: number;
  municipalities: { code: string; name: string }[];
  years: number[];
  result?: { items: PublicDecision[]; total: number };
}

const FORM_OPTIONS = Object.entries(UNIT_FORMS).map(([value, text]) => ({ value, text }));
const TOOL_OPTIONS = DECISION_TOOLS.map((value) => ({ value, text: TOOL_LABELS[value] }));
const RISK_AREA_OPTIONS = Object.entries(RISK_AREAS).map(([value, text]) => ({ value, text }));

export function PublicSearchPage(props: PublicSearchPageProps): JSX.Element {
  const { values, errors, page, result } = props;
  const lastPage = result ? Math.max(1, Math.ceil(result.total / PUBLIC_PAGE_SIZE)) : 1;
  const title = `${errors.length ? 'Fel: ' : ''}Beslut från tillsynen${page > 1 ? `, sida ${page} av ${lastPage}` : ''}`;
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Beslut från tillsynen</h1>
      <p class="govuk-body-l">
        Här publicerar IVO sina beslut om vård- och omsorgsverksamheter: vilka brister IVO har funnit, vilka lagar bristerna gäller och vad IVO har beslutat.
        Uppgifter om enskilda personer publiceras inte.
      </p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <form method="get" action="/beslut" novalidate class="vaka-filters">
            <h2 class="govuk-heading-m">Sök beslut</h2>
            <TextInput autocomplete={false} id="namn" label="Verksamhet eller vårdgivare" hint="Hela eller en del av namnet" value={values.namn} errors={errors} />
            <Select id="kommun" label="Kommun" value={values.kommun} errors={errors} options={props.municipalities.map((m) => ({ value: m.code, text: m.name }))} emptyLabel="Alla kommuner" />
            <Select id="verksamhetsform" label="Typ av verksamhet" value={values.verksamhetsform} errors={errors} options={FORM_OPTIONS} emptyLabel="Alla typer" />
            <Select id="beslut" label="Beslut" value={values.beslut} errors={errors} options={TOOL_OPTIONS} emptyLabel="Alla beslut" />
            <Select id="riskomrade" label="Riskområde" value={values.riskomrade} errors={errors} options={RISK_AREA_OPTIONS} emptyLabel="Alla riskområden" />
            <Select id="ar" label="År" value={values.ar} errors={errors} options={props.years.map((y) => ({ value: String(y), text: String(y) }))} emptyLabel="Alla år" />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button" data-module="govuk-button">
                Sök
              </button>
              <a class="govuk-link" href="/beslut">
                Rensa sökningen
              </a>
            </div>
          </form>
        </div>
        <div class="govuk-grid-column-two-thirds">
          {result ? (
            <Results result={result} values={values} page={page} lastPage={lastPage} />
          ) : (
            <p class="govuk-body">Rätta uppgifterna i sökformuläret, så visas de beslut som passar.</p>
          )}
        </div>
      </div>
    </Layout>
  );
}

function Results({ result, values, page, lastPage }: { result: { items: PublicDecision[]; total: number }; values: PublicSearchValues; page: number; lastPage: number }): JSX.Element {
  if (result.total === 0) {
    return (
      <>
        <h2 class="govuk-heading-m">Inga beslut hittades</h2>
        <p class="govuk-body">Prova att söka på en del av namnet, eller ta bort något av valen.</p>
      </>
    );
  }
  const first = (page - 1) * PUBLIC_PAGE_SIZE + 1;
  const last = first + result.items.length - 1;
  return (
    <>
      <h2 class="govuk-heading-m" safe>
        {result.total === 1 ? '1 beslut' : `${formatInteger(result.total)} beslut${result.total > PUBLIC_PAGE_SIZE ? `, visar ${formatInteger(first)}–${formatInteger(last)}` : ''}`}
      </h2>
      <ol class="govuk-list">
        {result.items.map((d) => (
          <li class="govuk-!-margin-bottom-8">
            <DecisionSummary decision={d} />
          </li>
        ))}
      </ol>
      <Pagination page={page} lastPage={lastPage} hrefFor={(n) => `/beslut${publicSearchQuery(values, n)}`} />
    </>
  );
}

function DecisionSummary({ decision: d }: { decision: PublicDecision }): JSX.Element {
  const headingId = `beslut-${d.id}`;
  return (
    <article aria-labelledby={headingId}>
      <h3 class="govuk-heading-s govuk-!-margin-bottom-1" id={headingId}>
        <a class="govuk-link" href={`/beslut/${d.id}`}>
          <span safe>{`${d.unit_name ?? d.provider_name ?? 'Verksamhet'}: ${TOOL_LABELS[d.tool]}`}</span>
        </a>
      </h3>
      <p class="govuk-body-s govuk-!-margin-bottom-2" safe>
        {[d.provider_name, d.kommun_name, d.unit_form ? formLabel(d.unit_form) : null, `beslutat ${formatLongDate(d.decided_on)}`, `dnr ${d.diarienummer}`].filter(Boolean).join(' · ')}
      </p>
      <Paragraphs text={d.summary} className="govuk-body" />
      {d.deficiencies.length > 0 ? (
        <>
          <h4 class="govuk-heading-s govuk-!-margin-bottom-1" safe>
            {d.deficiencies.length === 1 ? 'Brist' : `${d.deficiencies.length} brister`}
          </h4>
          <ul class="govuk-list govuk-list--bullet">
            {d.deficiencies.map((x) => (
              <li>
                <span safe>{x.finding}</span>
                <br />
                <span class="govuk-body-s" safe>
                  {`Lagrum: ${x.legal_basis} · Riskområde: ${riskAreaLabel(x.risk_area)}`}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </article>
  );
}

function Pagination({ page, lastPage, hrefFor }: { page: number; lastPage: number; hrefFor(n: number): string }): JSX.Element {
  if (lastPage <= 1) return <></>;
  return (
    <nav class="govuk-pagination govuk-pagination--block" aria-label="Sidor med sökresultat">
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={hrefFor(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">Föregående sida</span>
            <span class="govuk-visually-hidden">:</span>
            <span class="govuk-pagination__link-label" safe>{`${page - 1} av ${lastPage}`}</span>
          </a>
        </div>
      ) : (
        ''
      )}
      {page < lastPage ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={hrefFor(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">Nästa sida</span>
            <span class="govuk-visually-hidden">:</span>
            <span class="govuk-pagination__link-label" safe>{`${page + 1} av ${lastPage}`}</span>
          </a>
        </div>
      ) : (
        ''
      )}
    </nav>
  );
}

export function PublicDecisionPage({ decision: d }: { decision: PublicDecision }): JSX.Element {
  const name = d.unit_name ?? d.provider_name ?? 'Verksamhet';
  return (
    <Layout title={`Beslut: ${TOOL_LABELS[d.tool]}, ${name}`}>
      <nav class="govuk-breadcrumbs" aria-label="Brödsmulor">
        <ol class="govuk-breadcrumbs__list">
          <li class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href="/beslut">
              Beslut från tillsynen
            </a>
          </li>
        </ol>
      </nav>
      <span class="govuk-caption-l" safe>
        {`Beslut ${formatLongDate(d.decided_on)} · dnr ${d.diarienummer}`}
      </span>
      <h1 class="govuk-heading-xl" safe>
        {`${TOOL_LABELS[d.tool]}: ${name}`}
      </h1>
      <p class="govuk-body-l" safe>
        {decisionSentence({ tool: d.tool, reportBy: d.report_by, fineAmount: d.fine_amount, provider: d.provider_name ? { name: d.provider_name, orgnr: null } : null })}
      </p>
      <dl class="govuk-summary-list">
        <SummaryRow name="Verksamhet">
          <span safe>{d.unit_name ?? 'Ingen enskild verksamhet'}</span>
        </SummaryRow>
        <SummaryRow name="Vårdgivare eller huvudman">
          <span safe>{d.provider_name ?? 'Uppgift saknas'}</span>
        </SummaryRow>
        {d.kommun_name ? (
          <SummaryRow name="Kommun">
            <span safe>{d.kommun_name}</span>
          </SummaryRow>
        ) : (
          ''
        )}
        {d.unit_form ? (
          <SummaryRow name="Typ av verksamhet">
            <span safe>{formLabel(d.unit_form)}</span>
          </SummaryRow>
        ) : (
          ''
        )}
        <DecisionTermsRows decision={d} />
        <SummaryRow name="Diarienummer">
          <span safe>{d.diarienummer}</span>
        </SummaryRow>
      </dl>
      <h2 class="govuk-heading-m">Sammanfattning</h2>
      <Paragraphs text={d.summary} />
      <h2 class="govuk-heading-m">Brister</h2>
      <DeficiencyTable deficiencies={d.deficiencies} caption="Brister som IVO har funnit" />
      <p class="govuk-body">
        <a class="govuk-link" href={`/beslut/${d.id}/pdf`}>
          Hämta hela beslutet (PDF)
        </a>
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/beslut">
          Sök bland fler beslut
        </a>
      </p>
    </Layout>
  );
}
