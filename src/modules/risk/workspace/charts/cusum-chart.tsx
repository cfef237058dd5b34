import Html from '@kitajs/html';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { formatDecimal2, formatShortDate, formatInteger } from '../labels.ts';
import { ChartFigure, DataTable, px } from '../../../../platform/web/chart-figure.tsx';
import { COLOURS, XAxis, YAxis } from './chart-parts.tsx';
import { formatLongDate } from '../../../../platform/dates.ts';

// The unit's Poisson CUSUM of external signals over the last year, week by week, with the national alarm
// threshold of the run. Weeks above the threshold get a ring, so the alarm does not rest on colour alone.

const WIDTH = 640;
const HEIGHT = 324;
const MARGIN = { top: 16, right: 24, bottom: 88, left: 56 };
const DAY_MS = 86_400_000;

export interface CusumInput {
  /** Weekly CUSUM values, oldest first; the last is the week ending on the as-of date. */
  path: number[];
  threshold: number;
  asOf: string;
}

/** The last day of week i of the path (the last week ends on the as-of date). */
export function weekEnding(asOf: string, index: number, length: number): string {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) - 7 * DAY_MS * (length - 1 - index)).toISOString().slice(0, 10);
}

export function cusumDescription({ path, threshold }: CusumInput): string {
  if (path.length === 0) return 'Det finns inga veckovärden för CUSUM.';
  const last = path[path.length - 1];
  const weeksAbove = path.filter((v) => v >= threshold).length;
  const limit = `larmgränsen (${formatDecimal2(threshold)})`;
  const state = last >= threshold ? `över ${limit}, alltså i larm` : `under ${limit}`;
  return `CUSUM-värdet är ${formatDecimal2(last)} den senaste veckan, ${state}; det har legat över larmgränsen ${formatInteger(weeksAbove)} av ${formatInteger(path.length)} veckor.`;
}

export function CusumChart({ input, id = 'cusum' }: { input: CusumInput; id?: string }): JSX.Element {
  const { path, threshold, asOf } = input;
  const n = path.length;
  const x = scaleLinear()
    .domain([0, Math.max(1, n - 1)])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, threshold * 1.25, ...path.map((v) => v * 1.1))])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const [left, right] = x.range();
  const [bottom, top] = y.range();
  // A tick every 13 weeks, counted back from the last week so the as-of date is always labelled.
  const ticks = Array.from({ length: Math.floor((n - 1) / 13) + 1 }, (_, k) => n - 1 - 13 * k).filter((i) => i >= 0).reverse();
  const d = line<number>()
    .x((_, i) => x(i))
    .y((v) => y(v))
    .digits(1)(path);
  const above = path.map((v, i) => ({ v, i })).filter(({ v }) => v >= threshold);
  const thresholdY = px(y(threshold));
  const table = (
    <DataTable
      caption={`CUSUM per vecka (larmgräns ${formatDecimal2(threshold)})`}
      headers={['Veckan som slutar', 'CUSUM-värde', 'Över larmgränsen']}
      rows={path.map((v, i) => [formatLongDate(weekEnding(asOf, i, n)), formatDecimal2(v), v >= threshold ? 'Ja' : 'Nej'])}
      numeric={[1]}
    />
  );
  return (
    <ChartFigure id={id} title="CUSUM för externa signaler vecka för vecka, senaste året" description={cusumDescription(input)} width={WIDTH} height={HEIGHT} table={table}>
      <YAxis ticks={y.ticks(5)} y={y} left={left} right={right} top={top} bottom={bottom} title="CUSUM" />
      <XAxis ticks={ticks} x={x} bottom={bottom} left={left} right={right} format={(i) => formatShortDate(weekEnding(asOf, i, n))} title="Veckan som slutar" />
      <g aria-hidden="true">
        <line x1={String(left)} x2={String(right)} y1={String(thresholdY)} y2={String(thresholdY)} stroke={COLOURS.highlight} stroke-width="2" stroke-dasharray="8 4" data-threshold={String(threshold)} />
        <text x={String(right)} y={String(thresholdY - 6)} text-anchor="end" fill={COLOURS.warningText} font-weight="bold" safe>
          {`Larmgräns ${formatDecimal2(threshold)}`}
        </text>
        {n > 0 ? <path d={d ?? ''} fill="none" stroke={COLOURS.blue} stroke-width="2.5" stroke-linejoin="round" data-cusum-weeks={String(n)} /> : ''}
        {above.map(({ v, i }) => (
          <circle cx={String(px(x(i)))} cy={String(px(y(v)))} r="4.5" fill="#ffffff" stroke={COLOURS.highlight} stroke-width="2" />
        ))}
        <line x1={String(left)} x2={String(left + 30)} y1={String(bottom + 66)} y2={String(bottom + 66)} stroke={COLOURS.blue} stroke-width="2.5" />
        <text x={String(left + 36)} y={String(bottom + 70)} fill={COLOURS.text}>
          CUSUM
        </text>
        <circle cx={String(left + 110)} cy={String(bottom + 66)} r="4.5" fill="#ffffff" stroke={COLOURS.highlight} stroke-width="2" />
        <text x={String(left + 120)} y={String(bottom + 70)} fill={COLOURS.text}>
          Vecka över larmgränsen
        </text>
      </g>
    </ChartFigure>
  );
}
