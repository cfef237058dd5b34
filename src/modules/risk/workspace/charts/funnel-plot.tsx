import Html from '@kitajs/html';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { countFunnelLimits } from '../../statistics.ts';
import { formatDecimal1, formatDecimal2, formatExpected, formatInteger, unitsText } from '../labels.ts';
import type { PeerPoint } from '../repository.ts';
import { ChartFigure, DataTable, px } from '../../../../platform/web/chart-figure.tsx';
import { CHAR_WIDTH, COLOURS, XAxis, YAxis } from './chart-parts.tsx';

// The funnel plot of a unit among the units of its form: x = external signals expected in 26 weeks, y =
// observed / expected, with Spiegelhalter's control limits. The limits come from countFunnelLimits, which
// works on the square-root scale and returns them on the count scale: (√E ± z·√(¼ + τ²))². Divided by E they
// are limits of the ratio.

const WIDTH = 640;
const HEIGHT = 440;
const MARGIN = { top: 16, right: 24, bottom: 112, left: 64 };
/** Sample points of each limit curve, denser near zero where the funnel is wide. */
const SAMPLES = 160;

export const FUNNEL_LIMITS = [
  { key: '95', coverage: 0.95, label: '95 %', dash: '6 4' },
  { key: '99.8', coverage: 0.998, label: '99,8 %', dash: '' },
] as const;

export interface FunnelPlotInput {
  /** Every unit of the form (this one included), units with the same (expected, observed) counted together. */
  peers: PeerPoint[];
  unit: { observed: number; expected: number };
  /** Between-unit variance of external signals on the square-root scale (the run's tau2.signals). */
  tau2: number;
  formLabel: string;
}

export interface LimitCurve {
  key: string;
  side: 'upper' | 'lower';
  coverage: number;
  label: string;
  dash: string;
  points: { expected: number; ratio: number }[];
  d: string;
}

export type FunnelPosition = 'above998' | 'above95' | 'within' | 'below95' | 'below998' | 'none';

export interface FunnelPlotModel {
  width: number;
  height: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  /** One path of round dots, one per distinct pixel position. */
  dots: string;
  /** Peers above the scale, as small upward triangles along its top edge. */
  aboveDots: string;
  peerUnits: number;
  /** Units drawn at the top edge because their ratio is above the axis. */
  clipped: number;
  /** Units expecting no signals at all (no ratio, not drawn). */
  withoutExpected: number;
  limits: LimitCurve[];
  unit: { ratio: number; x: number; y: number; clamped: boolean } | null;
  position: FunnelPosition;
  counts: { above998: number; above95: number; below95: number; below998: number };
}

/** The limits of the ratio observed / expected at one expected count. */
export function ratioLimits(expected: number, coverage: number, tau2: number): { lower: number; upper: number } {
  const { lower, upper } = countFunnelLimits(expected, coverage, tau2);
  return { lower: lower / expected, upper: upper / expected };
}

function positionOf(observed: number, expected: number, tau2: number): FunnelPosition {
  if (!(expected > 0)) return 'none';
  const wide = countFunnelLimits(expected, 0.998, tau2);
  const narrow = countFunnelLimits(expected, 0.95, tau2);
  if (observed > wide.upper) return 'above998';
  if (observed > narrow.upper) return 'above95';
  if (observed < wide.lower) return 'below998';
  if (observed < narrow.lower) return 'below95';
  return 'within';
}

/** The quantile of a weighted sample (values with counts). */
function weightedQuantile(values: { value: number; weight: number }[], q: number): number {
  const sorted = [...values].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, v) => sum + v.weight, 0);
  let seen = 0;
  for (const v of sorted) {
    seen += v.weight;
    if (seen >= q * total) return v.value;
  }
  return sorted.length ? sorted[sorted.length - 1].value : 0;
}

