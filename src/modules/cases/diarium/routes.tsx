import Html from '@kitajs/html';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canInDepartment, hasPermission, requireSignedIn, requireStaff, scopeOf, type StaffUser } from '../../../platform/auth/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, isAppError, type FieldError } from '../../../platform/errors.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { searchUnits } from '../../registry/index.ts';
import { caseIdOf, requireCaseAccess } from '../access.ts';
import { caseUrl } from '../case-layout.tsx';
import { CASE_TYPE_OF_CHANNEL } from '../open-case.ts';
import { assertAnyOf, findStaffWith } from './case-access.ts';
import { readCaseSearchForm, searchOfForm } from './case-search-form.ts';
import { checkDocumentFile, isFieldError, MAX_DOCUMENT_BYTES, type UploadedDocumentFile } from './document-files.ts';
import { CHANNEL_LABELS, labelOf } from './labels.ts';
import { linkSignalsToCase } from './link-case-signals.ts';
import { addCaseMember, removeCaseMember, setCaseResponsible } from './manage-case-team.ts';
import { canOpenCases, EMPTY_NEW_CASE_FORM, NEW_CASE_FIELDS, openCaseFromForm, type NewCaseForm } from './open-case-from-form.ts';
import { CaseListPage } from './pages/case-list-page.tsx';
import { CasePage, DocumentPage, documentUrl, type CaseFormValues } from './pages/case-page.tsx';
import { NewCasePage } from './pages/new-case-page.tsx';
import { PublicCasePage, PublicDiariumPage, type PublicCaseSummary } from './pages/public-diarium-pages.tsx';
import { readCaseDocument, readCaseOverview } from './read-case-overview.ts';
import { addCaseDocumentVersion, checkDocumentForm, DOCUMENT_FIELDS, readCaseDocumentVersion, registerCaseDocument, type DocumentForm } from './register-case-document.ts';
import { findCaseIdByDiarienummer, findDepartments, findPublicCase, findPublicDocuments, findSignalsForCase, findStaffDirectory, findUnitForCase } from './repository.ts';
import { CaseSearchIndex } from './case-search-index.ts';
import { findCases as findCasesInDatabase, type CaseScope, type CaseSearch } from './search-cases.ts';
import { addCaseNote, changeCaseStatus, setCaseDueDate } from './update-case.ts';
import { formatSwedishDate } from '../../../platform/dates.ts';

type CaseParams = { Params: { id: string } };
type DocumentParams = { Params: { id: string; docId: string } };
type VersionParams = { Params: { id: string; docId: string; version: string } };
type Body = Record<string, unknown>;

/** A posted or queried value as one string ('' when absent or not a string). */
function stringOf(source: unknown, name: string, max = 10_000): string {
  const value = source && typeof source === 'object' ? (source as Body)[name] : undefined;
  const text = Array.isArray(value) ? (typeof value[0] === 'string' ? value[0] : '') : typeof value === 'string' ? value : '';
  return text.slice(0, max);
}

const positiveIntOf = (raw: string, what: string) => {
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw AppError.notFound(`${what} ${raw}`);
  return Number(raw);
};

/** Files that came with a multipart form, kept beside the request until its handler reads them. */
const uploads = new WeakMap<FastifyRequest, { file?: UploadedDocumentFile; unreadable: boolean }>();

// A file over the limit is cut off and marked (truncated) rather than thrown, so the form can say so; the
// plugin reads throwFileSizeLimit per call although its types leave it out.
const UPLOAD_OPTIONS = { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 20, fieldSize: 20_000, parts: 25 }, throwFileSizeLimit: false };

/** Reads a multipart form: its text fields become the body (so the one CSRF check sees the token), its file is kept aside. */
async function readDocumentUpload(request: FastifyRequest): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const upload: { file?: UploadedDocumentFile; unreadable: boolean } = { unreadable: false };
  try {
    for await (const part of request.parts(UPLOAD_OPTIONS)) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload.file || part.filename === '') {
          // An empty file input, or a file where none belongs: read to the end and dropped.
          for await (const _chunk of part.file) void _chunk;
          continue;
        }
        const content = await part.toBuffer();
        upload.file = { filename: part.filename, content, tooLarge: part.file.truncated };
      } else if (typeof part.value === 'string' && !part.valueTruncated && !(part.fieldname in fields)) {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    // A limit reached or a malformed body: the client's doing, answered with a message, never a crash.
    request.log.info({ code: (error as { code?: string }).code ?? 'unknown' }, 'unreadable case document upload');
    upload.unreadable = true;
  }
  uploads.set(request, upload);
  return fields;
}

