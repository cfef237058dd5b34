import Html from '@kitajs/html';
import { scaleBand, scaleLinear } from 'd3-scale';
import { ChartFigure, px } from '../../../../platform/web/chart-figure.tsx';
import { formatDecimal, formatSignedRate, TOOL_LABELS, type DecisionTool } from '../labels.ts';

// Server-drawn SVG charts of the effect view, in the shared frame of platform/web/chart-figure.tsx (role="img"
// with a <title> and a one-sentence <desc>, the same numbers in a table under "Visa som tabell"); colours as
// presentation attributes (the content security policy allows no inline styles), nothing resting on colour
// alone.

const COLOURS = { text: '#0b0c0c', grid: '#b1b4b6', axis: '#505a5f', treated: '#1d70b8', control: '#505a5f', interval: '#003078' } as const;

/** Tick labels with as many decimals as the step between ticks needs ("0", "0,2", "0,4" or "0,05", "0,10"). */
function tickFormat(ticks: number[]): (value: number) => string {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  return (value) => formatDecimal(value, decimals);
}

/** Nice ticks including zero, over a domain widened to include zero. */
function domainWithZero(values: number[]): [number, number] {
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  if (low === high) return [-1, 1];
  const pad = (high - low) * 0.08;
  return [low - (low < 0 ? pad : 0), high + (high > 0 ? pad : 0)];
}

export interface ToolPoint {
  tool: DecisionTool;
  decisions: number;
  mean: number;
  low: number | null;
  high: number | null;
}

/**
 * Per tool a dot at the mean difference in differences and a line over its 95 % interval, against a zero
 * line: left of zero, signals fell more than among comparable units.
 */
export function ToolEffectChart({ points, table }: { points: ToolPoint[]; table: JSX.Element }): JSX.Element {
  const width = 680;
  const rowHeight = 44;
  const margin = { top: 16, right: 24, bottom: 52, left: 250 };
  const height = margin.top + Math.max(points.length, 1) * rowHeight + margin.bottom;
  const values = points.flatMap((p) => [p.mean, p.low ?? p.mean, p.high ?? p.mean]);
  const x = scaleLinear().domain(domainWithZero(values)).range([margin.left, width - margin.right]).nice();
  const y = scaleBand<string>().domain(points.map((p) => p.tool)).range([margin.top, height - margin.bottom]).paddingInner(0.3);
  const ticks = x.ticks(6);
  const format = tickFormat(ticks);
  const bottom = height - margin.bottom;
  const best = [...points].sort((a, b) => a.mean - b.mean)[0];
  const clearlyBelow = points.filter((p) => p.high !== null && p.high < 0).map((p) => TOOL_LABELS[p.tool].toLocaleLowerCase('sv'));
  const description =
    points.length === 0
      ? 'Inga beslut har följts upp tillräckligt länge än.'
      : `Skillnad i skillnader i externa signaler per vecka, per beslutsverktyg, med 95 % intervall. Störst minskning efter ${TOOL_LABELS[best.tool].toLocaleLowerCase('sv')} (${formatSignedRate(best.mean)} signaler per vecka). ${
          clearlyBelow.length ? `Intervallet ligger helt under noll för ${clearlyBelow.join(', ')}.` : 'Inget verktygs intervall ligger helt under noll.'
        }`;
  return (
    <ChartFigure id="effekt-per-verktyg" title="Effekt per beslutsverktyg: förändring i signaler per vecka jämfört med liknande verksamheter" description={description} width={width} height={height} table={table}>
      <g aria-hidden="true">
        {ticks.map((t) => (
          <g>
            <line x1={String(px(x(t)))} x2={String(px(x(t)))} y1={String(margin.top)} y2={String(bottom)} stroke={t === 0 ? COLOURS.text : COLOURS.grid} stroke-width={t === 0 ? '2' : '1'} />
            <text x={String(px(x(t)))} y={String(bottom + 18)} text-anchor="middle" fill={COLOURS.text} safe>
              {format(t)}
            </text>
          </g>
        ))}
        <text x={String(px((margin.left + width - margin.right) / 2))} y={String(bottom + 40)} text-anchor="middle" fill={COLOURS.text}>
          Förändring i signaler per vecka (negativt = färre än hos liknande)
        </text>
        {points.map((p) => {
          const cy = px(y(p.tool)! + y.bandwidth() / 2);
          return (
            <g data-tool={p.tool}>
              <text x={String(margin.left - 10)} y={String(cy + 4)} text-anchor="end" fill={COLOURS.text} safe>
                {`${TOOL_LABELS[p.tool]} (${p.decisions})`}
              </text>
              {p.low !== null && p.high !== null ? (
                <line x1={String(px(x(p.low)))} x2={String(px(x(p.high)))} y1={String(cy)} y2={String(cy)} stroke={COLOURS.interval} stroke-width="3" />
              ) : (
                ''
              )}
              <circle cx={String(px(x(p.mean)))} cy={String(cy)} r="6" fill={COLOURS.treated} stroke={COLOURS.interval} stroke-width="1.5" />
            </g>
          );
        })}
      </g>
    </ChartFigure>
  );
}

