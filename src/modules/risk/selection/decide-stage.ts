// Deciding a stage of a selection project. Stages 1 and 2 rank their candidates by a measure and keep the
// units the rule picks, changed by hand where a person sees reason to (with the reason); stage 3 is a
// person's choice of units to inspect, with a reason for each. Every decision keeps its criteria, the
// rationale, who decided and when, and the units with the figures they were judged on.
import type { Transaction } from 'kysely';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, withProject, type Selector } from './access.ts';
import { FieldErrors, readText } from './form-input.ts';
import { measureLabel, measureOptions, parseCriteria, rankCandidates, ruleText, figuresFor, type CriteriaForm, type RankedStage, type SnapshotUnit } from './rank-candidates.ts';
import { findPopulation, findStages, findStageUnits, isKept, type ProjectRow, type StageRow } from './repository.ts';

export type Stage = 1 | 2 | 3;

export const STAGE_TITLES: Record<Stage, string> = {
  1: 'Steg 1: externa indikatorer',
  2: 'Steg 2: IVO:s egna signaler',
  3: 'Steg 3: val av verksamheter att inspektera',
};

/** Why a stage cannot be decided now, or null when it can. */
export function stageBlocker(stages: Pick<StageRow, 'stage'>[], stage: Stage): string | null {
  if (stages.some((s) => s.stage === stage)) {
    return `${STAGE_TITLES[stage].split(':')[0]} är redan beslutat. Ett beslut ändras inte i efterhand; gör ett nytt urvalsprojekt om urvalet ska göras om.`;
  }
  if (stage > 1 && !stages.some((s) => s.stage === stage - 1)) return `Steg ${stage} kan beslutas först när steg ${stage - 1} är beslutat.`;
  return null;
}

function requireStageOpen(stages: StageRow[], stage: Stage): void {
  const blocker = stageBlocker(stages, stage);
  if (blocker) throw new AppError('conflict', `selection stage ${stage} not open`, { userMessage: blocker });
}

/**
 * The candidates of a stage, from the project's frozen population: stage 1 the whole population; stages 2
 * and 3 the units the stage before kept, in that stage's order.
 */
export async function findStageCandidates(db: Db | Transaction<Database>, project: Pick<ProjectRow, 'id'>, stage: Stage): Promise<SnapshotUnit[]> {
  const population = await findPopulation(db, project.id);
  if (stage === 1) return population;
  const previous = (await findStageUnits(db, project.id)).filter((u) => u.stage === stage - 1 && isKept(u));
  const byId = new Map(population.map((u) => [u.unit_id, u]));
  return previous.map((u) => byId.get(u.unit_id)).filter((u): u is SnapshotUnit => !!u);
}

export interface RankedStageInput {
  criteria: CriteriaForm;
  /** The units the person lets through (checkboxes). */
  kept: string[];
  manualReason: string;
  rationale: string;
}

export async function decideRankedStage(db: Db, options: { staff: Selector; projectId: string; stage: RankedStage; input: RankedStageInput }): Promise<{ kept: number }> {
  const { staff, stage, input } = options;
  return withProject(db, staff, options.projectId, async (trx, project) => {
    requireStageOpen(await findStages(trx, project.id), stage);
    const candidates = await findStageCandidates(trx, project, stage);
    const errors = new FieldErrors();
    const parsed = parseCriteria(input.criteria, measureOptions(stage, candidates), candidates.length);
    for (const e of parsed.errors) errors.add(e.field, e.message);
    const rationale = errors.collect(() => readText(input.rationale, 'motivering', { label: 'Motiveringen', missing: 'Skriv motiveringen till beslutet', maxLength: 5000 }));
    const manualReason = errors.collect(() => readText(input.manualReason, 'handskal', { label: 'Skälet', missing: '', maxLength: 2000, required: false }));
    const known = new Set(candidates.map((c) => c.unit_id));
    const kept = new Set(input.kept);
    if ([...kept].some((id) => !known.has(id))) errors.add('enheter', 'En vald verksamhet finns inte bland kandidaterna. Ladda om sidan och välj igen');
    else if (kept.size === 0) errors.add('enheter', 'Välj minst en verksamhet som ska gå vidare');
    if (!parsed.criteria) errors.throwIfAny(`selection stage ${stage}`);
    const criteria = parsed.criteria!;

    const ranked = rankCandidates(stage, candidates, criteria);
    const added = ranked.filter((r) => !r.byRule && kept.has(r.unit.unit_id));
    const removed = ranked.filter((r) => r.byRule && !kept.has(r.unit.unit_id));
    if ((added.length > 0 || removed.length > 0) && !manualReason && !errors.list.some((e) => e.field === 'handskal' || e.field === 'enheter')) {
      errors.add('handskal', 'Skriv varför du har lagt till eller tagit bort verksamheter för hand');
    }
    errors.throwIfAny(`selection stage ${stage}`);

    const keptRows = ranked.filter((r) => kept.has(r.unit.unit_id));
    await trx
      .insertInto('selection_stage')
      .values({
        project_id: project.id,
        stage,
        criteria: JSON.stringify({
          measure: criteria.measure,
          measureLabel: measureLabel(stage, criteria.measure),
          rule: criteria.rule,
          ruleText: ruleText(stage, criteria.rule, criteria.measure),
          candidates: candidates.length,
          byRule: ranked.filter((r) => r.byRule).map((r) => r.unit.unit_id),
          added: added.map((r) => r.unit.unit_id),
          removed: removed.map((r) => r.unit.unit_id),
          manualReason: manualReason || null,
        }),
        rationale: rationale!,
        candidates: candidates.length,
        kept: keptRows.length,
        decided_by: staff.subject,
        decided_by_name: staff.name,
      })
      .execute();
    const rows = ranked
      .filter((r) => kept.has(r.unit.unit_id) || r.byRule)
      .map((r) => {
        const inclusion = !kept.has(r.unit.unit_id) ? ('removed' as const) : r.byRule ? ('rule' as const) : ('added' as const);
        return {
          project_id: project.id,
          stage,
          unit_id: r.unit.unit_id,
          position: r.position,
          inclusion,
          measure: r.measure,
          evidence: r.evidence,
          figures: JSON.stringify({ ...r.figures, measure: r.measure, triggered: r.triggered }),
          reason: inclusion === 'rule' ? null : manualReason!,
        };
      });
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('selection_stage_unit').values(rows.slice(i, i + 500)).execute();
    await recordAudit(trx, {
      actor: actorOf(staff),
      action: 'selection.decide_stage',
      entityType: 'selection_project',
      entityId: String(project.id),
      reason: rationale!,
      details: {
        stage,
        measure: criteria.measure,
        rule: criteria.rule,
        candidates: candidates.length,
        kept: keptRows.map((r) => r.unit.unit_id),
        added: added.map((r) => r.unit.unit_id),
        removed: removed.map((r) => r.unit.unit_id),
      },
    });
    return { kept: keptRows.length };
  });
}