/** The diarium: staff case list and search, opening a case, the case overview and its documents; the public diarium. */
export async function diariumRoutes(app: FastifyInstance, { db, config, dbKind }: AppContext): Promise<void> {
  // On the embedded database the search is answered from memory (case-search-index.ts says why).
  const caseIndex = dbKind === 'pglite' ? new CaseSearchIndex(db) : null;
  const findCases = (scope: CaseScope, search: CaseSearch) => (caseIndex ? caseIndex.search(scope, search) : findCasesInDatabase(db, scope, search));
  if (caseIndex) {
    // Loaded once the server listens, so the first person to search does not wait for it.
    app.addHook('onListen', async () => {
      caseIndex.warm().catch((error: unknown) => app.log.warn({ err: error }, 'the in-memory case search could not load at start; it loads at the first search'));
    });
  }

  // The departments are reference data: read once a minute at most, not on every search.
  let departmentsCache: { at: number; rows: Promise<{ code: string; name: string }[]> } | undefined;
  const departments = () => {
    if (!departmentsCache || Date.now() - departmentsCache.at > 60_000) {
      const rows = findDepartments(db);
      departmentsCache = { at: Date.now(), rows };
      rows.catch(() => (departmentsCache = undefined));
    }
    return departmentsCache.rows;
  };

  // ---- the staff case list --------------------------------------------------------------------------

  app.get('/staff/arenden', { preHandler: requireStaff('case.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const isNational = scopeOf(staff, 'case.read') === 'national';
    const allDepartments = await departments();
    const form = readCaseSearchForm(request.query);
    if (!isNational) form.avdelning = '';
    const { search, errors } = searchOfForm(form, { departments: isNational ? allDepartments.map((d) => d.code) : [], me: staff.subject });
    const scope: CaseScope = isNational ? { kind: 'all' } : { kind: 'department', code: staff.department! };
    const result = errors.length ? null : await findCases(scope, search);
    return sendHtml(
      reply,
      <CaseListPage
        staff={staff}
        form={form}
        errors={errors}
        departments={isNational ? allDepartments : null}
        departmentName={isNational ? null : (allDepartments.find((d) => d.code === staff.department)?.name ?? null)}
        result={result}
        canOpen={canOpenCases(staff)}
      />,
      errors.length ? 400 : 200,
    );
  });

  app.get<{ Params: { diarienummer: string } }>('/staff/arenden/diarienummer/:diarienummer', { preHandler: requireStaff('case.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const id = await findCaseIdByDiarienummer(db, request.params.diarienummer.slice(0, 60));
    if (!id) throw AppError.notFound(`case ${request.params.diarienummer}`);
    await requireCaseAccess(db, staff, id);
    return reply.redirect(caseUrl(id), 303);
  });

  // ---- opening a case -------------------------------------------------------------------------------

  const readNewCaseForm = (body: unknown): NewCaseForm => Object.fromEntries(NEW_CASE_FIELDS.map((name) => [name, stringOf(body, name, 1000)])) as NewCaseForm;

  const newCasePage = async (reply: FastifyReply, staff: StaffUser, form: NewCaseForm, options: { errors?: FieldError[]; hits?: Awaited<ReturnType<typeof searchUnits>> | null; status?: number } = {}) => {
    const isNational = hasPermission(staff, 'case.register') || canInDepartment(staff, 'case.work', null);
    const unit = form.unitId && !options.hits ? ((await findUnitForCase(db, form.unitId)) ?? null) : null;
    const departmentForOptions = unit?.department_code ?? (isNational ? form.departmentCode || null : staff.department);
    const signalIds = form.signalIds.split(/[\s,;]+/).filter(Boolean).slice(0, 20);
    const signals = (await findSignalsForCase(db, signalIds))
      .filter((s) => canInDepartment(staff, 'case.read', s.department_code))
      .map((s) => ({ id: s.id, channelLabel: labelOf(CHANNEL_LABELS, s.channel), receivedOn: formatSwedishDate(s.received_at) }));
    return sendHtml(
      reply,
      <NewCasePage
        staff={staff}
        form={form}
        errors={options.errors ?? []}
        hits={options.hits ?? null}
        unit={unit}
        departments={isNational ? await departments() : null}
        responsibleOptions={await findStaffWith(db, 'case.work', departmentForOptions)}
        signals={signals}
      />,
      options.status ?? 200,
    );
  };

  app.get('/staff/arenden/nytt', { preHandler: requireStaff('case.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    if (!canOpenCases(staff)) throw AppError.notFound('new case form (no case.work or case.register)');
    const form: NewCaseForm = { ...EMPTY_NEW_CASE_FORM, unitId: stringOf(request.query, 'verksamhet', 60) };
    const signalId = stringOf(request.query, 'signal', 60);
    if (signalId) {
      const [signal] = await findSignalsForCase(db, [signalId]);
      // A signal the person cannot read is not prefilled; the form says nothing about it.
      if (signal && canInDepartment(staff, 'case.read', signal.department_code)) {
        if (signal.case_ref) return reply.redirect(`/staff/arenden/diarienummer/${encodeURIComponent(signal.case_ref)}`, 303);
        form.signalIds = signal.id;
        form.caseType = CASE_TYPE_OF_CHANNEL[signal.channel] ?? '';
        form.unitId = form.unitId || (signal.unit_id ?? '');
      }
    }
    const department = form.unitId ? ((await findUnitForCase(db, form.unitId))?.department_code ?? null) : staff.department;
    if (canInDepartment(staff, 'case.work', department)) form.responsible = staff.subject;
    return newCasePage(reply, staff, form);
  });

  app.post('/staff/arenden/nytt', { preHandler: requireStaff('case.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    if (!canOpenCases(staff)) throw AppError.notFound('new case (no case.work or case.register)');
    const form = readNewCaseForm(request.body);
    if (stringOf(request.body, 'action') === 'search') {
      const query = form.unitQuery.trim().slice(0, 200);
      if (!query) return newCasePage(reply, staff, form, { errors: [{ field: 'unitQuery', message: 'Skriv namnet på verksamheten du söker' }], status: 400 });
      return newCasePage(reply, staff, { ...form, unitId: '' }, { hits: await searchUnits(db, query, 20) });
    }
    try {
      const opened = await openCaseFromForm(db, { diariumTemplate: config.diarium.template }, staff, form);
      return reply.redirect(`${caseUrl(opened.id)}?klart=oppnat`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      return newCasePage(reply, staff, form, { errors: error.fields, status: 400 });
    }
  });

  // ---- the case overview ----------------------------------------------------------------------------

  const namesOf = async (extra: { subject: string; name: string }[]) =>
    new Map([...(await findStaffDirectory(db)).map((p) => [p.subject, p.name] as const), ...extra.map((p) => [p.subject, p.name] as const)]);

  const casePage = async (reply: FastifyReply, staff: StaffUser, caseId: number, options: { errors?: FieldError[]; values?: CaseFormValues; done?: string; status?: number } = {}) => {
    const overview = await readCaseOverview(db, { staff, caseId });
    const department = overview.access.departmentCode;
    const members = new Set(overview.members.map((m) => m.subject));
    const [readers, workers] = overview.access.canWork ? [await findStaffWith(db, 'case.read', department), await findStaffWith(db, 'case.work', department)] : [[], []];
    return sendHtml(
      reply,
      <CasePage
        staff={staff}
        overview={overview}
        teamCandidates={readers.filter((p) => !members.has(p.subject))}
        responsibleCandidates={workers}
        names={await namesOf(overview.members)}
        errors={options.errors}
        values={options.values}
        done={options.done}
      />,
      options.status ?? 200,
    );
  };

  app.get<CaseParams>('/staff/arenden/:id', { preHandler: requireStaff('case.read') }, async (request, reply) =>
    casePage(reply, requireSignedIn(request), caseIdOf(request.params.id), { done: stringOf(request.query, 'klart', 20) || undefined }),
  );

  // ---- actions: each a CSRF-checked POST (see platform/auth), one transaction with its audit row ------

  const action = (path: string, run: (staff: StaffUser, caseId: number, body: unknown) => Promise<unknown>, done: string, anchor: string, fields: string[]) =>
    app.post<CaseParams>(`/staff/arenden/:id/${path}`, { preHandler: requireStaff('case.read') }, async (request, reply) => {
      const staff = requireSignedIn(request);
      const caseId = caseIdOf(request.params.id);
      try {
        await run(staff, caseId, request.body);
        return reply.redirect(`${caseUrl(caseId)}?klart=${done}#${anchor}`, 303);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'validation_failed') throw error;
        const values = Object.fromEntries(fields.map((f) => [f, stringOf(request.body, f, 20_000)]));
        return casePage(reply, staff, caseId, { errors: error.fields, values, status: 400 });
      }
    });

  action('lag', (staff, caseId, body) => addCaseMember(db, { staff, caseId, subject: stringOf(body, 'member', 200) }), 'lag', 'lag', ['member']);
  action('lag/ta-bort', (staff, caseId, body) => removeCaseMember(db, { staff, caseId, subject: stringOf(body, 'member', 200) }), 'lag', 'lag', []);
  action('ansvarig', (staff, caseId, body) => setCaseResponsible(db, { staff, caseId, subject: stringOf(body, 'responsible', 200) }), 'ansvarig', 'lag', ['responsible']);
  action('signaler', (staff, caseId, body) => linkSignalsToCase(db, { staff, caseId, raw: stringOf(body, 'signalId', 2000) }), 'signal', 'signaler', ['signalId']);
  action('anteckningar', (staff, caseId, body) => addCaseNote(db, { staff, caseId, body: stringOf(body, 'note', 20_000) }), 'anteckning', 'anteckningar', ['note']);
  action('tidsfrist', (staff, caseId, body) => setCaseDueDate(db, { staff, caseId, dueOn: stringOf(body, 'dueOn', 40) }), 'tidsfrist', 'status-och-tidsfrist', ['dueOn']);
  action('status', (staff, caseId, body) => changeCaseStatus(db, { staff, caseId, status: stringOf(body, 'status', 40), reason: stringOf(body, 'reason', 5000) }), 'status', 'status-och-tidsfrist', ['status', 'reason']);

  // ---- documents: registering with a file, new versions (multipart), reading ---------------------------

  const documentPage = async (reply: FastifyReply, staff: StaffUser, caseId: number, documentId: number, options: { errors?: FieldError[]; done?: string; status?: number } = {}) => {
    const read = await readCaseDocument(db, { staff, caseId, documentId });
    if (!read) throw AppError.notFound(`document ${documentId} of case ${caseId}`);
    const { access, header, document } = read;
    return sendHtml(
      reply,
      <DocumentPage
        staff={staff}
        header={header}
        document={document}
        seesSecret={access.seesSecret}
        canUpload={access.canWork || access.canRegister}
        names={await namesOf([])}
        errors={options.errors}
        done={options.done}
      />,
      options.status ?? 200,
    );
  };

  app.get<DocumentParams>('/staff/arenden/:id/handlingar/:docId', { preHandler: requireStaff('case.read') }, async (request, reply) =>
    documentPage(reply, requireSignedIn(request), caseIdOf(request.params.id), positiveIntOf(request.params.docId, 'document'), { done: stringOf(request.query, 'klart', 20) || undefined }),
  );

  app.get<VersionParams>('/staff/arenden/:id/handlingar/:docId/versioner/:version', { preHandler: requireStaff('case.read'), compress: false }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const file = await readCaseDocumentVersion(db, {
      staff,
      caseId: caseIdOf(request.params.id),
      documentId: positiveIntOf(request.params.docId, 'document'),
      version: positiveIntOf(request.params.version, 'version'),
    });
    const asciiName = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply
      .header('content-type', file.media_type)
      .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(Buffer.from(file.content));
  });

  await app.register(async (scope) => {
    // Uploads only here: the multipart parser (if no other part of the app has it yet) and a reader that runs
    // after sign-in and access are checked, so an outsider's upload is refused before its body is read.
    if (!scope.hasRequestDecorator('isMultipart')) await scope.register(multipart);
    scope.addHook('onRequest', requireStaff('case.read'));
    scope.addHook<CaseParams>('onRequest', async (request) => {
      const access = await requireCaseAccess(db, requireSignedIn(request), caseIdOf(request.params.id));
      assertAnyOf(access, ['canWork', 'canRegister'], 'upload');
    });
    scope.addHook('preValidation', async (request) => {
      if (request.isMultipart()) request.body = await readDocumentUpload(request);
    });

    const refuseUnreadable = (request: FastifyRequest) => {
      if (uploads.get(request)?.unreadable) {
        throw new AppError('bad_request', 'case document upload unreadable', { userMessage: 'Formuläret kunde inte läsas. Ladda upp en fil i taget och försök igen. Inget har sparats.' });
      }
    };

    scope.post<CaseParams>('/staff/arenden/:id/handlingar', async (request, reply) => {
      const staff = requireSignedIn(request);
      const caseId = caseIdOf(request.params.id);
      refuseUnreadable(request);
      const form = Object.fromEntries(DOCUMENT_FIELDS.map((f) => [f, stringOf(request.body, f, 1000)])) as DocumentForm;
      const errors = checkDocumentForm(form);
      const file = checkDocumentFile(uploads.get(request)?.file, 'file', false);
      if (isFieldError(file)) errors.push(file);
      try {
        if (errors.length > 0) throw AppError.validation(errors, 'document');
        await registerCaseDocument(db, { staff, caseId, form, file: isFieldError(file) ? undefined : file });
        return reply.redirect(`${caseUrl(caseId)}?klart=handling#handlingar`, 303);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'validation_failed') throw error;
        return casePage(reply, staff, caseId, { errors: error.fields, values: form, status: 400 });
      }
    });

    scope.post<DocumentParams>('/staff/arenden/:id/handlingar/:docId/versioner', async (request, reply) => {
      const staff = requireSignedIn(request);
      const caseId = caseIdOf(request.params.id);
      const documentId = positiveIntOf(request.params.docId, 'document');
      refuseUnreadable(request);
      const file = checkDocumentFile(uploads.get(request)?.file, 'file', true);
      if (!file || isFieldError(file)) return documentPage(reply, staff, caseId, documentId, { errors: [file ?? { field: 'file', message: 'Välj en fil att ladda upp' }], status: 400 });
      await addCaseDocumentVersion(db, { staff, caseId, documentId, file });
      return reply.redirect(`${documentUrl(caseId, documentId)}?klart=version`, 303);
    });
  });

  // ---- the public diarium ---------------------------------------------------------------------------

  const publicSummaries = async (rows: { id: number; diarienummer: string; title: string; case_type: string; status: string; opened_on: string; closed_on?: string | null; unit_name: string | null; department_code: string | null }[]) => {
    const [documents, names] = [await findPublicDocuments(db, rows.map((r) => r.id)), new Map((await departments()).map((d) => [d.code, d.name]))];
    return rows.map(
      (r): PublicCaseSummary => ({
        diarienummer: r.diarienummer,
        title: r.title,
        case_type: r.case_type,
        status: r.status,
        opened_on: r.opened_on,
        closed_on: r.closed_on ?? null,
        unit_name: r.unit_name,
        department_name: r.department_code ? (names.get(r.department_code) ?? null) : null,
        documents: documents.filter((d) => d.case_id === r.id),
      }),
    );
  };

  app.get('/diarium', async (request, reply) => {
    const form = { ...readCaseSearchForm(request.query), status: '', avdelning: '', mina: '' };
    const { search, errors } = searchOfForm(form, { departments: [] });
    if (errors.length > 0) return sendHtml(reply, <PublicDiariumPage form={form} errors={errors} result={null} />, 400);
    const found = await findCases({ kind: 'all' }, search);
    return sendHtml(reply, <PublicDiariumPage form={form} errors={[]} result={{ ...found, rows: await publicSummaries(found.rows) }} />);
  });

  app.get<{ Params: { diarienummer: string } }>('/diarium/:diarienummer', async (request, reply) => {
    const found = await findPublicCase(db, request.params.diarienummer.slice(0, 60));
    if (!found) throw AppError.notFound(`public case ${request.params.diarienummer}`);
    const [summary] = await publicSummaries([{ ...found, opened_on: formatSwedishDate(found.opened_at), closed_on: found.closed_at ? formatSwedishDate(found.closed_at) : null }]);
    return sendHtml(reply, <PublicCasePage c={summary} />);
  });
}
