import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import { KommunChoropleth } from '../charts/kommun-choropleth.tsx';
import { formatLongDate } from '../../../../platform/dates.ts';
import type { KommunMap } from '../kommun-map.ts';
import { formatDecimal1, formatInteger, formatRatio, formatScore, formLabel, formLabelInText, ratioOf, unitsText } from '../labels.ts';
import type { AreaFigures, NationalRun, PlaceRatio, RankedUnit } from '../repository.ts';
import { InfoBanner, Pagination, Select, SuccessBanner, SummaryRow, type Option } from '../../../../platform/web/components.tsx';
import { NoRunNotice, RecomputeForm, RiskTags, RunInfo } from './components.tsx';

// The national, department and kommun views of the risk workspace: when the scores were computed, the
// area's figures, the ranked list with its filters, and (national and department) the kommun map.

/** The list filters as the form shows them (query-string values, '' when not set). */
export interface OverviewForm {
  form: string;
  kommun: string;
  lan: string;
  avdelning: string;
  riskomrade: string;
  /** '', 'cusum' (in CUSUM alarm) or 'trigger' (lifted by a hard trigger). */
  larm: string;
}

const ALARM_LABELS: Record<string, string> = { cusum: 'I CUSUM-larm', trigger: 'Med hårt larm' };

/** Chosen places that exclude each other: one sentence per pair, and the filters involved. */
export interface PlaceConflicts {
  sentences: string[];
  fields: ('avdelning' | 'lan' | 'kommun')[];
}

const ALL_OF: Record<PlaceConflicts['fields'][number], string> = { avdelning: 'Alla avdelningar', lan: 'Alla län', kommun: 'Alla kommuner' };

export type OverviewView =
  | { kind: 'national' }
  | { kind: 'department'; code: string; name: string }
  | { kind: 'kommun'; code: string; name: string; countyName: string; departmentCode: string; departmentName: string };

export interface PlaceRow extends PlaceRatio {
  name: string;
  href: string;
}

export interface OverviewPageProps {
  staff: StaffUser;
  view: OverviewView;
  /** The path of this view; the filter form and the page links lead here. */
  path: string;
  run: NationalRun | undefined;
  canRecompute: boolean;
  recomputed?: { asOf: string; units: number } | undefined;
  /** A national run was asked for and runs in the background. */
  started?: boolean;
  figures?: AreaFigures;
  form: OverviewForm;
  options: { forms: Option[]; riskAreas: Option[]; departments: Option[] | null; counties: Option[] | null; kommuner: Option[] | null };
  /** Why the chosen places exclude each other (no sentences when they do not). */
  placeConflicts: PlaceConflicts;
  list?: { total: number; rows: RankedUnit[]; page: number; lastPage: number; offset: number };
  /** Departments (national view) or län (department view) with their figures. */
  places?: { title: string; caption: string; heading: string; rows: PlaceRow[] };
  map?: { map: KommunMap; ratios: PlaceRatio[]; areaName: string; hrefFor: (code: string) => string };
  /** The current query string without the page, for page links. */
  queryWithoutPage: string;
}

export const unitCardHref = (unitId: string) => `/staff/risk/enhet/${encodeURIComponent(unitId)}`;
export const departmentHref = (code: string) => `/staff/risk/avdelning/${encodeURIComponent(code)}`;
export const kommunHref = (code: string) => `/staff/risk/kommun/${encodeURIComponent(code)}`;

function titleOf(view: OverviewView): string {
  if (view.kind === 'national') return 'Riskanalys';
  return `Riskanalys, ${view.name}`;
}

function breadcrumbsOf(view: OverviewView) {
  const crumbs = [{ href: '/staff', text: 'Start' }];
  if (view.kind !== 'national') crumbs.push({ href: '/staff/risk', text: 'Riskanalys' });
  if (view.kind === 'kommun') crumbs.push({ href: departmentHref(view.departmentCode), text: view.departmentName });
  return crumbs;
}

