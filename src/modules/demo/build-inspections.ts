// Inspections: planned ones (~10% of units a year, HVB far more often, frailer units a little more often),
// reactive ones after serious signals, and the ones behind bans and revocations. Deficiencies follow the
// unit's frailty; after a unit starts deteriorating, inspections find at least two.
import type { RiskArea } from '../registry/codes.ts';
import type { SignalCalendar } from './calendar.ts';
import { formatDay, nextWorkingDay } from './dates.ts';
import type { UnitModel } from './build-register.ts';
import { activePeriod, type SignalDraft } from './build-signals.ts';
import type { Enforcement } from './build-enforcement.ts';
import type { DeteriorationModel } from './build-truth.ts';
import { PLANNED_INSPECTION_SHARE } from './form-profiles.ts';
import { Random } from './random.ts';
import { makeInspectionFindingText } from './signal-texts.ts';
import type { Inspection, InspectionOutcome } from './world-types.ts';

type InspectionReason = 'planned' | 'reactive' | 'enforcement';

interface PlannedInspection {
  day: number;
  reason: InspectionReason;
}

export interface InspectionResult {
  inspections: Inspection[];
  findings: SignalDraft[];
}

const DAYS_PER_YEAR = 365.25;
/** Minimum days between two inspections of the same unit. */
const MIN_GAP_DAYS = 21;

export function buildInspections(
  seed: number, units: UnitModel[], calendar: SignalCalendar, signals: SignalDraft[],
  deteriorating: Map<number, DeteriorationModel>, enforcements: Map<number, Enforcement>,
): InspectionResult {
  const random = new Random(seed, 'inspections');
  const perUnit: PlannedInspection[][] = units.map(() => []);

  // Planned: rates per form scaled so PLANNED_INSPECTION_SHARE of unit-years are inspected.
  let exposure = 0;
  const periods = units.map((model) => activePeriod(model, calendar));
  units.forEach((model, i) => {
    const period = periods[i];
    if (period) exposure += planWeight(model) * (period[1] - period[0] + 1);
  });
  const unitYears = periods.reduce((sum, p) => sum + (p ? p[1] - p[0] + 1 : 0), 0) / DAYS_PER_YEAR;
  const scale = exposure > 0 ? (PLANNED_INSPECTION_SHARE * unitYears) / exposure : 0;
  units.forEach((model, i) => {
    const period = periods[i];
    if (!period) return;
    const count = random.poisson(scale * planWeight(model) * (period[1] - period[0] + 1));
    for (let k = 0; k < count; k++) {
      let day = random.int(period[0], period[1]);
      // Few planned inspections in July and over Christmas: draw again once.
      if (isHoliday(day)) day = random.int(period[0], period[1]);
      perUnit[i].push({ day: Math.min(period[1], nextWorkingDay(day)), reason: 'planned' });
    }
  });

  // Reactive: a few serious or acute signals lead to an unannounced visit within weeks.
  for (const { signal, unitIndex, receivedDay } of signals) {
    const probability = signal.urgency === 'acute' ? 0.25 : (signal.severity ?? 1) >= 3 ? 0.04 : 0;
    if (probability === 0 || !random.chance(probability)) continue;
    const period = periods[unitIndex];
    const day = nextWorkingDay(receivedDay + random.int(5, 45));
    if (period && day <= period[1]) perUnit[unitIndex].push({ day, reason: 'reactive' });
  }
  // Most deteriorating units get a visit some months after `from`.
  for (const [index, deterioration] of deteriorating) {
    const period = periods[index];
    const day = nextWorkingDay(deterioration.fromDay + random.int(60, 300));
    if (period && day <= period[1] && random.chance(0.6)) perUnit[index].push({ day, reason: 'reactive' });
  }
  for (const [index, enforcement] of enforcements) {
    perUnit[index].push({ day: nextWorkingDay(enforcement.inspectionDay), reason: 'enforcement' });
  }

  const inspections: { inspection: Inspection; day: number }[] = [];
  const findings: SignalDraft[] = [];
  units.forEach((model, index) => {
    const planned = perUnit[index];
    if (planned.length === 0) return;
    // The enforcement inspection wins over others close to it; then keep a minimum gap.
    planned.sort((a, b) => a.day - b.day || (a.reason === 'enforcement' ? -1 : b.reason === 'enforcement' ? 1 : 0));
    const enforcementDay = planned.find((p) => p.reason === 'enforcement')?.day;
    let lastDay = -Infinity;
    for (const visit of planned) {
      if (visit.day > calendar.lastDay) continue;
      if (visit.reason !== 'enforcement') {
        if (visit.day - lastDay < MIN_GAP_DAYS) continue;
        if (enforcementDay !== undefined && Math.abs(visit.day - enforcementDay) < MIN_GAP_DAYS) continue;
      }
      lastDay = visit.day;
      const deterioration = deteriorating.get(index);
      const deteriorated = deterioration !== undefined && visit.day >= deterioration.fromDay;
      const enforcement = visit.reason === 'enforcement' ? enforcements.get(index) : undefined;
      const deficiencies = enforcement
        ? random.int(6, 12)
        : deteriorated
          ? Math.max(2, random.poisson(0.45 * 3.5 * model.frailty))
          : random.poisson(0.45 * model.frailty ** 1.3 * (visit.reason === 'reactive' ? 1.8 : 1));
      const outcome: InspectionOutcome = enforcement
        ? enforcement.outcome === 'banned' ? 'ban' : 'revocation'
        : outcomeFor(random, deficiencies);
      const announced = random.chance(visit.reason === 'planned' ? 0.6 : visit.reason === 'reactive' ? 0.15 : 0.1);
      inspections.push({
        inspection: { id: '', unitId: model.unit.id, date: formatDay(visit.day), announced, deficiencies, outcome },
        day: visit.day,
      });
      if (deficiencies > 0) findings.push(makeFinding(random, model, index, visit.day, deficiencies, deteriorated ? deterioration : undefined, enforcement !== undefined));
    }
  });

  inspections.sort((a, b) => a.day - b.day || (a.inspection.unitId < b.inspection.unitId ? -1 : 1));
  inspections.forEach((entry, i) => { entry.inspection.id = `I${String(i + 1).padStart(6, '0')}`; });
  return { inspections: inspections.map((e) => e.inspection), findings };
}

