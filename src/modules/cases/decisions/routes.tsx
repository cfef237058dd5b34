import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canInDepartment, requireSignedIn, requireStaff, scopeOf, type StaffUser } from '../../../platform/auth/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError, isAppError, type FieldError } from '../../../platform/errors.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { assertCase, auditCaseRead, caseIdOf, requireCaseAccess, type CaseAccess } from '../access.ts';
import { loadCaseHeader } from '../case-header.ts';
import { decideCase } from './decide-case.ts';
import { DEFAULT_ROWS, emptyDecisionForm, MAX_ROWS, parseDecisionForm, readDecisionForm, type DecisionForm } from './decision-input.ts';
import { renderDecisionPdf } from './decision-pdf.ts';
import { findDecisionEffects, findIndicatorEffects, summariseByTool } from './effect/effect-view.ts';
import { ASSESS_FIELD, assessAction, CLOSE_FIELD, closeFollowUp } from './follow-up.ts';
import { DecisionsPage } from './pages/decisions-page.tsx';
import { DecisionEffectPage, EffectsOverviewPage } from './pages/effect-pages.tsx';
import { PublicDecisionPage, PublicSearchPage } from './pages/public-pages.tsx';
import { providerDecisionRoutes } from './provider-routes.tsx';
import { parsePublicSearch } from './public-search-form.ts';
import {
  findCaseDecision, findCaseDecisions, findCaseFindings, findDecisionLetter, findDecisionLetterFile, findDecisionYears, findDocumentFile, findMunicipalities, findPublishedDecision, findStaffNames, searchPublishedDecisions,
} from './repository.ts';
import { swedishToday } from '../../../platform/dates.ts';

type CaseParams = { Params: { id: string } };
type DecisionParams = { Params: { id: string; decisionId: string } };
type ReportParams = { Params: { id: string; decisionId: string; reportId: string } };

/** A positive id from a route parameter; anything else is "not found". */
export function idOf(raw: string, what: string): number {
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw AppError.notFound(`${what} ${raw}`);
  return Number(raw);
}

function str(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : '';
}

/** The stored PDF of a decision, or the letter rendered again from the stored decision (demo decisions). */
export async function decisionPdf(db: Db, decision: { id: number; document_id: number | null }, portalUrl: string): Promise<{ filename: string; content: Buffer }> {
  const file = decision.document_id ? await findDecisionLetterFile(db, decision.document_id) : undefined;
  if (file) return { filename: file.filename, content: Buffer.from(file.content) };
  const letter = await findDecisionLetter(db, decision.id, portalUrl);
  if (!letter) throw AppError.notFound(`decision ${decision.id}`);
  return { filename: `beslut-${letter.diarienummer.replace(/[^0-9A-Za-z.-]+/g, '-')}.pdf`, content: await renderDecisionPdf(letter) };
}

