import Html from '@kitajs/html';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignedIn, requireStaff } from '../../../platform/auth/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, isAppError, type FieldError } from '../../../platform/errors.ts';
import { kickOutbox } from '../../../platform/mail/index.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { assertCsrf, checkAttachment, isRepresentative, readForm, representativeActor, representativeOf, requireRepresentative, type CheckedAttachment, type Representative, type UploadLimits } from '../../intake/index.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { caseIdOf, requireCaseAccess } from '../access.ts';
import { loadCaseHeader } from '../case-header.ts';
import { caseUrl } from '../case-layout.tsx';
import { addInspectionFinding } from './add-inspection-finding.ts';
import { addInspectionInterview } from './add-inspection-interview.ts';
import { answerRequest, checkAnswer, ALREADY_ANSWERED, ANSWER_MAX, WITHDRAWN } from './answer-request.ts';
import { stringOf, stringsOf } from './form.ts';
import { InspectionPage, EMPTY_INSPECTION_FORM, type InspectionFormValues } from './pages/inspection-page.tsx';
import { InspectionsPage, type PlanFormValues } from './pages/inspections-page.tsx';
import { AnswerPage, ATTACHMENT_FIELD, PORTAL_CASES_URL, portalCaseUrl, ProviderCasePage, ProviderCasesPage } from './pages/provider-pages.tsx';
import { EMPTY_REQUEST_FORM, RequestsPage, type RequestFormValues } from './pages/requests-page.tsx';
import { cancelInspection, recordInspectionPerformed } from './perform-inspection.ts';
import { planInspection } from './plan-inspection.ts';
import { idOf, requireProviderCase } from './provider-access.ts';
import { readCaseRequests, readInspection } from './read-investigation.ts';
import {
  findCaseTeam,
  findDocumentsForProvider,
  findInspections,
  findOpenRequestsOf,
  findProjectsChoosing,
  findProviderCases,
  findProviderUnits,
  findPublishedDecisionsOf,
  findRequestForProvider,
  findRequestsForProvider,
  findUnitsForInspection,
} from './repository.ts';
import { sendRequest } from './send-request.ts';
import { withdrawRequest } from './withdraw-request.ts';
import { swedishToday } from '../../../platform/dates.ts';

type CaseParams = { Params: { id: string } };
type RequestParams = { Params: { id: string; requestId: string } };
type InspectionParams = { Params: { id: string; inspectionId: string } };

/** The largest attachment to an answer. */
export const ANSWER_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
const ANSWER_ROUTE = '/provider/arenden/:id/begaran/:requestId/svar';
const ANSWER_UPLOADS: UploadLimits = { maxFiles: 1, maxFileBytes: ANSWER_ATTACHMENT_MAX_BYTES, fileField: ATTACHMENT_FIELD };

const isValidation = (error: unknown): error is AppError => isAppError(error) && error.code === 'validation_failed';
/** A `?klart=` value as a key of known texts (anything else is ignored by the pages). */
const doneOf = (request: FastifyRequest) => stringOf(request.query, 'klart').slice(0, 40) || undefined;

/**
 * The investigation with the provider: requests with reply dates (staff send and withdraw them, providers
 * answer them in the portal), the portal's view of a provider's cases, and inspections with findings and
 * interviews. Reminders run as a job (see case-jobs.ts).
 */
