import Html from '@kitajs/html';
import type { StaffUser } from '../../../../platform/auth/index.ts';
import { StaffLayout } from '../../../../platform/auth/staff-layout.tsx';
import type { ServiceFeedbackSummary } from '../../public/service-feedback.ts';

/** What senders think of the e-services, per service: how many answered, the mean, the spread, the latest comments. */
export function FeedbackPage({ staff, summaries }: { staff: StaffUser; summaries: ServiceFeedbackSummary[] }) {
  return (
    <StaffLayout title="Synpunkter på e-tjänsterna" staff={staff} breadcrumbs={[{ href: '/staff', text: 'Start' }]}>
      <h1 class="govuk-heading-l">Synpunkter på e-tjänsterna</h1>
      <p class="govuk-body">
        Det här har de som skickat tips, klagomål och meddelanden svarat om själva tjänsten. Svaren är inte kopplade till något ärende.
      </p>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Betyg per tjänst (1 = mycket dåligt, 5 = mycket bra)</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Tjänst
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              Antal svar
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              Medelbetyg
            </th>
            <th scope="col" class="govuk-table__header">
              Fördelning 1–5
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {summaries.map((s) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header" safe>
                {s.serviceName}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                {String(s.count)}
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                {s.meanRating === null ? '–' : s.meanRating.toLocaleString('sv-SE')}
              </td>
              <td class="govuk-table__cell" safe>
                {s.ratings.map((n, i) => `${i + 1}: ${n}`).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {summaries.map((s) =>
        s.latestComments.length === 0 ? (
          ''
        ) : (
          <>
            <h2 class="govuk-heading-m" safe>{`Senaste kommentarer: ${s.serviceName}`}</h2>
            <ul class="govuk-list">
              {s.latestComments.map((c) => (
                <li>
                  <span class="govuk-body-s" safe>{`${c.date}, betyg ${c.rating}: `}</span>
                  <span safe>{c.comment}</span>
                </li>
              ))}
            </ul>
          </>
        ),
      )}
    </StaffLayout>
  );
}
