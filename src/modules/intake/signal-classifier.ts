import type { Db } from '../../platform/db/database.ts';
import { ClassifierInputError, classifyText, loadLabelledTexts, trainModel, updateModel, type Model, type TrainingExample } from './classifier/index.ts';
import type { Classification, SignalClassifier } from './receive-signal.ts';

/** Staff corrections count more than the labelled set, so their words are learned even when rare. */
const CORRECTION_WEIGHT = 3;

/**
 * The classifier the app uses: trained at start on the labelled set plus every staff correction in the
 * database, and updated in place by each new correction (`learn`).
 */
export async function loadSignalClassifier(db: Db): Promise<SignalClassifier & { learn(correction: TrainingExample): void }> {
  const corrections = await db.selectFrom('classifier_correction').select(['text', 'risk_areas', 'urgency']).orderBy('id').execute();
  let model: Model = trainModel([
    ...loadLabelledTexts(),
    ...corrections.map((c) => ({ text: c.text, riskAreas: c.risk_areas as TrainingExample['riskAreas'], urgency: c.urgency, weight: CORRECTION_WEIGHT })),
  ]);
  return {
    classify(text: string): Classification {
      try {
        return classifyText(text, model);
      } catch (error) {
        // A text with no words to go on (only digits or signs) waits for a person instead of failing intake.
        if (error instanceof ClassifierInputError) return { riskAreas: [], urgency: 'normal', explanation: 'Texten gick inte att bedöma automatiskt.' };
        throw error;
      }
    },
    learn(correction: TrainingExample): void {
      model = updateModel(model, correction);
    },
  };
}
