import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { ProviderLayout, type Representative } from '../../../intake/index.ts';
import { CASE_STATUS_LABELS } from '../../case-layout.tsx';
import { REQUEST_STATUS_LABELS, REQUEST_STATUS_TAGS, requestDisplayStatus } from '../labels.ts';
import { DIRECTION_LABELS } from '../../diarium/labels.ts';
import { TOOL_LABELS } from '../../decisions/labels.ts';
import type { DecisionTool } from '../../../../platform/db/schema.ts';
import type { ProviderCase } from '../provider-access.ts';
import { PORTAL_UNIT_LIMIT, type ProviderCaseRow, type ProviderDocument, type ProviderRequest, type ProviderUnit, type PublishedDecision } from '../repository.ts';
import { UNIT_FORMS } from '../../../registry/index.ts';
import { CsrfField, ErrorSummary, hasError, ErrorMessage, SuccessBanner, SummaryRow, TextArea, TextBlock } from '../../../../platform/web/components.tsx';
import { Tag } from './components.tsx';
import { formatLongDate, formatSwedishDateTime, formatSwedishLongDate } from '../../../../platform/dates.ts';

// The provider portal's pages for cases: the cases about their organisations, one case's public parts, and
// answering a request. Only what the provider may see reaches these pages (see repository.ts).

export const PORTAL_CASES_URL = '/provider/arenden';
export const portalCaseUrl = (caseId: number) => `${PORTAL_CASES_URL}/${caseId}`;
export const answerUrl = (caseId: number, requestId: number) => `${portalCaseUrl(caseId)}/begaran/${requestId}/svar`;
export const decisionUrl = (caseId: number, decisionId: number) => `${portalCaseUrl(caseId)}/beslut/${decisionId}`;

const CASES_CRUMB = { href: PORTAL_CASES_URL, text: 'Ärenden från IVO' };

export interface ProviderCasesPageProps {
  representative: Representative;
  organisations: { id: string; name: string }[];
  cases: ProviderCaseRow[];
  more: boolean;
  openRequests: { id: number; case_id: number; subject: string; reply_by: string }[];
  decisions: PublishedDecision[];
  units: ProviderUnit[];
  today: string;
}

