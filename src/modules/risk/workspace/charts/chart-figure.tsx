import Html from '@kitajs/html';

// What every chart of the risk workspace shares: an SVG drawn on the server with role="img", a <title> and a
// one-sentence <desc>, and the same numbers as a table under "Visa som tabell". Colours are presentation
// attributes (the content security policy allows no inline styles); text is near-black on white.

export const COLOURS = {
  text: '#0b0c0c',
  secondaryText: '#505a5f',
  grid: '#b1b4b6',
  axis: '#505a5f',
  blue: '#1d70b8',
  darkBlue: '#003078',
  highlight: '#d4351c',
  warningText: '#942514',
  paleFill: '#f3f2f1',
} as const;

export const FONT_SIZE = 13;

/** Rough width of a character of chart text, for laying out legends. */
export const CHAR_WIDTH = 7.2;

/** Tick labels: whole numbers without decimals when every tick is whole, else one decimal. */
export function tickFormat(ticks: number[]): (value: number) => string {
  const whole = ticks.every((t) => Number.isInteger(t));
  const format = new Intl.NumberFormat('sv-SE', whole ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (value) => format.format(value).replace(/\u2212/g, '-').replace(/[\u00a0\u202f]/g, ' ');
}

/** Coordinates rounded to 0.1 px, as the paths are. */
export const px = (value: number) => Math.round(value * 10) / 10;

export interface ChartFigureProps {
  /** Unique on the page: ids of the title and description derive from it. */
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  /** The table shown under "Visa som tabell". */
  table: JSX.Element;
  children?: Html.Children;
}

export function ChartFigure({ id, title, description, width, height, table, children }: ChartFigureProps): JSX.Element {
  return (
    <div class="govuk-!-margin-bottom-6" data-chart={id}>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        class="vaka-map"
        role="img"
        aria-labelledby={`${id}-titel`}
        aria-describedby={`${id}-beskrivning`}
        viewBox={`0 0 ${width} ${height}`}
        width={String(width)}
        height={String(height)}
        font-size={String(FONT_SIZE)}
      >
        <title id={`${id}-titel`} safe>
          {title}
        </title>
        <desc id={`${id}-beskrivning`} safe>
          {description}
        </desc>
        {children}
      </svg>
      <p class="govuk-body-s govuk-!-margin-top-1" safe>
        {description}
      </p>
      <TableDetails>{table}</TableDetails>
    </div>
  );
}

/** GOV.UK details ("Visa som tabell"): works without JavaScript. */
export function TableDetails({ summary = 'Visa som tabell', children }: { summary?: string; children?: Html.Children }): JSX.Element {
  return (
    <details class="govuk-details govuk-!-margin-bottom-2">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text" safe>
          {summary}
        </span>
      </summary>
      <div class="govuk-details__text">{children}</div>
    </details>
  );
}

/** A simple data table: header cells and rows of text cells (first cell a row header). */
export function DataTable({ caption, headers, rows, numeric = [] }: { caption: string; headers: string[]; rows: string[][]; numeric?: number[] }): JSX.Element {
  const cellClass = (i: number) => `govuk-table__cell${numeric.includes(i) ? ' govuk-table__cell--numeric' : ''}`;
  const headerClass = (i: number) => `govuk-table__header${numeric.includes(i) ? ' govuk-table__header--numeric' : ''}`;
  return (
    <table class="govuk-table govuk-!-font-size-16">
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {headers.map((h, i) => (
            <th scope="col" class={headerClass(i)} safe>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((row) => (
          <tr class="govuk-table__row">
            {row.map((cell, i) =>
              i === 0 ? (
                <th scope="row" class="govuk-table__header" safe>
                  {cell}
                </th>
              ) : (
                <td class={cellClass(i)} safe>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Horizontal grid lines with labels at the left of the plot area. */
export function YAxis({ ticks, y, left, right, format = tickFormat(ticks), title, top, bottom }: { ticks: number[]; y: (v: number) => number; left: number; right: number; top: number; bottom: number; format?: (v: number) => string; title: string }): JSX.Element {
  return (
    <g aria-hidden="true">
      {ticks.map((t) => (
        <g>
          <line x1={String(left)} x2={String(right)} y1={String(px(y(t)))} y2={String(px(y(t)))} stroke={COLOURS.grid} stroke-width="1" />
          <text x={String(left - 6)} y={String(px(y(t)) + 4)} text-anchor="end" fill={COLOURS.text} safe>
            {format(t)}
          </text>
        </g>
      ))}
      <text x={String(12)} y={String(px((top + bottom) / 2))} transform={`rotate(-90 12 ${px((top + bottom) / 2)})`} text-anchor="middle" fill={COLOURS.text} safe>
        {title}
      </text>
    </g>
  );
}

/** A label near the right end of an axis ends at its tick, so it is not cut off at the edge. */
const anchorOf = (at: number, right: number) => (at > right - 40 ? 'end' : 'middle');

/** Tick marks and labels under the plot area. */
export function XAxis({ ticks, x, bottom, left, right, format = tickFormat(ticks), title }: { ticks: number[]; x: (v: number) => number; bottom: number; left: number; right: number; format?: (v: number) => string; title?: string }): JSX.Element {
  return (
    <g aria-hidden="true">
      <line x1={String(left)} x2={String(right)} y1={String(bottom)} y2={String(bottom)} stroke={COLOURS.axis} stroke-width="1" />
      {ticks.map((t) => (
        <g>
          <line x1={String(px(x(t)))} x2={String(px(x(t)))} y1={String(bottom)} y2={String(bottom + 5)} stroke={COLOURS.axis} stroke-width="1" />
          <text x={String(px(x(t)))} y={String(bottom + 18)} text-anchor={anchorOf(x(t), right)} fill={COLOURS.text} safe>
            {format(t)}
          </text>
        </g>
      ))}
      {title ? (
        <text x={String(px((left + right) / 2))} y={String(bottom + 38)} text-anchor="middle" fill={COLOURS.text} safe>
          {title}
        </text>
      ) : (
        ''
      )}
    </g>
  );
}
