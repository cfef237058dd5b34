// The planted truth: ~1% of units start deteriorating at a date in 2024–2026. A risk model backtested on
// the demo world should find them soon after `from`.
import type { RiskArea, UnitForm } from '../registry/codes.ts';
import { dayOf, formatDay } from './dates.ts';
import type { UnitModel } from './build-register.ts';
import { Random } from './random.ts';
import type { Deterioration, DeteriorationKind } from './world-types.ts';

export interface DeteriorationModel {
  kind: DeteriorationKind;
  fromDay: number;
  /** Signal rate multiplier after `from` (3–6). */
  multiplier: number;
  riskAreas: RiskArea[];
  description: string;
}

interface KindDefinition {
  forms: UnitForm[] | 'all';
  privateOnly?: boolean;
  weight: number;
  riskAreas: RiskArea[];
  /** English; {reports} becomes "lex Maria reports" or "lex Sarah reports" by sector. */
  description: string;
}

const KINDS: Record<DeteriorationKind, KindDefinition> = {
  staffing_collapse: {
    forms: ['hvb', 'stodboende', 'sabo', 'hemtjanst', 'lss_bostad', 'sjukhus', 'psykiatri', 'missbruk', 'vardcentral'], weight: 3,
    riskAreas: ['staffing_competence', 'safety_abuse', 'care_quality'],
    description: 'Staffing collapsed after the manager and several experienced staff left; tips, {reports} and complaints about neglect and unsafe nights rise.',
  },
  violence_and_threats: {
    forms: ['hvb', 'stodboende', 'psykiatri', 'missbruk', 'lss_bostad'], weight: 3,
    riskAreas: ['safety_abuse', 'staffing_competence'],
    description: 'Violence and threats escalate and restraint is misused; police reports, child-line calls and tips rise.',
  },
  medication_errors: {
    forms: ['sabo', 'hemtjanst', 'vardcentral', 'sjukhus', 'apotek', 'lss_bostad'], weight: 2,
    riskAreas: ['medication', 'documentation'],
    description: 'Repeated medication errors after a new routine without training; {reports} and complaints about wrong doses rise.',
  },
  access_breakdown: {
    forms: ['vardcentral', 'tandvard', 'psykiatri', 'sjukhus', 'other'], weight: 2,
    riskAreas: ['access_waiting', 'care_quality'],
    description: 'Access breaks down (phone queues, no appointments, late diagnoses); complaints rise and waiting-time indicators fall.',
  },
  hygiene_failure: {
    forms: ['sabo', 'sjukhus', 'tandvard', 'estetisk'], weight: 1.5,
    riskAreas: ['hygiene_infection', 'environment_premises'],
    description: 'Hygiene routines fail and infections spread; tips and {reports} about dirty premises and outbreaks rise.',
  },
  neglect_and_dignity: {
    forms: ['sabo', 'hemtjanst', 'lss_bostad', 'lss_daglig', 'personlig_assistans'], weight: 2,
    riskAreas: ['dignity_respect', 'care_quality'],
    description: 'Residents are neglected and spoken to disrespectfully; relatives tip and complain, satisfaction falls.',
  },
  dishonest_operator: {
    forms: ['personlig_assistans', 'estetisk', 'hvb', 'hemtjanst'], privateOnly: true, weight: 2,
    riskAreas: ['dishonest_operator', 'management_systems'],
    description: 'A new owner with a revoked permit elsewhere takes over; signs of false invoicing and undeclared staff in tips and police reports.',
  },
  management_failure: {
    forms: 'all', weight: 1,
    riskAreas: ['management_systems', 'documentation', 'cooperation'],
    description: 'Leadership vacuum: deviations are not investigated and documentation lapses; {reports} and tips rise.',
  },
};

const ELIGIBLE_OPENED_BEFORE = dayOf(2021, 7, 1);
/** Below this expected rate a rise is hard to see in any data; real deterioration shows where people look. */
const MINIMUM_SIGNALS_PER_YEAR = 0.5;

/**
 * Picks ~1% of units (at least 5), weighted towards HVB, SÄBO and vårdcentraler, among units open since
 * before the history and still open; `from` falls between 2024-01-01 and ten months before `until`.
 */
export function pickDeteriorating(seed: number, units: UnitModel[], annualRates: Float64Array, untilDay: number): Map<number, DeteriorationModel> {
  const random = new Random(seed, 'truth');
  const wanted = Math.max(5, Math.round(units.length * 0.01));
  let fromStart = dayOf(2024, 1, 1);
  // At least ~10 months of deterioration before `until`, so the rise stands out against the years before.
  let fromEnd = untilDay - 300;
  if (fromEnd < fromStart) {
    // A short history (small `until`): use its second half.
    fromStart = dayOf(2022, 1, 1) + Math.floor((untilDay - dayOf(2022, 1, 1)) / 2);
    fromEnd = Math.max(fromStart, untilDay - 60);
  }

  // Weighted sampling without replacement (Efraimidis–Spirakis): key = u^(1/w), keep the largest.
  const keyed: { index: number; key: number }[] = [];
  units.forEach((model, index) => {
    if (model.openedDay >= ELIGIBLE_OPENED_BEFORE || model.closedDay !== null) return;
    if (annualRates[index] < MINIMUM_SIGNALS_PER_YEAR) return;
    const weight = model.profile.truthWeight;
    keyed.push({ index, key: Math.pow(random.next(), 1 / weight) });
  });
  keyed.sort((a, b) => b.key - a.key || a.index - b.index);

  const chosen = new Map<number, DeteriorationModel>();
  for (const { index } of keyed.slice(0, wanted)) {
    const model = units[index];
    const kinds = (Object.keys(KINDS) as DeteriorationKind[]).filter((k) => {
      const definition = KINDS[k];
      if (definition.privateOnly && model.isPublic) return false;
      return definition.forms === 'all' || definition.forms.includes(model.profile.form);
    });
    const kind = kinds[random.weightedIndex(kinds.map((k) => KINDS[k].weight))];
    const definition = KINDS[kind];
    chosen.set(index, {
      kind,
      fromDay: random.int(fromStart, fromEnd),
      multiplier: random.uniform(3, 6),
      riskAreas: definition.riskAreas,
      description: definition.description.replace('{reports}', model.profile.sector === 'health' ? 'lex Maria reports' : 'lex Sarah reports'),
    });
  }
  return new Map([...chosen].sort((a, b) => a[0] - b[0]));
}

export function toDeteriorations(units: UnitModel[], chosen: Map<number, DeteriorationModel>): Deterioration[] {
  return [...chosen].map(([index, d]) => ({
    unitId: units[index].unit.id,
    from: formatDay(d.fromDay),
    kind: d.kind,
    description: d.description,
  }));
}
