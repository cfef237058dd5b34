// The provider reports the actions it has taken against a decision's deficiencies, through the portal: the
// rows become action reports, the report is registered as an incoming document (with each evidence file as a
// document of its own) and the follow-up moves to "assessing". One transaction with its audit row.
import type { Transaction } from 'kysely';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { registerDocument, secrecyReferenceForForm } from '../register-document.ts';

import { isCalendarDate, swedishToday } from '../../../platform/dates.ts';

export interface ActionRowInput {
  deficiencySeq: number;
  action: string;
  owner: string;
  doneOn: string;
  evidence: string;
  /** An evidence file already checked by its content (JPEG, PNG or PDF). */
  file?: { fileName: string; mediaType: string; content: Uint8Array };
}

export interface ActionReporter {
  subject: string;
  name: string;
  organisations: string[];
}

export const ACTION_FIELD = (seq: number, part: 'action' | 'owner' | 'doneOn' | 'evidence' | 'file') =>
  `atgard-${seq}-${{ action: 'beskrivning', owner: 'ansvarig', doneOn: 'klart', evidence: 'underlag', file: 'fil' }[part]}`;

export const OPEN_FOLLOW_UP = ['awaiting_report', 'assessing'] as const;

/** Field checks of one reported action (the row is not blank). */
export function checkActionRow(row: ActionRowInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const seq = row.deficiencySeq;
  if (!row.action.trim()) errors.push({ field: ACTION_FIELD(seq, 'action'), message: `Brist ${seq}: beskriv vilken åtgärd ni har vidtagit` });
  else if (row.action.trim().length > 10_000) errors.push({ field: ACTION_FIELD(seq, 'action'), message: `Brist ${seq}: beskrivningen får vara högst 10 000 tecken` });
  if (!row.owner.trim()) errors.push({ field: ACTION_FIELD(seq, 'owner'), message: `Brist ${seq}: skriv vem som ansvarar för åtgärden, till exempel verksamhetschefen` });
  else if (row.owner.trim().length > 200) errors.push({ field: ACTION_FIELD(seq, 'owner'), message: `Brist ${seq}: ansvarig får vara högst 200 tecken` });
  if (!row.doneOn) errors.push({ field: ACTION_FIELD(seq, 'doneOn'), message: `Brist ${seq}: skriv när åtgärden genomfördes, som ÅÅÅÅ-MM-DD` });
  else if (!isCalendarDate(row.doneOn)) errors.push({ field: ACTION_FIELD(seq, 'doneOn'), message: `Brist ${seq}: skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-27` });
  else if (row.doneOn > today) errors.push({ field: ACTION_FIELD(seq, 'doneOn'), message: `Brist ${seq}: datumet kan inte vara i framtiden. Redovisa åtgärder som är genomförda` });
  if (row.evidence.trim().length > 10_000) errors.push({ field: ACTION_FIELD(seq, 'evidence'), message: `Brist ${seq}: underlaget får vara högst 10 000 tecken` });
  return errors;
}

async function lockDecision(trx: Transaction<Database>, caseId: number, decisionId: number) {
  const row = await trx
    .selectFrom('case_decision as x')
    .innerJoin('case_file as c', 'c.id', 'x.case_id')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .leftJoin('provider as p', 'p.id', 'c.provider_id')
    .select(['x.id', 'x.case_id', 'x.follow_up_status', 'c.provider_id', 'c.status as case_status', 'u.form', 'p.name as provider_name'])
    .where('x.id', '=', decisionId)
    .where('x.case_id', '=', caseId)
    .forUpdate('x')
    .executeTakeFirst();
  if (!row) throw AppError.notFound(`decision ${decisionId} of case ${caseId}`);
  return row;
}

