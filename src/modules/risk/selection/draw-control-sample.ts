// The control sample: units drawn at random from the population, leaving out those chosen for inspection,
// so that what inspections find at the chosen units can later be compared with what they find at units
// nobody picked (the lift of the selection). The seed and the drawn units are stored, so anyone can redraw
// the same sample from the same frame.
import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, withProject, type Selector } from './access.ts';
import { FieldErrors, parseWholeNumber, readText } from './form-input.ts';
import { drawSample, MAX_SEED, SAMPLE_METHOD } from './random-sample.ts';
import { findControlSample, findPopulation, findStages, findStageUnits } from './repository.ts';

export interface ControlSampleInput {
  size: string;
  /** Empty: a fresh random seed is drawn (and stored). */
  seed: string;
  rationale: string;
}

/** The sampling frame: every unit of the population except those chosen for inspection at stage 3. */
export async function findSampleFrame(db: Db | Transaction<Database>, projectId: number): Promise<string[]> {
  const chosen = new Set((await findStageUnits(db, projectId)).filter((u) => u.stage === 3).map((u) => u.unit_id));
  return (await findPopulation(db, projectId)).map((u) => u.unit_id).filter((id) => !chosen.has(id));
}

export async function drawControlSample(db: Db, options: { staff: Selector; projectId: string; input: ControlSampleInput }): Promise<{ size: number; seed: number }> {
  const { staff, input } = options;
  return withProject(db, staff, options.projectId, async (trx, project) => {
    if (!(await findStages(trx, project.id)).some((s) => s.stage === 3)) {
      throw new AppError('conflict', 'control sample before stage 3', { userMessage: 'Kontrollurvalet dras när steg 3 är beslutat, så att de valda verksamheterna kan lämnas utanför.' });
    }
    if (await findControlSample(trx, project.id)) {
      throw new AppError('conflict', 'control sample already drawn', { userMessage: 'Kontrollurvalet är redan draget. Det dras bara en gång, så att det inte går att dra om tills resultatet passar.' });
    }
    const frame = await findSampleFrame(trx, project.id);
    if (frame.length === 0) throw new AppError('conflict', 'empty sampling frame', { userMessage: 'Alla verksamheter i populationen är valda för inspektion, så det finns inga kvar att dra ett kontrollurval bland.' });

    const errors = new FieldErrors();
    const size = parseWholeNumber(input.size);
    if (size === null || size < 1 || size > frame.length) {
      errors.add('kontroll-antal', `Skriv hur många verksamheter kontrollurvalet ska ha, ett heltal från 1 till ${frame.length.toLocaleString('sv-SE')}`);
    }
    let seed: number | null = null;
    if (input.seed.trim()) {
      seed = parseWholeNumber(input.seed);
      if (seed === null || seed >= MAX_SEED) {
        errors.add('kontroll-fro', `Skriv fröet som ett heltal från 0 till ${(MAX_SEED - 1).toLocaleString('sv-SE')}, eller lämna fältet tomt`);
      }
    }
    const rationale = errors.collect(() => readText(input.rationale, 'kontroll-motivering', { label: 'Kommentaren', missing: '', maxLength: 2000, required: false }));
    errors.throwIfAny('control sample');

    const usedSeed = seed ?? randomInt(0, MAX_SEED);
    const unitIds = drawSample(frame, size!, usedSeed);
    await trx
      .insertInto('selection_control_sample')
      .values({
        project_id: project.id,
        seed: usedSeed,
        size: size!,
        frame_size: frame.length,
        method: SAMPLE_METHOD,
        unit_ids: unitIds,
        rationale: rationale || null,
        drawn_by: staff.subject,
        drawn_by_name: staff.name,
      })
      .execute();
    await recordAudit(trx, {
      actor: actorOf(staff),
      action: 'selection.draw_control_sample',
      entityType: 'selection_project',
      entityId: String(project.id),
      reason: rationale || null,
      details: { seed: usedSeed, size: size!, frameSize: frame.length, unitIds },
    });
    return { size: size!, seed: usedSeed };
  });
}
