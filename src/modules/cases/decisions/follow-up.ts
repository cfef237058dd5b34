// The officer's side of the follow-up: each reported action is assessed (accepted, or insufficient with a note
// the provider sees, so it can report again), and the follow-up is closed once every deficiency has an accepted
// action — or earlier, with a reason. Closing the last open thing of a case closes the case.
import type { Transaction } from 'kysely';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import { registerDocument } from '../register-document.ts';
import { caseStatusAfterDecisions } from './decide-case.ts';
import { OPEN_FOLLOW_UP } from './report-actions.ts';
import { formatLongDate, swedishToday } from '../../../platform/dates.ts';

type Trx = Transaction<Database>;
export interface Officer {
  subject: string;
  name: string;
}

export const ASSESS_FIELD = (reportId: number, part: 'assessment' | 'note') => `bedomning-${reportId}-${part === 'assessment' ? 'beslut' : 'kommentar'}`;
export const CLOSE_FIELD = (decisionId: number) => `avsluta-${decisionId}-motivering`;

/** The audit actor: staff by their subject; the demo seeding and other system work as themselves. */
const actorOf = (officer: Officer) => (officer.subject.startsWith('system:') ? officer.subject : `staff:${officer.subject}`);

async function lockOpenDecision(trx: Trx, caseId: number, decisionId: number) {
  const row = await trx
    .selectFrom('case_decision')
    .select(['id', 'case_id', 'follow_up_status', 'decided_on'])
    .where('id', '=', decisionId)
    .where('case_id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw AppError.notFound(`decision ${decisionId} of case ${caseId}`);
  return row;
}

/** Deficiencies of the decision that have no accepted action, and whether any action awaits assessment. */
async function followUpState(trx: Trx, decisionId: number) {
  const rows = await trx
    .selectFrom('decision_deficiency as d')
    .select(['d.seq'])
    .select((eb) => eb.exists(eb.selectFrom('action_report as a').select('a.id').whereRef('a.decision_id', '=', 'd.decision_id').whereRef('a.deficiency_seq', '=', 'd.seq').where('a.assessment', '=', 'accepted')).as('accepted'))
    .where('d.decision_id', '=', decisionId)
    .execute();
  const pending = await trx.selectFrom('action_report').select('id').where('decision_id', '=', decisionId).where('assessment', '=', 'pending').limit(1).executeTakeFirst();
  return { unaccepted: rows.filter((r) => !r.accepted).map((r) => r.seq), pending: Boolean(pending) };
}

export async function assessAction(
  db: Db,
  input: { officer: Officer; caseId: number; decisionId: number; reportId: number; assessment: string; note: string; now?: Date },
): Promise<{ followUpStatus: 'awaiting_report' | 'assessing' }> {
  const note = input.note.replace(/\r\n?/g, '\n').trim();
  const errors = [];
  if (input.assessment !== 'accepted' && input.assessment !== 'insufficient') errors.push({ field: ASSESS_FIELD(input.reportId, 'assessment'), message: 'Välj om åtgärden godtas eller inte är tillräcklig' });
  else if (input.assessment === 'insufficient' && !note) errors.push({ field: ASSESS_FIELD(input.reportId, 'note'), message: 'Skriv vad som saknas, så att verksamheten kan redovisa igen' });
  if (note.length > 5000) errors.push({ field: ASSESS_FIELD(input.reportId, 'note'), message: 'Kommentaren får vara högst 5 000 tecken' });
  if (errors.length > 0) throw AppError.validation(errors);
  const assessment = input.assessment as 'accepted' | 'insufficient';

  return db.transaction().execute(async (trx) => {
    const decision = await lockOpenDecision(trx, input.caseId, input.decisionId);
    const report = await trx.selectFrom('action_report').select(['id', 'deficiency_seq']).where('id', '=', input.reportId).where('decision_id', '=', decision.id).executeTakeFirst();
    if (!report) throw AppError.notFound(`action report ${input.reportId} of decision ${decision.id}`);
    if (!(OPEN_FOLLOW_UP as readonly string[]).includes(decision.follow_up_status)) {
      throw AppError.validation([{ field: ASSESS_FIELD(input.reportId, 'assessment'), message: 'Uppföljningen är avslutad. Åtgärderna kan inte bedömas om' }]);
    }
    await trx
      .updateTable('action_report')
      .set({ assessment, assessment_note: note || null, assessed_by: input.officer.subject, assessed_at: input.now ?? new Date() })
      .where('id', '=', report.id)
      .execute();
    // Waiting for the provider again when nothing awaits assessment but a deficiency still lacks an accepted action.
    const state = await followUpState(trx, decision.id);
    const followUpStatus = !state.pending && state.unaccepted.length > 0 ? 'awaiting_report' : 'assessing';
    await trx.updateTable('case_decision').set({ follow_up_status: followUpStatus }).where('id', '=', decision.id).execute();
    await recordAudit(trx, {
      actor: actorOf(input.officer),
      action: 'decision.assess_action',
      entityType: 'case',
      entityId: String(input.caseId),
      details: { decisionId: decision.id, reportId: report.id, deficiencySeq: report.deficiency_seq, assessment },
    });
    return { followUpStatus };
  });
}

export async function closeFollowUp(
  db: Db,
  input: { officer: Officer; caseId: number; decisionId: number; reason: string; now?: Date },
): Promise<{ caseStatus: 'closed' | 'decided' | 'follow_up' }> {
  const now = input.now ?? new Date();
  const reason = input.reason.replace(/\r\n?/g, '\n').trim();
  if (reason.length > 5000) throw AppError.validation([{ field: CLOSE_FIELD(input.decisionId), message: 'Motiveringen får vara högst 5 000 tecken' }]);
  return db.transaction().execute(async (trx) => {
    const decision = await lockOpenDecision(trx, input.caseId, input.decisionId);
    if (!(OPEN_FOLLOW_UP as readonly string[]).includes(decision.follow_up_status)) {
      throw AppError.validation([{ field: CLOSE_FIELD(input.decisionId), message: 'Beslutet har ingen pågående uppföljning att avsluta' }]);
    }
    const state = await followUpState(trx, decision.id);
    if (state.unaccepted.length > 0 && !reason) {
      const list = state.unaccepted.join(', ');
      throw AppError.validation([{ field: CLOSE_FIELD(input.decisionId), message: `Brist ${list} har ingen godtagen åtgärd. Motivera varför uppföljningen avslutas ändå` }]);
    }
    await trx
      .updateTable('case_decision')
      .set({ follow_up_status: 'closed', follow_up_closed_at: now, follow_up_closed_by: input.officer.subject })
      .where('id', '=', decision.id)
      .execute();
    const provider = await trx.selectFrom('case_file as c').leftJoin('provider as p', 'p.id', 'c.provider_id').select('p.name').where('c.id', '=', input.caseId).executeTakeFirst();
    const document = await registerDocument(trx, {
      caseId: input.caseId,
      direction: 'outgoing',
      documentDate: swedishToday(now),
      counterpart: provider?.name ?? null,
      subject: `Uppföljningen av beslutet ${formatLongDate(decision.decided_on)} är avslutad`,
      secrecy: 'public',
      kind: 'assessment',
      registeredBy: input.officer.subject,
    });
    if (reason) {
      await trx
        .insertInto('case_note')
        .values({ case_id: input.caseId, author: input.officer.subject, author_name: input.officer.name, body: `Uppföljningen av beslutet ${formatLongDate(decision.decided_on)} avslutades: ${reason}`, created_at: now })
        .execute();
    }

    // The case closes when nothing else is open in it: no follow-up, no unanswered request, no planned inspection.
    let caseStatus: 'closed' | 'decided' | 'follow_up' = await caseStatusAfterDecisions(trx, input.caseId);
    if (caseStatus === 'decided') {
      const openRequest = await trx.selectFrom('case_request').select('id').where('case_id', '=', input.caseId).where('status', '=', 'open').limit(1).executeTakeFirst();
      const plannedInspection = await trx.selectFrom('case_inspection').select('id').where('case_id', '=', input.caseId).where('status', '=', 'planned').limit(1).executeTakeFirst();
      if (!openRequest && !plannedInspection) caseStatus = 'closed';
    }
    await trx.updateTable('case_file').set({ status: caseStatus, closed_at: caseStatus === 'closed' ? now : null }).where('id', '=', input.caseId).execute();
    await recordAudit(trx, {
      actor: actorOf(input.officer),
      action: 'decision.close_follow_up',
      entityType: 'case',
      entityId: String(input.caseId),
      reason: reason || null,
      details: { decisionId: decision.id, unaccepted: state.unaccepted, documentId: document.id, caseStatus },
    });
    return { caseStatus };
  });
}
