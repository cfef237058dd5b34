import Html from '@kitajs/html';
import { formatCount, formatMeasure, formatScore, type ControlView, type FollowUp, type StageUnitView, type StageView } from '../project-overview.ts';
import { SummaryRow, TextBlock } from '../../../../platform/web/components.tsx';
import { SentenceList } from './components.tsx';
import { followUpGroupText, liftText } from '../memo-text.ts';
import { formatSwedishDateTime } from '../../../../platform/dates.ts';

// The read-only views of decided stages, the control sample and the follow-up: shared by the project page
// and the memo, so both say exactly the same.

export const INCLUSION_LABELS: Record<StageUnitView['inclusion'], string> = {
  rule: 'Enligt regeln',
  added: 'Tillagd för hand',
  removed: 'Borttagen för hand',
  chosen: 'Vald för inspektion',
};

export function StageDecision({ view }: { view: StageView }) {
  return (
    <dl class="govuk-summary-list govuk-!-margin-bottom-6">
      <SummaryRow name="Urvalsgrund">
        <SentenceList sentences={view.criteriaLines} />
      </SummaryRow>
      <SummaryRow name="Motivering">
        <TextBlock text={view.rationale} />
      </SummaryRow>
      <SummaryRow name="Beslutat av">
        <span safe>{view.decidedByName}</span>
      </SummaryRow>
      <SummaryRow name="Tidpunkt">
        <span safe>{formatSwedishDateTime(view.decidedAt)}</span>
      </SummaryRow>
    </dl>
  );
}

/** The units of a decided stage: kept ones, then any removed by hand, each with the evidence it was judged on. */
export function StageUnitsTable({ view, headingLevel = 3 }: { view: StageView; headingLevel?: 3 | 4 }) {
  const rows = [...view.units, ...view.removed];
  const caption =
    view.stage === 3
      ? `${formatCount(view.units.length)} ${view.units.length === 1 ? 'verksamhet vald' : 'verksamheter valda'} för inspektion`
      : `${formatCount(view.units.length)} ${view.units.length === 1 ? 'verksamhet gick' : 'verksamheter gick'} vidare${view.removed.length > 0 ? `, ${formatCount(view.removed.length)} togs bort för hand` : ''}`;
  const measureHeading = `${view.measureLabel ?? 'Mått'}${view.measureUnit ? ` (${view.measureUnit})` : ''}`;
  return (
    <table class="govuk-table" data-stage={String(view.stage)}>
      <caption class={`govuk-table__caption ${headingLevel === 3 ? 'govuk-table__caption--s' : 'govuk-body-s'}`} safe>
        {caption}
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
            {measureHeading}
          </th>
          <th scope="col" class="govuk-table__header">
            Underlag
          </th>
          <th scope="col" class="govuk-table__header">
            {view.stage === 3 ? 'Skäl' : 'Beslut'}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((u) => (
          <tr class="govuk-table__row" data-unit-id={u.unitId} data-inclusion={u.inclusion}>
            <td class="govuk-table__cell" safe>
              {String(u.position)}
            </td>
            <td class="govuk-table__cell govuk-body-s">
              <strong safe>{u.name}</strong>
              <span class="govuk-!-display-block" safe>
                {u.kommun}
              </span>
              {u.provider ? (
                <span class="govuk-!-display-block" safe>
                  {u.provider}
                </span>
              ) : (
                ''
              )}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {view.stage === 3 ? formatScore(u.measure) : formatMeasure(u.measure)}
            </td>
            <td class="govuk-table__cell">
              <SentenceList sentences={u.evidence} empty="Inget avvikande i underlaget." />
            </td>
            <td class="govuk-table__cell govuk-body-s">
              {view.stage === 3 ? (
                <span safe>{u.reason ?? ''}</span>
              ) : (
                <>
                  <span safe>{INCLUSION_LABELS[u.inclusion]}</span>
                  {u.reason ? (
                    <span class="govuk-!-display-block" safe>
                      {`Skäl: ${u.reason}`}
                    </span>
                  ) : (
                    ''
                  )}
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ControlSampleView({ control }: { control: ControlView }) {
  return (
    <>
      <dl class="govuk-summary-list govuk-!-margin-bottom-6">
        <SummaryRow name="Storlek">
          <span safe>{`${formatCount(control.size)} av ${formatCount(control.frameSize)} verksamheter i ramen (populationen utom de valda)`}</span>
        </SummaryRow>
        <SummaryRow name="Frö">
          <span data-seed={String(control.seed)} safe>
            {String(control.seed)}
          </span>
        </SummaryRow>
        <SummaryRow name="Metod">
          <span safe>{control.method}</span>
        </SummaryRow>
        {control.rationale ? (
          <SummaryRow name="Kommentar">
            <TextBlock text={control.rationale} />
          </SummaryRow>
        ) : (
          ''
        )}
        <SummaryRow name="Draget av">
          <span safe>{`${control.drawnByName}, ${formatSwedishDateTime(control.drawnAt)}`}</span>
        </SummaryRow>
      </dl>
      <table class="govuk-table" data-control-sample="true">
        <caption class="govuk-table__caption govuk-table__caption--s">Verksamheterna i kontrollurvalet, i den ordning de drogs</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Nr
            </th>
            <th scope="col" class="govuk-table__header">
              Verksamhet
            </th>
            <th scope="col" class="govuk-table__header">
              Kommun
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {control.units.map((u, i) => (
            <tr class="govuk-table__row" data-unit-id={u.unitId}>
              <td class="govuk-table__cell" safe>
                {String(i + 1)}
              </td>
              <td class="govuk-table__cell" safe>
                {u.name}
              </td>
              <td class="govuk-table__cell" safe>
                {u.kommun}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}


export function FollowUpView({ followUp }: { followUp: FollowUp }) {
  return (
    <dl class="govuk-summary-list">
      <SummaryRow name="Valda verksamheter">
        <span safe>{followUpGroupText(followUp.chosen)}</span>
      </SummaryRow>
      <SummaryRow name="Kontrollurvalet">
        {followUp.control ? <span safe>{followUpGroupText(followUp.control)}</span> : <span>Inget kontrollurval draget</span>}
      </SummaryRow>
      <SummaryRow name="Träffsäkerhet jämfört med slumpen">
        <span safe>{liftText(followUp.lift)}</span>
      </SummaryRow>
    </dl>
  );
}
