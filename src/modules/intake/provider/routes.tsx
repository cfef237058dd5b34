import Html from '@kitajs/html';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, isAppError, type FieldError } from '../../../platform/errors.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import type { SignalClassifier } from '../receive-signal.ts';
import { checkReportCompleteness, flagKey } from './check-report-completeness.ts';
import { ChooseKommunPage, CONFIRM_FIELD_IDS, DECISION_FIELD_IDS, DecisionsPage, UPLOAD_FIELD_IDS, type DecisionsPageProps } from './pages/decisions-page.tsx';
import { DecisionsReceiptPage } from './pages/decisions-receipt-page.tsx';
import { ReportFormPage } from './pages/report-form-page.tsx';
import { ReportReceiptPage } from './pages/report-receipt-page.tsx';
import { StartPage } from './pages/start-page.tsx';
import { emptyReportForm, readReportForm, validateReportForm, withExtraRow, type ReportForm } from './report-form.ts';
import { isReportKind, reportKindsForUnit, type ReportKind } from './report-kinds.ts';
import { findBatch, findBatchDecisions, findOrganisations, findRecentBatches, findRecentReports, findReport, findUnitsOf } from './repository.ts';
import { actorOf, assertCsrf, assertRepresents, representativeOf, requireRepresentative, UPLOAD_ROUTE, type Representative } from './representative.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { submitProviderReport, unitForReport } from './submit-report.ts';
import { CSV_MAX_BYTES, CSV_MAX_LISTED_ERRORS, decisionsCsvTemplate, parseDecisionsCsv } from './unexecuted-decisions/parse-decisions-csv.ts';
import { DecisionsAlreadyReported, kommunerAmong, kommunForReport, reportUnexecutedDecisions } from './unexecuted-decisions/report-decisions.ts';
import { reportableQuarters } from './unexecuted-decisions/three-month-rule.ts';
import { validateDecision, type DecisionField, type DecisionInput } from './unexecuted-decisions/validate-decision.ts';

/** The form's three dates by their labels, for errors that would otherwise not say which date. */
const DATE_FIELD_LABELS: Partial<Record<DecisionField, string>> = { decisionDate: 'Beslutsdatum', interruptedOn: 'Datum för avbrott', executedOn: 'Datum då beslutet verkställdes' };
import { lowerFirst } from '../../../platform/text.ts';
import { formatSwedishLongDate, swedishToday } from '../../../platform/dates.ts';

/** Content types a browser may give a CSV file (Windows calls it an Excel file; some send nothing). */
const CSV_MEDIA_TYPES = new Set(['text/csv', 'application/csv', 'text/x-csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream']);
const SPREADSHEET_MEDIA_TYPES = /spreadsheetml|opendocument\.spreadsheet/;

