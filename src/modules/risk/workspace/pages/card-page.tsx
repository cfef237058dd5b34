import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import { formatLongDate, formatSwedishLongDate, formatSwedishLongDateTime } from '../../../../platform/dates.ts';
import { ALERT_KIND_LABELS, STATUS_TEXT, type AlertStatus } from '../../alerts/risk-alerts.ts';
import type { Contribution } from '../../score-units.ts';
import { METHOD } from '../../method.ts';
import { COLOURS } from '../charts/chart-parts.tsx';
import { CusumChart, type CusumInput } from '../charts/cusum-chart.tsx';
import { FunnelPlot, type FunnelPlotInput } from '../charts/funnel-plot.tsx';
import { SignalTimeline, type TimelineInput } from '../charts/signal-timeline.tsx';
import {
  formatDecimal2,
  formatInteger,
  formatScore,
  formLabel,
  legalFormLabel,
  outcomeLabel,
  permitStatusLabel,
  triggerText,
} from '../labels.ts';
import type { findInspections, findPermitDecisions, NationalRun, UnitPlace, UnitScore } from '../repository.ts';
import { SummaryRow } from '../../../../platform/web/components.tsx';
import { NoRunNotice, RiskTags } from './components.tsx';
import { departmentHref, kommunHref } from './overview-page.tsx';

// The unit risk card: the score and why, the unit among its peers (funnel plot), its CUSUM over the last
// year, its signals by risk area, and its inspections and permit decisions.

type Inspections = Awaited<ReturnType<typeof findInspections>>;
type Permits = Awaited<ReturnType<typeof findPermitDecisions>>;

export interface CardPageProps {
  staff: StaffUser;
  unit: UnitPlace;
  run: NationalRun | undefined;
  canRecompute: boolean;
  canReadRegister: boolean;
  /** Absent when the unit has no score (no run yet, or not open at the last run). */
  risk?: {
    score: UnitScore;
    /** Computed again for the card (not stored with the score). */
    contributions: Contribution[];
    scoredUnits: number;
    funnel: FunnelPlotInput;
    cusum: CusumInput;
    timeline: TimelineInput;
  };
  inspections: Inspections;
  permits: Permits;
  /** The unit's open risk alerts (CUSUM and hard triggers waiting in triage). */
  openAlerts: { id: number; kind: string; status: AlertStatus; raised_at: Date }[];
  /** Whether the person triages in the unit's department, and so acts on its alerts in the triage queue. */
  canTriage: boolean;
}

