import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import { decimal } from '../../explain.ts';
import { reasonField, STAGE_TITLES } from '../decide-stage.ts';
import { formatCount, formatScore } from '../project-overview.ts';
import { evidenceSum, INDICATOR_CODES, SIGNAL_CODES, type SnapshotUnit } from '../rank-candidates.ts';
import { CsrfField, ErrorMessage, ErrorSummary, groupClass, TextArea } from '../../../../platform/web/components.tsx';
import { SentenceList } from './components.tsx';

export interface ChoosePageProps {
  staff: StaffUser;
  project: { id: number; title: string };
  /** The units that went on from stage 2, in stage 2's order. */
  candidates: SnapshotUnit[];
  chosen: Set<string>;
  reasons: Record<string, string>;
  rationale: string;
  errors: FieldError[];
}

export function ChoosePage(props: ChoosePageProps) {
  const title = STAGE_TITLES[3];
  return (
    <StaffLayout
      title={props.errors.length > 0 ? `Fel: ${title}` : title}
      staff={props.staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: '/staff/urval', text: 'Urvalsprojekt' },
        { href: `/staff/urval/${props.project.id}`, text: props.project.title },
      ]}
    >
      <ErrorSummary errors={props.errors} />
      <span class="govuk-caption-l" safe>
        {props.project.title}
      </span>
      <h1 class="govuk-heading-l" safe>
        {title}
      </h1>
      <p class="govuk-body" safe>
        {`${formatCount(props.candidates.length)} verksamheter gick vidare från steg 2. Välj de som ska inspekteras och skriv ett skäl för var och en.`}
      </p>
      <form method="post" action={`/staff/urval/${props.project.id}/steg/3`} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        <div class={groupClass(props.errors, 'valda')}>
          <fieldset class="govuk-fieldset">
            {/* A heading in the legend, so each unit's h3 follows an h2 (heading order). */}
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 class="govuk-fieldset__heading">Verksamheter från steg 2</h2>
            </legend>
            <ErrorMessage id="valda" errors={props.errors} />
            {props.candidates.map((unit, i) => {
              const inputId = i === 0 ? 'valda' : `valda-${i + 1}`;
              const field = reasonField(unit.unit_id);
              return (
                <div class="vaka-result" data-unit-id={unit.unit_id}>
                  <h3 class="govuk-heading-s" safe>
                    {`${i + 1}. ${unit.unit_name}`}
                  </h3>
                  <p class="govuk-body-s" safe>
                    {[
                      unit.kommun_name,
                      unit.provider_name,
                      `riskpoäng ${formatScore(unit.score)} (plats ${formatCount(unit.national_rank)} i riket)`,
                      `indikatorunderlag ${decimal(evidenceSum(unit, INDICATOR_CODES))}`,
                      `signalunderlag ${decimal(evidenceSum(unit, SIGNAL_CODES))}`,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                  <SentenceList sentences={unit.reasons} empty="Inget avvikande i underlaget." />
                  <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-top-3" data-module="govuk-checkboxes">
                    <div class="govuk-checkboxes__item">
                      <input class="govuk-checkboxes__input" id={inputId} name="valda" type="checkbox" value={unit.unit_id} checked={props.chosen.has(unit.unit_id)} />
                      <label class="govuk-label govuk-checkboxes__label" for={inputId} safe>
                        {`Inspektera ${unit.unit_name}`}
                      </label>
                    </div>
                  </div>
                  <TextArea id={field} label={`Skäl att inspektera ${unit.unit_name}`} value={props.reasons[unit.unit_id] ?? ''} errors={props.errors} rows={2} />
                </div>
              );
            })}
          </fieldset>
        </div>
        <TextArea
          id="motivering"
          label="Motivering till beslutet"
          hint="Hur valet gjordes som helhet, till exempel hur många inspektioner som ryms. Motiveringen står i projektets PM."
          value={props.rationale}
          errors={props.errors}
          rows={4}
          labelClass="govuk-label--m"
        />
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Besluta steg 3
        </button>
      </form>
    </StaffLayout>
  );
}