export async function reportActions(
  db: Db,
  input: { reporter: ActionReporter; caseId: number; decisionId: number; rows: ActionRowInput[]; now?: Date },
): Promise<{ documentId: number; reportIds: number[] }> {
  const now = input.now ?? new Date();
  const today = swedishToday(now);
  return db.transaction().execute(async (trx) => {
    const decision = await lockDecision(trx, input.caseId, input.decisionId);
    // Someone else's decision does not exist for this person.
    if (!decision.provider_id || !input.reporter.organisations.includes(decision.provider_id)) {
      throw AppError.notFound(`decision ${input.decisionId} (provider ${decision.provider_id} not represented by ${input.reporter.subject})`);
    }
    if (!(OPEN_FOLLOW_UP as readonly string[]).includes(decision.follow_up_status)) {
      // Not a field the sender can correct (the follow-up ended, perhaps while the form was open): a conflict.
      throw new AppError('conflict', `decision ${input.decisionId}: follow-up ${decision.follow_up_status}`, {
        userMessage: 'Beslutet följs inte upp med en redovisning, eller så är uppföljningen redan avslutad. Inga åtgärder har sparats.',
      });
    }
    const deficiencies = await trx
      .selectFrom('decision_deficiency as d')
      .select(['d.seq'])
      .select((eb) => eb.exists(eb.selectFrom('action_report as a').select('a.id').whereRef('a.decision_id', '=', 'd.decision_id').whereRef('a.deficiency_seq', '=', 'd.seq').where('a.assessment', '=', 'accepted')).as('accepted'))
      .where('d.decision_id', '=', input.decisionId)
      .execute();
    const errors: FieldError[] = [];
    if (input.rows.length === 0) {
      const first = deficiencies.find((d) => !d.accepted)?.seq ?? 1;
      errors.push({ field: ACTION_FIELD(first, 'action'), message: 'Redovisa minst en åtgärd: beskriv åtgärden, vem som ansvarar och när den genomfördes' });
    }
    const seen = new Set<number>();
    for (const row of input.rows) {
      const deficiency = deficiencies.find((d) => d.seq === row.deficiencySeq);
      if (!deficiency || seen.has(row.deficiencySeq)) errors.push({ field: ACTION_FIELD(row.deficiencySeq, 'action'), message: 'Åtgärden hör inte till någon brist i beslutet' });
      else if (deficiency.accepted) errors.push({ field: ACTION_FIELD(row.deficiencySeq, 'action'), message: `Brist ${row.deficiencySeq}: IVO har redan godtagit en åtgärd mot bristen` });
      else errors.push(...checkActionRow(row, today));
      seen.add(row.deficiencySeq);
    }
    if (errors.length > 0) throw AppError.validation(errors);

    // What a provider writes about its actions may mention staff or users: the details are not public.
    const secrecyReference = secrecyReferenceForForm(decision.form);
    const actor = `provider:${input.reporter.subject}`;
    const report = await registerDocument(trx, {
      caseId: input.caseId,
      direction: 'incoming',
      documentDate: today,
      counterpart: decision.provider_name,
      subject: `Redovisning av åtgärder (${input.rows.length === 1 ? '1 brist' : `${input.rows.length} brister`})`,
      secrecy: 'partly_secret',
      secrecyReference,
      kind: 'action_report',
      registeredBy: actor,
    });
    const reportIds: number[] = [];
    for (const row of [...input.rows].sort((a, b) => a.deficiencySeq - b.deficiencySeq)) {
      let documentId = report.id;
      if (row.file) {
        const evidence = await registerDocument(trx, {
          caseId: input.caseId,
          direction: 'incoming',
          documentDate: today,
          counterpart: decision.provider_name,
          subject: `Underlag till redovisning av åtgärder, brist ${row.deficiencySeq}`,
          secrecy: 'partly_secret',
          secrecyReference,
          kind: 'action_report',
          registeredBy: actor,
          file: { filename: row.file.fileName, mediaType: row.file.mediaType, content: row.file.content },
        });
        documentId = evidence.id;
      }
      const inserted = await trx
        .insertInto('action_report')
        .values({
          decision_id: input.decisionId,
          deficiency_seq: row.deficiencySeq,
          action: row.action.trim(),
          owner: row.owner.trim(),
          done_on: row.doneOn,
          evidence: row.evidence.trim() || null,
          document_id: documentId,
          reported_at: now,
          reported_by: actor,
          reported_by_name: input.reporter.name,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      reportIds.push(inserted.id);
    }
    await trx.updateTable('case_decision').set({ follow_up_status: 'assessing' }).where('id', '=', input.decisionId).execute();
    await recordAudit(trx, {
      actor,
      action: 'decision.report_actions',
      entityType: 'case',
      entityId: String(input.caseId),
      details: { decisionId: input.decisionId, deficiencies: input.rows.map((r) => r.deficiencySeq), documentId: report.id, files: input.rows.filter((r) => r.file).length },
    });
    return { documentId: report.id, reportIds };
  });
}
