// Deciding a case, in one transaction: the decision and its deficiencies, the decision letter as a PDF
// registered as a public outgoing document, the case's status, a row in the register-level inspection table
// (so the risk analysis sees the outcome), publication of the public parts, and the audit row. The caller has
// checked that the person may decide (case.decide); nothing is written when anything fails.
import type { Transaction } from 'kysely';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import { registerDocument } from '../register-document.ts';
import { checkDecisionInput, FIELD, type DecisionInput } from './decision-input.ts';
import { renderDecisionPdf, type DecisionLetter } from './decision-pdf.ts';
import { INSPECTION_OUTCOME_OF_TOOL, TOOL_LABELS, TOOLS_WITH_REPORT } from './labels.ts';
import { addressColumnsSql } from '../../registry/index.ts';
import { swedishToday } from '../../../platform/dates.ts';

export interface DecideCaseDeps {
  actor: { subject: string; name: string; roleLabel?: string };
  /** The provider portal's address, printed in the letter. */
  portalUrl: string;
  now?: Date;
  /**
   * Bulk seeding of demo decisions skips the PDF: the download renders the letter from the stored decision
   * when no file was registered.
   */
  renderPdf?: boolean;
  /**
   * A decision taken after an inspection already in the register-level table (demo history) points at that
   * row instead of writing a second one.
   */
  existingInspectionId?: string;
}

export interface DecidedCase {
  decisionId: number;
  documentId: number;
  documentNumber: number;
  inspectionId: string | null;
  followUp: boolean;
}

type Trx = Transaction<Database>;

/** The case's facts the letter needs, with the case row locked. */
async function lockCaseForDecision(trx: Trx, caseId: number) {
  const locked = await trx.selectFrom('case_file').select('id').where('id', '=', caseId).forUpdate().executeTakeFirst();
  if (!locked) throw AppError.notFound(`case ${caseId}`);
  return trx
    .selectFrom('case_file as c')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .leftJoin('provider as p', 'p.id', 'c.provider_id')
    .leftJoin('department as d', 'd.code', 'c.department_code')
    .select([
      'c.id', 'c.diarienummer', 'c.title', 'c.status', 'c.unit_id', 'c.responsible_name', 'c.opened_at',
      'u.name as unit_name',
      'p.name as provider_name', 'p.orgnr',
      'd.name as department_name', 'd.city as department_city',
    ])
    // A decision is published: a skyddat boende's address stays out of it (registry/protected-address.ts).
    .select(addressColumnsSql('u'))
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
}

/** Open follow-up anywhere in the case keeps it in 'follow_up'; otherwise it is decided. */
export async function caseStatusAfterDecisions(trx: Trx, caseId: number): Promise<'follow_up' | 'decided'> {
  const open = await trx
    .selectFrom('case_decision')
    .select('id')
    .where('case_id', '=', caseId)
    .where('follow_up_status', 'in', ['awaiting_report', 'assessing'])
    .limit(1)
    .executeTakeFirst();
  return open ? 'follow_up' : 'decided';
}