export interface ChoiceInput {
  chosen: string[];
  /** The reason for each chosen unit, by unit id. */
  reasons: Record<string, string>;
  rationale: string;
}

/** The field of a unit's reason on the stage 3 form: the prefix, then the unit id. */
export const REASON_PREFIX = 'skal-';
export const reasonField = (unitId: string) => `${REASON_PREFIX}${unitId}`;

export async function decideInspectionChoice(db: Db, options: { staff: Selector; projectId: string; input: ChoiceInput }): Promise<{ chosen: number }> {
  const { staff, input } = options;
  return withProject(db, staff, options.projectId, async (trx, project) => {
    requireStageOpen(await findStages(trx, project.id), 3);
    const candidates = await findStageCandidates(trx, project, 3);
    const errors = new FieldErrors();
    const chosen = new Set(input.chosen);
    const known = new Set(candidates.map((c) => c.unit_id));
    if ([...chosen].some((id) => !known.has(id))) errors.add('valda', 'En vald verksamhet gick inte vidare från steg 2. Ladda om sidan och välj igen');
    else if (chosen.size === 0) errors.add('valda', 'Välj minst en verksamhet att inspektera');
    const reasons = new Map<string, string>();
    for (const unit of candidates) {
      if (!chosen.has(unit.unit_id)) continue;
      const field = reasonField(unit.unit_id);
      const reason = errors.collect(() => readText(input.reasons[unit.unit_id] ?? '', field, { label: `Skälet för ${unit.unit_name}`, missing: `Skriv varför ${unit.unit_name} ska inspekteras`, maxLength: 2000 }));
      if (reason) reasons.set(unit.unit_id, reason);
    }
    const rationale = errors.collect(() => readText(input.rationale, 'motivering', { label: 'Motiveringen', missing: 'Skriv motiveringen till beslutet', maxLength: 5000 }));
    errors.throwIfAny('selection stage 3');

    const picked = candidates.map((unit, i) => ({ unit, position: i + 1 })).filter(({ unit }) => chosen.has(unit.unit_id));
    await trx
      .insertInto('selection_stage')
      .values({
        project_id: project.id,
        stage: 3,
        criteria: JSON.stringify({
          basis: 'Bedömning av varje verksamhet som gick vidare från steg 2, med skäl för varje vald verksamhet.',
          candidates: candidates.length,
          chosen: picked.map(({ unit }) => unit.unit_id),
        }),
        rationale: rationale!,
        candidates: candidates.length,
        kept: picked.length,
        decided_by: staff.subject,
        decided_by_name: staff.name,
      })
      .execute();
    await trx
      .insertInto('selection_stage_unit')
      .values(
        picked.map(({ unit, position }) => ({
          project_id: project.id,
          stage: 3 as const,
          unit_id: unit.unit_id,
          position,
          inclusion: 'chosen' as const,
          measure: unit.score,
          evidence: unit.reasons,
          figures: JSON.stringify(figuresFor(unit)),
          reason: reasons.get(unit.unit_id)!,
        })),
      )
      .execute();
    await recordAudit(trx, {
      actor: actorOf(staff),
      action: 'selection.decide_stage',
      entityType: 'selection_project',
      entityId: String(project.id),
      reason: rationale!,
      details: { stage: 3, candidates: candidates.length, chosen: picked.map(({ unit }) => ({ unitId: unit.unit_id, reason: reasons.get(unit.unit_id) })) },
    });
    return { chosen: picked.length };
  });
}
