// The ranking of a selection stage: what a stage orders its candidates by, which of them its rule keeps, and
// the evidence a person sees beside each one. Pure functions over the project's frozen population, so a
// stage's preview and its decision always agree, and a later risk run changes neither.
import type { Selectable } from 'kysely';
import type { SelectionPopulationUnitTable } from '../../../platform/db/schema.ts';
import { decimal, indicatorLabel, percent } from '../explain.ts';
import { METHOD, type ContributionCode } from '../method.ts';
import { parseDecimal, parseWholeNumber } from './form-input.ts';

export type SnapshotUnit = Selectable<SelectionPopulationUnitTable>;
export type RankedStage = 1 | 2;

/** External indicators: the unit's own decline over time and its level against the nation. */
export const INDICATOR_CODES: readonly ContributionCode[] = ['indicator_trend', 'indicator_level'];
/** The inspectorate's own signals: the change scan, the peer funnels, acute signals. */
export const SIGNAL_CODES: readonly ContributionCode[] = ['change', 'signals_vs_peers', 'serious_vs_peers', 'acute_signals'];

export type StageRule = { kind: 'top'; n: number } | { kind: 'threshold'; threshold: number };

export interface StageCriteria {
  measure: string;
  rule: StageRule;
}

export interface MeasureOption {
  value: string;
  label: string;
  /** What one unit of the measure is, for table headings. */
  unit: string;
  hint: string;
}