function fields(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

function str(source: Record<string, unknown>, name: string): string {
  const value = source[name];
  return typeof value === 'string' ? value : '';
}

type KindQuery = { Querystring: { typ?: string } };
type SignalParams = { Params: { signalId: string } };

/**
 * The provider representatives' area under /provider: lex Maria and lex Sarah reports with the provider's own
 * investigation and its completeness check, and kommuner's quarterly reports of unexecuted decisions (form
 * or CSV file). Everything a representative sends becomes a signal through receiveSignal.
 */
export async function providerIntakeRoutes(app: FastifyInstance, ctx: AppContext, classifier: SignalClassifier): Promise<void> {
  const { db, config } = ctx;

  await app.register(async (scope) => {
    // Uploads only here, with their own limits; the rest of the app keeps its plain body parsers.
    if (!scope.hasRequestDecorator('isMultipart')) {
      await scope.register(multipart, { limits: { fileSize: CSV_MAX_BYTES, files: 1, fields: 10, fieldSize: 1000, parts: 12 } });
    }
    scope.addHook('preHandler', requireRepresentative);

    // ---- start ----------------------------------------------------------------------------------------
    scope.get('/provider', async (request, reply) => {
      const representative = representativeOf(request);
      const [organisations, units, reports, batches] = await Promise.all([
        findOrganisations(db, representative.organisations),
        findUnitsOf(db, representative.organisations),
        findRecentReports(db, representative.organisations),
        findRecentBatches(db, representative.organisations),
      ]);
      const withKinds = organisations.map((org) => {
        const own = units.filter((u) => u.provider_id === org.id);
        const kinds = new Set(own.flatMap((u) => reportKindsForUnit(u)));
        return { ...org, units: own.length, reportKinds: (['lex_maria', 'lex_sarah'] as const).filter((k) => kinds.has(k)) };
      });
      return sendHtml(reply, <StartPage representative={representative} organisations={withKinds} reports={reports} batches={batches} />);
    });

    // ---- lex Maria and lex Sarah ---------------------------------------------------------------------
    const kindOf = (request: FastifyRequest<KindQuery>): ReportKind => {
      const kind = request.query.typ;
      if (!isReportKind(kind)) throw AppError.notFound(`report kind ${String(kind)}`);
      return kind;
    };
    const unitsFor = async (representative: Representative, kind: ReportKind) =>
      (await findUnitsOf(db, representative.organisations)).filter((u) => reportKindsForUnit(u).includes(kind));
    const renderForm = async (reply: FastifyReply, representative: Representative, kind: ReportKind, form: ReportForm, errors: FieldError[], flags: ReturnType<typeof checkReportCompleteness>['flags'] | null, status = 200) =>
      sendHtml(reply, <ReportFormPage representative={representative} kind={kind} units={await unitsFor(representative, kind)} form={form} errors={errors} flags={flags} />, status);

    scope.get<KindQuery>('/provider/rapporter/ny', async (request, reply) => {
      const representative = representativeOf(request);
      return renderForm(reply, representative, kindOf(request), emptyReportForm(), [], null);
    });

    scope.post<KindQuery>('/provider/rapporter/ny', async (request, reply) => {
      const representative = representativeOf(request);
      const kind = kindOf(request);
      const body = fields(request.body);
      const form = readReportForm(body);
      const handling = str(body, 'handling');
      if (handling === 'fler-orsaker' || handling === 'fler-atgarder') {
        return renderForm(reply, representative, kind, withExtraRow(form, handling === 'fler-orsaker' ? 'orsak' : 'atgard'), [], null);
      }

      const errors: FieldError[] = [];
      if (form.unitId.trim()) {
        // Someone else's unit is "not found"; a unit of the wrong form is an error on the field.
        try {
          await unitForReport(db, representative, kind, form.unitId.trim());
        } catch (error) {
          if (!isAppError(error) || error.code !== 'validation_failed') throw error;
          errors.push(...error.fields);
        }
      }
      const validation = validateReportForm(form, swedishToday());
      if (!validation.ok) errors.push(...validation.errors.filter((e) => !errors.some((x) => x.field === e.field)));
      if (errors.length > 0 || !validation.ok) return renderForm(reply, representative, kind, form, errors, null, 400);

      // The completeness check is shown before sending; the reporter may send anyway once they have seen it.
      const { flags } = checkReportCompleteness(validation.draft);
      const seen = new Set(form.acknowledged);
      const acknowledged = flags.every((f) => seen.has(flagKey(f)));
      if (!acknowledged) return renderForm(reply, representative, kind, form, [], flags);

      const { signalId } = await submitProviderReport(db, { representative, kind, draft: validation.draft, acknowledged: true, submissionId: form.submissionId, classifier, publicUrl: config.publicUrl });
      return reply.redirect(`/provider/rapporter/${encodeURIComponent(signalId)}`, 303);
    });

    scope.get<SignalParams>('/provider/rapporter/:signalId', async (request, reply) => {
      const representative = representativeOf(request);
      const report = await findReport(db, request.params.signalId);
      if (!report) throw AppError.notFound(`provider report ${request.params.signalId}`);
      assertRepresents(representative, report.provider_id, `provider report ${report.signal_id}`);
      // The receipt shows the report's text, which may name a patient or client: the read is logged.
      await db.transaction().execute((trx) =>
        recordAudit(trx, { actor: actorOf(representative), action: 'provider_report.read', entityType: 'signal', entityId: report.signal_id, reason: 'receipt' }),
      );
      return sendHtml(reply, <ReportReceiptPage representative={representative} report={report} />);
    });

    // ---- unexecuted decisions ------------------------------------------------------------------------
    const emptyDecision = (quarter: string): DecisionInput & { quarter: string } => ({
      quarter,
      decisionDate: '',
      law: '',
      kindOfHelp: '',
      reason: '',
      interruptedOn: '',
      executedOn: '',
    });
    const renderDecisions = (reply: FastifyReply, props: Omit<DecisionsPageProps, 'quarters' | 'decision' | 'decisionErrors' | 'uploadQuarter' | 'uploadErrors' | 'uploadErrorCount' | 'alreadyReported'> & Partial<DecisionsPageProps>, status = 200) => {
      const quarters = reportableQuarters(swedishToday());
      return sendHtml(
        reply,
        <DecisionsPage
          quarters={quarters}
          decision={props.decision ?? emptyDecision(quarters[0])}
          decisionErrors={props.decisionErrors ?? []}
          uploadQuarter={props.uploadQuarter ?? quarters[0]}
          uploadErrors={props.uploadErrors ?? []}
          uploadErrorCount={props.uploadErrorCount ?? 0}
          alreadyReported={props.alreadyReported}
          representative={props.representative}
          kommun={props.kommun}
        />,
        status,
      );
    };
    /** A quarter the kommun can report now: one that has ended, among the latest. */
    const checkQuarter = (quarter: string, field: string): FieldError | null =>
      reportableQuarters(swedishToday()).includes(quarter) ? null : { field, message: 'Välj ett kvartal som har tagit slut.' };
    /** Decisions already in a report of the quarter: nothing stored, and the sender asked to check and confirm. */
    const alreadyReportedError = (error: DecisionsAlreadyReported, form: 'upload' | 'decision', quarter: string): FieldError => {
      const which = error.duplicates === error.total ? (error.total === 1 ? 'Beslutet' : error.total === 2 ? 'Båda besluten' : `Alla ${error.total} beslut`) : `${error.duplicates} av ${error.total} beslut`;
      return {
        field: CONFIRM_FIELD_IDS[form],
        message: `${which} finns redan i en rapport för kvartal ${quarter}, senast skickad ${formatSwedishLongDate(error.lastReportedAt)}. Ingenting har sparats. `
          + `Om det är andra beslut med samma uppgifter: kryssa i rutan${form === 'upload' ? ', välj filen igen' : ''} och skicka igen.`,
      };
    };

    scope.get<{ Querystring: { org?: string } }>('/provider/ej-verkstallda', async (request, reply) => {
      const representative = representativeOf(request);
      if (request.query.org) return renderDecisions(reply, { representative, kommun: await kommunForReport(db, representative, request.query.org) });
      const kommuner = kommunerAmong(await findOrganisations(db, representative.organisations));
      if (kommuner.length === 0) throw AppError.notFound('unexecuted decisions (represents no kommun)');
      if (kommuner.length === 1) return renderDecisions(reply, { representative, kommun: kommuner[0] });
      return sendHtml(reply, <ChooseKommunPage representative={representative} kommuner={kommuner} />);
    });

    scope.get('/provider/ej-verkstallda/mall.csv', async (_request, reply) =>
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="ej-verkstallda-beslut.csv"').send(decisionsCsvTemplate()),
    );

    scope.post('/provider/ej-verkstallda/beslut', async (request, reply) => {
      const representative = representativeOf(request);
      const body = fields(request.body);
      const kommun = await kommunForReport(db, representative, str(body, 'org'));
      const decision = {
        quarter: str(body, DECISION_FIELD_IDS.quarter),
        ...(Object.fromEntries((Object.keys(DECISION_FIELD_IDS) as (DecisionField | 'quarter')[]).filter((f) => f !== 'quarter').map((f) => [f, str(body, DECISION_FIELD_IDS[f])])) as unknown as DecisionInput),
      };
      const quarterError = checkQuarter(decision.quarter, DECISION_FIELD_IDS.quarter);
      if (quarterError) return renderDecisions(reply, { representative, kommun, decision, decisionErrors: [quarterError] }, 400);
      const result = validateDecision(decision, decision.quarter);
      if (!result.ok) {
        // In the order of the page, and a date's error names which of the three dates it is (a CSV line's names
        // its column instead).
        const order = Object.keys(DECISION_FIELD_IDS);
        const decisionErrors = [...result.errors]
          .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
          .map((e) => {
            const label = DATE_FIELD_LABELS[e.field];
            return { field: DECISION_FIELD_IDS[e.field], message: label && /^(Skriv datumet|Datumet) /.test(e.message) ? `${label}: ${lowerFirst(e.message)}` : e.message };
          });
        return renderDecisions(reply, { representative, kommun, decision, decisionErrors }, 400);
      }
      try {
        const { signalId } = await reportUnexecutedDecisions(db, {
          representative,
          providerId: kommun.id,
          quarter: decision.quarter,
          decisions: [result.decision],
          source: { kind: 'form' },
          classifier,
          publicUrl: config.publicUrl,
          confirmedNotDuplicates: str(body, CONFIRM_FIELD_IDS.decision) === 'ja',
        });
        return reply.redirect(`/provider/ej-verkstallda/rapporter/${encodeURIComponent(signalId)}`, 303);
      } catch (error) {
        if (!(error instanceof DecisionsAlreadyReported)) throw error;
        return renderDecisions(reply, { representative, kommun, decision, alreadyReported: { form: 'decision', error: alreadyReportedError(error, 'decision', decision.quarter) } }, 409);
      }
    });

    scope.post(UPLOAD_ROUTE, async (request, reply) => {
      const representative = representativeOf(request);
      if (!request.isMultipart()) throw new AppError('bad_request', 'decision upload is not multipart', { userMessage: 'Filen ska skickas med uppladdningsformuläret.' });
      const values: Record<string, string> = {};
      let file: { name: string; mediaType: string; bytes: Buffer } | undefined;
      let tooLarge = false;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (typeof part.value === 'string' && !part.valueTruncated) values[part.fieldname] = part.value;
          } else if (part.fieldname === UPLOAD_FIELD_IDS.file && !file) {
            file = { name: part.filename, mediaType: part.mimetype, bytes: await part.toBuffer() };
          } else {
            part.file.resume();
          }
        }
      } catch (error) {
        if (error instanceof scope.multipartErrors.RequestFileTooLargeError) tooLarge = true;
        else if (error instanceof scope.multipartErrors.FilesLimitError || error instanceof scope.multipartErrors.PartsLimitError || error instanceof scope.multipartErrors.FieldsLimitError) {
          throw new AppError('bad_request', `decision upload over the part limits: ${(error as Error).message}`, { userMessage: 'Formuläret innehöll för många fält eller filer. Ladda upp en fil i taget.' });
        } else throw error;
      }
      // Nothing is looked at before the CSRF token is: a forged upload stops here.
      assertCsrf(request, values._csrf);
      const kommun = await kommunForReport(db, representative, values.org ?? '');
      const quarter = values[UPLOAD_FIELD_IDS.quarter] ?? '';
      const refuse = (errors: FieldError[], count = errors.length) =>
        renderDecisions(reply, { representative, kommun, uploadQuarter: quarter, uploadErrors: errors.slice(0, CSV_MAX_LISTED_ERRORS), uploadErrorCount: count }, 400);

      const quarterError = checkQuarter(quarter, UPLOAD_FIELD_IDS.quarter);
      if (quarterError) return refuse([quarterError]);
      if (tooLarge) return refuse([{ field: UPLOAD_FIELD_IDS.file, message: `Filen är större än ${CSV_MAX_BYTES / 1024 / 1024} MB. Dela upp den i flera filer.` }]);
      if (!file || !file.name) return refuse([{ field: UPLOAD_FIELD_IDS.file, message: 'Välj en CSV-fil att ladda upp.' }]);
      if (SPREADSHEET_MEDIA_TYPES.test(file.mediaType) || /\.(xlsx?|ods)$/i.test(file.name)) {
        return refuse([{ field: UPLOAD_FIELD_IDS.file, message: 'Filen är ett kalkylark. Spara den som ”CSV UTF-8” i Excel och ladda upp den igen.' }]);
      }
      if (!CSV_MEDIA_TYPES.has(file.mediaType.toLowerCase()) || !/\.(csv|txt)$/i.test(file.name)) {
        return refuse([{ field: UPLOAD_FIELD_IDS.file, message: 'Filen måste vara en CSV-fil (.csv).' }]);
      }
      const parsed = parseDecisionsCsv(file.bytes, quarter);
      if (!parsed.ok) return refuse(parsed.errors.map((e) => ({ field: UPLOAD_FIELD_IDS.file, message: e.message })), parsed.errors.length);

      try {
        const { signalId } = await reportUnexecutedDecisions(db, {
          representative,
          providerId: kommun.id,
          quarter,
          decisions: parsed.decisions.map((d) => d.decision),
          source: { kind: 'csv', fileName: file.name.slice(0, 200) },
          classifier,
          publicUrl: config.publicUrl,
          confirmedNotDuplicates: values[CONFIRM_FIELD_IDS.upload] === 'ja',
        });
        return reply.redirect(`/provider/ej-verkstallda/rapporter/${encodeURIComponent(signalId)}`, 303);
      } catch (error) {
        if (!(error instanceof DecisionsAlreadyReported)) throw error;
        return renderDecisions(reply, { representative, kommun, uploadQuarter: quarter, alreadyReported: { form: 'upload', error: alreadyReportedError(error, 'upload', quarter) } }, 409);
      }
    });

    scope.get<SignalParams>('/provider/ej-verkstallda/rapporter/:signalId', async (request, reply) => {
      const representative = representativeOf(request);
      const batch = await findBatch(db, request.params.signalId);
      if (!batch) throw AppError.notFound(`unexecuted decision report ${request.params.signalId}`);
      assertRepresents(representative, batch.provider_id, `unexecuted decision report ${batch.signal_id}`);
      // The decisions are individuals' cases (decision date, law, service): the read is logged.
      const decisions = await db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: actorOf(representative), action: 'unexecuted_decision.read', entityType: 'signal', entityId: batch.signal_id, reason: 'receipt' });
        return findBatchDecisions(trx, batch.signal_id);
      });
      return sendHtml(reply, <DecisionsReceiptPage representative={representative} batch={batch} decisions={decisions} />);
    });
  });
}
