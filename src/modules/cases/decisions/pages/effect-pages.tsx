import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import type { CaseHeader } from '../../case-header.ts';
import { CaseLayout, caseUrl } from '../../case-layout.tsx';
import { EFFECT_METHOD } from '../effect/effect-data.ts';
import type { DecisionEffectRow, IndicatorEffectRow, ToolEffectRow } from '../effect/effect-view.ts';
import { formatDecimal, formatInteger, formatPercent, formatRate, formatSigned, formatSignedRate, formLabel, TOOL_LABELS } from '../labels.ts';
import { DataTable } from '../../../../platform/web/chart-figure.tsx';
import { SlopeChart, ToolEffectChart } from './effect-charts.tsx';
import { formatLongDate } from '../../../../platform/dates.ts';

// The effect view: for one decision, and per decision tool over all decisions followed long enough.

const rate = (x: number | null) => (x === null ? '–' : formatRate(x));
const intervalText = (i: { low: number; high: number } | null, format = formatSignedRate) => (i ? `${format(i.low)} till ${format(i.high)}` : 'kan inte räknas ut');
const weeksText = (weeks: number) => `${formatInteger(Math.round(weeks))} veckor`;

export function MethodText(): JSX.Element {
  return (
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Så räknas effekten ut</span>
      </summary>
      <div class="govuk-details__text">
        <p class="govuk-body">
          Vi räknar externa signaler om verksamheten: tips, klagomål, samtal till upplysningstjänsten och till Barn- och ungdomslinjen, uppgifter från polis, Arbetsmiljöverket
          och medier. Lex Maria- och lex Sarah-anmälningar räknas inte, eftersom de är verksamhetens egna rapporter och ofta blir fler när verksamheten förbättrar sitt
          avvikelsearbete.
        </p>
        <p class="govuk-body" safe>
          {`Takten (signaler per vecka) jämförs under ${EFFECT_METHOD.windowWeeks} veckor före beslutet och upp till ${EFFECT_METHOD.windowWeeks} veckor efter det, eller så lång tid som har gått. Samma sak räknas för upp till ${EFFECT_METHOD.controlsPerDecision} jämförbara verksamheter: samma verksamhetsform, närmast i storlek, öppna under hela perioden och utan beslut om kritik eller skarpare åtgärder under perioden.`}
        </p>
        <p class="govuk-body">
          Effekten är skillnaden i skillnader: (efter − före hos verksamheten) − (efter − före hos de jämförbara). Ett negativt tal betyder att signalerna minskade mer, eller ökade
          mindre, än hos liknande verksamheter.
        </p>
        <p class="govuk-body">
          Intervallet för ett enskilt beslut är ett 95-procentigt intervall som bygger på att antalet signaler följer en Poissonfördelning (normalapproximation; ett fönster utan
          signaler räknas som en signal i variansen). För verktygen som helhet är intervallet ett percentilintervall från bootstrap, där hela beslut dras om 2 000 gånger.
        </p>
        <p class="govuk-body">
          Tänk på att beslut ofta fattas efter en period med många signaler. En del av en minskning kan därför vara en återgång till det vanliga, och effekten ska läsas som en
          indikation, inte som ett bevis.
        </p>
      </div>
    </details>
  );
}

export interface DecisionEffectPageProps {
  staff: StaffUser;
  /** Present when the person may read the case: the page is then one of its tabs. */
  header: CaseHeader | null;
  row: DecisionEffectRow;
  indicators: IndicatorEffectRow[];
}

