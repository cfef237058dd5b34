import Html from '@kitajs/html';

// The frame every server-drawn chart shares: an SVG with role="img", a <title> and a one-sentence <desc>,
// the description again as text under the picture, and the same numbers as a table under "Visa som tabell".
// What is drawn inside (scales, axes, colours) belongs to each chart. Colours are presentation attributes
// (the content security policy allows no inline styles).

const FONT_SIZE = 13;

/** Coordinates rounded to 0.1 px. */
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
      {/* Several charts on a page: each "Visa som tabell" says which chart, for those who list the controls. */}
      <TableDetails hiddenContext={title}>{table}</TableDetails>
    </div>
  );
}

/** GOV.UK details ("Visa som tabell"): works without JavaScript. */
export function TableDetails({ summary = 'Visa som tabell', hiddenContext, children }: { summary?: string; hiddenContext?: string; children?: Html.Children }): JSX.Element {
  return (
    <details class="govuk-details govuk-!-margin-bottom-2">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">
          <span safe>{summary}</span>
          {hiddenContext ? <span class="govuk-visually-hidden" safe>{`: ${hiddenContext}`}</span> : ''}
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