/** What the figures, the places and the map cover: the view's area and the chosen form, never the list's other filters. */
function FiguresScope({ view, form }: { view: OverviewView; form: OverviewForm }): JSX.Element {
  const where = view.kind === 'national' ? 'hela landet' : view.kind === 'department' ? view.name.replace(/^Avdelning/, 'avdelning') : view.name;
  // Name only the filters this view has: a department view has no department to choose, a kommun view only risk area.
  const listOnly = view.kind === 'national' ? 'Valen av avdelning, län, kommun, riskområde och larm' : view.kind === 'department' ? 'Valen av län, kommun, riskområde och larm' : 'Valen av riskområde och larm';
  const narrowed = form.riskomrade || form.avdelning || form.lan || form.kommun || form.larm;
  return (
    <p class="govuk-body" data-figures-scope="true" safe>
      {`Gäller ${form.form ? formLabelInText(form.form) : 'alla verksamheter'} i ${where}.${narrowed ? ` ${listOnly} gäller bara listan.` : ''}`}
    </p>
  );
}

/** The figures; the two alarm counts link to the list of those units (with the view's other filters). */
function Figures({ figures, alarmHref }: { figures: AreaFigures; alarmHref: (alarm: 'cusum' | 'trigger') => string }): JSX.Element {
  return (
    <dl class="govuk-summary-list" data-figures="true">
      <SummaryRow name="Verksamheter med riskpoäng">
        <span data-figure="units" safe>
          {formatInteger(figures.units)}
        </span>
      </SummaryRow>
      <SummaryRow name="I CUSUM-larm (ökande signaler)">
        <a class="govuk-link" href={alarmHref('cusum')} data-figure="cusum">
          <span safe>{formatInteger(figures.cusumAlarms)}</span>
          <span class="govuk-visually-hidden"> – visa dem i listan</span>
        </a>
      </SummaryRow>
      <SummaryRow name="Med hårt larm (akut signal, förbud eller återkallelse)">
        <a class="govuk-link" href={alarmHref('trigger')} data-figure="triggers">
          <span safe>{formatInteger(figures.triggered)}</span>
          <span class="govuk-visually-hidden"> – visa dem i listan</span>
        </a>
      </SummaryRow>
      <SummaryRow name="Externa signaler de senaste 26 veckorna">
        <span safe>{`${formatInteger(figures.observed)} mot ${formatDecimal1(figures.expected)} förväntade (kvot ${formatRatio(ratioOf(figures.observed, figures.expected))})`}</span>
      </SummaryRow>
    </dl>
  );
}

const withAll = (all: string, options: Option[]): Option[] => [{ value: '', text: all }, ...options];

function Filters({ path, form, options }: Pick<OverviewPageProps, 'path' | 'form' | 'options'>): JSX.Element {
  return (
    <form method="get" action={path} class="vaka-filters" aria-label="Filtrera listan">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <Select labelClass="" id="form" label="Verksamhetsform" value={form.form} options={withAll('Alla verksamhetsformer', options.forms)} />
        </div>
        <div class="govuk-grid-column-one-third">
          <Select labelClass="" id="riskomrade" label="Riskområde (signaler senaste 26 veckorna)" value={form.riskomrade} options={withAll('Alla riskområden', options.riskAreas)} />
        </div>
        <div class="govuk-grid-column-one-third">
          <Select
            labelClass=""
            id="larm"
            label="Larm"
            value={form.larm}
            options={withAll('Med eller utan larm', Object.entries(ALARM_LABELS).map(([value, text]) => ({ value, text })))}
          />
        </div>
        {options.departments ? (
          <div class="govuk-grid-column-one-third">
            <Select labelClass="" id="avdelning" label="Avdelning" value={form.avdelning} options={withAll('Alla avdelningar', options.departments)} />
          </div>
        ) : (
          ''
        )}
        {options.counties ? (
          <div class="govuk-grid-column-one-third">
            <Select labelClass="" id="lan" label="Län" value={form.lan} options={withAll('Alla län', options.counties)} />
          </div>
        ) : (
          ''
        )}
        {options.kommuner ? (
          <div class="govuk-grid-column-one-third">
            <Select labelClass="" id="kommun" label="Kommun" value={form.kommun} options={withAll('Alla kommuner', options.kommuner)} />
          </div>
        ) : (
          ''
        )}
      </div>
      <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
        Visa
      </button>
      <a class="govuk-link govuk-!-margin-left-4" href={path}>
        Rensa filtren
      </a>
    </form>
  );
}

