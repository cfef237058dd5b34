import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import { STAGE_TITLES, type Stage } from '../decide-stage.ts';
import { formatCount, type ProjectOverview } from '../project-overview.ts';
import { CsrfField, ErrorSummary, SummaryRow, SuccessBanner, TextArea, TextBlock, TextInput } from '../../../../platform/web/components.tsx';
import { FunnelFigure } from './funnel-figure.tsx';
import { ControlSampleView, FollowUpView, StageDecision, StageUnitsTable } from './stage-views.tsx';
import { formatSwedishDateTime } from '../../../../platform/dates.ts';

export const DONE_MESSAGES: Record<string, string> = {
  skapat: 'Projektet är skapat och populationen är sparad.',
  steg1: 'Steg 1 är beslutat.',
  steg2: 'Steg 2 är beslutat.',
  steg3: 'Steg 3 är beslutat. Verksamheterna som ska inspekteras är valda.',
  kontroll: 'Kontrollurvalet är draget och sparat.',
};

export interface ControlForm {
  antal: string;
  fro: string;
  motivering: string;
}

export interface ProjectPageProps {
  staff: StaffUser;
  overview: ProjectOverview;
  done?: string;
  controlForm: ControlForm;
  errors: FieldError[];
  /** Units that can be drawn for the control sample (the population minus the chosen ones). */
  frameSize: number;
}

const STAGE_INTRO: Record<Stage, string> = {
  1: 'Populationen rangordnas efter externa indikatorer, till exempel Nationella patientenkäten och väntetider. Du väljer vad som ska avgöra och hur många som går vidare, och kan lägga till eller ta bort verksamheter för hand med ett skäl.',
  2: 'Verksamheterna från steg 1 rangordnas efter IVO:s egna signaler: ökning över tid, jämförelse med liknande verksamheter, allvarliga och akuta signaler. Hårda larm står först.',
  3: 'Du väljer vilka av verksamheterna från steg 2 som ska inspekteras, med ett skäl för varje.',
};

function StageSection({ stage, overview }: { stage: Stage; overview: ProjectOverview }) {
  const view = overview.stages.find((s) => s.stage === stage);
  const previousDone = stage === 1 || overview.stages.some((s) => s.stage === stage - 1);
  const id = overview.project.id;
  return (
    <section class="vaka-section" id={`steg-${stage}`} aria-labelledby={`steg-${stage}-rubrik`}>
      <h2 class="govuk-heading-m" id={`steg-${stage}-rubrik`} safe>
        {STAGE_TITLES[stage]}
      </h2>
      {view ? (
        <>
          <StageDecision view={view} />
          <StageUnitsTable view={view} />
        </>
      ) : previousDone ? (
        <>
          <p class="govuk-body" safe>
            {STAGE_INTRO[stage]}
          </p>
          <a class="govuk-button" href={`/staff/urval/${id}/steg/${stage}`} data-module="govuk-button">
            <span safe>{`Gör steg ${stage}`}</span>
          </a>
        </>
      ) : (
        <p class="govuk-body" safe>
          {`Görs när steg ${stage - 1} är beslutat.`}
        </p>
      )}
    </section>
  );
}