export async function investigationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db, config } = ctx;

  // ---- staff: requests to the provider -------------------------------------------------------------------

  const requestsPage = async (request: FastifyRequest<CaseParams>, reply: FastifyReply, options: { values?: RequestFormValues; errors?: FieldError[]; status?: number } = {}) => {
    const staff = requireSignedIn(request);
    const caseId = caseIdOf(request.params.id);
    const access = await requireCaseAccess(db, staff, caseId);
    const header = await loadCaseHeader(db, caseId);
    const provider = header.provider_id ? await db.selectFrom('provider').select(['name', 'email']).where('id', '=', header.provider_id).executeTakeFirst() : undefined;
    const requests = await readCaseRequests(db, { access, staff });
    return sendHtml(
      reply,
      <RequestsPage
        staff={staff}
        header={header}
        access={access}
        requests={requests}
        today={swedishToday()}
        provider={provider ?? null}
        values={options.values ?? EMPTY_REQUEST_FORM}
        errors={options.errors ?? []}
        done={options.status ? undefined : doneOf(request)}
      />,
      options.status ?? 200,
    );
  };

  app.get<CaseParams>('/staff/arenden/:id/begaran', { preHandler: requireStaff('case.read') }, (request, reply) => requestsPage(request, reply));

  app.post<CaseParams>('/staff/arenden/:id/begaran', { preHandler: requireStaff('case.work') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const caseId = caseIdOf(request.params.id);
    const body = request.body;
    const values: RequestFormValues = {
      subject: stringOf(body, 'subject').slice(0, 25_000),
      body: stringOf(body, 'body').slice(0, 25_000),
      replyBy: stringOf(body, 'replyBy').slice(0, 40),
      secret: stringOf(body, 'secret') === 'yes',
    };
    try {
      const sent = await sendRequest(db, { caseId, staff, input: values, today: swedishToday(), publicUrl: config.publicUrl });
      if (sent.emailed) kickOutbox();
      return reply.redirect(`${caseUrl(caseId, '/begaran')}?klart=${sent.emailed ? 'skickad' : 'skickad-utan-epost'}#begaran-${sent.id}`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return requestsPage(request, reply, { values, errors: error.fields, status: 400 });
    }
  });

  app.post<RequestParams>('/staff/arenden/:id/begaran/:requestId/aterkalla', { preHandler: requireStaff('case.work') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const caseId = caseIdOf(request.params.id);
    const requestId = idOf(request.params.requestId, 'request');
    try {
      const withdrawn = await withdrawRequest(db, { caseId, requestId, staff, publicUrl: config.publicUrl });
      if (withdrawn.emailed) kickOutbox();
      return reply.redirect(`${caseUrl(caseId, '/begaran')}?klart=${withdrawn.emailed ? 'aterkallad' : 'aterkallad-utan-epost'}#begaran-${requestId}`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return requestsPage(request, reply, { errors: error.fields, status: 400 });
    }
  });

  // ---- staff: inspections --------------------------------------------------------------------------------

  const inspectionsPage = async (request: FastifyRequest<CaseParams>, reply: FastifyReply, options: { values?: PlanFormValues; errors?: FieldError[]; status?: number } = {}) => {
    const staff = requireSignedIn(request);
    const caseId = caseIdOf(request.params.id);
    const access = await requireCaseAccess(db, staff, caseId);
    const header = await loadCaseHeader(db, caseId);
    const [inspections, units, team] = await Promise.all([findInspections(db, caseId), findUnitsForInspection(db, header), findCaseTeam(db, caseId)]);
    const projects = access.canWork ? await findProjectsChoosing(db, units.map((u) => u.id)) : [];
    // "Plan from this project" links prefill the form with the project and the unit it chose.
    const wantedProject = stringOf(request.query, 'projekt');
    const wantedUnit = stringOf(request.query, 'enhet');
    const picked = projects.find((p) => String(p.project_id) === wantedProject && p.unit_id === wantedUnit);
    const values: PlanFormValues = options.values ?? {
      unitId: picked?.unit_id ?? header.unit_id ?? units[0]?.id ?? '',
      announced: '',
      plannedOn: '',
      team: team.filter((m) => m.subject === staff.subject).map((m) => m.subject),
      selectionProjectId: picked ? String(picked.project_id) : '',
    };
    return sendHtml(
      reply,
      <InspectionsPage
        staff={staff}
        header={header}
        access={access}
        inspections={inspections}
        units={units}
        team={team}
        projects={projects}
        values={values}
        errors={options.errors ?? []}
        done={options.status ? undefined : doneOf(request)}
      />,
      options.status ?? 200,
    );
  };

  app.get<CaseParams>('/staff/arenden/:id/inspektioner', { preHandler: requireStaff('case.read') }, (request, reply) => inspectionsPage(request, reply));

  app.post<CaseParams>('/staff/arenden/:id/inspektioner', { preHandler: requireStaff('case.work') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const caseId = caseIdOf(request.params.id);
    const body = request.body;
    const values: PlanFormValues = {
      unitId: stringOf(body, 'unitId').slice(0, 100),
      announced: stringOf(body, 'announced').slice(0, 10),
      plannedOn: stringOf(body, 'plannedOn').slice(0, 40),
      team: stringsOf(body, 'team').slice(0, 100).map((s) => s.slice(0, 200)),
      selectionProjectId: stringOf(body, 'selectionProjectId').slice(0, 20),
    };
    try {
      const planned = await planInspection(db, { caseId, staff, input: values });
      return reply.redirect(`${caseUrl(caseId, `/inspektioner/${planned.id}`)}?klart=planerad`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return inspectionsPage(request, reply, { values, errors: error.fields, status: 400 });
    }
  });

  const inspectionPage = async (request: FastifyRequest<InspectionParams>, reply: FastifyReply, options: { values?: InspectionFormValues; errors?: FieldError[]; status?: number } = {}) => {
    const staff = requireSignedIn(request);
    const caseId = caseIdOf(request.params.id);
    const inspectionId = idOf(request.params.inspectionId, 'inspection');
    const access = await requireCaseAccess(db, staff, caseId);
    const header = await loadCaseHeader(db, caseId);
    const view = await readInspection(db, { access, staff, inspectionId });
    return sendHtml(
      reply,
      <InspectionPage
        staff={staff}
        header={header}
        access={access}
        view={view}
        today={swedishToday()}
        values={options.values ?? EMPTY_INSPECTION_FORM}
        errors={options.errors ?? []}
        done={options.status ? undefined : doneOf(request)}
      />,
      options.status ?? 200,
    );
  };

  app.get<InspectionParams>('/staff/arenden/:id/inspektioner/:inspectionId', { preHandler: requireStaff('case.read') }, (request, reply) => inspectionPage(request, reply));

  /** One action on an inspection: a CSRF-checked POST (see platform/auth) that redirects back, or the page again with the errors. */
  const inspectionAction = (path: string, done: string, run: (options: { caseId: number; inspectionId: number; staff: ReturnType<typeof requireSignedIn>; values: InspectionFormValues }) => Promise<unknown>, back = '') =>
    app.post<InspectionParams>(`/staff/arenden/:id/inspektioner/:inspectionId/${path}`, { preHandler: requireStaff('case.work') }, async (request, reply) => {
      const staff = requireSignedIn(request);
      const caseId = caseIdOf(request.params.id);
      const inspectionId = idOf(request.params.inspectionId, 'inspection');
      const body = request.body;
      const values: InspectionFormValues = {
        performedOn: stringOf(body, 'performedOn').slice(0, 40),
        riskArea: stringOf(body, 'riskArea').slice(0, 60),
        legalBasis: stringOf(body, 'legalBasis').slice(0, 2000),
        finding: stringOf(body, 'finding').slice(0, 25_000),
        severity: stringOf(body, 'severity').slice(0, 4),
        interviewee: stringOf(body, 'interviewee').slice(0, 40),
        summary: stringOf(body, 'summary').slice(0, 25_000),
        userPerspective: stringOf(body, 'userPerspective').slice(0, 25_000),
      };
      try {
        await run({ caseId, inspectionId, staff, values });
        return reply.redirect(back || `${caseUrl(caseId, `/inspektioner/${inspectionId}`)}?klart=${done}`, 303);
      } catch (error) {
        if (!isValidation(error)) throw error;
        return inspectionPage(request, reply, { values, errors: error.fields, status: 400 });
      }
    });

  inspectionAction('genomford', 'genomford', ({ caseId, inspectionId, staff, values }) =>
    recordInspectionPerformed(db, { caseId, inspectionId, staff, performedOn: values.performedOn, today: swedishToday() }),
  );
  inspectionAction('installd', 'installd', ({ caseId, inspectionId, staff }) => cancelInspection(db, { caseId, inspectionId, staff }));
  inspectionAction('iakttagelser', 'iakttagelse', ({ caseId, inspectionId, staff, values }) => addInspectionFinding(db, { caseId, inspectionId, staff, input: values }));
  inspectionAction('intervjuer', 'intervju', ({ caseId, inspectionId, staff, values }) => addInspectionInterview(db, { caseId, inspectionId, staff, input: values }));

  // ---- the provider portal -------------------------------------------------------------------------------

  await app.register(async (scope) => {
    // The answer's attachment is the only upload here, with its own limits; the rest are plain forms.
    if (!scope.hasRequestDecorator('isMultipart')) {
      await scope.register(multipart, {
        throwFileSizeLimit: false,
        limits: { fileSize: ANSWER_ATTACHMENT_MAX_BYTES, files: 2, fields: 10, fieldSize: 100_000, parts: 14, headerPairs: 50, fieldNameSize: 100 },
      });
    }
    scope.addHook('preHandler', requireRepresentativeForCases);

    scope.get(PORTAL_CASES_URL, async (request, reply) => {
      const representative = representativeOf(request);
      const organisations = representative.organisations;
      const [orgRows, cases, units] = await Promise.all([
        organisations.length ? db.selectFrom('provider').select(['id', 'name']).where('id', 'in', organisations).orderBy('name').execute() : Promise.resolve([]),
        findProviderCases(db, organisations),
        findProviderUnits(db, organisations),
      ]);
      const caseIds = cases.rows.map((c) => c.id);
      const [openRequests, decisions] = await Promise.all([findOpenRequestsOf(db, caseIds, organisations), findPublishedDecisionsOf(db, caseIds)]);
      return sendHtml(
        reply,
        <ProviderCasesPage
          representative={representative}
          organisations={orgRows}
          cases={cases.rows}
          more={cases.more}
          openRequests={openRequests}
          decisions={decisions}
          units={units}
          today={swedishToday()}
        />,
      );
    });

    scope.get<CaseParams>(`${PORTAL_CASES_URL}/:id`, async (request, reply) => {
      const representative = representativeOf(request);
      const found = await requireProviderCase(db, representative, idOf(request.params.id, 'case'));
      const [requests, decisions, documents] = await Promise.all([
        findRequestsForProvider(db, found.id, representative.organisations),
        findPublishedDecisionsOf(db, [found.id]),
        findDocumentsForProvider(db, found.id),
      ]);
      // The page shows the provider's answers, filed in the case as secret documents: the read is logged.
      if (requests.some((r) => r.answer)) {
        await db.transaction().execute((trx) =>
          recordAudit(trx, { actor: representativeActor(representative), action: 'case.read', entityType: 'case', entityId: String(found.id), reason: 'provider_portal', details: { fields: ['answers'] } }),
        );
      }
      return sendHtml(
        reply,
        <ProviderCasePage representative={representative} found={found} requests={requests} decisions={decisions} documents={documents} today={swedishToday()} done={doneOf(request)} />,
      );
    });

    const answerPage = async (reply: FastifyReply, representative: Representative, caseId: number, requestId: number, options: { answer?: string; errors?: FieldError[]; status?: number; refusal?: string } = {}) => {
      const found = await requireProviderCase(db, representative, caseId);
      const pending = await findRequestForProvider(db, caseId, requestId, representative.organisations);
      const refusal = options.refusal ?? (pending.status === 'answered' ? ALREADY_ANSWERED : pending.status === 'withdrawn' ? WITHDRAWN : undefined);
      return sendHtml(
        reply,
        <AnswerPage representative={representative} found={found} request={pending} answer={options.answer ?? ''} errors={options.errors ?? []} refusal={refusal} today={swedishToday()} />,
        options.status ?? 200,
      );
    };

    scope.get<RequestParams>(ANSWER_ROUTE, async (request, reply) =>
      answerPage(reply, representativeOf(request), idOf(request.params.id, 'case'), idOf(request.params.requestId, 'request')),
    );

    scope.post<RequestParams>(ANSWER_ROUTE, async (request, reply) => {
      const representative = representativeOf(request);
      const form = await readForm(request, ANSWER_UPLOADS);
      // A plain form's token was checked by the preHandler; an upload's can only be read with its body.
      if (request.isMultipart()) assertCsrf(request, form.fields.get('_csrf')?.[0]);
      const caseId = idOf(request.params.id, 'case');
      const requestId = idOf(request.params.requestId, 'request');
      // Someone else's case or request is "not found", whatever was sent.
      await requireProviderCase(db, representative, caseId);
      const pending = await findRequestForProvider(db, caseId, requestId, representative.organisations);
      if (pending.status !== 'open') return answerPage(reply, representative, caseId, requestId, { status: 409 });

      const errors: FieldError[] = [];
      const sent = form.fields.get('answer') ?? [];
      const rawAnswer = sent.length === 1 ? sent[0] : '';
      if (form.unreadable) errors.push({ field: 'answer', message: 'Formuläret kunde inte läsas. Skicka svaret igen.' });
      else if (form.badFields.get('answer') === 'too_long') errors.push({ field: 'answer', message: `Svaret får vara högst ${ANSWER_MAX.toLocaleString('sv-SE')} tecken.` });
      else if (form.badFields.has('answer') || sent.length > 1) errors.push({ field: 'answer', message: 'Svaret har fel format. Skicka formuläret från sidan igen.' });
      else errors.push(...checkAnswer(rawAnswer).errors);
      let attachment: CheckedAttachment | undefined;
      if (form.tooLargeFiles.length > 0) errors.push({ field: ATTACHMENT_FIELD, message: 'Bilagan är större än 10 MB. Skicka en mindre fil.' });
      else if (form.tooManyFiles) errors.push({ field: ATTACHMENT_FIELD, message: 'Skicka högst en bilaga.' });
      else if (form.files.length === 1) {
        const checked = checkAttachment(form.files[0], 0);
        if (checked === 'empty') errors.push({ field: ATTACHMENT_FIELD, message: 'Bilagan är tom.' });
        else if (checked === 'wrong_type') errors.push({ field: ATTACHMENT_FIELD, message: 'Bilagan måste vara en PDF, JPEG- eller PNG-fil.' });
        else if (checked === 'broken') errors.push({ field: ATTACHMENT_FIELD, message: 'Bilagan är skadad och kunde inte läsas. Spara den på nytt och försök igen.' });
        else attachment = checked;
      }
      if (errors.length > 0) return answerPage(reply, representative, caseId, requestId, { answer: rawAnswer.slice(0, 25_000), errors, status: 400 });

      try {
        await answerRequest(db, { representative, caseId, requestId, answer: rawAnswer, attachment, today: swedishToday() });
      } catch (error) {
        if (isAppError(error) && error.code === 'conflict') return answerPage(reply, representative, caseId, requestId, { status: 409, refusal: error.userMessage });
        if (isValidation(error)) return answerPage(reply, representative, caseId, requestId, { answer: rawAnswer.slice(0, 25_000), errors: error.fields, status: 400 });
        throw error;
      }
      return reply.redirect(`${portalCaseUrl(caseId)}?klart=svar`, 303);
    });
  });
}

/**
 * requireRepresentative for the cases' portal routes, except that the answer form (which may carry an
 * attachment) is read as multipart: its CSRF token is checked by the handler, which reads the body.
 */
async function requireRepresentativeForCases(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.method === 'POST' && request.isMultipart() && request.routeOptions.url === ANSWER_ROUTE) {
    if (!request.staff) throw new AppError('unauthenticated', `signed out: POST ${request.url.split('?')[0]}`);
    if (!isRepresentative(request.staff)) throw AppError.notFound(`route ${request.url.split('?')[0]} (not a provider representative)`);
    reply.header('cache-control', 'no-store');
    return;
  }
  return requireRepresentative(request, reply);
}