export function buildFunnelPlot(input: FunnelPlotInput): FunnelPlotModel {
  const { peers, unit, tau2 } = input;
  const usable = peers.filter((p) => p.expected > 0);
  const withoutExpected = peers.filter((p) => !(p.expected > 0)).reduce((sum, p) => sum + p.units, 0);
  const peerUnits = usable.reduce((sum, p) => sum + p.units, 0);
  const unitRatio = unit.expected > 0 ? unit.observed / unit.expected : null;

  const maxExpected = Math.max(1e-6, unit.expected, ...usable.map((p) => p.expected));
  const x = scaleLinear().domain([0, maxExpected]).nice().range([MARGIN.left, WIDTH - MARGIN.right]);
  const ratios = usable.map((p) => ({ value: p.observed / p.expected, weight: p.units }));
  const typicalTop = ratios.length ? Math.min(6, weightedQuantile(ratios, 0.98)) : 2;
  const y = scaleLinear()
    .domain([0, Math.max(2, typicalTop, unitRatio ?? 0) * 1.1])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const yTop = y.domain()[1];
  const xRight = x.domain()[1];

  const positions = new Set<string>();
  const above = new Set<string>();
  let clipped = 0;
  const counts = { above998: 0, above95: 0, below95: 0, below998: 0 };
  for (const p of usable) {
    const ratio = p.observed / p.expected;
    if (ratio > yTop) {
      clipped += p.units;
      // Beyond the scale: an arrowhead at the top edge says "higher than this", not a dot at a false value.
      above.add(`M${px(x(p.expected))} ${px(y(yTop) - 1)}l4 6h-8z`);
    } else positions.add(`M${px(x(p.expected))} ${px(y(ratio))}h0`);
    const position = positionOf(p.observed, p.expected, tau2);
    if (position !== 'within' && position !== 'none') counts[position] += p.units;
  }

  const samples = Array.from({ length: SAMPLES }, (_, i) => xRight * ((i + 1) / SAMPLES) ** 2);
  if (unit.expected > 0) samples.push(unit.expected);
  samples.sort((a, b) => a - b);
  const path = line<{ expected: number; ratio: number }>()
    .x((d) => x(d.expected))
    // Far above the axis the curve is hidden by the clip path; capping keeps the numbers short.
    .y((d) => y(Math.min(d.ratio, yTop * 2)))
    .digits(1);
  const limits: LimitCurve[] = FUNNEL_LIMITS.flatMap((limit) =>
    (['upper', 'lower'] as const).map((side) => {
      const points = samples.map((expected) => ({ expected, ratio: ratioLimits(expected, limit.coverage, tau2)[side] }));
      return { key: limit.key, side, coverage: limit.coverage, label: limit.label, dash: limit.dash, points, d: path(points) ?? '' };
    }),
  );

  return {
    width: WIDTH,
    height: HEIGHT,
    x,
    y,
    dots: [...positions].join(''),
    aboveDots: [...above].join(''),
    peerUnits,
    clipped,
    withoutExpected,
    limits,
    unit: unitRatio === null ? null : { ratio: unitRatio, x: px(x(unit.expected)), y: px(y(Math.min(unitRatio, yTop))), clamped: unitRatio > yTop },
    position: positionOf(unit.observed, unit.expected, tau2),
    counts,
  };
}

const POSITION_TEXT: Record<FunnelPosition, string> = {
  above998: 'över den övre 99,8-procentsgränsen: fler signaler än slumpen förklarar',
  above95: 'över den övre 95-procentsgränsen men under 99,8-procentsgränsen',
  within: 'inom gränserna: så många signaler som slumpen kan förklara',
  below95: 'under den nedre 95-procentsgränsen: färre signaler än väntat',
  below998: 'under den nedre 99,8-procentsgränsen: betydligt färre signaler än väntat',
  none: 'utan förväntade signaler, så ingen kvot kan räknas',
};

export function funnelDescription(model: FunnelPlotModel, input: FunnelPlotInput): string {
  const { observed, expected } = input.unit;
  const where = model.unit
    ? `${formatInteger(observed)} externa signaler mot ${formatExpected(expected)} förväntade (kvot ${formatDecimal2(model.unit.ratio)}), ${POSITION_TEXT[model.position]}`
    : `${formatInteger(observed)} externa signaler och inga förväntade`;
  const above = model.counts.above998 + model.counts.above95;
  return `Verksamheten har ${where}. Jämförelsen gäller ${unitsText(model.peerUnits)} med verksamhetsformen ${input.formLabel}; ${formatInteger(above)} av dem ligger över den övre 95-procentsgränsen.`;
}

