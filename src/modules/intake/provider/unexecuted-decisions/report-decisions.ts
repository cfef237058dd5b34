import { sql } from 'kysely';
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
/** Serialises reports of one kommun and quarter, so two sends of one file cannot both miss the other. */
const REPORT_LOCK_CLASS = 727_004;

/**
 * Some of the decisions sent are already in an earlier report of the same kommun and quarter: the same file
 * sent twice, most likely. Nothing was stored; the sender may confirm that they are other decisions with the
 * same details (de-identified decisions can be identical) and send again.
 */
export class DecisionsAlreadyReported extends Error {
  constructor(readonly duplicates: number, readonly total: number, readonly lastReportedAt: Date) {
    super(`${duplicates} of ${total} decisions are already reported for the quarter`);
    this.name = 'DecisionsAlreadyReported';
  }
}

/**
 * How many of the decisions match decisions the kommun already reported for the quarter, counted as
 * multisets (two identical decisions sent match two reported, not one), and when the latest of those was sent.
 */
async function alreadyReported(db: Db, providerId: string, quarter: string, decisions: ValidDecision[]): Promise<{ duplicates: number; lastReportedAt: Date | null }> {
  const column = <T>(pick: (d: ValidDecision) => T) => decisions.map(pick);
  const result = await sql<{ duplicates: number; last_reported_at: Date | null }>`
    WITH sent AS (
      SELECT decision_date, law, kind_of_help, reason, executed_on, interrupted_on, count(*)::int AS n
      FROM unnest(${column((d) => d.decisionDate)}::date[], ${column((d) => d.law)}::text[], ${column((d) => d.kindOfHelp)}::text[],
                  ${column((d) => d.reason)}::text[], ${column((d) => d.executedOn)}::date[], ${column((d) => d.interruptedOn)}::date[])
        AS d(decision_date, law, kind_of_help, reason, executed_on, interrupted_on)
      GROUP BY 1, 2, 3, 4, 5, 6
    ), reported AS (
      SELECT decision_date, law, kind_of_help, reason, executed_on, interrupted_on, count(*)::int AS n, max(reported_at) AS last_at
      FROM unexecuted_decision
      WHERE provider_id = ${providerId} AND quarter = ${quarter}
      GROUP BY 1, 2, 3, 4, 5, 6
    )
    SELECT coalesce(sum(least(s.n, r.n)), 0)::int AS duplicates, max(r.last_at) AS last_reported_at
    FROM sent s
    JOIN reported r ON r.decision_date = s.decision_date AND r.law = s.law AND r.kind_of_help = s.kind_of_help
      AND r.reason IS NOT DISTINCT FROM s.reason AND r.executed_on IS NOT DISTINCT FROM s.executed_on
      AND r.interrupted_on IS NOT DISTINCT FROM s.interrupted_on
  `.execute(db);
  const row = result.rows[0];
  return { duplicates: Number(row?.duplicates ?? 0), lastReportedAt: row?.last_reported_at ? new Date(row.last_reported_at) : null };
}

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
 * linked to the kommun that sums it up, in one transaction: all of it or none. Throws
 * DecisionsAlreadyReported, storing nothing, when some of them are already reported for the quarter, unless
 * the sender confirmed that they are other decisions.
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
    /** The sender confirmed that decisions matching earlier reports of the quarter are other decisions. */
    confirmedNotDuplicates?: boolean;
  },
): Promise<{ signalId: string }> {
  const { representative, quarter, decisions } = input;
  if (decisions.length === 0) throw new AppError('bad_request', 'no decisions to report');
  const kommun = await kommunForReport(db, representative, input.providerId);
  const kommunCode = await findKommunCodeOf(db, kommun);
  const receivedAt = input.now ?? new Date();
  const signalId = await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${REPORT_LOCK_CLASS}, hashtext(${`${kommun.id}\n${quarter}`}))`.execute(trx);
    if (!input.confirmedNotDuplicates) {
      const earlier = await alreadyReported(trx, kommun.id, quarter, decisions);
      if (earlier.duplicates > 0 && earlier.lastReportedAt) throw new DecisionsAlreadyReported(earlier.duplicates, decisions.length, earlier.lastReportedAt);
    }
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