export function DecisionEffectPage(props: DecisionEffectPageProps): JSX.Element {
  const { counts: c, effect: e } = props.row;
  const title = `Effekt av beslutet ${formatLongDate(c.decided_on)}`;
  const body = (
    <>
      {props.header ? (
        <h2 class="govuk-heading-l" safe>
          {title}
        </h2>
      ) : (
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
      )}
      <p class="govuk-body" safe>
        {`${TOOL_LABELS[c.tool]}: ${c.unit_name}, ${formLabel(c.form)}. Beslutat ${formatLongDate(c.decided_on)}, underlag till och med ${formatLongDate(c.until)}.`}
      </p>
      <EffectSummary row={props.row} />
      <MethodText />
      {e.did !== null ? (
        <SlopeChart
          unitName={c.unit_name}
          treated={[e.treatedBeforeRate, e.treatedAfterRate]}
          control={e.controlBeforeRate !== null && e.controlAfterRate !== null ? [e.controlBeforeRate, e.controlAfterRate] : null}
          description={`Verksamheten gick från ${rate(e.treatedBeforeRate)} till ${rate(e.treatedAfterRate)} externa signaler per vecka; de jämförbara verksamheterna från ${rate(e.controlBeforeRate)} till ${rate(e.controlAfterRate)}.`}
          table={<SignalTable row={props.row} />}
        />
      ) : (
        <SignalTable row={props.row} />
      )}
      <h3 class="govuk-heading-m">Indikatorer</h3>
      <IndicatorTable rows={props.indicators} />
      <p class="govuk-body">
        <a class="govuk-link" href="/staff/effekter">
          Effekter per beslutsverktyg
        </a>
      </p>
    </>
  );
  if (props.header) {
    return (
      <CaseLayout staff={props.staff} header={props.header} tab="decisions" title={title}>
        {body}
      </CaseLayout>
    );
  }
  return (
    <StaffLayout title={`${title} – ${c.diarienummer}`} staff={props.staff} breadcrumbs={[{ href: '/staff', text: 'Start' }, { href: '/staff/effekter', text: 'Effekter av beslut' }]}>
      <span class="govuk-caption-l" safe>
        {c.diarienummer}
      </span>
      {body}
    </StaffLayout>
  );
}

function EffectSummary({ row }: { row: DecisionEffectRow }): JSX.Element {
  const { counts: c, effect: e } = row;
  if (c.after_days === 0) {
    return (
      <div class="govuk-inset-text" data-effect="none">
        Det har inte gått någon tid efter beslutet ännu{c.unit_closed && c.unit_closed < c.decided_on ? ' (verksamheten har upphört)' : ''}. Effekten kan räknas ut när det finns
        signaler efter beslutsdagen.
      </div>
    );
  }
  if (e.did === null) {
    return (
      <div class="govuk-inset-text" data-effect="none">
        Det finns inga jämförbara verksamheter (samma verksamhetsform, öppna hela perioden och utan beslut under perioden), så effekten kan inte räknas ut.
      </div>
    );
  }
  return (
    <div class="govuk-inset-text" data-effect="did">
      <p class="govuk-heading-m govuk-!-margin-bottom-2" safe>
        {`Effekt: ${formatSignedRate(e.did)} signaler per vecka (${formatSignedRate(e.did * 52)} per år)`}
      </p>
      <p class="govuk-body govuk-!-margin-bottom-0" safe>
        {`Skillnad i skillnader, 95 % intervall ${intervalText(e.interval)}. ${
          e.did < 0 ? 'Signalerna minskade mer än hos liknande verksamheter' : e.did > 0 ? 'Signalerna ökade mer (eller minskade mindre) än hos liknande verksamheter' : 'Ingen skillnad mot liknande verksamheter'
        }${e.interval && (e.interval.high < 0 || e.interval.low > 0) ? '.' : ', men intervallet rymmer noll.'}${
          row.hasFollowUp ? '' : ` Efter beslutet har bara ${weeksText(e.afterWeeks)} gått; verktygens sammanställning tar med beslut efter ${EFFECT_METHOD.minFollowUpWeeks} veckor.`
        }`}
      </p>
    </div>
  );
}