function ControlSection({ overview, controlForm, errors, frameSize, staff }: Omit<ProjectPageProps, 'done'>) {
  const stage3 = overview.stages.some((s) => s.stage === 3);
  return (
    <section class="vaka-section" id="kontrollurval" aria-labelledby="kontrollurval-rubrik">
      <h2 class="govuk-heading-m" id="kontrollurval-rubrik">
        Kontrollurval (valfritt)
      </h2>
      <p class="govuk-body">
        Ett slumpmässigt urval bland de verksamheter i populationen som inte valdes. Om även de inspekteras kan resultaten jämföras: hittar
        urvalet brister oftare än slumpen?
      </p>
      {overview.control ? (
        <ControlSampleView control={overview.control} />
      ) : !stage3 ? (
        <p class="govuk-body">Kontrollurvalet kan dras när steg 3 är beslutat.</p>
      ) : frameSize === 0 ? (
        <p class="govuk-body">Alla verksamheter i populationen är valda, så det finns inga kvar att dra bland.</p>
      ) : (
        <form method="post" action={`/staff/urval/${overview.project.id}/kontrollurval`} novalidate>
          <CsrfField token={staff.csrfToken} />
          <TextInput spellcheck={false}
            id="kontroll-antal"
            label="Antal verksamheter"
            hint={`Ett heltal från 1 till ${formatCount(frameSize)}.`}
            value={controlForm.antal}
            errors={errors}
            width="4"
            inputmode="numeric"
          />
          <TextInput spellcheck={false}
            id="kontroll-fro"
            label="Frö (valfritt)"
            hint="Ett heltal som bestämmer slumpen. Lämna tomt så dras ett frö, som sparas. Samma frö ger alltid samma urval."
            value={controlForm.fro}
            errors={errors}
            width="10"
            inputmode="numeric"
          />
          <TextArea id="kontroll-motivering" label="Kommentar (valfritt)" value={controlForm.motivering} errors={errors} rows={2} />
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            Dra kontrollurvalet
          </button>
        </form>
      )}
    </section>
  );
}

export function ProjectPage(props: ProjectPageProps) {
  const { staff, overview } = props;
  const { project } = overview;
  return (
    <StaffLayout
      title={props.errors.length > 0 ? `Fel: ${project.title}` : project.title}
      staff={staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: '/staff/urval', text: 'Urvalsprojekt' },
      ]}
    >
      {props.done && DONE_MESSAGES[props.done] ? <SuccessBanner text={DONE_MESSAGES[props.done]} /> : ''}
      <ErrorSummary errors={props.errors} />
      <span class="govuk-caption-l">Urvalsprojekt</span>
      <h1 class="govuk-heading-l" safe>
        {project.title}
      </h1>
      <dl class="govuk-summary-list govuk-!-margin-bottom-8">
        <SummaryRow name="Syfte">
          <TextBlock text={project.purpose} />
        </SummaryRow>
        <SummaryRow name="Population">
          <span safe>{`${overview.populationText}: ${formatCount(project.population_count)} verksamheter`}</span>
        </SummaryRow>
        <SummaryRow name="Underlag">
          <span safe>{`Nationell riskberäkning per ${project.as_of} (körning ${project.run_id}), sparad när projektet skapades`}</span>
        </SummaryRow>
        <SummaryRow name="Avdelning">
          <span safe>{overview.departmentName ?? 'Flera avdelningar (nationellt projekt)'}</span>
        </SummaryRow>
        <SummaryRow name="Skapat">
          <span safe>{`${formatSwedishDateTime(project.created_at)} av ${project.created_by_name}`}</span>
        </SummaryRow>
      </dl>
      <h2 class="govuk-heading-m">Urvalstratten</h2>
      <FunnelFigure levels={overview.funnel} />
      <p class="govuk-body">
        <a class="govuk-link" href={`/staff/urval/${project.id}/memo`}>
          Läs projektets PM
        </a>
        {' · '}
        <a class="govuk-link" href={`/staff/urval/${project.id}/memo.pdf`}>
          Ladda ned PM som PDF
        </a>
      </p>
      <StageSection stage={1} overview={overview} />
      <StageSection stage={2} overview={overview} />
      <StageSection stage={3} overview={overview} />
      <ControlSection staff={staff} overview={overview} controlForm={props.controlForm} errors={props.errors} frameSize={props.frameSize} />
      {overview.followUp ? (
        <section class="vaka-section" id="uppfoljning" aria-labelledby="uppfoljning-rubrik">
          <h2 class="govuk-heading-m" id="uppfoljning-rubrik">
            Uppföljning
          </h2>
          <p class="govuk-body" safe>
            {`Inspektioner sedan steg 3 beslutades (${overview.followUp.since}).`}
          </p>
          <FollowUpView followUp={overview.followUp} />
        </section>
      ) : (
        ''
      )}
    </StaffLayout>
  );
}
