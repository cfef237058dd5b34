import { recordAudit } from '../../../../platform/audit/index.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError } from '../../../../platform/errors.ts';
import { receiveSignal, type SignalClassifier } from '../../receive-signal.ts';
import { findKommunCodeOf, findOrganisations, type Organisation } from '../repository.ts';
import { actorOf, assertRepresents, type Representative } from '../representative.ts';
import { KINDS_OF_HELP } from './decision-codes.ts';
import { quarterEnd, waitedText } from './three-month-rule.ts';
import type { ValidDecision } from './validate-decision.ts';
import { formatLongDate } from '../../../../platform/dates.ts';

const INSERT_CHUNK = 1000;

/** The kommun a representative reports for: one of their own organisations, and a kommun (else "not found"). */
export async function kommunForReport(db: Db, representative: Representative, providerId: string): Promise<Organisation> {
  assertRepresents(representative, providerId, `kommun ${providerId}`);
  const [organisation] = await findOrganisations(db, [providerId]);
  if (!organisation || organisation.kind !== 'kommun') throw AppError.notFound(`kommun ${providerId}`);
  return organisation;
}

/** The representative's organisations that report unexecuted decisions: the kommuner. */
export function kommunerAmong(organisations: Organisation[]): Organisation[] {
  return organisations.filter((o) => o.kind === 'kommun');
}

function summary(kommun: Organisation, quarter: string, decisions: ValidDecision[]): string {
  const count = (law: string) => decisions.filter((d) => d.law === law).length;
  const longest = decisions.reduce((a, b) => (b.timing.waitedDays > a.timing.waitedDays ? b : a));
  const byKind = new Map<string, number>();
  for (const d of decisions) byKind.set(KINDS_OF_HELP[d.kindOfHelp].label, (byKind.get(KINDS_OF_HELP[d.kindOfHelp].label) ?? 0) + 1);
  const kinds = [...byKind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'sv')).map(([label, n]) => `${label} ${n}`);
  const executed = decisions.filter((d) => d.executedOn).length;
  return [
    `${kommun.name} rapporterar ${decisions.length} gynnande beslut som inte verkställts inom tre månader, kvartal ${quarter} (läget ${formatLongDate(quarterEnd(quarter))}).`,
    `SoL: ${count('SoL')}, LSS: ${count('LSS')}. ${executed > 0 ? `Varav ${executed} verkställda efter fristen.` : 'Inget av dem är verkställt.'}`,
    `Insatser: ${kinds.join(', ')}.`,
    `Längsta väntan: ${waitedText(longest.timing.waited)} (${KINDS_OF_HELP[longest.kindOfHelp].label.toLowerCase()}, ${longest.law}).`,
  ].join('\n');
}

/**
 * Stores a batch of reportable decisions (one from the form, or a whole checked CSV file) and one signal
 * linked to the kommun that sums it up, in one transaction: all of it or none.
 */
export async function reportUnexecutedDecisions(
  db: Db,
  input: {
    representative: Representative;
    providerId: string;
    quarter: string;
    decisions: ValidDecision[];
    source: { kind: 'form' } | { kind: 'csv'; fileName: string };
    classifier: SignalClassifier;
    publicUrl?: string;
    now?: Date;
  },
): Promise<{ signalId: string }> {
  const { representative, quarter, decisions } = input;
  if (decisions.length === 0) throw new AppError('bad_request', 'no decisions to report');
  const kommun = await kommunForReport(db, representative, input.providerId);
  const kommunCode = await findKommunCodeOf(db, kommun);
  const receivedAt = input.now ?? new Date();
  const signalId = await db.transaction().execute(async (trx) => {
    const received = await receiveSignal(
      trx,
      {
        channel: 'unexecuted_decision',
        text: summary(kommun, quarter, decisions),
        receivedAt,
        providerId: kommun.id,
        // No unit: the report is about the kommun as provider; its kommun routes it to the department.
        unitHint: kommunCode ? { kommun: kommunCode } : undefined,
        submitterKind: 'provider',
        contact: { name: representative.name, ...(representative.email ? { email: representative.email } : {}), organisation: kommun.name },
        reliability: 'confirmed',
        extra: {
          quarter,
          decisions: decisions.length,
          sol: decisions.filter((d) => d.law === 'SoL').length,
          lss: decisions.filter((d) => d.law === 'LSS').length,
          longestWaitDays: Math.max(...decisions.map((d) => d.timing.waitedDays)),
          source: input.source.kind,
          ...(input.source.kind === 'csv' ? { fileName: input.source.fileName } : {}),
        },
      },
      { classifier: input.classifier, actor: actorOf(representative), publicUrl: input.publicUrl },
    );
    // In chunks: a whole file in one statement could pass PostgreSQL's limit on bind parameters.
    for (let start = 0; start < decisions.length; start += INSERT_CHUNK) {
      await trx
        .insertInto('unexecuted_decision')
        .values(
          decisions.slice(start, start + INSERT_CHUNK).map((d) => ({
            provider_id: kommun.id,
            unit_id: null,
            quarter,
            decision_date: d.decisionDate,
            law: d.law,
            kind_of_help: d.kindOfHelp,
            reason: d.reason,
            executed_on: d.executedOn,
            interrupted_on: d.interruptedOn,
            reported_by: actorOf(representative),
            reported_at: receivedAt,
            signal_id: received.id,
          })),
        )
        .execute();
    }
    await recordAudit(trx, {
      actor: actorOf(representative),
      action: 'unexecuted_decision.report',
      entityType: 'signal',
      entityId: received.id,
      details: { providerId: kommun.id, quarter, decisions: decisions.length, source: input.source.kind },
    });
    return received.id;
  });
  return { signalId };
}
