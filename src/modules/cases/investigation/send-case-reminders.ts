// Reminders to providers, run each morning: an open request whose reply date is three days away or has
// passed, and a decision awaiting the provider's report of actions whose report date is a week away or has
// passed. Each is reminded once: the request's reminded_at, and for a decision the reminder document itself
// (registered in the case under a subject that names the decision). Every reminder is registered as an
// outgoing document and, when the provider has an e-mail address, announced by e-mail (no case details).
import { sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { registerDocument } from '../register-document.ts';
import { addDays } from '../../../platform/dates.ts';
import { queueProviderNotice } from './provider-mail.ts';

export const REQUEST_REMINDER_DAYS = 3;
export const REPORT_REMINDER_DAYS = 7;
const ACTOR = 'system';

export interface ReminderResult {
  /** Requests reminded, by id. */
  requests: number[];
  /** Decisions reminded, by id. */
  decisions: number[];
  /** E-mails queued in the outbox. */
  emails: number;
}

/** The start of a decision reminder's subject: it names the decision, so a second run finds it and skips. */
export function reportReminderSubjectStart(decision: { id: number; decided_on: string; document_number: number | null }): string {
  return decision.document_number !== null
    ? `Påminnelse: redovisning av åtgärder enligt beslut (aktbilaga ${decision.document_number})`
    : `Påminnelse: redovisning av åtgärder enligt beslut ${decision.decided_on} (nr ${decision.id})`;
}

export async function sendCaseReminders(db: Db, options: { today: string; publicUrl?: string }): Promise<ReminderResult> {
  const result: ReminderResult = { requests: [], decisions: [], emails: 0 };
  await remindRequests(db, options, result);
  await remindDecisions(db, options, result);
  return result;
}

async function remindRequests(db: Db, options: { today: string; publicUrl?: string }, result: ReminderResult): Promise<void> {
  const due = addDays(options.today, REQUEST_REMINDER_DAYS);
  const candidates = await db
    .selectFrom('case_request as r')
    .innerJoin('case_file as c', 'c.id', 'r.case_id')
    .select('r.id')
    .where('r.status', '=', 'open')
    .where('r.reminded_at', 'is', null)
    .where('r.reply_by', '<=', due)
    .where('c.status', '!=', 'closed')
    .orderBy('r.id')
    .execute();
  for (const { id } of candidates) {
    // One transaction per reminder: a failure leaves the others sent, and this one for the next run.
    await db.transaction().execute(async (trx) => {
      const request = await trx
        .selectFrom('case_request as r')
        .leftJoin('case_document as d', 'd.id', 'r.outgoing_document_id')
        .select(['r.id', 'r.case_id', 'r.provider_id', 'r.reply_by', 'd.document_number'])
        .where('r.id', '=', id)
        .where('r.status', '=', 'open')
        .where('r.reminded_at', 'is', null)
        .forUpdate('r')
        .skipLocked()
        .executeTakeFirst();
      if (!request) return;
      const provider = await trx.selectFrom('provider').select(['name', 'email']).where('id', '=', request.provider_id).executeTakeFirstOrThrow();
      const ref = request.document_number !== null ? ` (aktbilaga ${request.document_number})` : '';
      const document = await registerDocument(trx, {
        caseId: request.case_id,
        direction: 'outgoing',
        documentDate: options.today,
        counterpart: provider.name,
        subject: `Påminnelse: begäran${ref} ska besvaras senast ${request.reply_by}`,
        secrecy: 'public',
        kind: 'reminder',
        registeredBy: ACTOR,
      });
      await trx.updateTable('case_request').set({ reminded_at: new Date() }).where('id', '=', request.id).execute();
      const email = provider.email?.trim();
      if (email) await queueProviderNotice(trx, email, 'request_reminder', options.publicUrl);
      await recordAudit(trx, {
        actor: ACTOR,
        action: 'case.request_remind',
        entityType: 'case',
        entityId: String(request.case_id),
        details: { requestId: request.id, replyBy: request.reply_by, documentNumber: document.documentNumber, emailed: !!email },
      });
      result.requests.push(request.id);
      if (email) result.emails += 1;
    });
  }
}

async function remindDecisions(db: Db, options: { today: string; publicUrl?: string }, result: ReminderResult): Promise<void> {
  const due = addDays(options.today, REPORT_REMINDER_DAYS);
  const candidates = await db
    .selectFrom('case_decision as d')
    .innerJoin('case_file as c', 'c.id', 'd.case_id')
    .select('d.id')
    .where('d.follow_up_status', '=', 'awaiting_report')
    .where('d.report_by', 'is not', null)
    .where('d.report_by', '<=', due)
    .where('c.provider_id', 'is not', null)
    .where('c.status', '!=', 'closed')
    .orderBy('d.id')
    .execute();
  for (const { id } of candidates) {
    await db.transaction().execute(async (trx) => {
      const decision = await trx
        .selectFrom('case_decision as d')
        .innerJoin('case_file as c', 'c.id', 'd.case_id')
        .leftJoin('case_document as doc', 'doc.id', 'd.document_id')
        .select(['d.id', 'd.case_id', 'd.decided_on', 'd.report_by', 'doc.document_number', 'c.provider_id'])
        .where('d.id', '=', id)
        .where('d.follow_up_status', '=', 'awaiting_report')
        .forUpdate('d')
        .skipLocked()
        .executeTakeFirst();
      if (!decision || !decision.provider_id || !decision.report_by) return;
      const subjectStart = reportReminderSubjectStart(decision);
      const reminded = await trx
        .selectFrom('case_document')
        .select('id')
        .where('case_id', '=', decision.case_id)
        .where('kind', '=', 'reminder')
        .where(sql<boolean>`starts_with(subject, ${subjectStart})`)
        .executeTakeFirst();
      if (reminded) return;
      const provider = await trx.selectFrom('provider').select(['name', 'email']).where('id', '=', decision.provider_id).executeTakeFirstOrThrow();
      const document = await registerDocument(trx, {
        caseId: decision.case_id,
        direction: 'outgoing',
        documentDate: options.today,
        counterpart: provider.name,
        subject: `${subjectStart}, senast ${decision.report_by}`,
        secrecy: 'public',
        kind: 'reminder',
        registeredBy: ACTOR,
      });
      const email = provider.email?.trim();
      if (email) await queueProviderNotice(trx, email, 'report_reminder', options.publicUrl);
      await recordAudit(trx, {
        actor: ACTOR,
        action: 'case.decision_remind',
        entityType: 'case',
        entityId: String(decision.case_id),
        details: { decisionId: decision.id, reportBy: decision.report_by, documentNumber: document.documentNumber, emailed: !!email },
      });
      result.decisions.push(decision.id);
      if (email) result.emails += 1;
    });
  }
}