/** The filters chosen, in words, for a list that came back empty. */
function chosenFilters(form: OverviewForm, options: OverviewPageProps['options']): string {
  const textOf = (list: Option[] | null, value: string) => list?.find((o) => o.value === value)?.text ?? value;
  const chosen = [
    form.form ? `verksamhetsform ${formLabelInText(form.form)}` : '',
    form.riskomrade ? `riskområde ${textOf(options.riskAreas, form.riskomrade)}` : '',
    form.larm === 'cusum' ? 'CUSUM-larm' : form.larm === 'trigger' ? 'hårt larm' : '',
    form.avdelning ? textOf(options.departments, form.avdelning).replace(/^Avdelning/, 'avdelning') : '',
    form.lan ? textOf(options.counties, form.lan) : '',
    form.kommun ? `kommun ${textOf(options.kommuner, form.kommun)}` : '',
  ].filter(Boolean);
  return joinedWith(chosen);
}

/** "a", "a och b", "a, b och c" (or with "eller"). */
function joinedWith(items: string[], last: 'och' | 'eller' = 'och'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

function EmptyList({ form, options, conflicts }: { form: OverviewForm; options: OverviewPageProps['options']; conflicts: PlaceConflicts }): JSX.Element {
  const chosen = chosenFilters(form, options);
  const clearing = joinedWith(conflicts.fields.map((field) => `”${ALL_OF[field]}”`), 'eller');
  return (
    <div data-empty-list="true">
      <p class="govuk-body" safe>
        {conflicts.sentences.length > 0
          ? `Inga verksamheter kan matcha de valda platserna: ${conflicts.sentences.join(' ')} Välj platser som hänger ihop, eller ta bort val med ${clearing}.`
          : chosen
            ? `Ingen verksamhet med riskpoäng matchar ${chosen}. Välj färre filter för att se fler.`
            : 'Det finns inga verksamheter med riskpoäng här.'}
      </p>
    </div>
  );
}

function RankedTable({ list }: { list: NonNullable<OverviewPageProps['list']> }): JSX.Element {
  const first = list.offset + 1;
  const last = list.offset + list.rows.length;
  const caption =
    list.total > list.rows.length
      ? `${unitsText(list.total)} matchar, den mest riskfyllda först. Här visas ${formatInteger(first)}–${formatInteger(last)}.`
      : list.total === 1
        ? '1 verksamhet matchar.'
        : `${unitsText(list.total)} matchar, den mest riskfyllda först.`;
  return (
    <table class="govuk-table govuk-!-font-size-16" data-ranked-list="true">
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            Plats i landet
          </th>
          <th scope="col" class="govuk-table__header">
            Verksamhet
          </th>
          <th scope="col" class="govuk-table__header">
            Kommun
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            Poäng
          </th>
          <th scope="col" class="govuk-table__header">
            Främsta skälet
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {list.rows.map((row) => (
          <tr class="govuk-table__row" data-unit-id={row.unit_id}>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {formatInteger(row.national_rank)}
            </td>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={unitCardHref(row.unit_id)} safe>
                {row.name}
              </a>
              <span class="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-1" safe>
                {formLabel(row.form)}
              </span>
              <RiskTags triggers={row.triggers} cusumAlarm={row.cusum_alarm} />
            </td>
            <td class="govuk-table__cell" safe>
              {row.kommun_name}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric" data-score={String(row.score)} safe>
              {formatScore(row.score)}
            </td>
            <td class="govuk-table__cell" safe>
              {row.reasons[0] ?? '–'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PlacesTable({ places }: { places: NonNullable<OverviewPageProps['places']> }): JSX.Element {
  return (
    <table class="govuk-table govuk-!-font-size-16">
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {places.caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header" safe>
            {places.heading}
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            Verksamheter
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            I CUSUM-larm
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            Signaler
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            Förväntat
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            Kvot
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {places.rows.map((row) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              <a class="govuk-link" href={row.href} safe>
                {row.name}
              </a>
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {formatInteger(row.units)}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {formatInteger(row.cusumAlarms)}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {formatInteger(row.observed)}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {formatDecimal1(row.expected)}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {formatRatio(ratioOf(row.observed, row.expected))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Intro({ view }: { view: OverviewView }): JSX.Element {
  if (view.kind === 'kommun') {
    return (
      <p class="govuk-body">
        <span safe>{`Verksamheterna i ${view.name} (${view.countyName}), rangordnade efter risk.`}</span>{' '}
        <a class="govuk-link" href={departmentHref(view.departmentCode)} safe>
          {`Till ${view.departmentName}`}
        </a>
      </p>
    );
  }
  return (
    <p class="govuk-body">
      Alla öppna verksamheter får en riskpoäng mellan 0 och 1 som väger samman signaler, inspektioner, tillstånd och indikatorer. Listan visar de
      mest riskfyllda först och säger med egna ord varför. Poängen är ett stöd för att prioritera, inte ett beslut.
    </p>
  );
}

export function OverviewPage(props: OverviewPageProps): JSX.Element {
  const { view, run } = props;
  const title = titleOf(view);
  const returnTo = props.queryWithoutPage ? `${props.path}?${props.queryWithoutPage}` : props.path;
  const hrefFor = (page: number) => `${props.path}?${[props.queryWithoutPage, page > 1 ? `sida=${page}` : ''].filter(Boolean).join('&')}`;
  return (
    <StaffLayout title={title} staff={props.staff} breadcrumbs={breadcrumbsOf(view)}>
      {props.started ? <InfoBanner title="Pågår" text="Beräkningen för hela landet har startat. Den tar ungefär en halv minut: ladda om sidan för att se de nya poängen." /> : ''}
      {props.recomputed ? <SuccessBanner text={`Riskläget är beräknat för den ${formatLongDate(props.recomputed.asOf)}: ${unitsText(props.recomputed.units)} har fått nya poäng.`} /> : ''}
      <h1 class="govuk-heading-l" safe>
        {title}
      </h1>
      <Intro view={view} />
      {!run ? (
        <NoRunNotice canRecompute={props.canRecompute} csrfToken={props.staff.csrfToken} returnTo={returnTo} />
      ) : (
        <>
          <RunInfo run={run} />
          {props.canRecompute ? <RecomputeForm csrfToken={props.staff.csrfToken} returnTo={returnTo} secondary={true} /> : ''}
          <h2 class="govuk-heading-m">Läget i siffror</h2>
          <FiguresScope view={view} form={props.form} />
          {props.figures ? <Figures figures={props.figures} alarmHref={(alarm) => `${props.path}?${new URLSearchParams({ ...(props.form.form ? { form: props.form.form } : {}), larm: alarm }).toString()}#lista`} /> : ''}
          <p class="govuk-body">
            <a class="govuk-link" href="/staff/risk/larm">
              Öppna risklarm
            </a>{' '}
            – de larm som väntar på att någon tar hand om dem.
          </p>
          <h2 class="govuk-heading-m" id="lista">
            Verksamheter efter risk
          </h2>
          <Filters path={props.path} form={props.form} options={props.options} />
          {props.list ? (
            <>
              {props.list.rows.length === 0 ? (
                <EmptyList form={props.form} options={props.options} conflicts={props.placeConflicts} />
              ) : (
                <RankedTable list={props.list} />
              )}
              <Pagination page={props.list.page} lastPage={props.list.lastPage} hrefFor={hrefFor} label="Sidor i listan" />
            </>
          ) : (
            ''
          )}
          {props.places ? (
            <>
              <h2 class="govuk-heading-m">
                {props.places.heading === 'Län' ? 'Länen' : 'Avdelningarna'}
              </h2>
              <PlacesTable places={props.places} />
            </>
          ) : (
            ''
          )}
          {props.map ? (
            <>
              <h2 class="govuk-heading-m" id="karta">
                Karta: signaler mot förväntat per kommun
              </h2>
              <p class="govuk-body">
                Varje kommun har färg efter hur många externa signaler (tips, klagomål, polisanmälningar med mera) dess verksamheter fått de senaste 26
                veckorna, jämfört med vad som kan förväntas av verksamheter av samma form och storlek. Blått är färre än förväntat, rött fler. Klicka på en
                kommun eller välj den i tabellen för att se dess verksamheter.
              </p>
              <KommunChoropleth
                id="karta-kommuner"
                map={props.map.map}
                ratios={props.map.ratios}
                areaName={props.map.areaName}
                formLabel={props.form.form ? formLabel(props.form.form) : ''}
                hrefFor={props.map.hrefFor}
              />
            </>
          ) : (
            ''
          )}
        </>
      )}
    </StaffLayout>
  );
}
