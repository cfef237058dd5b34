import Html from '@kitajs/html';
import { formatCount } from '../project-overview.ts';

export interface FunnelLevel {
  label: string;
  /** Null: the stage is not decided yet. */
  count: number | null;
}

/** "Population 240 → steg 1: 30 → …": the funnel as one line of text (the figure's text alternative). */
export function funnelText(levels: FunnelLevel[]): string {
  return levels.map((l) => `${l.label}: ${l.count === null ? 'ej beslutat' : formatCount(l.count)}`).join(' → ');
}

const LABEL_WIDTH = 270;
const BAR_MAX = 330;
const ROW = 44;

/**
 * The selection funnel as a server-rendered bar figure: one bar per level, its length proportional to the
 * number of units, the number beside it. Readable without JavaScript; the caption gives the same facts as
 * text, so the drawing itself is hidden from screen readers.
 */
export function FunnelFigure({ levels, id = 'tratt' }: { levels: FunnelLevel[]; id?: string }) {
  const top = Math.max(1, levels[0]?.count ?? 1);
  const height = levels.length * ROW + 8;
  return (
    <figure class="govuk-!-margin-0 govuk-!-margin-bottom-6">
      <svg class="vaka-map" xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 680 ${height}`} width="680" height={String(height)} aria-hidden="true" focusable="false" data-figure={id}>
        {levels.map((level, i) => {
          const y = i * ROW + 6;
          const width = level.count === null ? 0 : Math.max(3, Math.round((BAR_MAX * level.count) / top));
          return (
            <g>
              <text x="0" y={String(y + 24)} font-size="16" fill="#0b0c0c" safe>
                {level.label}
              </text>
              {level.count === null ? (
                <>
                  <rect x={String(LABEL_WIDTH)} y={String(y + 4)} width={String(BAR_MAX)} height="28" fill="none" stroke="#505a5f" stroke-dasharray="4 4" />
                  <text x={String(LABEL_WIDTH + 10)} y={String(y + 24)} font-size="16" fill="#505a5f">
                    ej beslutat
                  </text>
                </>
              ) : (
                <>
                  <rect x={String(LABEL_WIDTH)} y={String(y + 4)} width={String(width)} height="28" fill={i === 0 ? '#1d3a6e' : '#1d70b8'} />
                  <text x={String(LABEL_WIDTH + width + 8)} y={String(y + 24)} font-size="16" font-weight="700" fill="#0b0c0c" safe>
                    {formatCount(level.count)}
                  </text>
                </>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="govuk-body-s govuk-!-margin-top-2" safe>
        {funnelText(levels)}
      </figcaption>
    </figure>
  );
}