export function sendPdf(reply: FastifyReply, pdf: { filename: string; content: Buffer }) {
  const asciiName = pdf.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(pdf.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .send(pdf.content);
}

/** Decisions and follow-up: the staff pages of a case, the effect view, the public search and the provider's page. */
export async function decisionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db, config } = ctx;
  const portalUrl = `${config.publicUrl.replace(/\/$/, '')}/provider`;

  // ---- staff: the decisions of a case ------------------------------------------------------------------

  const decisionsPage = async (
    reply: FastifyReply,
    staff: StaffUser,
    access: CaseAccess,
    options: { form?: DecisionForm; errors?: FieldError[]; done?: string; values?: Record<string, string>; status?: number; findings?: number } = {},
  ) => {
    const [header, decisions] = await Promise.all([loadCaseHeader(db, access.caseId), findCaseDecisions(db, access.caseId)]);
    // The provider's reports of actions may name people: reading them is logged.
    if (decisions.some((d) => d.actions.length > 0)) await auditCaseRead(db, staff, access.caseId, 'action_reports');
    const names = await findStaffNames(db, decisions.map((d) => d.follow_up_closed_by));
    return sendHtml(
      reply,
      <DecisionsPage
        staff={staff}
        header={header}
        access={access}
        decisions={decisions}
        form={options.form ?? emptyDecisionForm(DEFAULT_ROWS, swedishToday())}
        errors={options.errors ?? []}
        done={options.done}
        values={options.values}
        canReadEffects={Boolean(header.unit_id) && canInDepartment(staff, 'effect.read', access.departmentCode)}
        names={names}
        findings={options.findings ?? 0}
      />,
      options.status ?? 200,
    );
  };

  app.get<CaseParams>('/staff/arenden/:id/beslut', { preHandler: requireStaff('case.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const access = await requireCaseAccess(db, staff, caseIdOf(request.params.id));
    const rows = Number.parseInt(str(request.query, 'rader'), 10);
    let form = emptyDecisionForm(Number.isFinite(rows) ? rows : DEFAULT_ROWS, swedishToday());
    // The decision maker may start from the findings of the case's inspections, and edit them before deciding.
    const findings = access.canDecide ? await findCaseFindings(db, access.caseId) : [];
    if (str(request.query, 'fran') === 'inspektion' && findings.length > 0) {
      const filled = findings.slice(0, MAX_ROWS).map((f) => ({ finding: f.finding, legalBasis: f.legal_basis, riskArea: f.risk_area, severity: String(f.severity) }));
      form = { ...form, rows: [...filled, ...emptyDecisionForm(1).rows].slice(0, MAX_ROWS) };
    }
    return decisionsPage(reply, staff, access, { form, done: str(request.query, 'klart') || undefined, findings: findings.length });
  });

  app.post<CaseParams>('/staff/arenden/:id/beslut', { preHandler: requireStaff('case.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const access = await requireCaseAccess(db, staff, caseIdOf(request.params.id));
    // Deciding is the decision maker's: anyone else learns nothing, and nothing is written.
    assertCase(access, 'canDecide', 'decide');
    const form = readDecisionForm(request.body);
    if (str(request.body, 'handling') === 'fler-rader') {
      const more = { ...form, rows: [...form.rows, ...emptyDecisionForm(2).rows].slice(0, MAX_ROWS) };
      return decisionsPage(reply, staff, access, { form: more });
    }
    const parsed = parseDecisionForm(form);
    if (parsed.errors.length > 0) return decisionsPage(reply, staff, access, { form, errors: parsed.errors, status: 400 });
    try {
      const decided = await decideCase(db, { actor: { subject: staff.subject, name: staff.name }, portalUrl }, access.caseId, parsed.input);
      return reply.redirect(`/staff/arenden/${access.caseId}/beslut?klart=beslutat#beslut-${decided.decisionId}`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      return decisionsPage(reply, staff, access, { form, errors: error.fields, status: 400 });
    }
  });

  app.get<DecisionParams>('/staff/arenden/:id/beslut/:decisionId/pdf', { preHandler: requireStaff('case.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const access = await requireCaseAccess(db, staff, caseIdOf(request.params.id));
    const decision = await findCaseDecision(db, access.caseId, idOf(request.params.decisionId, 'decision'));
    if (!decision) throw AppError.notFound(`decision ${request.params.decisionId} of case ${access.caseId}`);
    return sendPdf(reply, await decisionPdf(db, decision, portalUrl));
  });

  app.get<ReportParams>('/staff/arenden/:id/beslut/:decisionId/underlag/:reportId', { preHandler: requireStaff('case.read'), compress: false }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const access = await requireCaseAccess(db, staff, caseIdOf(request.params.id));
    // The provider's evidence is registered as partly secret: the case team only.
    assertCase(access, 'seesSecret', 'read action evidence');
    const decision = await findCaseDecision(db, access.caseId, idOf(request.params.decisionId, 'decision'));
    const report = decision?.actions.find((a) => a.id === idOf(request.params.reportId, 'action report'));
    const file = report?.document_id ? await findDocumentFile(db, report.document_id) : undefined;
    if (!decision || !report || !file) throw AppError.notFound(`evidence ${request.params.reportId} of decision ${request.params.decisionId}`);
    await auditCaseRead(db, staff, access.caseId, `action_evidence:${report.id}`);
    const asciiName = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply
      .header('content-type', file.media_type)
      .header('content-disposition', `attachment; filename="${asciiName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(Buffer.from(file.content));
  });

  const followUpAction = (
    path: string,
    run: (staff: StaffUser, access: CaseAccess, request: FastifyRequest<ReportParams>) => Promise<unknown>,
    done: string,
    values: (request: FastifyRequest<ReportParams>) => Record<string, string>,
  ) =>
    app.post<ReportParams>(path, { preHandler: requireStaff('case.read') }, async (request, reply) => {
      const staff = requireSignedIn(request);
      const access = await requireCaseAccess(db, staff, caseIdOf(request.params.id));
      assertCase(access, 'canWork', 'follow up a decision');
      const decisionId = idOf(request.params.decisionId, 'decision');
      try {
        await run(staff, access, request);
        return reply.redirect(`/staff/arenden/${access.caseId}/beslut?klart=${done}#beslut-${decisionId}`, 303);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'validation_failed') throw error;
        return decisionsPage(reply, staff, access, { errors: error.fields, values: values(request), status: 400 });
      }
    });

  followUpAction(
    '/staff/arenden/:id/beslut/:decisionId/atgarder/:reportId/bedomning',
    (staff, access, request) => {
      const reportId = idOf(request.params.reportId, 'action report');
      return assessAction(db, {
        officer: staff,
        caseId: access.caseId,
        decisionId: idOf(request.params.decisionId, 'decision'),
        reportId,
        assessment: str(request.body, ASSESS_FIELD(reportId, 'assessment')),
        note: str(request.body, ASSESS_FIELD(reportId, 'note')),
      });
    },
    'bedomt',
    (request) => {
      const reportId = Number(request.params.reportId);
      return { [ASSESS_FIELD(reportId, 'assessment')]: str(request.body, ASSESS_FIELD(reportId, 'assessment')), [ASSESS_FIELD(reportId, 'note')]: str(request.body, ASSESS_FIELD(reportId, 'note')) };
    },
  );

  followUpAction(
    '/staff/arenden/:id/beslut/:decisionId/avsluta',
    (staff, access, request) => {
      const decisionId = idOf(request.params.decisionId, 'decision');
      return closeFollowUp(db, { officer: staff, caseId: access.caseId, decisionId, reason: str(request.body, CLOSE_FIELD(decisionId)) });
    },
    'avslutat',
    (request) => ({ [CLOSE_FIELD(Number(request.params.decisionId))]: str(request.body, CLOSE_FIELD(Number(request.params.decisionId))) }),
  );

  // ---- staff: the effect view ---------------------------------------------------------------------

  app.get<DecisionParams>('/staff/arenden/:id/beslut/:decisionId/effekt', { preHandler: requireStaff('effect.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const caseId = caseIdOf(request.params.id);
    const decisionId = idOf(request.params.decisionId, 'decision');
    const owner = await db
      .selectFrom('case_decision as x')
      .innerJoin('case_file as c', 'c.id', 'x.case_id')
      .select(['c.department_code', 'c.unit_id'])
      .where('x.id', '=', decisionId)
      .where('x.case_id', '=', caseId)
      .executeTakeFirst();
    if (!owner || !owner.unit_id || !canInDepartment(staff, 'effect.read', owner.department_code)) throw AppError.notFound(`effect of decision ${decisionId} of case ${caseId}`);
    const [row] = await findDecisionEffects(db, { decisionId });
    if (!row) throw AppError.notFound(`effect of decision ${decisionId}`);
    const [indicators, header] = await Promise.all([
      findIndicatorEffects(db, { decisionId }),
      canInDepartment(staff, 'case.read', owner.department_code) ? loadCaseHeader(db, caseId) : Promise.resolve(null),
    ]);
    return sendHtml(reply, <DecisionEffectPage staff={staff} header={header} row={row} indicators={indicators} />);
  });

  app.get('/staff/effekter', { preHandler: requireStaff('effect.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const national = scopeOf(staff, 'effect.read') === 'national';
    const departmentCode = national ? null : staff.department;
    const rows = await findDecisionEffects(db, { departmentCode });
    const departmentName = staff.departmentName ?? staff.department ?? '';
    return sendHtml(
      reply,
      <EffectsOverviewPage
        staff={staff}
        scopeText={national ? 'Hela landet' : `Beslut i ärenden hos ${departmentName}`}
        tools={summariseByTool(rows)}
        decisions={rows}
        until={rows[0]?.counts.until ?? null}
      />,
    );
  });

  // ---- public: the decision search ------------------------------------------------------------------

  let municipalities: Promise<{ code: string; name: string }[]> | undefined;
  const places = () =>
    (municipalities ??= findMunicipalities(db).catch((error: unknown) => {
      municipalities = undefined;
      throw error;
    }));

  app.get('/beslut', async (request, reply) => {
    const [kommuner, years] = await Promise.all([places(), findDecisionYears(db)]);
    const parsed = parsePublicSearch(request.query, { kommunCodes: new Set(kommuner.map((m) => m.code)), years });
    const props = { values: parsed.values, errors: parsed.errors, page: parsed.page, municipalities: kommuner, years };
    if (parsed.errors.length > 0) return sendHtml(reply, <PublicSearchPage {...props} />, 400);
    const result = await searchPublishedDecisions(db, parsed.filter, parsed.page);
    return sendHtml(reply, <PublicSearchPage {...props} result={result} />);
  });

  app.get<{ Params: { decisionId: string } }>('/beslut/:decisionId', async (request, reply) => {
    const decision = await findPublishedDecision(db, idOf(request.params.decisionId, 'decision'));
    if (!decision) throw AppError.notFound(`published decision ${request.params.decisionId}`);
    return sendHtml(reply, <PublicDecisionPage decision={decision} />);
  });

  app.get<{ Params: { decisionId: string } }>('/beslut/:decisionId/pdf', async (request, reply) => {
    const decisionId = idOf(request.params.decisionId, 'decision');
    const decision = await db.selectFrom('case_decision').select(['id', 'document_id', 'published_at']).where('id', '=', decisionId).executeTakeFirst();
    if (!decision || !decision.published_at) throw AppError.notFound(`published decision ${decisionId}`);
    return sendPdf(reply, await decisionPdf(db, decision, portalUrl));
  });

  // ---- the provider portal ---------------------------------------------------------------------------

  await providerDecisionRoutes(app, ctx);
}