/** Expected counts where the table gives the limits: quantiles of the peers, the largest, and this unit's. */
function tableExpectedValues(input: FunnelPlotInput): number[] {
  const weighted = input.peers.filter((p) => p.expected > 0).map((p) => ({ value: p.expected, weight: p.units }));
  const values = weighted.length ? [0.1, 0.25, 0.5, 0.75, 0.9, 1].map((q) => weightedQuantile(weighted, q)) : [];
  if (input.unit.expected > 0) values.push(input.unit.expected);
  return [...new Set(values)].sort((a, b) => a - b);
}

export function FunnelPlot({ input, id = 'tratt' }: { input: FunnelPlotInput; id?: string }): JSX.Element {
  const model = buildFunnelPlot(input);
  const { x, y } = model;
  const [left, right] = x.range();
  const [bottom, top] = y.range();
  const clipId = `${id}-yta`;
  const description = funnelDescription(model, input);
  const limitRows = tableExpectedValues(input).map((expected) => {
    const narrow = ratioLimits(expected, 0.95, input.tau2);
    const wide = ratioLimits(expected, 0.998, input.tau2);
    const isUnit = expected === input.unit.expected;
    return [
      `${formatDecimal2(expected)}${isUnit ? ' (denna verksamhet)' : ''}`,
      formatDecimal2(wide.lower),
      formatDecimal2(narrow.lower),
      formatDecimal2(narrow.upper),
      formatDecimal2(wide.upper),
    ];
  });
  const legendY = model.height - 34;
  const table = (
    <>
      <DataTable
        caption="Denna verksamhet"
        headers={['Uppgift', 'Värde']}
        rows={[
          ['Externa signaler, senaste 26 veckorna', formatInteger(input.unit.observed)],
          ['Förväntat antal', formatDecimal2(input.unit.expected)],
          ['Kvot observerat / förväntat', model.unit ? formatDecimal2(model.unit.ratio) : 'saknas'],
          ['Läge i trattdiagrammet', POSITION_TEXT[model.position]],
        ]}
      />
      <DataTable
        caption="Kontrollgränser för kvoten observerat / förväntat"
        headers={['Förväntat antal', 'Nedre 99,8 %', 'Nedre 95 %', 'Övre 95 %', 'Övre 99,8 %']}
        rows={limitRows}
        numeric={[1, 2, 3, 4]}
      />
      <DataTable
        caption={`Verksamheter med verksamhetsformen ${input.formLabel}`}
        headers={['Läge', 'Antal verksamheter']}
        rows={[
          ['Över den övre 99,8-procentsgränsen', formatInteger(model.counts.above998)],
          ['Mellan den övre 95- och 99,8-procentsgränsen', formatInteger(model.counts.above95)],
          ['Under den nedre 95-procentsgränsen', formatInteger(model.counts.below95 + model.counts.below998)],
          ['Alla med förväntade signaler', formatInteger(model.peerUnits)],
          ['Med en kvot över skalan (visas vid diagrammets överkant)', formatInteger(model.clipped)],
          ['Utan förväntade signaler (visas inte)', formatInteger(model.withoutExpected)],
        ]}
        numeric={[1]}
      />
    </>
  );
  return (
    <ChartFigure
      id={id}
      title={`Trattdiagram: externa signaler mot förväntat bland verksamheter med verksamhetsformen ${input.formLabel}, senaste 26 veckorna`}
      description={description}
      width={model.width}
      height={model.height}
      table={table}
    >
      <defs>
        <clipPath id={clipId}>
          <rect x={String(left)} y={String(top)} width={String(right - left)} height={String(bottom - top)} />
        </clipPath>
      </defs>
      <YAxis ticks={y.ticks(6)} y={y} left={left} right={right} top={top} bottom={bottom} title="Observerat / förväntat" />
      <XAxis ticks={x.ticks(8)} x={x} bottom={bottom} left={left} right={right} title="Förväntat antal externa signaler på 26 veckor" />
      <g aria-hidden="true">
        <path d={model.dots} fill="none" stroke={COLOURS.secondaryText} stroke-opacity="0.45" stroke-width="5" stroke-linecap="round" data-peers={String(model.peerUnits)} />
        {model.aboveDots ? <path d={model.aboveDots} fill={COLOURS.secondaryText} fill-opacity="0.7" stroke="none" data-above-scale={String(model.clipped)} /> : ''}
        <line x1={String(left)} x2={String(right)} y1={String(px(y(1)))} y2={String(px(y(1)))} stroke={COLOURS.text} stroke-width="1" />
        <g clip-path={`url(#${clipId})`} fill="none" stroke={COLOURS.darkBlue}>
          {model.limits.map((limit) => (
            <path d={limit.d} stroke-width={limit.key === '99.8' ? '2' : '1.5'} stroke-dasharray={limit.dash || undefined} data-limit={`${limit.side}-${limit.key}`} />
          ))}
        </g>
        {model.unit ? <UnitMarker model={model} left={left} right={right} top={top} /> : ''}
      </g>
      <Legend y={legendY} left={left} />
    </ChartFigure>
  );
}

