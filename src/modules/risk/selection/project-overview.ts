// Everything a selection project's page, memo and PDF show, read once and put in words: the population,
// each decided stage with its criteria, decider and units, the control sample, and the follow-up that
// measures the selection's lift once inspections have been held.
import type { Transaction } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { UNIT_FORMS } from '../../registry/index.ts';
import { decimal } from '../explain.ts';
import { STAGE_TITLES, type Stage } from './decide-stage.ts';
import { measureUnit } from './rank-candidates.ts';
import { findControlSample, findCounties, findDepartments, findInspectionsSince, findMunicipalities, findPopulation, findStages, findStageUnits, isKept, type ProjectRow, type StageUnitRow } from './repository.ts';
import { formatSwedishDate } from '../../../platform/dates.ts';

export interface StageUnitView {
  unitId: string;
  name: string;
  kommun: string;
  provider: string | null;
  position: number;
  inclusion: StageUnitRow['inclusion'];
  measure: number | null;
  evidence: string[];
  reason: string | null;
  score: number | null;
}

export interface StageView {
  stage: Stage;
  title: string;
  criteriaLines: string[];
  rationale: string;
  decidedBy: string;
  decidedByName: string;
  decidedAt: Date;
  candidates: number;
  kept: number;
  measureLabel: string | null;
  measureUnit: string | null;
  units: StageUnitView[];
  removed: StageUnitView[];
}

export interface ControlView {
  seed: number;
  size: number;
  frameSize: number;
  method: string;
  rationale: string | null;
  drawnByName: string;
  drawnAt: Date;
  units: { unitId: string; name: string; kommun: string; provider: string | null }[];
}

export interface FollowUpGroup {
  units: number;
  inspected: number;
  withFindings: number;
}

export interface FollowUp {
  since: string;
  chosen: FollowUpGroup;
  control: FollowUpGroup | null;
  /** Share of inspected chosen units with findings over the same share in the control sample. */
  lift: number | null;
}

export interface ProjectOverview {
  project: ProjectRow;
  populationText: string;
  populationRows: { label: string; value: string }[];
  departmentName: string | null;
  stages: StageView[];
  control: ControlView | null;
  funnel: { label: string; count: number | null }[];
  followUp: FollowUp | null;
}

export const formatCount = (n: number) => n.toLocaleString('sv-SE');
export const formatMeasure = (x: number | null) => (x === null ? '–' : decimal(x));
/** A risk score on its own scale, 0–1 with two decimals, as the risk card and the triage queue show it. */
const twoDecimals = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const formatScore = (x: number | null) => (x === null ? '–' : twoDecimals.format(x));

const formLabel = (code: string) => (UNIT_FORMS as Record<string, string>)[code] ?? code;
const namesOf = (ids: unknown, names: Map<string, string>) => (Array.isArray(ids) ? ids.map((id) => names.get(String(id)) ?? String(id)) : []);

export type Reference = {
  departments: Map<string, string>;
  counties: Map<string, string>;
  municipalities: Map<string, string>;
};

export async function loadReference(db: Db | Transaction<Database>): Promise<Reference> {
  const [departments, counties, municipalities] = await Promise.all([findDepartments(db), findCounties(db), findMunicipalities(db)]);
  return {
    departments: new Map(departments.map((d) => [d.code, d.name])),
    counties: new Map(counties.map((c) => [c.code, c.name])),
    municipalities: new Map(municipalities.map((m) => [m.code, m.name])),
  };
}

/** The population's definition, as a sentence and as rows of a summary list. */
export function describePopulation(project: Pick<ProjectRow, 'population'>, reference: Reference) {
  const p = project.population;
  const forms = p.forms.map(formLabel);
  const rows = [{ label: forms.length === 1 ? 'Verksamhetsform' : 'Verksamhetsformer', value: forms.join(', ') }];
  const where: string[] = [];
  if (p.department) {
    const name = reference.departments.get(p.department) ?? p.department;
    rows.push({ label: 'Avdelning', value: name });
    where.push(`inom ${name.replace(/^Avdelning/, 'avdelning')}`);
  }
  if (p.county) {
    const name = reference.counties.get(p.county) ?? p.county;
    rows.push({ label: 'Län', value: name });
    where.push(`i ${name}`);
  }
  if (p.kommun) {
    const name = reference.municipalities.get(p.kommun) ?? p.kommun;
    rows.push({ label: 'Kommun', value: name });
    where.push(`i ${name}`);
  }
  if (p.provider) {
    const text = p.provider.orgnr ? `${p.provider.name} (${p.provider.orgnr})` : p.provider.name;
    rows.push({ label: 'Vårdgivare eller huvudman', value: text });
    where.push(`hos ${text}`);
  }
  return { text: `${forms.join(', ')}${where.length > 0 ? ` ${where.join(', ')}` : ' i hela landet'}`, rows };
}

