import Html from '@kitajs/html';
import type { StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import { RISK_AREAS } from '../../../registry/index.ts';
import type { CaseAccess } from '../../access.ts';
import type { CaseHeader } from '../../case-header.ts';
import { CaseLayout, caseUrl } from '../../case-layout.tsx';
import { INSPECTION_STATUS_LABELS, INTERVIEWEE_LABELS, INTERVIEWEES, SEVERITY_LABELS } from '../labels.ts';
import type { InspectionView } from '../read-investigation.ts';
import type { FindingRow } from '../repository.ts';
import { Choices, CsrfField, ErrorSummary, Select, SuccessBanner, SummaryRow, TextArea, TextBlock, TextInput } from '../../../../platform/web/components.tsx';
import { Tag } from './components.tsx';
import { formatLongDate, formatSwedishDateTime } from '../../../../platform/dates.ts';

export interface InspectionFormValues {
  performedOn: string;
  riskArea: string;
  legalBasis: string;
  finding: string;
  severity: string;
  interviewee: string;
  summary: string;
  userPerspective: string;
}
export const EMPTY_INSPECTION_FORM: InspectionFormValues = { performedOn: '', riskArea: '', legalBasis: '', finding: '', severity: '', interviewee: '', summary: '', userPerspective: '' };

export const INSPECTION_PAGE_DONE_TEXTS: Record<string, string> = {
  planerad: 'Inspektionen är planerad.',
  genomford: 'Inspektionen är registrerad som genomförd och inspektionsprotokollet är registrerat som sekretessmarkerad handling.',
  iakttagelse: 'Iakttagelsen är sparad.',
  intervju: 'Intervjun är sparad och registrerad som sekretessmarkerad handling.',
};

export interface InspectionPageProps {
  staff: StaffUser;
  header: CaseHeader;
  access: CaseAccess;
  view: InspectionView;
  today: string;
  values: InspectionFormValues;
  errors: FieldError[];
  done?: string;
}

const SEVERITY_TAGS: Record<number, string> = { 1: 'govuk-tag--grey', 2: 'govuk-tag--yellow', 3: 'govuk-tag--orange', 4: 'govuk-tag--red' };
const riskAreaLabel = (code: string) => (RISK_AREAS as Record<string, string>)[code] ?? code;

function FindingsByArea({ findings }: { findings: FindingRow[] }) {
  if (findings.length === 0) return <p class="govuk-body">Inga iakttagelser är registrerade.</p>;
  const areas = [...new Set(findings.map((f) => f.risk_area))];
  return (
    <>
      {areas.map((area) => (
        <section class="govuk-!-margin-bottom-6" aria-labelledby={`omrade-${area}`}>
          <h4 class="govuk-heading-s" id={`omrade-${area}`} safe>
            {riskAreaLabel(area)}
          </h4>
          {findings
            .filter((f) => f.risk_area === area)
            .map((f) => (
              <div class="govuk-inset-text">
                <p class="govuk-body">
                  <Tag text={`${f.severity} – ${SEVERITY_LABELS[f.severity] ?? ''}`} modifier={SEVERITY_TAGS[f.severity]} /> <span safe>{f.legal_basis}</span>
                </p>
                <TextBlock text={f.finding} />
              </div>
            ))}
        </section>
      ))}
    </>
  );
}

export function InspectionPage(props: InspectionPageProps) {
  const { header, access, view, errors, values } = props;
  const i = view.inspection;
  const base = caseUrl(header.id, `/inspektioner/${i.id}`);
  const csrf = props.staff.csrfToken;
  const performed = i.status === 'performed';
  const perspectives = (view.interviews ?? []).filter((v) => v.user_perspective);
  return (
    <CaseLayout staff={props.staff} header={header} tab="inspections" title={`Inspektion av ${i.unit_name}`}>
      {props.done && INSPECTION_PAGE_DONE_TEXTS[props.done] ? <SuccessBanner text={INSPECTION_PAGE_DONE_TEXTS[props.done]} /> : ''}
      <ErrorSummary errors={errors} />
      <p class="govuk-body">
        <a class="govuk-back-link govuk-!-margin-top-0" href={caseUrl(header.id, '/inspektioner')}>
          Alla inspektioner i ärendet
        </a>
      </p>
      <h2 class="govuk-heading-m" safe>
        {`Inspektion av ${i.unit_name}`}
      </h2>
      <dl class="govuk-summary-list">
        <SummaryRow name="Form">
          <span>{i.announced ? 'Anmäld' : 'Oanmäld'}</span>
        </SummaryRow>
        <SummaryRow name="Planerad">
          <span safe>{formatLongDate(i.planned_on)}</span>
        </SummaryRow>
        <SummaryRow name="Status">
          <span safe>{`${INSPECTION_STATUS_LABELS[i.status]}${i.performed_on ? ` ${formatLongDate(i.performed_on)}` : ''}`}</span>
        </SummaryRow>
        <SummaryRow name="Team">
          <span safe>{i.team.map((m) => m.name).join(', ') || '–'}</span>
        </SummaryRow>
        <SummaryRow name="Urvalsprojekt">
          {i.selection_project_id ? (
            <a class="govuk-link" href={`/staff/urval/${i.selection_project_id}`} safe>
              {i.project_title ?? `Projekt ${i.selection_project_id}`}
            </a>
          ) : (
            <span>Inget</span>
          )}
        </SummaryRow>
      </dl>

      {access.canWork && i.status === 'planned' ? (
        <>
          <form method="post" action={`${base}/genomford`} novalidate>
            <CsrfField token={csrf} />
            <h3 class="govuk-heading-s">Registrera att inspektionen är genomförd</h3>
            <TextInput id="performedOn" label="Genomförd dag" hint="ÅÅÅÅ-MM-DD" value={values.performedOn || props.today} errors={errors} width="10" />
            <button type="submit" class="govuk-button" data-module="govuk-button">
              Registrera som genomförd
            </button>
          </form>
          <form method="post" action={`${base}/installd`}>
            <CsrfField token={csrf} />
            <button type="submit" id="cancel" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              Ställ in inspektionen
            </button>
          </form>
        </>
      ) : (
        ''
      )}

      <h2 class="govuk-heading-m">Bedömning</h2>
      <h3 class="govuk-heading-s">Iakttagelser per riskområde</h3>
      <FindingsByArea findings={view.findings} />

      <section class="govuk-!-margin-bottom-6" aria-labelledby="perspektiv">
        <h3 class="govuk-heading-s" id="perspektiv">
          Patientens och brukarens perspektiv
        </h3>
        {view.interviews === null ? (
          <p class="govuk-body govuk-hint">Det patienter, brukare och närstående har sagt visas bara för ärendets team.</p>
        ) : perspectives.length === 0 ? (
          <p class="govuk-body">Inga intervjuer med patienter, brukare eller närstående har sparat vad som är viktigt för dem.</p>
        ) : (
          perspectives.map((v) => (
            <div class="govuk-inset-text">
              <p class="govuk-body-s govuk-!-font-weight-bold" safe>
                {`${INTERVIEWEE_LABELS[v.interviewee]}: vad som är viktigt för patienten eller brukaren`}
              </p>
              <TextBlock text={v.user_perspective ?? ''} />
            </div>
          ))
        )}
      </section>

      <section class="govuk-!-margin-bottom-6" aria-labelledby="intervjuer">
        <h3 class="govuk-heading-s" id="intervjuer">
          Intervjuer
        </h3>
        {view.interviews === null ? (
          <p class="govuk-body govuk-hint" safe>
            {`${view.interviewCount} ${view.interviewCount === 1 ? 'intervju' : 'intervjuer'}. Intervjuerna innehåller personuppgifter och visas bara för ärendets team.`}
          </p>
        ) : view.interviews.length === 0 ? (
          <p class="govuk-body">Inga intervjuer är registrerade.</p>
        ) : (
          view.interviews.map((v) => (
            <div class="govuk-summary-card">
              <div class="govuk-summary-card__title-wrapper">
                <h4 class="govuk-summary-card__title" safe>
                  {`${INTERVIEWEE_LABELS[v.interviewee]}, ${formatSwedishDateTime(v.created_at)}`}
                </h4>
              </div>
              <div class="govuk-summary-card__content">
                <TextBlock text={v.summary} />
              </div>
            </div>
          ))
        )}
      </section>

      {access.canWork && performed ? (
        <form method="post" action={`${base}/iakttagelser`} novalidate>
          <CsrfField token={csrf} />
          <h2 class="govuk-heading-m">Lägg till en iakttagelse</h2>
          <Select
            id="riskArea"
            label="Riskområde"
            value={values.riskArea}
            options={[{ value: '', text: 'Välj riskområde' }, ...Object.entries(RISK_AREAS).map(([value, text]) => ({ value, text }))]}
            errors={errors}
          />
          <TextInput id="legalBasis" label="Lagrum" hint="Den bestämmelse iakttagelsen bedöms mot, till exempel 5 kap. 1 § HSL" value={values.legalBasis} errors={errors} />
          <TextArea id="finding" label="Iakttagelse" value={values.finding} errors={errors} rows={5} />
          <Choices
            id="severity"
            type="radio"
            legend="Hur allvarlig är bristen?"
            options={[1, 2, 3, 4].map((n) => ({ value: String(n), text: `${n} – ${SEVERITY_LABELS[n]}` }))}
            checked={values.severity ? [values.severity] : []}
            errors={errors}
            small
            inline
          />
          <button type="submit" class="govuk-button" data-module="govuk-button">
            Spara iakttagelsen
          </button>
        </form>
      ) : (
        ''
      )}

      {access.canWork && access.inTeam && performed ? (
        <form method="post" action={`${base}/intervjuer`} novalidate>
          <CsrfField token={csrf} />
          <h2 class="govuk-heading-m">Lägg till en intervju</h2>
          <Choices
            id="interviewee"
            type="radio"
            legend="Vem intervjuade ni?"
            options={INTERVIEWEES.map((value) => ({ value, text: INTERVIEWEE_LABELS[value] }))}
            checked={values.interviewee ? [values.interviewee] : []}
            errors={errors}
            small
            inline
          />
          <TextArea id="summary" label="Sammanfattning av intervjun" hint="Skriv inga namn eller personnummer: intervjun registreras som sekretessmarkerad handling." value={values.summary} errors={errors} rows={6} />
          <TextArea
            id="userPerspective"
            label="Vad som är viktigt för patienten/brukaren"
            hint="Med patientens, brukarens eller den närståendes egna ord. Visas i ett eget avsnitt i bedömningen."
            value={values.userPerspective}
            errors={errors}
            rows={4}
          />
          <button type="submit" class="govuk-button" data-module="govuk-button">
            Spara intervjun
          </button>
        </form>
      ) : (
        ''
      )}
      {access.canWork && !access.inTeam && performed ? <p class="govuk-inset-text">Bara ärendets team kan registrera intervjuer.</p> : ''}
    </CaseLayout>
  );
}