function UnitMarker({ model, left, right, top }: { model: FunnelPlotModel; left: number; right: number; top: number }): JSX.Element {
  const { x, y, ratio, clamped } = model.unit!;
  const size = 8;
  const onRight = x > (left + right) / 2;
  const labelX = onRight ? x - size - 6 : x + size + 6;
  const labelY = y - size - 4 < top + 12 ? y + size + 14 : y - size - 4;
  return (
    <g data-unit-marker={formatDecimal2(ratio)}>
      <path d={`M${x} ${px(y - size)}L${px(x + size)} ${y}L${x} ${px(y + size)}L${px(x - size)} ${y}Z`} fill={COLOURS.highlight} stroke={COLOURS.text} stroke-width="1.5" />
      <text x={String(px(labelX))} y={String(px(labelY))} text-anchor={onRight ? 'end' : 'start'} fill={COLOURS.text} font-weight="bold" safe>
        {`Denna verksamhet (${formatDecimal2(ratio)}${clamped ? ', utanför skalan' : ''})`}
      </text>
    </g>
  );
}

function Legend({ y, left }: { y: number; left: number }): JSX.Element {
  // Items laid out one after the other: a 16-px mark, its text, then a gap.
  const items = ['Andra verksamheter', 'Denna verksamhet', '95 %-gräns', '99,8 %-gräns'];
  const starts: number[] = [];
  items.forEach((_, i) => starts.push(i === 0 ? left : starts[i - 1] + 22 + items[i - 1].length * CHAR_WIDTH + 18));
  const [dot, diamond, narrow, wide] = starts;
  return (
    <g aria-hidden="true" fill={COLOURS.text}>
      <circle cx={String(dot + 8)} cy={String(y)} r="3.5" fill={COLOURS.secondaryText} fill-opacity="0.6" />
      <path d={`M${px(diamond + 8)} ${y - 7}L${px(diamond + 15)} ${y}L${px(diamond + 8)} ${y + 7}L${px(diamond + 1)} ${y}Z`} fill={COLOURS.highlight} stroke={COLOURS.text} stroke-width="1.5" />
      <line x1={String(px(narrow))} x2={String(px(narrow + 16))} y1={String(y)} y2={String(y)} stroke={COLOURS.darkBlue} stroke-width="1.5" stroke-dasharray="4 3" />
      <line x1={String(px(wide))} x2={String(px(wide + 16))} y1={String(y)} y2={String(y)} stroke={COLOURS.darkBlue} stroke-width="2" />
      {items.map((text, i) => (
        <text x={String(px(starts[i] + 22))} y={String(y + 4)} safe>
          {text}
        </text>
      ))}
      <line x1={String(left)} x2={String(left + 16)} y1={String(y + 22)} y2={String(y + 22)} stroke={COLOURS.text} stroke-width="1" />
      <text x={String(left + 22)} y={String(y + 26)}>
        Kvot 1: så många signaler som förväntat
      </text>
    </g>
  );
}
