import Html from '@kitajs/html';
import { scaleBand, scaleLinear } from 'd3-scale';
import { collator, formatInteger, formatMonthShort, riskAreaLabel, signalsText } from '../labels.ts';
import type { TimelineRow } from '../repository.ts';
import { ChartFigure, DataTable, px } from '../../../../platform/web/chart-figure.tsx';
import { COLOURS } from './chart-parts.tsx';
import { formatMonthYear } from '../../../../platform/dates.ts';

// A unit's signals per month over the last 24 months as small multiples: one row of bars for all signals,
// then one row per risk area that had any, all on the same scale and each row named, so nothing rests on
// colour. Only counts: no signal text or personal data is read.

const WIDTH = 640;
const ROW_HEIGHT = 50;
const BAR_AREA = 30;
const MARGIN = { top: 6, right: 16, bottom: 30, left: 16 };
export const TIMELINE_MONTHS = 24;
const NO_AREA = 'none';

export interface TimelineInput {
  /** The last day counted (the score's as-of date). */
  asOf: string;
  /** The months shown, oldest first (YYYY-MM). */
  months: string[];
  byArea: TimelineRow[];
  totals: { month: string; signals: number }[];
}

/** The 24 months ending with the as-of date's month, oldest first. */
export function timelineMonths(asOf: string, count = TIMELINE_MONTHS): string[] {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, k) => {
    const date = new Date(Date.UTC(year, month - (count - 1 - k), 1));
    return date.toISOString().slice(0, 7);
  });
}

interface TimelineSeries {
  key: string;
  label: string;
  counts: number[];
  total: number;
}

export function timelineSeries(input: TimelineInput): TimelineSeries[] {
  const index = new Map(input.months.map((m, i) => [m, i]));
  const totals = new Array<number>(input.months.length).fill(0);
  for (const row of input.totals) {
    const i = index.get(row.month);
    if (i !== undefined) totals[i] += row.signals;
  }
  const areas = new Map<string, number[]>();
  for (const row of input.byArea) {
    const i = index.get(row.month);
    if (i === undefined) continue;
    const key = row.area ?? NO_AREA;
    if (!areas.has(key)) areas.set(key, new Array<number>(input.months.length).fill(0));
    areas.get(key)![i] += row.signals;
  }
  const label = (key: string) => (key === NO_AREA ? 'Utan riskområde' : riskAreaLabel(key));
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const byArea = [...areas].map(([key, counts]) => ({ key, label: label(key), counts, total: sum(counts) }));
  byArea.sort((a, b) => b.total - a.total || (a.key === NO_AREA ? 1 : b.key === NO_AREA ? -1 : collator.compare(a.label, b.label)));
  return [{ key: 'all', label: 'Alla signaler', counts: totals, total: sum(totals) }, ...byArea];
}

export function timelineDescription(input: TimelineInput, series: TimelineSeries[]): string {
  const all = series[0];
  if (all.total === 0) return `Verksamheten har inte fått några signaler de senaste ${TIMELINE_MONTHS} månaderna.`;
  const top = series.slice(1).find((s) => s.key !== NO_AREA);
  const last = all.counts[all.counts.length - 1];
  const busiest = all.counts.indexOf(Math.max(...all.counts));
  return [
    `De senaste ${TIMELINE_MONTHS} månaderna har verksamheten fått ${signalsText(all.total)}`,
    top ? `, flest inom riskområdet ${top.label} (${formatInteger(top.total)})` : '',
    `. Flest kom i ${formatMonthYear(input.months[busiest])} (${formatInteger(all.counts[busiest])}); i ${formatMonthYear(input.months[input.months.length - 1])}, till och med den ${Number(input.asOf.slice(8, 10))}, kom ${formatInteger(last)}.`,
  ].join('');
}

export function SignalTimeline({ input, id = 'signaler' }: { input: TimelineInput; id?: string }): JSX.Element {
  const series = timelineSeries(input);
  const height = MARGIN.top + series.length * ROW_HEIGHT + MARGIN.bottom;
  const x = scaleBand<string>().domain(input.months).range([MARGIN.left, WIDTH - MARGIN.right]).paddingInner(0.2);
  const max = Math.max(1, ...series.flatMap((s) => s.counts));
  const barHeight = scaleLinear().domain([0, max]).range([0, BAR_AREA]);
  const bottom = MARGIN.top + series.length * ROW_HEIGHT;
  const width = x.bandwidth();
  // Every third month is labelled, counted back from the last so the newest is always named.
  const labelled = input.months.filter((_, i) => (input.months.length - 1 - i) % 3 === 0);
  const table = (
    <DataTable
      caption="Signaler per månad och riskområde (en signal kan ha flera riskområden)"
      headers={['Månad', ...series.map((s) => s.label)]}
      rows={input.months.map((month, i) => [formatMonthYear(month), ...series.map((s) => formatInteger(s.counts[i]))])}
      numeric={series.map((_, i) => i + 1)}
    />
  );
  return (
    <ChartFigure
      id={id}
      title={`Signaler per månad och riskområde, senaste ${TIMELINE_MONTHS} månaderna`}
      description={timelineDescription(input, series)}
      width={WIDTH}
      height={height}
      table={table}
    >
      <g aria-hidden="true">
        {series.map((s, row) => {
          const base = MARGIN.top + row * ROW_HEIGHT + 16 + BAR_AREA;
          const bars = s.counts
            .map((count, i) => {
              if (count === 0) return '';
              const h = Math.max(1, barHeight(count));
              return `M${px(x(input.months[i])!)} ${px(base - h)}h${px(width)}v${px(h)}h${px(-width)}Z`;
            })
            .join('');
          return (
            <g data-series={s.key}>
              <text x={String(MARGIN.left)} y={String(base - BAR_AREA - 4)} fill={COLOURS.text} font-weight={row === 0 ? 'bold' : undefined} safe>
                {`${s.label} (${formatInteger(s.total)})`}
              </text>
              <line x1={String(MARGIN.left)} x2={String(WIDTH - MARGIN.right)} y1={String(base)} y2={String(base)} stroke={COLOURS.grid} stroke-width="1" />
              {bars ? <path d={bars} fill={row === 0 ? COLOURS.darkBlue : COLOURS.blue} /> : ''}
            </g>
          );
        })}
        {labelled.map((month) => (
          <text x={String(px(x(month)! + width / 2))} y={String(bottom + 18)} text-anchor="middle" fill={COLOURS.text} safe>
            {formatMonthShort(month)}
          </text>
        ))}
      </g>
    </ChartFigure>
  );
}