function ContributionsTable({ contributions, score }: { contributions: Contribution[]; score: UnitScore }): JSX.Element {
  if (contributions.length === 0) return <p class="govuk-body">Inget i underlaget höjer poängen.</p>;
  const products = contributions.map((c) => c.weight * c.value);
  const max = Math.max(...products, 1e-9);
  const halfAt = formatDecimal2(METHOD.scoreHalfAt);
  // Compared as shown (two decimals): a score is called lifted only when the floor changed what the sum gives,
  // and otherwise the sum ends in the score shown at the top.
  const converted = score.raw / (score.raw + METHOD.scoreHalfAt);
  const lifted = score.triggers.length > 0 && formatScore(converted) !== formatScore(score.score);
  return (
    <table class="govuk-table govuk-!-font-size-16" data-contributions="true">
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {`Varje del av poängen: vikt gånger värde. Delarna summeras till en råpoäng R, som blir riskpoängen R ÷ (R + ${halfAt}): ` +
          `${formatDecimal2(score.raw)} ÷ (${formatDecimal2(score.raw)} + ${halfAt}) = ${formatScore(lifted ? converted : score.score)}.` +
          (lifted ? ` Ett hårt larm höjer riskpoängen till ${formatScore(score.score)}.` : '')}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Skäl
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            Vikt × värde
          </th>
          <th scope="col" class="govuk-table__header">
            <span class="govuk-visually-hidden">Storlek i förhållande till det största bidraget</span>
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {contributions.map((c, i) => (
          <tr class="govuk-table__row" data-code={c.code}>
            <td class="govuk-table__cell" safe>
              {c.sentence}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {`${formatDecimal2(c.weight)} × ${formatDecimal2(c.value)} = ${formatDecimal2(products[i])}`}
            </td>
            <td class="govuk-table__cell">
              <svg xmlns="http://www.w3.org/2000/svg" width="120" height="14" viewBox="0 0 120 14" aria-hidden="true" focusable="false">
                <rect x="0" y="1" width="120" height="12" fill={COLOURS.paleFill} />
                <rect x="0" y="1" width={String(Math.max(0.5, Math.round((Math.max(0, products[i]) / max) * 1200) / 10))} height="12" fill={COLOURS.blue} />
              </svg>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">
            Råpoäng R (summan, minst 0)
          </th>
          <td class="govuk-table__cell govuk-table__cell--numeric" data-raw={String(score.raw)} safe>
            {formatDecimal2(score.raw)}
          </td>
          <td class="govuk-table__cell"></td>
        </tr>
      </tfoot>
    </table>
  );
}

function CusumState({ score, path, threshold }: { score: UnitScore; path: number[]; threshold: number }): JSX.Element {
  const last = path.length ? path[path.length - 1] : 0;
  const text = score.cusum_alarm
    ? `I larm: värdet ${formatDecimal2(last)} är över larmgränsen ${formatDecimal2(threshold)}. Signalerna har ökat mer än slumpen förklarar.`
    : `Inte i larm: värdet ${formatDecimal2(last)}, larmgränsen är ${formatDecimal2(threshold)}.`;
  return (
    <span data-cusum-state={score.cusum_alarm ? 'alarm' : 'quiet'} safe>
      {text}
    </span>
  );
}

function InspectionsTable({ inspections }: { inspections: Inspections }): JSX.Element {
  if (inspections.length === 0) return <p class="govuk-body">Inga inspektioner finns registrerade.</p>;
  return (
    <table class="govuk-table govuk-!-font-size-16" data-inspections="true">
      <caption class="govuk-table__caption govuk-table__caption--s">Inspektioner, den senaste först</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Datum
          </th>
          <th scope="col" class="govuk-table__header">
            Anmäld i förväg
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            Brister
          </th>
          <th scope="col" class="govuk-table__header">
            Utfall
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {inspections.map((i) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell" safe>
              {formatLongDate(i.date)}
            </td>
            <td class="govuk-table__cell">
              {i.announced === null ? 'Uppgift saknas' : i.announced ? 'Ja' : 'Nej, oanmäld'}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {formatInteger(i.deficiencies)}
            </td>
            <td class="govuk-table__cell" safe>
              {outcomeLabel(i.outcome)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PermitsSection({ permits }: { permits: Permits }): JSX.Element {
  if (permits.length === 0) return <p class="govuk-body">Verksamheten har inga tillstånd i registret.</p>;
  return (
    <>
      {permits.map((p) => (
        <table class="govuk-table govuk-!-font-size-16" data-permit={p.id}>
          <caption class="govuk-table__caption govuk-table__caption--s" safe>
            {`${legalFormLabel(p.legal_form)}: ${permitStatusLabel(p.status)} sedan ${formatLongDate(p.status_from)} (tillstånd ${p.id}, beviljat ${formatLongDate(p.granted_on)})`}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Från
              </th>
              <th scope="col" class="govuk-table__header">
                Beslut eller status
              </th>
              <th scope="col" class="govuk-table__header">
                Skäl
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {p.history.map((h) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell" safe>
                  {formatLongDate(h.valid_from)}
                </td>
                <td class="govuk-table__cell" safe>
                  {permitStatusLabel(h.status)}
                </td>
                <td class="govuk-table__cell" safe>
                  {h.reason ?? '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

export function CardPage(props: CardPageProps): JSX.Element {
  const { unit, risk, run } = props;
  const title = unit.name;
  const returnTo = `/staff/risk/enhet/${encodeURIComponent(unit.id)}`;
  return (
    <StaffLayout
      title={`Riskkort: ${title}`}
      staff={props.staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: '/staff/risk', text: 'Riskanalys' },
        { href: departmentHref(unit.department_code), text: unit.department_name },
        { href: kommunHref(unit.kommun), text: unit.kommun_name },
      ]}
    >
      <span class="govuk-caption-l">Riskkort</span>
      <h1 class="govuk-heading-l" safe>
        {title}
      </h1>
      <dl class="govuk-summary-list">
        <SummaryRow name="Verksamhetsform">
          <span safe>{formLabel(unit.form)}</span>
        </SummaryRow>
        <SummaryRow name="Kommun">
          <a class="govuk-link" href={kommunHref(unit.kommun)} safe>
            {unit.kommun_name}
          </a>
          <span safe>{`, ${unit.county_name}`}</span>
        </SummaryRow>
        <SummaryRow name="Vårdgivare eller huvudman">
          <span safe>{unit.provider_name}</span>
        </SummaryRow>
        {risk ? (
          <>
            <SummaryRow name="Riskpoäng (0–1)">
              <strong class="govuk-!-font-size-24" data-score={String(risk.score.score)} safe>
                {formatScore(risk.score.score)}
              </strong>
            </SummaryRow>
            <SummaryRow name="Plats i landet">
              <span data-rank={String(risk.score.national_rank)} safe>
                {`${formatInteger(risk.score.national_rank)} av ${formatInteger(risk.scoredUnits)}`}
              </span>
            </SummaryRow>
            <SummaryRow name="Öppna risklarm">
              {props.openAlerts.length === 0 ? (
                <span>Inga</span>
              ) : (
                <ul class="govuk-list" data-open-alerts="true">
                  {props.openAlerts.map((alert) => (
                    <li>
                      <a class="govuk-link" href={`/staff/riskalarm/${alert.id}`} safe>
                        {`${ALERT_KIND_LABELS[alert.kind] ?? alert.kind}, larm ${formatSwedishLongDate(alert.raised_at)}`}
                      </a>
                      <span safe>{` (${STATUS_TEXT[alert.status].toLowerCase()})`}</span>
                    </li>
                  ))}
                  <li>
                    <a class="govuk-link" href={props.canTriage ? '/staff/triage#risklarm-rubrik' : '/staff/risk/larm'}>
                      {props.canTriage ? 'Till larmen i triagekön' : 'Alla öppna risklarm'}
                    </a>
                  </li>
                </ul>
              )}
            </SummaryRow>
            <SummaryRow name="Hårda larm">
              {risk.score.triggers.length === 0 ? (
                <span>Inga</span>
              ) : (
                <ul class="govuk-list">
                  {risk.score.triggers.map((t) => (
                    <li>
                      <RiskTags triggers={[t]} cusumAlarm={false} /> <span safe>{triggerText(t)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </SummaryRow>
            <SummaryRow name="CUSUM">
              <CusumState score={risk.score} path={risk.cusum.path} threshold={risk.cusum.threshold} />
            </SummaryRow>
            <SummaryRow name="Beräknad">
              <span safe>{`För den ${formatLongDate(risk.score.as_of)} (${formatSwedishLongDateTime(risk.score.computed_at)})`}</span>
            </SummaryRow>
          </>
        ) : (
          ''
        )}
      </dl>
      {props.canReadRegister ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/staff/units/${encodeURIComponent(unit.id)}`}>
            Verksamheten i registret
          </a>
        </p>
      ) : (
        ''
      )}
      {!run ? (
        <NoRunNotice canRecompute={props.canRecompute} csrfToken={props.staff.csrfToken} returnTo={returnTo} />
      ) : !risk ? (
        <div class="govuk-inset-text" data-no-score="true">
          Verksamheten har ingen riskpoäng. Den var inte öppen när riskläget beräknades senast.
        </div>
      ) : (
        <>
          <h2 class="govuk-heading-m" id="varfor">
            Varför
          </h2>
          <ul class="govuk-list govuk-list--bullet" data-reasons="true">
            {risk.score.reasons.map((r) => (
              <li safe>{r}</li>
            ))}
          </ul>
          <h2 class="govuk-heading-m" id="bidrag">
            Poängens delar
          </h2>
          <ContributionsTable contributions={risk.contributions} score={risk.score} />
          <h2 class="govuk-heading-m" id="tratt">
            Jämfört med andra av samma form
          </h2>
          <p class="govuk-body">
            Varje prick är en verksamhet med samma verksamhetsform. Ju fler signaler som förväntas, desto smalare blir tratten: en stor verksamhet utanför
            gränserna avviker mer säkert än en liten. Punkter ovanför den övre gränsen har fler signaler än slumpen förklarar.
          </p>
          <FunnelPlot input={risk.funnel} />
          <h2 class="govuk-heading-m" id="cusum">
            Förändring över tid
          </h2>
          <p class="govuk-body">
            CUSUM summerar vecka för vecka hur mycket fler externa signaler verksamheten fått än vanligt. Värdet stiger när signalerna ökar och sjunker
            mot noll när det lugnar sig. Över larmgränsen är ökningen större än slumpen förklarar.
          </p>
          <CusumChart input={risk.cusum} />
          <h2 class="govuk-heading-m" id="signaler">
            Signaler efter riskområde
          </h2>
          <SignalTimeline input={risk.timeline} />
        </>
      )}
      <h2 class="govuk-heading-m" id="inspektioner">
        Inspektioner
      </h2>
      <InspectionsTable inspections={props.inspections} />
      <h2 class="govuk-heading-m" id="tillstand">
        Tillstånd och beslut
      </h2>
      <PermitsSection permits={props.permits} />
    </StaffLayout>
  );
}
