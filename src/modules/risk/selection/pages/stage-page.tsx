import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import { STAGE_TITLES } from '../decide-stage.ts';
import { formatCount, formatMeasure, formatScore } from '../project-overview.ts';
import { ruleText, type CriteriaForm, type MeasureOption, type RankedCandidate, type RankedStage, type StageCriteria } from '../rank-candidates.ts';
import { Choices, CsrfField, ErrorMessage, ErrorSummary, groupClass, TextArea, TextInput } from '../../../../platform/web/components.tsx';
import { SentenceList } from './components.tsx';

export interface StagePageProps {
  staff: StaffUser;
  project: { id: number; title: string };
  stage: RankedStage;
  candidates: number;
  options: MeasureOption[];
  form: CriteriaForm;
  /** The criteria the table was ranked by (null when the form's criteria are not valid). */
  criteria: StageCriteria | null;
  ranked: RankedCandidate[] | null;
  /** Unit ids ticked to go on (by default those the rule keeps). */
  kept: Set<string>;
  manualReason: string;
  rationale: string;
  errors: FieldError[];
  /** After a send of the decision form: the criteria the ticks were made on (they travel along while no
   * ranking can be shown), and whether ticks made by hand were undone because the criteria changed. */
  sent?: { shown: CriteriaForm; handTicksUndone: boolean };
}

const INTRO: Record<RankedStage, string> = {
  1: 'Rangordna populationen efter externa indikatorer och välj hur många som går vidare. Tabellen visar underlaget för varje verksamhet. Du kan bocka i eller ur verksamheter för hand; skriv då varför.',
  2: 'Rangordna verksamheterna från steg 1 efter IVO:s egna signaler och välj hur många som går vidare. Verksamheter med hårda larm står först. Du kan bocka i eller ur verksamheter för hand; skriv då varför.',
};

/** The criteria fields: their own GET form before a ranking is shown; inside the decision form after, so the
 * decision is always taken on the criteria in view ("Visa rangordningen" then posts them back to be shown). */
function CriteriaFields({ props, inDecision }: { props: StagePageProps; inDecision: boolean }) {
  const { form, errors } = props;
  const Wrapper = ({ children }: { children: JSX.Element[] }) =>
    inDecision ? (
      <div class="vaka-filters">{children}</div>
    ) : (
      <form method="get" action={`/staff/urval/${props.project.id}/steg/${props.stage}`} class="vaka-filters" novalidate>
        {children}
      </form>
    );
  return (
    <Wrapper>
      <h2 class="govuk-heading-m">Urvalsgrund</h2>
      <Choices
        id="matt"
        type="radio"
        legend="Rangordna efter"
        options={props.options.map((o) => ({ value: o.value, text: o.label, hint: o.hint }))}
        checked={[form.matt]}
        errors={errors}
        small
      />
      <Choices
        id="regel"
        type="radio"
        legend="Vilka går vidare"
        options={[
          { value: 'antal', text: 'Ett antal: de högst rangordnade', hint: 'Skriv antalet i fältet Antal.' },
          { value: 'grans', text: 'Ett gränsvärde: alla med minst det värdet', hint: 'Skriv värdet i fältet Gränsvärde.' },
        ]}
        checked={[form.regel]}
        errors={errors}
        small
      />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <TextInput spellcheck={false} id="antal" label="Antal" hint={`Ett heltal från 1 till ${formatCount(props.candidates)}.`} value={form.antal} errors={errors} width="4" inputmode="numeric" />
        </div>
        <div class="govuk-grid-column-one-half">
          <TextInput spellcheck={false} id="grans" label="Gränsvärde" hint="I måttets enhet, till exempel 1,5." value={form.grans} errors={errors} width="5" />
        </div>
      </div>
      <button type="submit" name="atgard" value="visa" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
        Visa rangordningen
      </button>
    </Wrapper>
  );
}

