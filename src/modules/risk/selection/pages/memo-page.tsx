import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import { STAGE_TITLES, type Stage } from '../decide-stage.ts';
import { METHOD_URL, methodParagraphs } from '../memo-text.ts';
import { formatCount, type ProjectOverview } from '../project-overview.ts';
import { SummaryRow, TextBlock } from '../../../../platform/web/components.tsx';
import { FunnelFigure } from './funnel-figure.tsx';
import { ControlSampleView, FollowUpView, StageDecision, StageUnitsTable } from './stage-views.tsx';
import { formatSwedishDateTime } from '../../../../platform/dates.ts';

/** The project as a memo: purpose, population, each stage's decision and units, the control sample, the method. */
export function MemoPage({ staff, overview, printedAt }: { staff: StaffUser; overview: ProjectOverview; printedAt: Date }) {
  const { project } = overview;
  const chosen = overview.stages.find((s) => s.stage === 3);
  return (
    <StaffLayout
      title={`PM: ${project.title}`}
      staff={staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: '/staff/urval', text: 'Urvalsprojekt' },
        { href: `/staff/urval/${project.id}`, text: project.title },
      ]}
    >
      <article class="vaka-memo">
        <span class="govuk-caption-l">PM, urvalsprojekt</span>
        <h1 class="govuk-heading-l" safe>
          {project.title}
        </h1>
        <p class="govuk-body-s" safe>
          {`Utskrivet ur Vaka ${formatSwedishDateTime(printedAt)}. Projektet skapades ${formatSwedishDateTime(project.created_at)} av ${project.created_by_name}.`}
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={`/staff/urval/${project.id}/memo.pdf`}>
            Ladda ned PM som PDF
          </a>
        </p>

        <h2 class="govuk-heading-m">Sammanfattning</h2>
        <p class="govuk-body" safe>
          {chosen
            ? `Av ${formatCount(project.population_count)} verksamheter (${overview.populationText}) valdes ${formatCount(chosen.kept)} för inspektion: ${chosen.units.map((u) => u.name).join(', ')}.`
            : `Urvalet pågår. Populationen är ${formatCount(project.population_count)} verksamheter (${overview.populationText}).`}
        </p>
        <FunnelFigure levels={overview.funnel} id="memo-tratt" />

        <h2 class="govuk-heading-m">Syfte</h2>
        <TextBlock text={project.purpose} />

        <h2 class="govuk-heading-m">Population</h2>
        <dl class="govuk-summary-list">
          {overview.populationRows.map((row) => (
            <SummaryRow name={row.label}>
              <span safe>{row.value}</span>
            </SummaryRow>
          ))}
          <SummaryRow name="Antal verksamheter">
            <span safe>{formatCount(project.population_count)}</span>
          </SummaryRow>
          <SummaryRow name="Underlag">
            <span safe>{`Nationell riskberäkning per ${project.as_of} (körning ${project.run_id})`}</span>
          </SummaryRow>
        </dl>

        {([1, 2, 3] as Stage[]).map((stage) => {
          const view = overview.stages.find((s) => s.stage === stage);
          return (
            <section aria-labelledby={`memo-steg-${stage}`}>
              <h2 class="govuk-heading-m" id={`memo-steg-${stage}`} safe>
                {STAGE_TITLES[stage]}
              </h2>
              {view ? (
                <>
                  <StageDecision view={view} />
                  <StageUnitsTable view={view} />
                </>
              ) : (
                <p class="govuk-body">Inte beslutat ännu.</p>
              )}
            </section>
          );
        })}

        <h2 class="govuk-heading-m">Kontrollurval</h2>
        {overview.control ? <ControlSampleView control={overview.control} /> : <p class="govuk-body">Inget kontrollurval är draget.</p>}

        {overview.followUp ? (
          <>
            <h2 class="govuk-heading-m">Uppföljning</h2>
            <p class="govuk-body" safe>
              {`Inspektioner sedan steg 3 beslutades (${overview.followUp.since}).`}
            </p>
            <FollowUpView followUp={overview.followUp} />
          </>
        ) : (
          ''
        )}

        <h2 class="govuk-heading-m">Om metoden</h2>
        {methodParagraphs(project).map((p) => (
          <p class="govuk-body" safe>
            {p}
          </p>
        ))}
        <p class="govuk-body">
          <a class="govuk-link" href={METHOD_URL}>
            Riskmetoden i sin helhet (formler, vikter och skäl)
          </a>
        </p>
      </article>
    </StaffLayout>
  );
}