function SignalTable({ row }: { row: DecisionEffectRow }): JSX.Element {
  const { counts: c, effect: e } = row;
  const change = (before: number | null, after: number | null) => (before === null || after === null ? '–' : formatSignedRate(after - before));
  return (
    <DataTable
      caption={`Externa signaler: ${weeksText(e.beforeWeeks)} före och ${weeksText(e.afterWeeks)} efter beslutet`}
      headers={['Verksamhet', 'Signaler före', 'Per vecka före', 'Signaler efter', 'Per vecka efter', 'Förändring per vecka']}
      numeric={[1, 2, 3, 4, 5]}
      rows={[
        [c.unit_name, formatInteger(c.treated_before), rate(e.treatedBeforeRate), formatInteger(c.treated_after), rate(e.treatedAfterRate), change(e.treatedBeforeRate, e.treatedAfterRate)],
        [
          `Jämförbara verksamheter (${formatInteger(c.control_units)}, medel per verksamhet)`,
          c.control_units ? formatDecimal(c.control_before / c.control_units, 1) : '–',
          rate(e.controlBeforeRate),
          c.control_units ? formatDecimal(c.control_after / c.control_units, 1) : '–',
          rate(e.controlAfterRate),
          change(e.controlBeforeRate, e.controlAfterRate),
        ],
        ['Skillnad i skillnader', '', '', '', '', e.did === null ? '–' : `${formatSignedRate(e.did)} (${intervalText(e.interval)})`],
        [
          'Andel där takten sjönk',
          '',
          '',
          '',
          '',
          `Verksamheten: ${e.treatedFell === null ? '–' : e.treatedFell ? 'ja' : 'nej'}; jämförbara: ${e.controlShareFell === null ? '–' : formatPercent(e.controlShareFell)}`,
        ],
      ]}
    />
  );
}

function IndicatorTable({ rows }: { rows: IndicatorEffectRow[] }): JSX.Element {
  if (rows.length === 0) return <p class="govuk-body">Verksamheten har inga indikatorvärden året före eller året efter beslutet.</p>;
  const value = (x: number | null) => (x === null ? '–' : formatDecimal(x, 2));
  return (
    <DataTable
      caption="Indikatorer: medelvärde året före och året efter beslutet (eller så länge som har gått)"
      headers={['Indikator', 'Verksamheten före', 'Verksamheten efter', 'Jämförbara före', 'Jämförbara efter', 'Skillnad i skillnader (95 % intervall)', 'Tolkning']}
      numeric={[1, 2, 3, 4, 5]}
      rows={rows.map((r) => [
        `${r.counts.indicator} (${r.counts.direction === 'higher_better' ? 'högre är bättre' : 'lägre är bättre'})`,
        value(r.counts.treated_before),
        value(r.counts.treated_after),
        r.counts.control_units ? value(r.counts.control_before) : '–',
        r.counts.control_units ? value(r.counts.control_after) : '–',
        r.effect.did === null ? '–' : `${formatSigned(r.effect.did)} (${intervalText(r.effect.interval, (x) => formatSigned(x))})`,
        r.improved === null ? 'Kan inte bedömas' : r.effect.interval && r.effect.interval.low <= 0 && r.effect.interval.high >= 0 ? (r.improved ? 'Bättre, men osäkert' : 'Sämre, men osäkert') : r.improved ? 'Bättre' : 'Sämre',
      ])}
    />
  );
}

export interface EffectsOverviewPageProps {
  staff: StaffUser;
  scopeText: string;
  tools: ToolEffectRow[];
  decisions: DecisionEffectRow[];
  until: string | null;
}