export function ProviderCasesPage(props: ProviderCasesPageProps) {
  const byCase = new Map(props.cases.map((c) => [c.id, c]));
  return (
    <ProviderLayout title="Ärenden från IVO" representative={props.representative}>
      <h1 class="govuk-heading-l">Ärenden från IVO</h1>
      <p class="govuk-body">Här ser ni de ärenden IVO har om era verksamheter, de begäranden som väntar på ert svar och de beslut IVO har fattat.</p>
      {props.organisations.length === 0 ? (
        <div class="govuk-inset-text">Ditt konto är inte kopplat till någon vårdgivare eller huvudman i registret. Kontakta den som administrerar behörigheterna i din organisation.</div>
      ) : (
        ''
      )}

      <h2 class="govuk-heading-m">Begäran som väntar på svar</h2>
      {props.openRequests.length === 0 ? (
        <p class="govuk-body">Ingen begäran väntar på svar.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-visually-hidden">Begäran som väntar på svar</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Begäran</th>
              <th scope="col" class="govuk-table__header">Ärende</th>
              <th scope="col" class="govuk-table__header">Svara senast</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.openRequests.map((r) => {
              const overdue = r.reply_by < props.today;
              return (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={answerUrl(r.case_id, r.id)} safe>
                      {r.subject}
                    </a>
                  </td>
                  <td class="govuk-table__cell" safe>
                    {byCase.get(r.case_id)?.diarienummer ?? ''}
                  </td>
                  <td class="govuk-table__cell">
                    <span safe>{formatLongDate(r.reply_by)}</span>
                    {overdue ? (
                      <>
                        {' '}
                        <Tag text="Försenad" modifier="govuk-tag--red" />
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2 class="govuk-heading-m">Ärenden</h2>
      {props.cases.length === 0 ? (
        <p class="govuk-body">IVO har inga ärenden om era verksamheter.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-visually-hidden">Ärenden om era verksamheter</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Diarienummer</th>
              <th scope="col" class="govuk-table__header">Ärende</th>
              <th scope="col" class="govuk-table__header">Status</th>
              <th scope="col" class="govuk-table__header">Begäran</th>
              <th scope="col" class="govuk-table__header">Beslut</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.cases.map((c) => {
              const open = props.openRequests.filter((r) => r.case_id === c.id);
              const decisions = props.decisions.filter((d) => d.case_id === c.id);
              return (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={portalCaseUrl(c.id)} safe>
                      {c.diarienummer}
                    </a>
                  </td>
                  <td class="govuk-table__cell">
                    <span safe>{c.title}</span>
                    {c.unit_name ? (
                      <>
                        <br />
                        <span class="govuk-body-s" safe>
                          {c.unit_name}
                        </span>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {CASE_STATUS_LABELS[c.status] ?? c.status}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {open.length === 0 ? '–' : `${open.length} väntar på svar, senast ${formatLongDate(open[0].reply_by)}`}
                  </td>
                  <td class="govuk-table__cell">
                    {decisions.length === 0 ? (
                      <span>–</span>
                    ) : (
                      <ul class="govuk-list govuk-!-margin-bottom-0">
                        {decisions.map((d) => (
                          <li>
                            <a class="govuk-link" href={decisionUrl(c.id, d.id)} safe>
                              {`${TOOL_LABELS[d.tool as DecisionTool] ?? d.tool}, ${formatLongDate(d.decided_on)}`}
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {props.more ? <p class="govuk-body-s">Listan visar de 200 senaste ärendena. Kontakta IVO om ni söker ett äldre ärende.</p> : ''}

      {props.organisations.map((org) => (
        <OrganisationUnits organisation={org} units={props.units.filter((u) => u.provider_id === org.id)} />
      ))}
    </ProviderLayout>
  );
}

const swedishNames = new Intl.Collator('sv');
/** Above this many units the list is folded, so the cases above it stay in view. */
const UNITS_SHOWN_OPEN = 25;

/** Every unit an organisation has in IVO's register, open ones first, with IVO's cases about each. */
function OrganisationUnits({ organisation, units }: { organisation: { id: string; name: string }; units: ProviderUnit[] }) {
  const sorted = [...units].sort((a, b) => Number(a.closed !== null) - Number(b.closed !== null) || swedishNames.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  const open = sorted.filter((u) => u.closed === null).length;
  const summary = `${open} ${open === 1 ? 'verksamhet' : 'verksamheter'} i drift${sorted.length > open ? `, ${sorted.length - open} avslutade` : ''}`;
  const table = (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-visually-hidden" safe>{`Verksamheter hos ${organisation.name}`}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Verksamhet</th>
          <th scope="col" class="govuk-table__header">Verksamhetsform</th>
          <th scope="col" class="govuk-table__header">Kommun</th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">Ärenden hos IVO</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {sorted.map((u) => (
          <tr class="govuk-table__row" data-unit-id={u.id}>
            <td class="govuk-table__cell">
              <span safe>{u.name}</span>
              {u.closed !== null ? <span class="govuk-body-s" safe>{` (avslutad ${formatLongDate(u.closed)})`}</span> : ''}
            </td>
            <td class="govuk-table__cell" safe>{UNIT_FORMS[u.form as keyof typeof UNIT_FORMS] ?? u.form}</td>
            <td class="govuk-table__cell" safe>{u.kommun_name}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {Number(u.cases) === 0 ? 'Inga' : `${Number(u.cases)}${Number(u.open_cases) > 0 ? `, varav ${Number(u.open_cases)} pågående` : ''}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section class="govuk-!-margin-bottom-6" aria-labelledby={`org-${organisation.id}`}>
      <h2 class="govuk-heading-m" id={`org-${organisation.id}`} safe>
        {`Verksamheter hos ${organisation.name}`}
      </h2>
      <p class="govuk-body" safe>
        {sorted.length === 0 ? 'Organisationen har inga verksamheter i IVO:s register.' : `Enligt IVO:s register: ${summary}.`}
      </p>
      {sorted.length === 0 ? (
        ''
      ) : sorted.length > UNITS_SHOWN_OPEN ? (
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text" safe>{`Visa alla ${sorted.length} verksamheter`}</span>
          </summary>
          <div class="govuk-details__text">{table}</div>
        </details>
      ) : (
        table
      )}
      {sorted.length >= PORTAL_UNIT_LIMIT ? <p class="govuk-body-s">Listan visar de första {PORTAL_UNIT_LIMIT} verksamheterna. Kontakta IVO om ni saknar någon.</p> : ''}
    </section>
  );
}

/** The day a request was withdrawn, as people write it: "3 december 2026". */
const withdrawnOnText = (withdrawnAt: Date | string) => formatSwedishLongDate(withdrawnAt);
/** " den 3 december 2026", or nothing for a request withdrawn before the day was kept. */
const withdrawnWhen = (request: Pick<ProviderRequest, 'withdrawn_at'>) => (request.withdrawn_at ? ` den ${withdrawnOnText(request.withdrawn_at)}` : '');

/** What a withdrawn request says instead of its text and the answer button. */
function WithdrawnNotice({ request }: { request: Pick<ProviderRequest, 'withdrawn_at'> }) {
  return (
    <p class="govuk-body" safe>
      {`IVO återkallade begäran${withdrawnWhen(request)}. Ni behöver inte svara på den.`}
    </p>
  );
}

export interface ProviderCasePageProps {
  representative: Representative;
  found: ProviderCase;
  requests: ProviderRequest[];
  decisions: PublishedDecision[];
  documents: ProviderDocument[];
  today: string;
  done?: string;
}

export function ProviderCasePage(props: ProviderCasePageProps) {
  const c = props.found;
  return (
    <ProviderLayout title={`Ärende ${c.diarienummer}`} representative={props.representative} breadcrumbs={[CASES_CRUMB]}>
      {props.done === 'svar' ? <SuccessBanner text="Ert svar är skickat till IVO och registrerat i ärendet." /> : ''}
      <span class="govuk-caption-l" safe>
        {`Ärende ${c.diarienummer}`}
      </span>
      <h1 class="govuk-heading-l" safe>
        {c.title}
      </h1>
      <dl class="govuk-summary-list">
        <SummaryRow name="Status">
          <span safe>{CASE_STATUS_LABELS[c.status] ?? c.status}</span>
        </SummaryRow>
        <SummaryRow name="Verksamhet">
          <span safe>{c.unit_name ?? '–'}</span>
        </SummaryRow>
        <SummaryRow name="Vårdgivare eller huvudman">
          <span safe>{c.provider_name ?? '–'}</span>
        </SummaryRow>
      </dl>

      <h2 class="govuk-heading-m">Begäran från IVO</h2>
      {props.requests.length === 0 ? <p class="govuk-body">IVO har inte skickat någon begäran i ärendet.</p> : ''}
      {props.requests.map((r) => {
        const status = requestDisplayStatus(r, props.today);
        return (
          <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
              <h3 class="govuk-summary-card__title" safe>
                {r.subject}
              </h3>
              <Tag text={REQUEST_STATUS_LABELS[status]} modifier={REQUEST_STATUS_TAGS[status]} />
            </div>
            <div class="govuk-summary-card__content">
              <dl class="govuk-summary-list">
                <SummaryRow name="Skickad">
                  <span safe>{formatSwedishDateTime(r.sent_at)}</span>
                </SummaryRow>
                {r.status === 'withdrawn' ? (
                  <SummaryRow name="Återkallad">
                    {r.withdrawn_at ? <span safe>{withdrawnOnText(r.withdrawn_at)}</span> : 'Ja'}
                  </SummaryRow>
                ) : (
                  <SummaryRow name="Svara senast">
                    <span safe>{formatLongDate(r.reply_by)}</span>
                  </SummaryRow>
                )}
              </dl>
              {r.status === 'withdrawn' ? <WithdrawnNotice request={r} /> : <TextBlock text={r.body} />}
              {r.status === 'open' ? (
                <a class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button" href={answerUrl(c.id, r.id)}>
                  Svara på begäran<span class="govuk-visually-hidden" safe>{` ${r.subject}`}</span>
                </a>
              ) : (
                ''
              )}
              {r.status === 'answered' ? (
                <>
                  <h4 class="govuk-heading-s" safe>
                    {`Ert svar, skickat ${r.answered_at ? formatSwedishDateTime(r.answered_at) : ''} av ${r.answered_by_name ?? ''}`}
                  </h4>
                  <TextBlock text={r.answer ?? ''} />
                </>
              ) : (
                ''
              )}
            </div>
          </div>
        );
      })}

      <h2 class="govuk-heading-m">Beslut</h2>
      {props.decisions.length === 0 ? (
        <p class="govuk-body">IVO har inte fattat något beslut i ärendet.</p>
      ) : (
        <ul class="govuk-list">
          {props.decisions.map((d) => (
            <li>
              <a class="govuk-link" href={decisionUrl(c.id, d.id)} safe>
                {`${TOOL_LABELS[d.tool as DecisionTool] ?? d.tool}, beslutat ${formatLongDate(d.decided_on)}${d.report_by ? ` (redovisa åtgärder senast ${formatLongDate(d.report_by)})` : ''}`}
              </a>
            </li>
          ))}
        </ul>
      )}

      <h2 class="govuk-heading-m">Handlingar i ärendet</h2>
      {props.documents.length === 0 ? (
        <p class="govuk-body">Inga handlingar är registrerade.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-visually-hidden">Handlingar i ärendet</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Nr</th>
              <th scope="col" class="govuk-table__header">Datum</th>
              <th scope="col" class="govuk-table__header">Typ</th>
              <th scope="col" class="govuk-table__header">Handling</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.documents.map((d) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {String(d.number)}
                </td>
                <td class="govuk-table__cell" safe>
                  {d.date}
                </td>
                <td class="govuk-table__cell" safe>
                  {DIRECTION_LABELS[d.direction]}
                </td>
                <td class="govuk-table__cell">
                  {d.secret ? <span class="govuk-hint">Sekretessmarkerad</span> : <span safe>{`${d.subject}${d.counterpart ? ` (${d.counterpart})` : ''}`}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ProviderLayout>
  );
}

export interface AnswerPageProps {
  representative: Representative;
  found: ProviderCase;
  request: ProviderRequest;
  answer: string;
  errors: FieldError[];
  /** Why the request cannot be answered (already answered, withdrawn), shown instead of the form. */
  refusal?: string;
  today: string;
}

export const ATTACHMENT_FIELD = 'attachment';

export function AnswerPage(props: AnswerPageProps) {
  const c = props.found;
  const r = props.request;
  const { errors } = props;
  const overdue = r.status === 'open' && r.reply_by < props.today;
  return (
    <ProviderLayout title={`Svara på begäran – ${c.diarienummer}`} representative={props.representative} breadcrumbs={[CASES_CRUMB, { href: portalCaseUrl(c.id), text: c.diarienummer }]}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l" safe>
        {`Ärende ${c.diarienummer}: ${c.title}`}
      </span>
      <h1 class="govuk-heading-l">Svara på begäran</h1>
      <h2 class="govuk-heading-m" safe>
        {r.subject}
      </h2>
      {r.status === 'withdrawn' ? (
        <p class="govuk-body">
          <Tag text={REQUEST_STATUS_LABELS.withdrawn} modifier={REQUEST_STATUS_TAGS.withdrawn} />{' '}
          <span safe>{`Återkallad av IVO${withdrawnWhen(r)}.`}</span>
        </p>
      ) : (
        <p class="govuk-body">
          <span safe>{`Svara senast ${formatLongDate(r.reply_by)}.`}</span>
          {overdue ? (
            <>
              {' '}
              <Tag text="Försenad" modifier="govuk-tag--red" />
            </>
          ) : (
            ''
          )}
        </p>
      )}
      <div class="govuk-inset-text">
        <TextBlock text={r.body} />
      </div>
      {props.refusal ? (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Observera:</span> <span safe>{props.refusal}</span>
          </strong>
        </div>
      ) : (
        <form method="post" action={answerUrl(c.id, r.id)} enctype="multipart/form-data" novalidate>
          <CsrfField token={props.representative.csrfToken} />
          <TextArea
            id="answer"
            label="Ert svar"
            labelClass="govuk-label--m"
            hint="Svaret registreras som inkommen handling i ärendet. Det sekretessmarkeras tills IVO har prövat om det innehåller uppgifter om enskilda."
            value={props.answer}
            errors={errors}
            rows={10}
          />
          <div class={`govuk-form-group${hasError(errors, ATTACHMENT_FIELD) ? ' govuk-form-group--error' : ''}`}>
            <label class="govuk-label govuk-label--s" for={ATTACHMENT_FIELD}>
              Bilaga (om ni vill skicka med en)
            </label>
            <div id={`${ATTACHMENT_FIELD}-hint`} class="govuk-hint">
              En fil: PDF, JPEG eller PNG, högst 10 MB.
            </div>
            <ErrorMessage id={ATTACHMENT_FIELD} errors={errors} />
            <input
              class={`govuk-file-upload${hasError(errors, ATTACHMENT_FIELD) ? ' govuk-file-upload--error' : ''}`}
              id={ATTACHMENT_FIELD}
              name={ATTACHMENT_FIELD}
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              aria-describedby={`${ATTACHMENT_FIELD}-hint${hasError(errors, ATTACHMENT_FIELD) ? ` ${ATTACHMENT_FIELD}-error` : ''}`}
            />
          </div>
          <button type="submit" class="govuk-button" data-module="govuk-button">
            Skicka svaret
          </button>
        </form>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={portalCaseUrl(c.id)}>
          Tillbaka till ärendet
        </a>
      </p>
    </ProviderLayout>
  );
}