/**
 * The decided unit's rate and its comparable units' mean rate before and after the decision, as two sloped
 * lines: where the unit's line falls more steeply than the comparison's, the difference in differences is
 * negative.
 */
export function SlopeChart(props: { unitName: string; treated: [number, number]; control: [number, number] | null; table: JSX.Element; description: string }): JSX.Element {
  const width = 560;
  const height = 300;
  const margin = { top: 24, right: 200, bottom: 40, left: 70 };
  const values = [...props.treated, ...(props.control ?? [])];
  const y = scaleLinear().domain([0, Math.max(0.01, ...values) * 1.1]).range([height - margin.bottom, margin.top]).nice();
  const x0 = margin.left + 20;
  const x1 = width - margin.right - 20;
  const ticks = y.ticks(5);
  const format = tickFormat(ticks);
  const line = (pair: [number, number], colour: string, label: string, dash?: string) => (
    <g>
      <line x1={String(x0)} x2={String(x1)} y1={String(px(y(pair[0])))} y2={String(px(y(pair[1])))} stroke={colour} stroke-width="3" stroke-dasharray={dash} />
      <circle cx={String(x0)} cy={String(px(y(pair[0])))} r="5" fill={colour} />
      <circle cx={String(x1)} cy={String(px(y(pair[1])))} r="5" fill={colour} />
      <text x={String(x1 + 10)} y={String(px(y(pair[1])) + 4)} fill={COLOURS.text} safe>
        {label}
      </text>
    </g>
  );
  return (
    <ChartFigure id="effekt-fore-efter" title={`Externa signaler per vecka före och efter beslutet: ${props.unitName} och liknande verksamheter`} description={props.description} width={width} height={height} table={props.table}>
      <g aria-hidden="true">
        {ticks.map((t) => (
          <g>
            <line x1={String(margin.left)} x2={String(width - margin.right)} y1={String(px(y(t)))} y2={String(px(y(t)))} stroke={COLOURS.grid} stroke-width="1" />
            <text x={String(margin.left - 8)} y={String(px(y(t)) + 4)} text-anchor="end" fill={COLOURS.text} safe>
              {format(t)}
            </text>
          </g>
        ))}
        <text x={String(14)} y={String(px((margin.top + height - margin.bottom) / 2))} transform={`rotate(-90 14 ${px((margin.top + height - margin.bottom) / 2)})`} text-anchor="middle" fill={COLOURS.text}>
          Signaler per vecka
        </text>
        <text x={String(x0)} y={String(height - 12)} text-anchor="middle" fill={COLOURS.text}>
          Före
        </text>
        <text x={String(x1)} y={String(height - 12)} text-anchor="middle" fill={COLOURS.text}>
          Efter
        </text>
        {props.control ? line(props.control, COLOURS.control, 'Liknande (medel)', '6 4') : ''}
        {line(props.treated, COLOURS.treated, 'Verksamheten')}
      </g>
    </ChartFigure>
  );
}
