import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { Urgency } from '../receive-signal.ts';
import { actorOf, withTriageAccess, type Triager } from './access.ts';
import { RISK_AREA_CODES } from './labels.ts';

const URGENCIES: readonly string[] = ['acute', 'high', 'normal'];

export interface CorrectClassificationOptions {
  signalId: string;
  staff: Triager;
  riskAreas: string[];
  urgency: string;
}

/**
 * Staff's answer to the classifier: the risk areas and urgency the signal really has. The signal gets the
 * corrected values, and the text with its correct labels is kept as a classifier correction for the
 * classifier to learn from.
 */
/** Returns the corrected example, for the running classifier to learn from once the change has committed. */
export async function correctSignalClassification(
  db: Db,
  { signalId, staff, riskAreas, urgency }: CorrectClassificationOptions,
): Promise<{ text: string; riskAreas: string[]; urgency: Urgency }> {
  const errors: FieldError[] = [];
  const areas = [...new Set(riskAreas)];
  if (areas.length === 0) errors.push({ field: 'riskAreas', message: 'Välj minst ett riskområde' });
  else if (areas.some((a) => !(RISK_AREA_CODES as string[]).includes(a))) errors.push({ field: 'riskAreas', message: 'Välj riskområden ur listan' });
  if (!URGENCIES.includes(urgency)) errors.push({ field: 'urgency', message: 'Välj hur brådskande signalen är' });
  if (errors.length > 0) throw AppError.validation(errors);
  const corrected = { riskAreas: RISK_AREA_CODES.filter((c) => areas.includes(c)), urgency: urgency as Urgency };

  return withTriageAccess(db, staff, signalId, async (trx) => {
    const before = await trx.selectFrom('signal').select(['text', 'risk_areas', 'urgency', 'classification']).where('id', '=', signalId).executeTakeFirstOrThrow();
    const classification = { ...(before.classification ?? {}), correction: { ...corrected, by: staff.subject, at: new Date().toISOString() } };
    await trx
      .updateTable('signal')
      .set({ risk_areas: corrected.riskAreas, urgency: corrected.urgency, classification: JSON.stringify(classification) })
      .where('id', '=', signalId)
      .execute();
    await trx
      .insertInto('classifier_correction')
      .values({ signal_id: signalId, text: before.text ?? '', risk_areas: corrected.riskAreas, urgency: corrected.urgency, corrected_by: staff.subject })
      .execute();
    await recordAudit(trx, {
      actor: actorOf(staff),
      action: 'signal.classification.correct',
      entityType: 'signal',
      entityId: signalId,
      details: { before: { riskAreas: before.risk_areas ?? [], urgency: before.urgency }, after: corrected },
    });
    return { text: before.text ?? '', ...corrected };
  });
}
