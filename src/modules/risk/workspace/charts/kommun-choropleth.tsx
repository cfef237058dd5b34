import Html from '@kitajs/html';
import { scaleThreshold } from 'd3-scale';
import type { KommunMap } from '../kommun-map.ts';
import { collator, formatDecimal2, formatExpected, formatInteger, ratioOf, unitsText } from '../labels.ts';
import type { PlaceRatio } from '../repository.ts';
import { TableDetails } from '../../../../platform/web/chart-figure.tsx';
import { COLOURS } from './chart-parts.tsx';

// The kommun map: each kommun coloured by its units' external signals of the last 26 weeks against what was
// expected of them (Σ observed / Σ expected), on a diverging scale around 1. Each kommun links to its view
// and names itself and its ratio in a <title>; the tables beside the map carry the same numbers.

/** Class limits of the ratio and their colours (ColorBrewer RdBu, blue = fewer than expected). */
const THRESHOLDS = [0.5, 0.67, 0.9, 1.1, 1.5, 2];
const FILLS = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];
const CLASS_LABELS = ['under 0,5', '0,5–0,67', '0,67–0,9', '0,9–1,1 (som förväntat)', '1,1–1,5', '1,5–2', '2 eller mer'];
export const NO_DATA_LABEL = 'Inga verksamheter med förväntade signaler';
export const fillOf = scaleThreshold<number, string>().domain(THRESHOLDS).range(FILLS);

/** Kommuner in the "top" table need at least this many expected signals, so one tip cannot top the list. */
export const TOP_MIN_EXPECTED = 1;
const TOP_COUNT = 15;

export interface ChoroplethProps {
  id: string;
  map: KommunMap;
  ratios: PlaceRatio[];
  /** "hela landet", "Avdelning nord". */
  areaName: string;
  /** "" for all forms, else the form's label. */
  formLabel: string;
  /** The link of a kommun's view. */
  hrefFor: (code: string) => string;
}

interface KommunRow {
  code: string;
  name: string;
  units: number;
  observed: number;
  expected: number;
  ratio: number | null;
}

function rowsOf(map: KommunMap, ratios: PlaceRatio[]): KommunRow[] {
  const byCode = new Map(ratios.map((r) => [r.code, r]));
  return map.kommuner.map((k) => {
    const r = byCode.get(k.code);
    return { code: k.code, name: k.name, units: r?.units ?? 0, observed: r?.observed ?? 0, expected: r?.expected ?? 0, ratio: r ? ratioOf(r.observed, r.expected) : null };
  });
}

const ratioText = (row: KommunRow) =>
  row.ratio === null
    ? `${row.name}: inga verksamheter med förväntade signaler`
    : `${row.name}: kvot ${formatDecimal2(row.ratio)} (${formatInteger(row.observed)} ${row.observed === 1 ? 'extern signal' : 'externa signaler'} mot ${formatExpected(row.expected)} förväntade, ${unitsText(row.units)})`;

export function choroplethDescription(rows: KommunRow[], props: Pick<ChoroplethProps, 'areaName' | 'formLabel'>): string {
  const withRatio = rows.filter((r) => r.ratio !== null && r.expected >= TOP_MIN_EXPECTED);
  const above = withRatio.filter((r) => r.ratio! >= 1.5).length;
  const top = [...withRatio].sort((a, b) => b.ratio! - a.ratio! || collator.compare(a.name, b.name))[0];
  const forms = props.formLabel ? ` för verksamhetsformen ${props.formLabel}` : '';
  return [
    `Karta över ${formatInteger(rows.length)} kommuner i ${props.areaName}${forms}.`,
    ` ${formatInteger(above)} av ${formatInteger(withRatio.length)} kommuner med minst ${TOP_MIN_EXPECTED} förväntad signal har minst 1,5 gånger så många externa signaler som förväntat`,
    top ? `; högst kvot har ${top.name} (${formatDecimal2(top.ratio!)}).` : '.',
  ].join('');
}