export interface RankedCandidate {
  unit: SnapshotUnit;
  /** 1 = first in the stage's order. */
  position: number;
  /** The figure the stage ranks by; null when the unit has no value for it (ranked last, never kept by the rule). */
  measure: number | null;
  triggered: boolean;
  /** Kept by the stage's rule (before any change by hand). */
  byRule: boolean;
  evidence: string[];
  figures: Record<string, unknown>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Σ weight × value of the unit's contributions with these codes (0 when it has none). */
export function evidenceSum(unit: Pick<SnapshotUnit, 'contributions'>, codes: readonly string[]): number {
  return round2(unit.contributions.filter((c) => codes.includes(c.code)).reduce((sum, c) => sum + c.weight * c.value, 0));
}

/** Percentage points by which the unit's latest value of an indicator is worse than the nation's. */
function indicatorGap(unit: Pick<SnapshotUnit, 'indicators'>, indicator: string): number | null {
  const latest = unit.indicators.find((i) => i.indicator === indicator);
  if (!latest) return null;
  const worse = latest.direction === 'lower_better' ? latest.value - latest.national : latest.national - latest.value;
  return Math.round(worse * 1000) / 10;
}

/** The measures a stage may rank by. Stage 1 offers each indicator some unit of the population reports. */
export function measureOptions(stage: RankedStage, population: Pick<SnapshotUnit, 'indicators'>[]): MeasureOption[] {
  if (stage === 2) {
    return [
      {
        value: 'signal_evidence',
        label: 'Samlat signalunderlag',
        unit: 'poäng',
        hint: 'Summan av riskmodellens bidrag från IVO:s egna signaler: ökning mot verksamhetens egen historik, signaler och allvarliga signaler jämfört med liknande verksamheter, och akuta signaler. Verksamheter med hårda larm (akut signal de senaste 14 dagarna, förbud eller återkallelse) står först.',
      },
      {
        value: 'signal_ratio',
        label: 'Externa signaler mot väntat antal',
        unit: 'gånger väntat',
        hint: 'Antalet externa signaler de senaste 26 veckorna delat med det antal som väntas för en verksamhet av samma form och storlek. Verksamheter med hårda larm står först.',
      },
    ];
  }
  const indicators = [...new Set(population.flatMap((u) => u.indicators.map((i) => i.indicator)))].sort();
  return [
    {
      value: 'indicator_evidence',
      label: 'Samlat indikatorunderlag',
      unit: 'poäng',
      hint: 'Summan av riskmodellens bidrag från externa indikatorer: hur mycket verksamhetens värden har försämrats mot dess egen tidigare nivå, och hur långt det senaste värdet ligger från rikets.',
    },
    ...indicators.map((code) => ({
      value: `indicator:${code}`,
      label: `${indicatorLabel(code)}: avstånd till riket`,
      unit: 'procentenheter sämre än riket',
      hint: 'Det senaste värdet (period som slutat det senaste året) jämfört med rikets nivå samma period. Verksamheter som inte rapporterat indikatorn rangordnas sist och går inte vidare enligt regeln.',
    })),
  ];
}

export function measureLabel(stage: RankedStage, measure: string): string {
  if (stage === 1 && measure.startsWith('indicator:')) return `${indicatorLabel(measure.slice('indicator:'.length))}: avstånd till riket`;
  return measureOptions(stage, []).find((m) => m.value === measure)?.label ?? measure;
}

export function measureUnit(stage: RankedStage, measure: string): string {
  if (stage === 1 && measure.startsWith('indicator:')) return 'procentenheter sämre än riket';
  return measureOptions(stage, []).find((m) => m.value === measure)?.unit ?? '';
}

function measureOf(stage: RankedStage, unit: SnapshotUnit, measure: string): number | null {
  if (stage === 1) {
    if (measure === 'indicator_evidence') return evidenceSum(unit, INDICATOR_CODES);
    return indicatorGap(unit, measure.slice('indicator:'.length));
  }
  if (measure === 'signal_evidence') return evidenceSum(unit, SIGNAL_CODES);
  return unit.expected_recent > 0 ? round2(unit.observed_recent / unit.expected_recent) : null;
}

export const TRIGGER_SENTENCES: Record<string, string> = {
  acute_signal: `Hårt larm: en akut signal de senaste ${METHOD.acuteTriggerDays} dagarna.`,
  permit_status: 'Hårt larm: IVO har förbjudit verksamheten eller återkallat tillståndet, eller beslutet prövas i domstol.',
};

/** The sentences a person reads beside the unit in a stage: only the evidence that stage is about. */
export function evidenceFor(stage: RankedStage, unit: SnapshotUnit, measure: string): string[] {
  if (stage === 1) {
    const sentences = unit.contributions.filter((c) => INDICATOR_CODES.includes(c.code as ContributionCode)).map((c) => c.sentence);
    if (measure.startsWith('indicator:')) {
      const latest = unit.indicators.find((i) => i.indicator === measure.slice('indicator:'.length));
      if (latest) sentences.push(`${indicatorLabel(latest.indicator)} ${latest.period}: ${percent(latest.value)} mot ${percent(latest.national)} i riket.`);
    }
    return [...new Set(sentences)];
  }
  const sentences = unit.triggers.map((t) => TRIGGER_SENTENCES[t] ?? `Hårt larm: ${t}.`);
  sentences.push(...unit.contributions.filter((c) => SIGNAL_CODES.includes(c.code as ContributionCode)).map((c) => c.sentence));
  if (measure === 'signal_ratio') {
    sentences.push(`${unit.observed_recent} externa signaler de senaste 26 veckorna mot ${decimal(unit.expected_recent)} väntade.`);
  }
  return sentences;
}

/** The figures kept with the unit in the stage's decision. */
export function figuresFor(unit: SnapshotUnit): Record<string, unknown> {
  return {
    score: unit.score,
    nationalRank: unit.national_rank,
    indicatorEvidence: evidenceSum(unit, INDICATOR_CODES),
    signalEvidence: evidenceSum(unit, SIGNAL_CODES),
    observedRecent: unit.observed_recent,
    expectedRecent: unit.expected_recent,
    triggers: unit.triggers,
    cusumAlarm: unit.cusum_alarm,
    indicators: unit.indicators,
  };
}

const byId = (a: SnapshotUnit, b: SnapshotUnit) => (a.unit_id < b.unit_id ? -1 : a.unit_id > b.unit_id ? 1 : 0);

/**
 * The stage's candidates in order: in stage 2 units with a hard trigger first; then by the measure, highest
 * first, units without a value last; ties by the whole risk score and then the unit id, so the order is
 * the same every time. `byRule` marks the units the rule keeps.
 */
export function rankCandidates(stage: RankedStage, units: SnapshotUnit[], criteria: StageCriteria): RankedCandidate[] {
  const scored = units.map((unit) => ({ unit, measure: measureOf(stage, unit, criteria.measure), triggered: stage === 2 && unit.triggers.length > 0 }));
  scored.sort(
    (a, b) =>
      Number(b.triggered) - Number(a.triggered) ||
      (a.measure === null ? 1 : 0) - (b.measure === null ? 1 : 0) ||
      (b.measure ?? 0) - (a.measure ?? 0) ||
      b.unit.score - a.unit.score ||
      byId(a.unit, b.unit),
  );
  let kept = 0;
  return scored.map((s, i) => {
    let byRule: boolean;
    if (criteria.rule.kind === 'top') byRule = s.measure !== null && kept < criteria.rule.n;
    else byRule = s.triggered || (s.measure !== null && s.measure >= criteria.rule.threshold);
    if (byRule) kept++;
    return { ...s, position: i + 1, byRule, evidence: evidenceFor(stage, s.unit, criteria.measure), figures: figuresFor(s.unit) };
  });
}

/** A sensible first suggestion: about one in eight at stage 1 (240 → 30), one in five at stage 2 (30 → 6). */
export function defaultCriteria(stage: RankedStage, candidates: number): StageCriteria {
  const n = stage === 1 ? Math.min(30, Math.ceil(candidates / 8)) : Math.min(6, Math.ceil(candidates / 5));
  return { measure: stage === 1 ? 'indicator_evidence' : 'signal_evidence', rule: { kind: 'top', n: Math.max(1, n) } };
}

/** The form's fields for criteria (`matt`, `regel`, `antal`, `grans`), as the page shows them. */
export interface CriteriaForm {
  matt: string;
  regel: string;
  antal: string;
  grans: string;
}

/** The first field where two criteria forms differ (as written, spaces aside), or null when they are the same. */
export function changedCriterion(a: CriteriaForm, b: CriteriaForm): keyof CriteriaForm | null {
  for (const field of ['matt', 'regel', 'antal', 'grans'] as const) if (a[field].trim() !== b[field].trim()) return field;
  return null;
}

export function criteriaForm(criteria: StageCriteria): CriteriaForm {
  return {
    matt: criteria.measure,
    regel: criteria.rule.kind === 'top' ? 'antal' : 'grans',
    antal: criteria.rule.kind === 'top' ? String(criteria.rule.n) : '',
    grans: criteria.rule.kind === 'threshold' ? String(criteria.rule.threshold).replace('.', ',') : '',
  };
}

/** Reads criteria from a form; each problem names its field. */
export function parseCriteria(form: CriteriaForm, options: MeasureOption[], candidates: number): { criteria?: StageCriteria; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  if (!options.some((o) => o.value === form.matt)) errors.push({ field: 'matt', message: 'Välj vad verksamheterna ska rangordnas efter' });
  let rule: StageRule | undefined;
  if (form.regel === 'antal') {
    const n = parseWholeNumber(form.antal);
    if (n === null || n < 1 || n > candidates) {
      errors.push({ field: 'antal', message: `Skriv hur många verksamheter som ska gå vidare, ett heltal från 1 till ${candidates.toLocaleString('sv-SE')}` });
    } else rule = { kind: 'top', n };
  } else if (form.regel === 'grans') {
    const threshold = parseDecimal(form.grans);
    if (threshold === null) errors.push({ field: 'grans', message: 'Skriv gränsvärdet som ett tal, till exempel 1,5' });
    else rule = { kind: 'threshold', threshold };
  } else {
    errors.push({ field: 'regel', message: 'Välj om ett antal eller ett gränsvärde avgör vilka som går vidare' });
  }
  return errors.length === 0 && rule ? { criteria: { measure: form.matt, rule }, errors } : { errors };
}

/** A threshold as it was written (0,92 stays 0,92): the rule's words must state the rule applied. */
const asWritten = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 6 });

/** The rule in words: "De 30 högst rangordnade" / "De med minst 1,5 poäng". */
export function ruleText(stage: RankedStage, rule: StageRule, measure: string): string {
  const triggered = stage === 2 ? ' Verksamheter med hårda larm står först.' : '';
  if (rule.kind === 'top') return `De ${rule.n.toLocaleString('sv-SE')} högst rangordnade går vidare.${triggered}`;
  const always = stage === 2 ? ' Verksamheter med hårda larm går alltid vidare.' : '';
  // "De med minst 1,5 poäng", "De med minst 0,92 gånger väntat", "De med minst 5 procentenheter sämre än riket".
  return `De med minst ${asWritten.format(rule.threshold)} ${measureUnit(stage, measure)} går vidare.${always}`;
}
