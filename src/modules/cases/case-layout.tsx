import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../platform/auth/index.ts';
import type { CaseHeader } from './case-header.ts';
import { CASE_TYPE_LABELS } from './open-case.ts';

export const CASE_STATUS_LABELS: Record<string, string> = {
  open: 'Öppnat',
  investigation: 'Utreds',
  decided: 'Beslutat',
  follow_up: 'Uppföljning',
  closed: 'Avslutat',
};

export type CaseTab = 'overview' | 'requests' | 'inspections' | 'decisions';

const TABS: { tab: CaseTab; text: string; path: string }[] = [
  { tab: 'overview', text: 'Översikt och handlingar', path: '' },
  { tab: 'requests', text: 'Begäran till verksamheten', path: '/begaran' },
  { tab: 'inspections', text: 'Inspektioner', path: '/inspektioner' },
  { tab: 'decisions', text: 'Beslut och uppföljning', path: '/beslut' },
];

export const caseUrl = (caseId: number, path = '') => `/staff/arenden/${caseId}${path}`;

/** Every staff page of a case: the case's heading and facts, and the tabs between its parts. */
export function CaseLayout(props: { staff: StaffUser; header: CaseHeader; tab: CaseTab; title: string; children?: Html.Children }): JSX.Element {
  const h = props.header;
  return (
    <StaffLayout
      title={`${props.title} – ${h.diarienummer}`}
      staff={props.staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: '/staff/arenden', text: 'Ärenden' },
      ]}
    >
      <span class="govuk-caption-l" safe>
        {`${h.diarienummer} · ${CASE_TYPE_LABELS[h.case_type] ?? h.case_type}`}
      </span>
      <h1 class="govuk-heading-l" safe>
        {h.title}
      </h1>
      <p class="govuk-body">
        <strong class="govuk-tag" safe>
          {CASE_STATUS_LABELS[h.status] ?? h.status}
        </strong>
        {h.unit_name ? <span safe>{` ${h.unit_name}`}</span> : ''}
        {h.provider_name ? <span safe>{` (${h.provider_name})`}</span> : ''}
        {h.department_name ? <span safe>{` · ${h.department_name}`}</span> : ''}
        <span safe>{` · Ansvarig: ${h.responsible_name ?? 'ingen utsedd'}`}</span>
      </p>
      <nav aria-label="Ärendets delar" class="govuk-!-margin-bottom-6">
        <ul class="govuk-list vaka-tabs">
          {TABS.map((t) => (
            <li class="govuk-!-display-inline-block govuk-!-margin-right-4">
              {t.tab === props.tab ? (
                <a class="govuk-link govuk-link--no-visited-state govuk-!-font-weight-bold" href={caseUrl(h.id, t.path)} aria-current="page">
                  <span safe>{t.text}</span>
                </a>
              ) : (
                <a class="govuk-link govuk-link--no-visited-state" href={caseUrl(h.id, t.path)}>
                  <span safe>{t.text}</span>
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {props.children}
    </StaffLayout>
  );
}
