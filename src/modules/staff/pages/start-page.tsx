import Html from '@kitajs/html';
import { hasPermission, StaffLayout, type StaffUser } from '../../../platform/auth/index.ts';

export interface UnitHit {
  id: string;
  name: string;
  form: string;
  closed: string | null;
  kommun_name: string;
  provider_name: string;
  orgnr: string | null;
}

export interface StartPageProps {
  staff: StaffUser;
  query: string;
  search: { total: number; rows: UnitHit[] } | null;
  limit: number;
  countsByForm: { form: string; units: number }[];
  formLabels: Record<string, string>;
}

const formLabel = (labels: Record<string, string>, form: string) => labels[form] ?? form;
const orgnr = (value: string | null) => (value ? `${value.slice(0, 6)}-${value.slice(6)}` : '–');

function Results({ query, search, limit, formLabels }: Pick<StartPageProps, 'query' | 'limit' | 'formLabels'> & { search: NonNullable<StartPageProps['search']> }) {
  if (search.total === 0) {
    return (
      <p class="govuk-body" safe>
        {`Inga verksamheter matchar ”${query}”. Prova en del av namnet, ett organisationsnummer (10 siffror) eller en kommun.`}
      </p>
    );
  }
  const caption = search.total > search.rows.length ? `${search.total} träffar på ”${query}”. De första ${limit} visas – gör sökningen mer precis.` : `${search.total} ${search.total === 1 ? 'träff' : 'träffar'} på ”${query}”`;
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m" safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Verksamhet
          </th>
          <th scope="col" class="govuk-table__header">
            Form
          </th>
          <th scope="col" class="govuk-table__header">
            Kommun
          </th>
          <th scope="col" class="govuk-table__header">
            Vårdgivare eller huvudman
          </th>
          <th scope="col" class="govuk-table__header">
            Organisationsnummer
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {search.rows.map((u) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">
              <a class="govuk-link" href={`/staff/units/${encodeURIComponent(u.id)}`} safe>
                {u.name}
              </a>
              {u.closed ? (
                <span class="govuk-body-s" safe>
                  {` (upphörde ${u.closed})`}
                </span>
              ) : (
                ''
              )}
            </td>
            <td class="govuk-table__cell" safe>
              {formLabel(formLabels, u.form)}
            </td>
            <td class="govuk-table__cell" safe>
              {u.kommun_name}
            </td>
            <td class="govuk-table__cell" safe>
              {u.provider_name}
            </td>
            <td class="govuk-table__cell" safe>
              {orgnr(u.orgnr)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StartPage({ staff, query, search, limit, countsByForm, formLabels }: StartPageProps) {
  const total = countsByForm.reduce((sum, c) => sum + c.units, 0);
  return (
    <StaffLayout title={query ? `Sökning: ${query}` : 'Start för medarbetare'} staff={staff}>
      <h1 class="govuk-heading-l" safe>
        {`Välkommen, ${staff.name}`}
      </h1>
      {hasPermission(staff, 'signal.triage') || hasPermission(staff, 'signal.log') ? (
        <>
          <h2 class="govuk-heading-m">Inkomna signaler</h2>
          <ul class="govuk-list">
            {hasPermission(staff, 'signal.triage') ? (
              <li>
                <a class="govuk-link" href="/staff/triage">
                  Triagekön
                </a>
              </li>
            ) : (
              ''
            )}
            {hasPermission(staff, 'signal.log') ? (
              <li>
                <a class="govuk-link" href="/staff/signals/new">
                  Registrera ett samtal, e-brev, brev eller en uppgift från en annan myndighet
                </a>
              </li>
            ) : (
              ''
            )}
          </ul>
        </>
      ) : (
        ''
      )}
      <form method="get" action="/staff" role="search" class="vaka-filters">
        <div class="govuk-form-group govuk-!-margin-bottom-0">
          <label class="govuk-label govuk-label--m" for="q">
            Sök i registret
          </label>
          <div id="q-hint" class="govuk-hint">
            Verksamhetens namn eller del av det, vårdgivarens organisationsnummer eller en kommun (namn eller kommunkod).
          </div>
          <input class="govuk-input govuk-input--width-30" id="q" name="q" type="search" value={query} aria-describedby="q-hint" autocomplete="off" spellcheck="false" />
          <button type="submit" class="govuk-button govuk-!-margin-bottom-0 govuk-!-margin-left-2" data-module="govuk-button">
            Sök
          </button>
        </div>
      </form>
      {search ? <Results query={query} search={search} limit={limit} formLabels={formLabels} /> : ''}
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Verksamheter i registret</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Verksamhetsform
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              Pågående verksamheter
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {countsByForm.map((c) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell" safe>
                {formLabel(formLabels, c.form)}
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                {c.units.toLocaleString('sv-SE')}
              </td>
            </tr>
          ))}
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              Totalt
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {total.toLocaleString('sv-SE')}
            </td>
          </tr>
        </tbody>
      </table>
      {hasPermission(staff, 'audit.read') || hasPermission(staff, 'admin.access') ? (
        <>
          <h2 class="govuk-heading-m">Verktyg</h2>
          <ul class="govuk-list">
            {hasPermission(staff, 'audit.read') ? (
              <li>
                <a class="govuk-link" href="/staff/audit">
                  Loggen över åtkomster och ändringar
                </a>
              </li>
            ) : (
              ''
            )}
            {hasPermission(staff, 'admin.access') ? (
              <li>
                <a class="govuk-link" href="/staff/admin">
                  Roller, behörigheter och avdelningar
                </a>
              </li>
            ) : (
              ''
            )}
          </ul>
        </>
      ) : (
        ''
      )}
    </StaffLayout>
  );
}
