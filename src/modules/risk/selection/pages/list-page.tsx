import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import { formatCount } from '../project-overview.ts';
import { formatSwedishDate } from '../../../../platform/dates.ts';

export interface ProjectListRow {
  id: number;
  title: string;
  populationText: string;
  population: number;
  stage1: number | null;
  stage2: number | null;
  stage3: number | null;
  control: number | null;
  createdByName: string;
  createdAt: Date;
}

function nextStep(row: ProjectListRow): string {
  if (row.stage1 === null) return 'Steg 1 återstår';
  if (row.stage2 === null) return 'Steg 2 återstår';
  if (row.stage3 === null) return 'Steg 3 återstår';
  return row.control === null ? 'Klart (utan kontrollurval)' : 'Klart';
}

const countOrDash = (n: number | null) => (n === null ? '–' : formatCount(n));

export function ListPage({ staff, rows, scopeName }: { staff: StaffUser; rows: ProjectListRow[]; scopeName: string | null }) {
  return (
    <StaffLayout title="Urvalsprojekt" staff={staff} breadcrumbs={[{ href: '/staff', text: 'Start' }]}>
      <h1 class="govuk-heading-l">Urvalsprojekt</h1>
      <p class="govuk-body">
        Ett urvalsprojekt väljer ut verksamheter för tillsyn i tre steg. Först avgränsas en population, till exempel alla vårdcentraler i
        ett län. I steg 1 rangordnas de efter externa indikatorer, i steg 2 efter IVO:s egna signaler, och i steg 3 väljs de som ska
        inspekteras. Varje steg sparar urvalsgrunden, vem som beslutade och varför.
      </p>
      {scopeName ? (
        <p class="govuk-body" safe>
          {`Du ser projekten inom ${scopeName.replace(/^Avdelning/, 'avdelning')}.`}
        </p>
      ) : (
        ''
      )}
      <p class="govuk-body">
        <a class="govuk-button" href="/staff/urval/ny" data-module="govuk-button">
          Nytt urvalsprojekt
        </a>
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">Det finns inga urvalsprojekt ännu.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Projekt, det senaste först</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Projekt
              </th>
              <th scope="col" class="govuk-table__header">
                Population
              </th>
              <th scope="col" class="govuk-table__header">
                Population → steg 1 → steg 2 → steg 3
              </th>
              <th scope="col" class="govuk-table__header">
                Läge
              </th>
              <th scope="col" class="govuk-table__header">
                Skapat
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map((row) => (
              <tr class="govuk-table__row" data-project-id={String(row.id)}>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/staff/urval/${row.id}`} safe>
                    {row.title}
                  </a>
                </td>
                <td class="govuk-table__cell govuk-body-s" safe>
                  {row.populationText}
                </td>
                <td class="govuk-table__cell" safe>
                  {[row.population, row.stage1, row.stage2, row.stage3].map(countOrDash).join(' → ')}
                </td>
                <td class="govuk-table__cell govuk-body-s" safe>
                  {nextStep(row)}
                </td>
                <td class="govuk-table__cell govuk-body-s" safe>
                  {`${formatSwedishDate(row.createdAt)}, ${row.createdByName}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StaffLayout>
  );
}