function CandidateTable({ props, ranked, criteria }: { props: StagePageProps; ranked: RankedCandidate[]; criteria: StageCriteria }) {
  const unit = props.options.find((o) => o.value === criteria.measure);
  const byRule = ranked.filter((r) => r.byRule).length;
  return (
    <div class={groupClass(props.errors, 'enheter')}>
      <ErrorMessage id="enheter" errors={props.errors} />
      <table class="govuk-table" data-candidates="true">
        <caption class="govuk-table__caption govuk-table__caption--m" safe>
          {`${formatCount(ranked.length)} kandidater i rangordning. ${formatCount(byRule)} går vidare enligt regeln.`}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Plats
            </th>
            <th scope="col" class="govuk-table__header">
              Verksamhet
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric" safe>
              {`${unit?.label ?? 'Mått'} (${unit?.unit ?? ''})`}
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              Riskpoäng (0–1)
            </th>
            <th scope="col" class="govuk-table__header">
              Underlag
            </th>
            <th scope="col" class="govuk-table__header">
              Går vidare
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {ranked.map((r, i) => {
            const inputId = i === 0 ? 'enheter' : `enheter-${i + 1}`;
            return (
              <tr class="govuk-table__row" data-unit-id={r.unit.unit_id} data-by-rule={String(r.byRule)}>
                <td class="govuk-table__cell" safe>
                  {String(r.position)}
                </td>
                <td class="govuk-table__cell govuk-body-s">
                  <strong safe>{r.unit.unit_name}</strong>
                  <span class="govuk-!-display-block" safe>
                    {r.unit.kommun_name}
                  </span>
                  {r.unit.provider_name ? (
                    <span class="govuk-!-display-block" safe>
                      {r.unit.provider_name}
                    </span>
                  ) : (
                    ''
                  )}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {formatMeasure(r.measure)}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {formatScore(r.unit.score)}
                </td>
                <td class="govuk-table__cell">
                  <SentenceList sentences={r.evidence} empty="Inget avvikande i underlaget." />
                </td>
                <td class="govuk-table__cell">
                  <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    <div class="govuk-checkboxes__item">
                      <input class="govuk-checkboxes__input" id={inputId} name="enheter" type="checkbox" value={r.unit.unit_id} checked={props.kept.has(r.unit.unit_id)} />
                      <label class="govuk-label govuk-checkboxes__label" for={inputId}>
                        Vidare<span class="govuk-visually-hidden" safe>{`: ${r.unit.unit_name}`}</span>
                      </label>
                    </div>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The decision form's start: the token, the default button, the criteria the ticks were made on, the fields. */
function DecisionFormStart({ props, shown }: { props: StagePageProps; shown: CriteriaForm }) {
  return (
    <>
      <CsrfField token={props.staff.csrfToken} />
      {/* The default button first: Enter in a field decides nothing, it shows the ranking again. */}
      <button type="submit" name="atgard" value="visa" class="govuk-visually-hidden" tabindex="-1" aria-hidden="true">
        Visa rangordningen
      </button>
      {/* The criteria the candidates were ranked by: a decision on other criteria is refused. */}
      <input type="hidden" name="visad-matt" value={shown.matt} />
      <input type="hidden" name="visad-regel" value={shown.regel} />
      <input type="hidden" name="visad-antal" value={shown.antal} />
      <input type="hidden" name="visad-grans" value={shown.grans} />
      <CriteriaFields props={props} inDecision={true} />
    </>
  );
}

function DecisionTexts({ props }: { props: StagePageProps }) {
  return (
    <>
      <TextArea
        id="handskal"
        label="Skäl till ändringar för hand"
        hint="Behövs bara om du har bockat i eller ur verksamheter så att urvalet skiljer sig från regeln."
        value={props.manualReason}
        errors={props.errors}
        rows={3}
      />
      <TextArea
        id="motivering"
        label="Motivering till beslutet"
        hint="Varför den här urvalsgrunden och det här antalet. Motiveringen står i projektets PM."
        value={props.rationale}
        errors={props.errors}
        rows={4}
        labelClass="govuk-label--m"
      />
    </>
  );
}

export function StagePage(props: StagePageProps) {
  const title = STAGE_TITLES[props.stage];
  const { criteria, ranked } = props;
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
        {INTRO[props.stage]}
      </p>
      {criteria && ranked ? (
        <form method="post" action={`/staff/urval/${props.project.id}/steg/${props.stage}`} novalidate>
          <DecisionFormStart props={props} shown={props.form} />
          <h2 class="govuk-heading-m govuk-!-margin-top-6">Kandidater</h2>
          {props.sent?.handTicksUndone ? (
            <div class="govuk-inset-text">Urvalsgrunden är ändrad, så bockarna följer regeln igen. Gör om ändringar för hand om de behövs.</div>
          ) : (
            ''
          )}
          <p class="govuk-body" safe>
            {ruleText(props.stage, criteria.rule, criteria.measure)}
          </p>
          <CandidateTable props={props} ranked={ranked} criteria={criteria} />
          <DecisionTexts props={props} />
          <button type="submit" name="atgard" value="besluta" class="govuk-button" data-module="govuk-button">
            <span safe>{`Besluta steg ${props.stage}`}</span>
          </button>
        </form>
      ) : props.sent ? (
        // Criteria not valid after a send: no ranking to decide on, but nothing written or ticked is lost.
        <form method="post" action={`/staff/urval/${props.project.id}/steg/${props.stage}`} novalidate>
          <DecisionFormStart props={props} shown={props.sent.shown} />
          {[...props.kept].map((id) => (
            <input type="hidden" name="enheter" value={id} />
          ))}
          <DecisionTexts props={props} />
        </form>
      ) : (
        <CriteriaFields props={props} inDecision={false} />
      )}
    </StaffLayout>
  );
}
