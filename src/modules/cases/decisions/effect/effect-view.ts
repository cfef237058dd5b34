// The effect view's numbers: each decision's difference in differences, and the same summed up per decision
// tool over the decisions that have been followed long enough.
import type { Db } from '../../../../platform/db/database.ts';
import { DECISION_TOOLS, type DecisionTool } from '../labels.ts';
import { EFFECT_METHOD, loadDecisionCounts, loadIndicatorCounts, type DecisionCountsRow, type EffectScope, type IndicatorCountsRow } from './effect-data.ts';
import { aggregateEffects, estimateDecisionEffect, estimateIndicatorEffect, type DecisionEffect, type IndicatorEffect, type ToolEffect } from './estimator.ts';

export interface DecisionEffectRow {
  counts: DecisionCountsRow;
  effect: DecisionEffect;
  /** Followed long enough to count in the per-tool summary. */
  hasFollowUp: boolean;
}

export function effectOf(counts: DecisionCountsRow): DecisionEffectRow {
  const effect = estimateDecisionEffect({
    beforeDays: counts.before_days,
    afterDays: counts.after_days,
    treated: { before: counts.treated_before, after: counts.treated_after },
    controls: { units: counts.control_units, before: counts.control_before, after: counts.control_after, fell: counts.control_fell },
  });
  return { counts, effect, hasFollowUp: effect.did !== null && counts.after_days >= EFFECT_METHOD.minFollowUpWeeks * 7 };
}

export async function findDecisionEffects(db: Db, scope: EffectScope = {}): Promise<DecisionEffectRow[]> {
  return (await loadDecisionCounts(db, scope)).map(effectOf);
}

export interface ToolEffectRow extends ToolEffect {
  tool: DecisionTool;
  /** Decisions of the tool not yet followed long enough (or without comparable units). */
  waiting: number;
}

/** Per tool, over the decisions with enough follow-up; tools without decisions are left out. */
export function summariseByTool(rows: DecisionEffectRow[]): ToolEffectRow[] {
  return DECISION_TOOLS.flatMap((tool) => {
    const own = rows.filter((r) => r.counts.tool === tool);
    if (own.length === 0) return [];
    const followed = own.filter((r) => r.hasFollowUp);
    const summary = aggregateEffects(
      followed.map((r) => ({ did: r.effect.did!, treatedFell: r.effect.treatedFell === true, controlUnits: r.counts.control_units, controlFell: r.counts.control_fell })),
    );
    return [{ tool, ...summary, waiting: own.length - followed.length }];
  });
}

export interface IndicatorEffectRow {
  counts: IndicatorCountsRow;
  effect: IndicatorEffect;
  /** Whether the difference points to an improvement given the indicator's direction (null: no estimate). */
  improved: boolean | null;
}

export async function findIndicatorEffects(db: Db, scope: EffectScope & { decisionId: number }): Promise<IndicatorEffectRow[]> {
  return (await loadIndicatorCounts(db, scope)).map((counts) => {
    const effect = estimateIndicatorEffect({
      treatedBefore: counts.treated_before,
      treatedAfter: counts.treated_after,
      controls: { units: counts.control_units, meanChange: counts.control_mean_change, sdChange: counts.control_sd_change },
    });
    const improved = effect.did === null || effect.did === 0 ? null : counts.direction === 'higher_better' ? effect.did > 0 : effect.did < 0;
    return { counts, effect, improved };
  });
}
