import type { Db } from '../../platform/db/database.ts';
import type { Classification, SignalClassifier } from './receive-signal.ts';

/**
 * The classifier the app uses: trained on the labelled set and every staff correction in the database.
 * Until the trained classifier lands, everything is normal urgency with no risk area, for a person to set.
 */
export async function loadSignalClassifier(db: Db): Promise<SignalClassifier> {
  void db;
  return { classify: (): Classification => ({ riskAreas: [], urgency: 'normal', explanation: 'Ingen automatisk bedömning.' }) };
}
