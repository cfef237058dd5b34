import Html from '@kitajs/html';
import { px } from '../../../../platform/web/chart-figure.tsx';

// What the charts of the risk workspace share inside the common frame (platform/web/chart-figure.tsx: the SVG
// with role="img", <title>, <desc> and the table under "Visa som tabell"): the colours, tick labels and axes.
// Colours are presentation attributes (the content security policy allows no inline styles); text is
// near-black on white.

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

/** Rough width of a character of chart text, for laying out legends. */
export const CHAR_WIDTH = 7.2;

/** Tick labels: whole numbers without decimals when every tick is whole, else one decimal. */
export function tickFormat(ticks: number[]): (value: number) => string {
  const whole = ticks.every((t) => Number.isInteger(t));
  const format = new Intl.NumberFormat('sv-SE', whole ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (value) => format.format(value).replace(/\u2212/g, '-').replace(/[\u00a0\u202f]/g, ' ');
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
