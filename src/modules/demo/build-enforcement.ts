// The hardest decisions: bans and permit revocations after an inspection, some appealed (and stayed by the
// court). Decided before signals and inspections, because a banned or revoked unit closes.
import { dayOf, formatDay } from './dates.ts';
import type { UnitModel } from './build-register.ts';
import type { DeteriorationModel } from './build-truth.ts';
import { Random } from './random.ts';

export type EnforcementOutcome = 'banned' | 'revoked' | 'appeal_pending' | 'inhibition';

export interface Enforcement {
  outcome: EnforcementOutcome;
  /** The inspection that found the deficiencies. */
  inspectionDay: number;
  /** The inspectorate's decision (ban or revocation). */
  decisionDay: number;
}

/** Share of permit-holding units that meet a ban or revocation over the history. */
const ENFORCEMENT_SHARE = 0.012;
const OUTCOME_WEIGHTS: Record<EnforcementOutcome, number> = { banned: 30, revoked: 30, appeal_pending: 20, inhibition: 20 };

export function pickEnforcements(
  seed: number, units: UnitModel[], deteriorating: Map<number, DeteriorationModel>, untilDay: number,
): Map<number, Enforcement> {
  const random = new Random(seed, 'enforcement');
  const earliest = dayOf(2022, 4, 1);
  const latest = untilDay - 10;
  const candidates: { index: number; key: number }[] = [];
  units.forEach((model, index) => {
    if (!model.privatePermit) return;
    // Frail units and deteriorating ones are far more likely to end here.
    const weight = model.frailty ** 2 * (deteriorating.has(index) ? 20 : 1) * (model.profile.form === 'hvb' || model.profile.form === 'personlig_assistans' ? 2 : 1);
    candidates.push({ index, key: Math.pow(random.next(), 1 / weight) });
  });
  candidates.sort((a, b) => b.key - a.key || a.index - b.index);
  const wanted = Math.round(candidates.length * ENFORCEMENT_SHARE);

  const outcomes = Object.keys(OUTCOME_WEIGHTS) as EnforcementOutcome[];
  const result = new Map<number, Enforcement>();
  for (const { index } of candidates) {
    if (result.size >= wanted) break;
    const model = units[index];
    const deterioration = deteriorating.get(index);
    const openFrom = Math.max(earliest, model.openedDay + 365);
    const openUntil = Math.min(latest, (model.closedDay ?? untilDay) - 30);
    let decisionDay: number;
    if (deterioration && deterioration.fromDay + 120 <= openUntil) {
      decisionDay = random.int(deterioration.fromDay + 120, Math.min(openUntil, deterioration.fromDay + 400));
    } else if (!deterioration && openFrom <= openUntil) {
      decisionDay = random.int(openFrom, openUntil);
    } else {
      continue;
    }
    const outcome = outcomes[random.weightedIndex(outcomes.map((o) => OUTCOME_WEIGHTS[o]))];
    const enforcement = { outcome, inspectionDay: decisionDay - random.int(20, 60), decisionDay };
    result.set(index, enforcement);
    // A ban or a revocation in force ends the operation within weeks.
    if (outcome === 'banned' || outcome === 'revoked') {
      const closedDay = decisionDay + random.int(outcome === 'banned' ? 1 : 14, outcome === 'banned' ? 20 : 45);
      if (closedDay <= untilDay && (model.closedDay === null || closedDay < model.closedDay)) {
        model.closedDay = closedDay;
        model.unit.closed = formatDay(closedDay);
      }
    }
  }
  return result;
}
