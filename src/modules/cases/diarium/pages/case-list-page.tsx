import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import { CASE_STATUSES, CASE_TYPES } from '../../../../platform/db/schema.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import { CASE_STATUS_LABELS } from '../../case-layout.tsx';
import { CASE_TYPE_LABELS } from '../../open-case.ts';
import { searchQueryString, type CaseSearchForm } from '../case-search-form.ts';
import { labelOf } from '../labels.ts';
import { CASE_PAGE_SIZE, type CaseSearchResult } from '../search-cases.ts';
import { ErrorSummary, Select, TextInput } from '../../../../platform/web/components.tsx';
import { Pagination } from './components.tsx';

export interface CaseListPageProps {
  staff: StaffUser;
  form: CaseSearchForm;
  errors: FieldError[];
  /** The departments a national role may filter by; null for someone who sees one department. */
  departments: { code: string; name: string }[] | null;
  departmentName: string | null;
  result: CaseSearchResult | null;
  canOpen: boolean;
}

export const caseTypeOptions = (empty: string) => [{ value: '', text: empty }, ...CASE_TYPES.map((t) => ({ value: t, text: CASE_TYPE_LABELS[t] }))];
export const caseStatusOptions = (empty: string) => [{ value: '', text: empty }, ...CASE_STATUSES.map((s) => ({ value: s, text: CASE_STATUS_LABELS[s] }))];

export function hitsText(result: Pick<CaseSearchResult, 'page' | 'total'> & { rows: unknown[] }): string {
  const first = (result.page - 1) * CASE_PAGE_SIZE + 1;
  const last = first + result.rows.length - 1;
  if (result.rows.length === 0) return result.page > 1 ? 'Sidan finns inte: så många ärenden matchar inte sökningen.' : 'Inga ärenden matchar sökningen.';
  if (result.total === null) return `Visar ${first}–${last} av fler än ${last.toLocaleString('sv-SE')} ärenden, de senast öppnade först.`;
  if (result.page === 1) return result.total === 1 ? '1 ärende' : `${result.total} ärenden, de senast öppnade först`;
  return `Visar ${first}–${last} av ${result.total.toLocaleString('sv-SE')} ärenden, de senast öppnade först.`;
}

export function CaseListPage(props: CaseListPageProps) {
  const { staff, form, errors, result } = props;
  const heading = props.departmentName ? `Ärenden, ${props.departmentName}` : 'Ärenden';
  const lastPage = result ? result.page + (result.hasNext ? 1 : 0) : 1;
  return (
    <StaffLayout title={`${errors.length ? 'Fel: ' : ''}${heading}${result && result.page > 1 ? `, sida ${result.page}` : ''}`} staff={staff} breadcrumbs={[{ href: '/staff', text: 'Start' }]}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l" safe>
        {heading}
      </h1>
      {props.canOpen ? (
        <a class="govuk-button" href="/staff/arenden/nytt" role="button" data-module="govuk-button">
          Öppna ett nytt ärende
        </a>
      ) : (
        ''
      )}
      <form method="get" action="/staff/arenden" class="vaka-filters" role="search" novalidate>
        <TextInput spellcheck={false} id="q" label="Sök" hint="Diarienummer (hela eller början), ord i ärendemeningen eller verksamhetens namn" value={form.q} width="30" errors={errors} />
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-quarter">
            <Select id="typ" label="Ärendetyp" value={form.typ} options={caseTypeOptions('Alla typer')} errors={errors} />
          </div>
          <div class="govuk-grid-column-one-quarter">
            <Select id="status" label="Status" value={form.status} options={caseStatusOptions('Alla statusar')} errors={errors} />
          </div>
          {props.departments ? (
            <div class="govuk-grid-column-one-quarter">
              <Select
                id="avdelning"
                label="Avdelning"
                value={form.avdelning}
                options={[{ value: '', text: 'Alla avdelningar' }, ...props.departments.map((d) => ({ value: d.code, text: d.name })), { value: 'ingen', text: 'Utan avdelning' }]}
                errors={errors}
              />
            </div>
          ) : (
            ''
          )}
        </div>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-quarter">
            <TextInput spellcheck={false} id="fran" label="Öppnat från och med" hint="ÅÅÅÅ-MM-DD" value={form.fran} width="10" errors={errors} inputmode="numeric" />
          </div>
          <div class="govuk-grid-column-one-quarter">
            <TextInput spellcheck={false} id="till" label="Öppnat till och med" hint="ÅÅÅÅ-MM-DD" value={form.till} width="10" errors={errors} inputmode="numeric" />
          </div>
        </div>
        <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4" data-module="govuk-checkboxes">
          <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id="mina" name="mina" type="checkbox" value="1" checked={!!form.mina} />
            <label class="govuk-label govuk-checkboxes__label" for="mina">
              Bara ärenden där jag är ansvarig handläggare
            </label>
          </div>
        </div>
        <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
          Sök
        </button>
      </form>
      {result ? (
        result.rows.length === 0 ? (
          <p class="govuk-body" safe>
            {hitsText(result)}
          </p>
        ) : (
          <>
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-table__caption--s" safe>
                {hitsText(result)}
              </caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  {['Diarienummer', 'Ärendemening', 'Typ', 'Verksamhet', 'Status', 'Öppnat', 'Ansvarig', 'Tidsfrist'].map((h) => (
                    <th scope="col" class="govuk-table__header" safe>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {result.rows.map((c) => (
                  <tr class="govuk-table__row" data-case-id={String(c.id)}>
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`/staff/arenden/${c.id}`} safe>
                        {c.diarienummer}
                      </a>
                    </td>
                    <td class="govuk-table__cell" safe>
                      {c.title}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {labelOf(CASE_TYPE_LABELS, c.case_type)}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {c.unit_name ?? '–'}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {labelOf(CASE_STATUS_LABELS, c.status)}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {c.opened_on}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {c.responsible_name ?? 'Ingen'}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {c.due_on ?? '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pagination page={result.page} lastPage={lastPage} hasNext={result.hasNext} hrefFor={(n) => `/staff/arenden${searchQueryString(form, n)}`} label="Sidor med ärenden" />
          </>
        )
      ) : (
        <p class="govuk-body">Rätta sökningen, så visas de ärenden som passar.</p>
      )}
    </StaffLayout>
  );
}
