import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { SignalChannel } from '../registry/codes.ts';
import { findUnitCandidates, MATCH_THRESHOLD, type UnitHint } from './match-unit.ts';

export type Urgency = 'acute' | 'high' | 'normal';

export interface Classification {
  riskAreas: { code: string; score: number }[];
  urgency: Urgency;
  /** Plain Swedish: which words and phrases drove the answer. */
  explanation: string;
  evidence?: unknown[];
}

/** The text classifier as intake sees it; the real one learns from staff corrections. */
export interface SignalClassifier {
  classify(text: string): Classification;
  /** Take a staff correction into account for the next texts. */
  learn?(correction: { text: string; riskAreas: string[]; urgency: Urgency }): void;
}

export interface IncomingSignal {
  channel: SignalChannel;
  text: string;
  receivedAt?: Date;
  /** A unit picked from the register by the sender or by staff. */
  unitId?: string;
  /** What the sender wrote about the unit when it was not picked from the register. */
  unitHint?: UnitHint;
  providerId?: string;
  occurredOn?: string;
  severity?: 1 | 2 | 3 | 4;
  /** Set by staff or another authority; otherwise the classifier decides. */
  urgency?: Urgency;
  riskAreas?: string[];
  submitterKind: 'anonymous' | 'identified' | 'provider' | 'authority' | 'staff';
  /** Contact details the sender chose to give (never for anonymous senders). */
  contact?: Record<string, unknown>;
  personnummer?: string;
  secrecy?: 'public' | 'secret';
  reliability?: 'confirmed' | 'probable' | 'unknown';
  extra?: Record<string, unknown>;
}

export interface ReceivedSignal {
  id: string;
  unitId: string | null;
  unitMatch: 'given' | 'automatic' | 'unmatched';
  departmentCode: string | null;
  urgency: Urgency;
  riskAreas: string[];
}

const URGENCY_RANK: Record<Urgency, number> = { normal: 0, high: 1, acute: 2 };

/** `S-20261123-3f9a2c1b`: readable, sortable by day, and not guessable. */
export function newSignalId(now: Date): string {
  return `S-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
}

async function departmentOfKommun(trx: Transaction<Database>, kommun: string | undefined): Promise<string | null> {
  if (!kommun) return null;
  const row = await trx
    .selectFrom('municipality')
    .innerJoin('county', 'county.code', 'municipality.county_code')
    .select('county.department_code')
    .where('municipality.code', '=', kommun)
    .executeTakeFirst();
  return row?.department_code ?? null;
}

/**
 * The one way into the signal store for every channel: links the unit (given, or matched from the sender's
 * description), routes to the department of the unit's län, classifies the text, stores the signal for
 * triage, writes the audit row and, for an acute signal, queues the e-mail to the department on duty — all in
 * the caller's transaction, so nothing half-written stays and nothing acknowledged is lost.
 */
export async function receiveSignal(
  trx: Transaction<Database>,
  incoming: IncomingSignal,
  deps: { classifier: SignalClassifier; actor: string; publicUrl?: string },
): Promise<ReceivedSignal> {
  const receivedAt = incoming.receivedAt ?? new Date();
  let unitId: string | null = null;
  let unitMatch: ReceivedSignal['unitMatch'] = 'unmatched';
  let kommun: string | undefined = incoming.unitHint?.kommun;
  let providerId = incoming.providerId ?? null;
  let hint: Record<string, unknown> | null = incoming.unitHint ? { ...incoming.unitHint } : null;

  if (incoming.unitId) {
    const unit = await trx.selectFrom('unit').select(['id', 'kommun', 'provider_id']).where('id', '=', incoming.unitId).executeTakeFirst();
    if (!unit) throw AppError.validation([{ field: 'unitId', message: 'Verksamheten finns inte i registret.' }], `unknown unit ${incoming.unitId}`);
    unitId = unit.id;
    unitMatch = 'given';
    kommun = unit.kommun;
    providerId ??= unit.provider_id;
  } else if (incoming.unitHint) {
    const candidates = await findUnitCandidates(trx, incoming.unitHint);
    const best = candidates[0];
    if (best && best.confidence >= MATCH_THRESHOLD && (candidates[1]?.confidence ?? 0) < best.confidence - 0.1) {
      const unit = await trx.selectFrom('unit').select(['kommun', 'provider_id']).where('id', '=', best.unitId).executeTakeFirstOrThrow();
      unitId = best.unitId;
      unitMatch = 'automatic';
      kommun = unit.kommun;
      providerId ??= unit.provider_id;
    }
    hint = { ...incoming.unitHint, suggestions: candidates };
  }

  const classification = deps.classifier.classify(incoming.text);
  const urgency =
    incoming.urgency && URGENCY_RANK[incoming.urgency] >= URGENCY_RANK[classification.urgency] ? incoming.urgency : (incoming.urgency ?? classification.urgency);
  const riskAreas = incoming.riskAreas?.length ? incoming.riskAreas : classification.riskAreas.map((r) => r.code);
  const departmentCode = await departmentOfKommun(trx, kommun);
  const id = newSignalId(receivedAt);

  await trx
    .insertInto('signal')
    .values({
      id,
      unit_id: unitId,
      provider_id: providerId,
      channel: incoming.channel,
      received_at: receivedAt,
      occurred_on: incoming.occurredOn ?? null,
      severity: incoming.severity ?? null,
      urgency,
      text: incoming.text,
      risk_areas: riskAreas,
      personnummer: incoming.personnummer ?? null,
      extra: JSON.stringify(incoming.extra ?? {}),
      department_code: departmentCode,
      triage_status: 'new',
      unit_match: unitMatch,
      unit_hint: hint ? JSON.stringify(hint) : null,
      submitter_kind: incoming.submitterKind,
      contact: incoming.contact ? JSON.stringify(incoming.contact) : null,
      secrecy: incoming.secrecy ?? 'secret',
      reliability: incoming.reliability ?? null,
      classification: JSON.stringify(classification),
    })
    .execute();

  // The audit row names the channel, never the sender: an anonymous tip stays anonymous here too.
  await recordAudit(trx, { actor: deps.actor, action: 'signal.receive', entityType: 'signal', entityId: id, details: { channel: incoming.channel, urgency } });

  if (urgency === 'acute') {
    const department = departmentCode
      ? await trx.selectFrom('department').select(['duty_email', 'name']).where('code', '=', departmentCode).executeTakeFirst()
      : undefined;
    const recipients = department?.duty_email
      ? [department.duty_email]
      : (await trx.selectFrom('department').select('duty_email').where('duty_email', 'is not', null).execute()).map((d) => d.duty_email!);
    // Secret details stay in the system: the e-mail says only that an acute signal waits, and where.
    for (const recipient of recipients) {
      await trx
        .insertInto('outbox_email')
        .values({
          recipient,
          subject: `Akut signal ${id} väntar i triagekön`,
          body: `En signal som bedömts som akut har kommit in via kanalen ${incoming.channel}.\n\nÖppna den direkt: ${deps.publicUrl ?? ''}/staff/signals/${id}\n`,
          sent_at: null,
          last_error: null,
        })
        .execute();
    }
  }

  return { id, unitId, unitMatch, departmentCode, urgency, riskAreas };
}