export function EffectsOverviewPage(props: EffectsOverviewPageProps): JSX.Element {
  const withEffect = props.tools.filter((t) => t.meanDid !== null);
  const followed = props.decisions.filter((d) => d.hasFollowUp);
  const table = (
    <DataTable
      caption="Effekt per beslutsverktyg (externa signaler per vecka)"
      headers={['Beslutsverktyg', 'Beslut med uppföljning', 'Medel, skillnad i skillnader', '95 % intervall (bootstrap)', 'Andel verksamheter där takten sjönk', 'Andel jämförbara där takten sjönk', 'Väntar på uppföljning']}
      numeric={[1, 2, 4, 5, 6]}
      rows={props.tools.map((t) => [
        TOOL_LABELS[t.tool],
        formatInteger(t.decisions),
        t.meanDid === null ? '–' : formatSignedRate(t.meanDid),
        intervalText(t.interval),
        t.treatedShareFell === null ? '–' : formatPercent(t.treatedShareFell),
        t.controlShareFell === null ? '–' : formatPercent(t.controlShareFell),
        formatInteger(t.waiting),
      ])}
    />
  );
  return (
    <StaffLayout title="Effekter av beslut" staff={props.staff} breadcrumbs={[{ href: '/staff', text: 'Start' }]}>
      <h1 class="govuk-heading-xl">Effekter av beslut</h1>
      <p class="govuk-body-l" safe>
        {`Vilka beslutsverktyg följs av färre signaler om verksamheten? ${props.scopeText}: ${formatInteger(props.decisions.length)} beslut, varav ${formatInteger(followed.length)} har följts upp i minst ${EFFECT_METHOD.minFollowUpWeeks} veckor${props.until ? ` (underlag till och med ${formatLongDate(props.until)})` : ''}.`}
      </p>
      <MethodText />
      {withEffect.length > 0 ? (
        <ToolEffectChart points={withEffect.map((t) => ({ tool: t.tool, decisions: t.decisions, mean: t.meanDid!, low: t.interval?.low ?? null, high: t.interval?.high ?? null }))} table={table} />
      ) : (
        <p class="govuk-body">Inga beslut har följts upp tillräckligt länge ännu.</p>
      )}
      {withEffect.length > 0 ? '' : table}
      {props.tools.some((t) => t.waiting > 0) ? (
        <p class="govuk-body" safe>
          {`${formatInteger(props.tools.reduce((a, t) => a + t.waiting, 0))} beslut är inte med i sammanställningen ännu: de har följts upp kortare tid än ${EFFECT_METHOD.minFollowUpWeeks} veckor, saknar jämförbara verksamheter, eller gäller en verksamhet som har upphört (efter förbud och återkallelse finns oftast ingen verksamhet kvar att mäta).`}
        </p>
      ) : (
        ''
      )}
      <h2 class="govuk-heading-l">Beslut</h2>
      {props.decisions.length === 0 ? (
        <p class="govuk-body">Det finns inga beslut om verksamheter ännu.</p>
      ) : (
        <table class="govuk-table govuk-!-font-size-16">
          <caption class="govuk-table__caption govuk-table__caption--s">
            {props.decisions.length > 200 ? 'De 200 senaste besluten' : 'Alla beslut, senaste först'}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Beslut
              </th>
              <th scope="col" class="govuk-table__header">
                Verksamhet
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Per vecka före → efter
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Jämförbara före → efter
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Skillnad i skillnader
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.decisions.slice(0, 200).map((r) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={caseUrl(r.counts.case_id, `/beslut/${r.counts.decision_id}/effekt`)}>
                    <span safe>{`${TOOL_LABELS[r.counts.tool]}, ${formatLongDate(r.counts.decided_on)}`}</span>
                  </a>
                </th>
                <td class="govuk-table__cell" safe>
                  {`${r.counts.unit_name} (${formLabel(r.counts.form)})`}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {r.counts.after_days > 0 ? `${rate(r.effect.treatedBeforeRate)} → ${rate(r.effect.treatedAfterRate)}` : `${rate(r.effect.treatedBeforeRate)} → –`}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {r.effect.controlBeforeRate === null ? '–' : `${rate(r.effect.controlBeforeRate)} → ${rate(r.effect.controlAfterRate)}`}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {r.effect.did === null ? 'Ännu inte' : `${formatSignedRate(r.effect.did)}${r.hasFollowUp ? '' : ' (kort tid)'}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StaffLayout>
  );
}
