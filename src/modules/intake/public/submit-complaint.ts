import type { Db } from '../../../platform/db/database.ts';
import type { UnitHint } from '../match-unit.ts';
import { receiveSignal, type ReceivedSignal, type SignalClassifier } from '../receive-signal.ts';
import { HARM_KINDS, recommendComplaintHandling, type ComplaintRecommendation, type HarmKind } from './complaint-triage.ts';

export const RELATIONS = {
  self: 'Jag är patienten',
  relative: 'Anhörig eller närstående',
  guardian: 'God man eller förvaltare',
  other: 'Annan',
} as const;
export type Relation = keyof typeof RELATIONS;

export interface ComplaintSubmission {
  complainant: { name: string; personnummer: string; email?: string; phone?: string; relation: Relation };
  /** Absent when the complainant is the patient. */
  patient?: { name: string; personnummer: string };
  unitId?: string;
  unitHint?: UnitHint;
  /** The provider's name as the complainant wrote it, when the unit was not picked from the register. */
  providerName?: string;
  eventDate: string;
  whatHappened: string;
  harmKinds: HarmKind[];
  harm: string;
}

export interface SubmittedComplaint {
  signal: ReceivedSignal;
  recommendation: ComplaintRecommendation;
}

/**
 * Stores a complaint: the signal (channel 'complaint', identified, with the patient's personnummer) and the
 * complaint with the triage rules' recommendation for the case officer, in one transaction.
 */
export async function submitComplaint(
  db: Db,
  submission: ComplaintSubmission,
  deps: { classifier: SignalClassifier; publicUrl: string; today: string },
): Promise<SubmittedComplaint> {
  const recommendation = recommendComplaintHandling({ eventDate: submission.eventDate, harmKinds: submission.harmKinds }, deps.today);
  const { complainant, patient } = submission;
  const harmText = [submission.harmKinds.map((k) => HARM_KINDS[k]).join('. '), submission.harm].filter(Boolean).join('. ');
  const signal = await db.transaction().execute(async (trx) => {
    const received = await receiveSignal(
      trx,
      {
        channel: 'complaint',
        text: `${submission.whatHappened}\n\nFöljder för patienten: ${harmText}`,
        unitId: submission.unitId,
        unitHint: submission.unitId ? undefined : submission.unitHint,
        occurredOn: submission.eventDate,
        submitterKind: 'identified',
        personnummer: patient?.personnummer ?? complainant.personnummer,
        contact: { name: complainant.name, email: complainant.email, phone: complainant.phone, relation: complainant.relation },
        extra: { harmKinds: submission.harmKinds, ...(submission.providerName ? { providerName: submission.providerName } : {}) },
      },
      { classifier: deps.classifier, actor: 'public', publicUrl: deps.publicUrl },
    );
    await trx
      .insertInto('complaint')
      .values({
        signal_id: received.id,
        complainant_name: complainant.name,
        complainant_personnummer: complainant.personnummer,
        relation: complainant.relation,
        patient_name: patient?.name ?? null,
        patient_personnummer: patient?.personnummer ?? null,
        event_date: submission.eventDate,
        what_happened: submission.whatHappened,
        harm: harmText,
        recommendation: JSON.stringify(recommendation),
      })
      .execute();
    return received;
  });
  return { signal, recommendation };
}