export function KommunChoropleth(props: ChoroplethProps): JSX.Element {
  const { id, map, hrefFor } = props;
  const rows = rowsOf(map, props.ratios);
  const description = choroplethDescription(rows, props);
  const top = rows
    .filter((r) => r.ratio !== null && r.expected >= TOP_MIN_EXPECTED)
    .sort((a, b) => b.ratio! - a.ratio! || collator.compare(a.name, b.name))
    .slice(0, TOP_COUNT);
  const byName = [...rows].sort((a, b) => collator.compare(a.name, b.name));
  const hatch = `${id}-saknas`;
  return (
    <div class="govuk-grid-row" data-chart={id}>
      <div class="govuk-grid-column-one-half">
        {/* The picture is an image with a name, a description and a <title> per kommun. Links cannot live
            inside an image (its children are presentational), so the clickable kommuner are a layer on top,
            hidden from assistive technology and out of the tab order: the tables beside the map carry the
            same links for keyboard and screen-reader users. */}
        <svg xmlns="http://www.w3.org/2000/svg" class="vaka-map" viewBox={`0 0 ${map.width} ${map.height}`} width={String(map.width)} height={String(map.height)} data-map={id}>
          <svg role="img" aria-labelledby={`${id}-titel`} aria-describedby={`${id}-beskrivning`} width={String(map.width)} height={String(map.height)}>
            <title id={`${id}-titel`} safe>
              {`Externa signaler mot förväntat per kommun, ${props.areaName}`}
            </title>
            <desc id={`${id}-beskrivning`} safe>
              {description}
            </desc>
            <defs>
              <pattern id={hatch} patternUnits="userSpaceOnUse" width="4" height="4">
                <rect width="4" height="4" fill="#ffffff" />
                <path d="M0 4L4 0" stroke="#6f777b" stroke-width="0.8" />
              </pattern>
            </defs>
            <g stroke="#505a5f" stroke-width="0.3" stroke-linejoin="round">
              {rows.map((row, i) => (
                <path d={map.kommuner[i].d} fill={row.ratio === null ? `url(#${hatch})` : fillOf(row.ratio)} id={`${id}-${row.code}`} data-kommun={row.code}>
                  <title safe>{ratioText(row)}</title>
                </path>
              ))}
            </g>
          </svg>
          <g aria-hidden="true" stroke="none">
            {rows.map((row) => (
              <a href={hrefFor(row.code)} tabindex="-1">
                <title safe>{ratioText(row)}</title>
                <use href={`#${id}-${row.code}`} fill-opacity="0" />
              </a>
            ))}
          </g>
        </svg>
      </div>
      <div class="govuk-grid-column-one-half">
        <p class="govuk-body-s" safe>
          {description}
        </p>
        <MapLegend hatchId={hatch} />
        <table class="govuk-table govuk-!-font-size-16">
          <caption class="govuk-table__caption govuk-table__caption--s">
            {`Kommunerna med högst kvot (minst ${TOP_MIN_EXPECTED} förväntad signal)`}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Kommun
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
            {top.map((row) => (
              <KommunTableRow row={row} href={hrefFor(row.code)} />
            ))}
          </tbody>
        </table>
        <TableDetails summary="Visa alla kommuner som tabell">
          <table class="govuk-table govuk-!-font-size-16">
            <caption class="govuk-table__caption govuk-table__caption--s">Alla kommuner i bokstavsordning</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Kommun
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
              {byName.map((row) => (
                <KommunTableRow row={row} href={hrefFor(row.code)} />
              ))}
            </tbody>
          </table>
        </TableDetails>
      </div>
    </div>
  );
}

function KommunTableRow({ row, href }: { row: KommunRow; href: string }): JSX.Element {
  return (
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">
        <a class="govuk-link" href={href} safe>
          {row.name}
        </a>
      </th>
      <td class="govuk-table__cell govuk-table__cell--numeric" safe>
        {formatInteger(row.observed)}
      </td>
      <td class="govuk-table__cell govuk-table__cell--numeric" safe>
        {formatExpected(row.expected)}
      </td>
      <td class="govuk-table__cell govuk-table__cell--numeric" safe>
        {row.ratio === null ? '–' : formatDecimal2(row.ratio)}
      </td>
    </tr>
  );
}

function MapLegend({ hatchId }: { hatchId: string }): JSX.Element {
  const swatch = (fill: string) => (
    <svg xmlns="http://www.w3.org/2000/svg" width="24" height="16" viewBox="0 0 24 16" aria-hidden="true" focusable="false" class="govuk-!-margin-right-2">
      {fill === 'hatch' ? (
        <>
          <defs>
            <pattern id={`${hatchId}-legend`} patternUnits="userSpaceOnUse" width="4" height="4">
              <rect width="4" height="4" fill="#ffffff" />
              <path d="M0 4L4 0" stroke="#6f777b" stroke-width="0.8" />
            </pattern>
          </defs>
          <rect x="0.5" y="0.5" width="23" height="15" fill={`url(#${hatchId}-legend)`} stroke={COLOURS.secondaryText} />
        </>
      ) : (
        <rect x="0.5" y="0.5" width="23" height="15" fill={fill} stroke={COLOURS.secondaryText} />
      )}
    </svg>
  );
  return (
    <div class="govuk-!-margin-bottom-4">
      <h3 class="govuk-heading-s govuk-!-margin-bottom-1">Teckenförklaring: kvot observerat / förväntat</h3>
      <ul class="govuk-list govuk-!-font-size-16">
        {FILLS.map((fill, i) => (
          <li>
            {swatch(fill)}
            <span safe>{CLASS_LABELS[i]}</span>
          </li>
        ))}
        <li>
          {swatch('hatch')}
          <span>{NO_DATA_LABEL}</span>
        </li>
      </ul>
    </div>
  );
}
