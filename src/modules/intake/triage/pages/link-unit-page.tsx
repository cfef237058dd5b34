import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import { UNIT_FORMS } from '../../../registry/index.ts';
import { CsrfField, TextInput } from '../../../../platform/web/components.tsx';
import type { SuggestedUnit } from './signal-page.tsx';

export interface UnitSearchHit {
  id: string;
  name: string;
  form: string;
  closed: string | null;
  kommun_name: string;
  provider_name: string;
  orgnr: string | null;
}

export interface LinkUnitPageProps {
  staff: StaffUser;
  signalId: string;
  query: string;
  hits: { total: number; rows: UnitSearchHit[] } | null;
  suggestions: SuggestedUnit[];
}

const formLabel = (form: string) => (UNIT_FORMS as Record<string, string>)[form] ?? form;

function LinkButton({ base, csrf, unit }: { base: string; csrf: string; unit: { id: string; name: string } }) {
  return (
    <form method="post" action={`${base}/verksamhet`} class="govuk-!-margin-bottom-0">
      <CsrfField token={csrf} />
      <input type="hidden" name="unitId" value={unit.id} />
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
        Koppla<span class="govuk-visually-hidden" safe>{` till ${unit.name}`}</span>
      </button>
    </form>
  );
}

/** Register search for linking a signal to a unit; shows no part of the signal's text. */
export function LinkUnitPage({ staff, signalId, query, hits, suggestions }: LinkUnitPageProps) {
  const base = `/staff/signals/${encodeURIComponent(signalId)}`;
  return (
    <StaffLayout
      title={query ? `Sök verksamhet: ${query}` : 'Koppla signalen till en verksamhet'}
      staff={staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: '/staff/triage', text: 'Triagekö' },
        { href: base, text: `Signal ${signalId}` },
      ]}
    >
      <span class="govuk-caption-l" safe>
        {`Signal ${signalId}`}
      </span>
      <h1 class="govuk-heading-l">Koppla signalen till en verksamhet</h1>
      <form method="get" action={`${base}/verksamhet`} role="search" class="vaka-filters">
        <TextInput spellcheck={false} id="q" label="Sök i registret" hint="Namn eller del av namnet, organisationsnummer (10 siffror) eller kommun" value={query} width="20" />
        <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
          Sök
        </button>
      </form>
      {suggestions.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Förslag</h2>
          <ul class="govuk-list">
            {suggestions.map((u) => (
              <li class="govuk-!-margin-bottom-3">
                <span safe>{`${u.name}, ${u.kommun_name} (${u.provider_name})`}</span>
                <LinkButton base={base} csrf={staff.csrfToken} unit={u} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {hits ? (
        hits.total === 0 ? (
          <p class="govuk-body" safe>
            {`Inga verksamheter matchar ”${query}”.`}
          </p>
        ) : (
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m" safe>
              {hits.total > hits.rows.length ? `${hits.total} träffar, de första ${hits.rows.length} visas` : `${hits.total} ${hits.total === 1 ? 'träff' : 'träffar'}`}
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
                  <span class="govuk-visually-hidden">Åtgärd</span>
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {hits.rows.map((u) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <span safe>{u.name}</span>
                    {u.closed ? <span class="govuk-body-s" safe>{` (upphörde ${u.closed})`}</span> : ''}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {formLabel(u.form)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {u.kommun_name}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {u.provider_name}
                  </td>
                  <td class="govuk-table__cell">
                    <LinkButton base={base} csrf={staff.csrfToken} unit={u} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : (
        ''
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={base}>
          Tillbaka till signalen
        </a>
      </p>
    </StaffLayout>
  );
}