export async function decideCase(db: Db, deps: DecideCaseDeps, caseId: number, input: DecisionInput): Promise<DecidedCase> {
  const now = deps.now ?? new Date();
  const errors = checkDecisionInput(input);
  if (!errors.some((e) => e.field === FIELD.decidedOn) && input.decidedOn > swedishToday(now)) {
    errors.push({ field: FIELD.decidedOn, message: 'Beslutsdatum kan inte vara i framtiden' });
  }
  if (errors.length > 0) throw AppError.validation(errors);
  const summary = input.summary.trim();
  const deficiencies = input.deficiencies.map((d, i) => ({ seq: i + 1, finding: d.finding.trim(), legalBasis: d.legalBasis.trim(), riskArea: d.riskArea, severity: d.severity }));
  const followUp = TOOLS_WITH_REPORT.includes(input.tool);

  return db.transaction().execute(async (trx) => {
    const c = await lockCaseForDecision(trx, caseId);
    if (c.status === 'closed') throw AppError.validation([{ field: FIELD.tool, message: 'Ärendet är avslutat. Ett avslutat ärende kan inte få ett nytt beslut' }]);
    const openedOn = swedishToday(new Date(c.opened_at));
    if (input.decidedOn < openedOn) throw AppError.validation([{ field: FIELD.decidedOn, message: `Beslutsdatum kan inte vara före den dag ärendet öppnades (${openedOn})` }]);

    // Whoever decides joins the case team: they answer for the decision and its follow-up, so they see its
    // secret material (the provider's evidence, interviews) from now on.
    await trx
      .insertInto('case_member')
      .values({ case_id: caseId, subject: deps.actor.subject, name: deps.actor.name, role: 'decision_maker', added_by: deps.actor.subject })
      .onConflict((oc) => oc.columns(['case_id', 'subject']).doNothing())
      .execute();
    const decision = await trx
      .insertInto('case_decision')
      .values({
        case_id: caseId,
        tool: input.tool,
        fine_amount: input.tool === 'injunction' ? input.fineAmount : null,
        report_by: followUp ? input.reportBy : null,
        summary,
        decided_on: input.decidedOn,
        decided_by: deps.actor.subject,
        decided_by_name: deps.actor.name,
        decided_at: now,
        // The public parts (summary, tool, deficiencies) are published when the decision is taken.
        published_at: now,
        follow_up_status: followUp ? 'awaiting_report' : 'none',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (deficiencies.length > 0) {
      await trx
        .insertInto('decision_deficiency')
        .values(deficiencies.map((d) => ({ decision_id: decision.id, seq: d.seq, finding: d.finding, legal_basis: d.legalBasis, risk_area: d.riskArea, severity: d.severity })))
        .execute();
    }

    // The risk analysis reads outcomes from the register-level inspection table: the decision writes its row.
    let inspectionId: string | null = null;
    if (deps.existingInspectionId) inspectionId = deps.existingInspectionId;
    else if (c.unit_id) {
      inspectionId = `CASE-${decision.id}`;
      await trx
        .insertInto('inspection')
        .values({
          id: inspectionId,
          unit_id: c.unit_id,
          date: input.decidedOn,
          announced: null,
          deficiencies: deficiencies.length,
          outcome: INSPECTION_OUTCOME_OF_TOOL[input.tool],
          extra: JSON.stringify({ source: 'case_decision', caseId, decisionId: decision.id, diarienummer: c.diarienummer, tool: input.tool }),
        })
        .execute();
    }

    const letter: DecisionLetter = {
      diarienummer: c.diarienummer,
      caseTitle: c.title,
      departmentName: c.department_name,
      departmentCity: c.department_city,
      provider: c.provider_name ? { name: c.provider_name, orgnr: c.orgnr } : null,
      unit: c.unit_name ? { name: c.unit_name, street: c.street, postalCode: c.postal_code, city: c.city } : null,
      tool: input.tool,
      decidedOn: input.decidedOn,
      reportBy: followUp ? input.reportBy : null,
      fineAmount: input.tool === 'injunction' ? input.fineAmount : null,
      summary,
      deficiencies,
      decidedByName: deps.actor.name,
      decidedByRole: deps.actor.roleLabel ?? 'Beslutsfattare',
      responsibleName: c.responsible_name,
      portalUrl: deps.portalUrl,
    };
    const pdf = deps.renderPdf === false ? undefined : await renderDecisionPdf(letter, { createdAt: now });
    const document = await registerDocument(trx, {
      caseId,
      direction: 'outgoing',
      documentDate: input.decidedOn,
      counterpart: c.provider_name ?? null,
      subject: `Beslut: ${TOOL_LABELS[input.tool]}`,
      secrecy: 'public',
      kind: 'decision',
      registeredBy: deps.actor.subject,
      file: pdf ? { filename: decisionFileName(c.diarienummer), mediaType: 'application/pdf', content: pdf } : undefined,
    });
    await trx.updateTable('case_decision').set({ document_id: document.id, inspection_id: inspectionId }).where('id', '=', decision.id).execute();

    const status = await caseStatusAfterDecisions(trx, caseId);
    await trx.updateTable('case_file').set({ status, closed_at: null }).where('id', '=', caseId).execute();

    await recordAudit(trx, {
      actor: deps.actor.subject.startsWith('system:') ? deps.actor.subject : `staff:${deps.actor.subject}`,
      action: 'case.decide',
      entityType: 'case',
      entityId: String(caseId),
      details: { decisionId: decision.id, tool: input.tool, deficiencies: deficiencies.length, documentId: document.id, inspectionId, reportBy: letter.reportBy, fineAmount: letter.fineAmount },
    });
    return { decisionId: decision.id, documentId: document.id, documentNumber: document.documentNumber, inspectionId, followUp };
  });
}

/** "3.1-01234/2026" → "beslut-3.1-01234-2026.pdf". */
export function decisionFileName(diarienummer: string): string {
  return `beslut-${diarienummer.replace(/[^0-9A-Za-z.-]+/g, '-')}.pdf`;
}
