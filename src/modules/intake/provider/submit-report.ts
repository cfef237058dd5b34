import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { receiveSignal, type SignalClassifier } from '../receive-signal.ts';
import { checkReportCompleteness, type Completeness } from './check-report-completeness.ts';
import { FIELD_IDS, type ReportDraft } from './report-form.ts';
import { REPORT_KINDS, wrongKindMessage, type ReportKind } from './report-kinds.ts';
import { findUnit, type ReportableUnit } from './repository.ts';
import { actorOf, assertRepresents, type Representative } from './representative.ts';

/**
 * The unit a representative reports about: one of their own organisations' (else "not found", as if it did
 * not exist), and of a form the kind of report applies to (else a field error).
 */
export async function unitForReport(db: Db, representative: Representative, kind: ReportKind, unitId: string): Promise<ReportableUnit> {
  const unit = await findUnit(db, unitId);
  if (!unit) throw AppError.notFound(`unit ${unitId}`);
  assertRepresents(representative, unit.provider_id, `unit ${unitId}`);
  const wrongKind = wrongKindMessage(kind, unit);
  if (wrongKind) throw AppError.validation([{ field: FIELD_IDS.unitId, message: wrongKind }], `${kind} about unit ${unit.id} of form ${unit.form}`);
  return unit;
}

/** The signal's text: what the classifier reads and the case officer sees first. */
function signalText(kind: ReportKind, unit: ReportableUnit, draft: ReportDraft): string {
  return [
    `${REPORT_KINDS[kind].title} från ${unit.provider_name} om ${unit.name}.`,
    `Händelse (${draft.eventDate}): ${draft.event}`,
    `Konsekvenser: ${draft.consequences}`,
    `Vårdgivarens utredning: ${draft.investigation}`,
  ].join('\n\n');
}

/**
 * Stores a lex Maria or lex Sarah report: the signal (through receiveSignal, like every channel) and the
 * provider's investigation with its completeness flags, in one transaction.
 */
export async function submitProviderReport(
  db: Db,
  input: { representative: Representative; kind: ReportKind; draft: ReportDraft; acknowledged: boolean; submissionId: string; classifier: SignalClassifier; publicUrl?: string; now?: Date },
): Promise<{ signalId: string; completeness: Completeness }> {
  const { representative, kind, draft } = input;
  const unit = await unitForReport(db, representative, kind, draft.unitId);
  const completeness = checkReportCompleteness(draft);
  // The same form sent again (a double click, the back button): its first report, not a second one.
  const sentBefore = () => db.selectFrom('provider_report').select('signal_id').where('submission_id', '=', input.submissionId).executeTakeFirst();
  const earlier = await sentBefore();
  if (earlier) return { signalId: earlier.signal_id, completeness };
  const receivedAt = input.now ?? new Date();
  const store = () => db.transaction().execute(async (trx) => {
    const received = await receiveSignal(
      trx,
      {
        channel: kind,
        text: signalText(kind, unit, draft),
        receivedAt,
        unitId: unit.id,
        providerId: unit.provider_id,
        occurredOn: draft.eventDate,
        submitterKind: 'provider',
        contact: { name: representative.name, ...(representative.email ? { email: representative.email } : {}), organisation: unit.provider_name },
        reliability: 'confirmed',
        extra: { investigationSummary: draft.investigation, completenessFlags: completeness.flags.map((f) => f.code) },
      },
      { classifier: input.classifier, actor: actorOf(representative), publicUrl: input.publicUrl },
    );
    await trx
      .insertInto('provider_report')
      .values({
        signal_id: received.id,
        kind,
        provider_id: unit.provider_id,
        reported_by: actorOf(representative),
        event_description: draft.event,
        consequences: draft.consequences,
        root_causes: JSON.stringify(draft.rootCauses),
        actions: JSON.stringify(draft.actions),
        follow_up: draft.followUp,
        submission_id: input.submissionId,
        completeness: JSON.stringify({
          complete: completeness.complete,
          flags: completeness.flags,
          // The reporter saw these flags before sending and chose to send anyway.
          acknowledgedByReporter: completeness.flags.length > 0 && input.acknowledged,
          checkedAt: receivedAt.toISOString(),
        }),
      })
      .execute();
    await recordAudit(trx, {
      actor: actorOf(representative),
      action: 'provider_report.submit',
      entityType: 'provider_report',
      entityId: received.id,
      details: { kind, providerId: unit.provider_id, unitId: unit.id, flags: completeness.flags.map((f) => f.code) },
    });
    return received.id;
  });
  try {
    return { signalId: await store(), completeness };
  } catch (error) {
    // Sent twice at once: the other send committed first, and its report is this form's.
    const first = (error as { code?: string }).code === '23505' ? await sentBefore() : undefined;
    if (first) return { signalId: first.signal_id, completeness };
    throw error;
  }
}