/** Relative chance of a planned inspection: the form's rate, raised a little for frailer units (risk-based). */
function planWeight(model: UnitModel): number {
  return model.profile.inspectionsPerYear * (0.6 + 0.4 * Math.min(model.frailty, 3));
}

function isHoliday(day: number): boolean {
  const date = new Date(day * 86_400_000);
  const month = date.getUTCMonth() + 1;
  return month === 7 || (month === 12 && date.getUTCDate() >= 20);
}

/** Without a ban or revocation, the decision tool follows how much was found. */
function outcomeFor(random: Random, deficiencies: number): InspectionOutcome {
  if (deficiencies === 0) return 'no_remarks';
  if (deficiencies === 1) return random.chance(0.8) ? 'criticism' : 'demand_actions';
  if (deficiencies <= 3) return random.chance(0.7) ? 'demand_actions' : 'criticism';
  if (deficiencies <= 5) return random.chance(0.5) ? 'demand_actions' : 'injunction';
  return 'injunction';
}

function makeFinding(
  random: Random, model: UnitModel, unitIndex: number, day: number, deficiencies: number,
  deterioration: DeteriorationModel | undefined, isEnforcement: boolean,
): SignalDraft {
  const first: RiskArea = deterioration ? random.pick(deterioration.riskAreas) : random.weightedKey(model.profile.riskAreas);
  const riskAreas: RiskArea[] = [first];
  if (deficiencies >= 2) {
    const rest = { ...model.profile.riskAreas };
    delete rest[first];
    if (Object.keys(rest).length > 0) riskAreas.push(random.weightedKey(rest));
  }
  const severity = (deficiencies >= 6 ? 4 : deficiencies >= 3 ? 3 : deficiencies >= 2 ? 2 : 1) as 1 | 2 | 3 | 4;
  return {
    unitIndex,
    receivedDay: day,
    signal: {
      id: '',
      unitId: model.unit.id,
      channel: 'inspection_finding',
      receivedAt: formatDay(day),
      occurredAt: formatDay(day),
      severity,
      urgency: isEnforcement ? 'high' : 'normal',
      text: makeInspectionFindingText(riskAreas, deficiencies),
      riskAreas,
    },
  };
}
