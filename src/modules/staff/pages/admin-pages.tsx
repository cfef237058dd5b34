import Html from '@kitajs/html';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, SCOPE_LABELS, StaffLayout, type Permission, type Role, type StaffUser } from '../../../platform/auth/index.ts';
import type { AuditVerification } from '../../../platform/audit/index.ts';
import type { findDepartmentMap, findLatestAuditRows } from '../repository.ts';
import { ProblemSummary } from '../../../platform/web/components.tsx';

type DepartmentMap = Awaited<ReturnType<typeof findDepartmentMap>>;
type AuditRows = Awaited<ReturnType<typeof findLatestAuditRows>>;

const breadcrumbs = [{ href: '/staff', text: 'Start' }];

export function AdminPage({ staff, departments }: { staff: StaffUser; departments: DepartmentMap }) {
  const permissions = Object.keys(PERMISSIONS) as Permission[];
  return (
    <StaffLayout title="Roller, behörigheter och avdelningar" staff={staff} breadcrumbs={breadcrumbs}>
      <h1 class="govuk-heading-l">Roller, behörigheter och avdelningar</h1>
      <p class="govuk-body">
        Roller kommer från inloggningstjänsten. Vad varje roll får göra bestäms på ett enda ställe i Vaka. Det som inte står här är inte
        tillåtet. ”Egen avdelning” betyder verksamheter i de län som hör till personens tillsynsavdelning.
      </p>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Behörigheter per roll</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Roll
            </th>
            {permissions.map((p) => (
              <th scope="col" class="govuk-table__header">
                {PERMISSIONS[p]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {(Object.keys(ROLES) as Role[]).map((role) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {ROLES[role]}
              </th>
              {permissions.map((p) => {
                const scope = ROLE_PERMISSIONS[role][p];
                return (
                  <td class="govuk-table__cell">
                    {scope ? SCOPE_LABELS[scope] : 'Nej'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Tillsynsavdelningar och län</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Avdelning
            </th>
            <th scope="col" class="govuk-table__header">
              Ort
            </th>
            <th scope="col" class="govuk-table__header">
              Län
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {departments.map((d) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header" safe>
                {`${d.name} (${d.code})`}
              </th>
              <td class="govuk-table__cell" safe>
                {d.city}
              </td>
              <td class="govuk-table__cell" safe>
                {d.counties.map((c) => `${c.name} (${c.code})`).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="govuk-body-s">Avdelningarnas län ändras i reference/departments.json och gäller efter omstart.</p>
    </StaffLayout>
  );
}

function Verification({ result }: { result: AuditVerification }) {
  if (result.ok) {
    return (
      <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="kontroll-titel">
        <div class="govuk-notification-banner__header">
          <h2 class="govuk-notification-banner__title" id="kontroll-titel">
            Loggen är hel
          </h2>
        </div>
        <div class="govuk-notification-banner__content">
          <p class="govuk-notification-banner__heading" safe>
            {`Alla ${result.rows} rader är kontrollerade. Ingen rad har ändrats, tagits bort eller flyttats.`}
          </p>
        </div>
      </div>
    );
  }
  return (
    <ProblemSummary title="Loggen har manipulerats">
      <p class="govuk-body" safe>
        {`Kedjan bryts vid rad ${result.brokenAt}: raden har ändrats, eller en rad före den har tagits bort eller flyttats. De ${result.rows} raderna före den stämmer. Teknisk förklaring: ${result.problem}.`}
      </p>
    </ProblemSummary>
  );
}

export function AuditPage({ staff, rows, verification }: { staff: StaffUser; rows: AuditRows; verification?: AuditVerification }) {
  return (
    <StaffLayout title="Logg över åtkomster och ändringar" staff={staff} breadcrumbs={breadcrumbs}>
      {verification ? <Verification result={verification} /> : ''}
      <h1 class="govuk-heading-l">Logg över åtkomster och ändringar</h1>
      <p class="govuk-body">
        Varje rättelse i registret och varje gång någon visar personuppgifter skrivs här, med vem, när och varför. Raderna är kedjade med
        kontrollsummor: en ändrad eller borttagen rad syns när kedjan kontrolleras.
      </p>
      <form method="post" action="/staff/audit/verify">
        <input type="hidden" name="_csrf" value={staff.csrfToken} />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Kontrollera hela loggen
        </button>
      </form>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m" safe>
          {`De ${rows.length} senaste raderna`}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Rad
            </th>
            <th scope="col" class="govuk-table__header">
              Tid
            </th>
            <th scope="col" class="govuk-table__header">
              Vem
            </th>
            <th scope="col" class="govuk-table__header">
              Händelse
            </th>
            <th scope="col" class="govuk-table__header">
              Gäller
            </th>
            <th scope="col" class="govuk-table__header">
              Skäl
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((r) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell" safe>
                {String(r.id)}
              </td>
              <td class="govuk-table__cell" safe>
                {new Date(r.occurred_at).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' })}
              </td>
              <td class="govuk-table__cell" safe>
                {r.actor}
              </td>
              <td class="govuk-table__cell" safe>
                {r.action}
              </td>
              <td class="govuk-table__cell" safe>
                {r.entity_id ? `${r.entity_type} ${r.entity_id}` : r.entity_type}
              </td>
              <td class="govuk-table__cell" safe>
                {r.reason ?? '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </StaffLayout>
  );
}