function unitView(row: StageUnitRow): StageUnitView {
  const figures = row.figures as { score?: number };
  return {
    unitId: row.unit_id,
    name: row.unit_name,
    kommun: row.kommun_name,
    provider: row.provider_name,
    position: row.position,
    inclusion: row.inclusion,
    measure: row.measure,
    evidence: row.evidence,
    reason: row.reason,
    score: typeof figures.score === 'number' ? figures.score : null,
  };
}

export async function loadProjectOverview(db: Db, project: ProjectRow): Promise<ProjectOverview> {
  const [reference, stageRows, stageUnits, sample, population] = await Promise.all([
    loadReference(db),
    findStages(db, project.id),
    findStageUnits(db, project.id),
    findControlSample(db, project.id),
    findPopulation(db, project.id),
  ]);
  const names = new Map(population.map((u) => [u.unit_id, u.unit_name]));
  const byUnit = new Map(population.map((u) => [u.unit_id, u]));

  const stages = stageRows.map((row): StageView => {
    const stage = row.stage as Stage;
    const criteria = row.criteria as Record<string, unknown>;
    const units = stageUnits.filter((u) => u.stage === stage);
    const lines: string[] = [];
    if (stage === 3) {
      lines.push(String(criteria.basis ?? ''));
      lines.push(`${formatCount(row.candidates)} verksamheter gick vidare från steg 2; ${formatCount(row.kept)} valdes för inspektion.`);
    } else {
      lines.push(`Rangordnat efter: ${String(criteria.measureLabel ?? criteria.measure)}.`);
      lines.push(String(criteria.ruleText ?? ''));
      lines.push(`${formatCount(row.candidates)} kandidater; ${formatCount(row.kept)} gick vidare.`);
      const added = namesOf(criteria.added, names);
      const removed = namesOf(criteria.removed, names);
      if (added.length > 0) lines.push(`Tillagda för hand: ${added.join(', ')}.`);
      if (removed.length > 0) lines.push(`Borttagna för hand: ${removed.join(', ')}.`);
      if (criteria.manualReason) lines.push(`Skäl till ändringarna för hand: ${String(criteria.manualReason)}`);
      if (added.length === 0 && removed.length === 0) lines.push('Inga ändringar för hand.');
    }
    return {
      stage,
      title: STAGE_TITLES[stage],
      criteriaLines: lines.filter(Boolean),
      rationale: row.rationale,
      decidedBy: row.decided_by,
      decidedByName: row.decided_by_name,
      decidedAt: row.decided_at,
      candidates: row.candidates,
      kept: row.kept,
      measureLabel: stage === 3 ? 'Riskpoäng' : String(criteria.measureLabel ?? criteria.measure),
      measureUnit: stage === 3 ? '0–1' : measureUnit(stage, String(criteria.measure)),
      units: units.filter(isKept).map(unitView),
      removed: units.filter((u) => !isKept(u)).map(unitView),
    };
  });

  const control: ControlView | null = sample
    ? {
        seed: sample.seed,
        size: sample.size,
        frameSize: sample.frame_size,
        method: sample.method,
        rationale: sample.rationale,
        drawnByName: sample.drawn_by_name,
        drawnAt: sample.drawn_at,
        units: sample.unit_ids.map((id) => ({ unitId: id, name: byUnit.get(id)?.unit_name ?? id, kommun: byUnit.get(id)?.kommun_name ?? '', provider: byUnit.get(id)?.provider_name ?? null })),
      }
    : null;

  const stage3 = stages.find((s) => s.stage === 3);
  let followUp: FollowUp | null = null;
  if (stage3) {
    const since = formatSwedishDate(stage3.decidedAt);
    const chosenIds = stage3.units.map((u) => u.unitId);
    const controlIds = control?.units.map((u) => u.unitId) ?? [];
    const inspections = await findInspectionsSince(db, [...chosenIds, ...controlIds], since);
    const group = (ids: string[]): FollowUpGroup => ({
      units: ids.length,
      inspected: ids.filter((id) => inspections.has(id)).length,
      withFindings: ids.filter((id) => (inspections.get(id)?.withFindings ?? 0) > 0).length,
    });
    const chosen = group(chosenIds);
    const controlGroup = control ? group(controlIds) : null;
    const rate = (g: FollowUpGroup | null) => (g && g.inspected > 0 ? g.withFindings / g.inspected : null);
    const chosenRate = rate(chosen);
    const controlRate = rate(controlGroup);
    followUp = { since, chosen, control: controlGroup, lift: chosenRate !== null && controlRate ? chosenRate / controlRate : null };
  }

  const definition = describePopulation(project, reference);
  const keptAt = (stage: Stage) => stages.find((s) => s.stage === stage)?.kept ?? null;
  return {
    project,
    populationText: definition.text,
    populationRows: definition.rows,
    departmentName: project.department_code ? (reference.departments.get(project.department_code) ?? project.department_code) : null,
    stages,
    control,
    funnel: [
      { label: 'Population', count: project.population_count },
      { label: 'Steg 1: externa indikatorer', count: keptAt(1) },
      { label: 'Steg 2: IVO:s egna signaler', count: keptAt(2) },
      { label: 'Steg 3: valda för inspektion', count: keptAt(3) },
    ],
    followUp,
  };
}
