import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, isAppError, type FieldError } from '../../../platform/errors.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import type { SignalClassifier } from '../receive-signal.ts';
import { isCrossSiteRequest, PUBLIC_INTAKE_LIMITS, signFormToken, SpentTokens, TokenBucket, type PublicIntakeLimits } from './abuse-guard.ts';
import { ANONYMOUS_CHANNELS, type AnonymousChannel } from './channels.ts';
import { answerReceiptThread, findReceiptThread } from './follow-up.ts';
import { readForm, type UploadLimits } from './form-reader.ts';
import {
  EMPTY_COMPLAINT_VALUES,
  EMPTY_TIP_VALUES,
  MAX_FILE_BYTES,
  MAX_FILES,
  parseAnswerForm,
  parseComplaintForm,
  parseFeedbackForm,
  parseReceiptCode,
  parseTipForm,
  type GuardResult,
  type ParseContext,
} from './forms.ts';
import { ReceiptPage, StartPage, ThreadPage, FollowUpPage, TipFormPage } from './pages/anonymous-pages.tsx';
import { ComplaintFormPage, ComplaintReceiptPage, ComplaintStartPage } from './pages/complaint-pages.tsx';
import { FeedbackPage, FeedbackThanksPage } from './pages/feedback-pages.tsx';
import { UnitSearchPage, type UnitSearchPageProps, type UnitSearchValues } from './pages/unit-search-page.tsx';
import { normaliseReceiptCode } from './receipt-code.ts';
import { findUnitChoices, getUnitChoice, kommunList, type UnitChoice } from './repository.ts';
import { saveServiceFeedback } from './service-feedback.ts';
import { submitComplaint } from './submit-complaint.ts';
import { submitTip } from './submit-tip.ts';
import { swedishToday } from '../../../platform/dates.ts';

export interface PublicIntakeOptions {
  /** Overrides of PUBLIC_INTAKE_LIMITS (benchmarks raise the buckets). */
  limits?: Partial<PublicIntakeLimits>;
  /** The clock, in milliseconds. */
  now?: () => number;
}

const removed = () => '[removed]';
const NO_HEADERS_IN_LOGS = {
  headers: removed,
  remoteAddress: removed,
  busboyOptions: (options: unknown) => (options && typeof options === 'object' ? { ...(options as Record<string, unknown>), headers: '[removed]' } : options),
};

const UPLOADS: UploadLimits = { maxFiles: MAX_FILES, maxFileBytes: MAX_FILE_BYTES, fileField: 'attachments' };

type Query = Record<string, unknown>;
const firstString = (query: Query, key: string): string => {
  const value = query[key];
  const first = Array.isArray(value) ? value[0] : value;
  // Control characters (a NUL byte is not even valid in a PostgreSQL string) are dropped.
  // eslint-disable-next-line no-control-regex
  return typeof first === 'string' ? first.replace(/[\u0000-\u001f\u007f]/g, '').trim() : '';
};

/**
 * The public e-services: Tipsa (/tipsa), the children's and young people's channel (/ung), complaints
 * (/klagomal) and feedback on them (/synpunkter). No sign-in, no cookie, nothing stored about who sends.
 * Multipart is registered in this plugin only, with its limits.
 */
export async function registerPublicIntakeRoutes(app: FastifyInstance, ctx: AppContext, classifier: SignalClassifier, options: PublicIntakeOptions = {}): Promise<void> {
  const limits: PublicIntakeLimits = { ...PUBLIC_INTAKE_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const secret = ctx.config.sessionSecret;
  const loadKommuner = kommunList(ctx.db);
  const buckets = {
    submissions: new TokenBucket(limits.submissions.capacity, limits.submissions.refillPerSecond, now),
    provenSubmissions: new TokenBucket(limits.provenSubmissions.capacity, limits.provenSubmissions.refillPerSecond, now),
    followUps: new TokenBucket(limits.followUps.capacity, limits.followUps.refillPerSecond, now),
    feedback: new TokenBucket(limits.feedback.capacity, limits.feedback.refillPerSecond, now),
  };
  const spentProofs = new SpentTokens(limits.maxFormAgeHours * 3600 * 1000);
  // Forms already stored: sending the same form again (a reload of the receipt page, a double click) would
  // store it twice. The sender is told, and gets a fresh form token to send again if they mean to.
  const sentForms = new SpentTokens(limits.maxFormAgeHours * 3600 * 1000);
  const alreadySent: FieldError = { field: 'formToken', message: 'Det här formuläret har redan skickats. Om du vill skicka det en gång till: skicka igen.' };
  const publicOrigin = new URL(ctx.config.publicUrl).origin;
  const deps = { classifier, publicUrl: ctx.config.publicUrl };

  const freshToken = () => signFormToken(secret, now());
  /** The token a form is shown again with: the one sent if it was good (the clock keeps running), else new. */
  const tokenAgain = (guard: GuardResult, errors: FieldError[]) =>
    errors.some((e) => e.field === 'formToken') || !guard.token || sentForms.isSpent(guard.token) ? freshToken() : guard.token;

  async function parseContext(): Promise<ParseContext> {
    const kommuner = await loadKommuner();
    const at = now();
    return { kommunCodes: new Set(kommuner.map((k) => k.code)), today: swedishToday(new Date(at)), now: at, secret, limits };
  }

  /** One submission from the whole service's allowance; a solved puzzle draws from the larger one. */
  function takeSubmission(guard: GuardResult): boolean {
    if (guard.hasProofOfWork && spentProofs.spend(guard.token, now()) && buckets.provenSubmissions.take()) return true;
    return buckets.submissions.take();
  }
  const busy: FieldError = { field: 'formToken', message: 'Just nu skickar många samtidigt. Vänta en minut och skicka igen. Det du har skrivit finns kvar.' };

  /** A picked unit must be an open unit of the register; its error names 'unitId'. */
  async function pickedUnit(unitId: string, errors: FieldError[]): Promise<UnitChoice | undefined> {
    if (!unitId || errors.some((e) => e.field === 'unitId')) return undefined;
    const unit = await getUnitChoice(ctx.db, unitId);
    if (!unit) errors.push({ field: 'unitId', message: 'Verksamheten du valde finns inte i registret. Sök igen eller beskriv verksamheten.' });
    return unit;
  }

  async function unitSearch(request: FastifyRequest, reply: FastifyReply, page: Omit<UnitSearchPageProps, 'values' | 'errors' | 'kommuner' | 'result'>) {
    const query = (request.query ?? {}) as Query;
    const kommuner = await loadKommuner();
    const values: UnitSearchValues = { namn: firstString(query, 'namn'), kommun: firstString(query, 'kommun') };
    const errors: FieldError[] = [];
    if (values.namn.length > 100) errors.push({ field: 'namn', message: `Verksamhetens namn får vara högst 100 tecken (nu ${values.namn.length})` });
    if (values.kommun && !kommuner.some((k) => k.code === values.kommun)) errors.push({ field: 'kommun', message: 'Välj en kommun i listan' });
    if (errors.length > 0) return sendHtml(reply, UnitSearchPage({ ...page, values, errors, kommuner }), 400);
    const result = values.namn || values.kommun ? await findUnitChoices(ctx.db, { text: values.namn, kommun: values.kommun }) : undefined;
    return sendHtml(reply, UnitSearchPage({ ...page, values, errors, kommuner, result }));
  }

  /** The form page's starting point: the unit picked in the search, or what was searched for, to describe. */
  async function formStart(request: FastifyRequest) {
    const query = (request.query ?? {}) as Query;
    const kommuner = await loadKommuner();
    const unitId = firstString(query, 'enhet');
    const errors: FieldError[] = [];
    const unit = unitId ? await pickedUnit(unitId.slice(0, 64), errors) : undefined;
    const kommun = firstString(query, 'kommun');
    const prefill = { unitName: firstString(query, 'namn').slice(0, 200), unitKommun: kommuner.some((k) => k.code === kommun) ? kommun : '' };
    return { kommuner, unit, errors, prefill };
  }

  await app.register(async (scope) => {
    // No request headers in any log line of these routes, whoever logs them: at trace level the multipart
    // plugin logs its busboy options, which hold every header (user agent, X-Forwarded-For). Serializers,
    // not `redact`: a redaction is compiled for every child logger, and there is one per request.
    scope.setChildLoggerFactory((logger, bindings, childOptions) =>
      logger.child(bindings, { ...childOptions, serializers: { ...childOptions.serializers, ...NO_HEADERS_IN_LOGS } }),
    );
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      // A field may be several times its limit (10,000 characters, up to 4 bytes each) and still be received whole,
      // so the form can give it back to be shortened.
      limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES + 2, fields: 50, fieldSize: 256 * 1024, parts: 60, headerPairs: 50, fieldNameSize: 100 },
    });

    scope.addHook('onRequest', async (request, reply) => {
      // Forms carry one-off tokens and receipts carry codes: nothing of these pages belongs in a cache.
      reply.header('cache-control', 'no-store');
      if (request.method !== 'POST') return;
      const ownOrigins = new Set([publicOrigin, `${request.protocol}://${request.host}`]);
      if (isCrossSiteRequest(request.headers, ownOrigins)) {
        throw new AppError('bad_request', `cross-site form post to ${request.url.split('?')[0]} refused`, {
          userMessage: 'Formuläret kunde inte skickas, eftersom det inte kom från vår webbplats. Gå till vår sida och fyll i det där.',
        });
      }
    });

    for (const channel of ANONYMOUS_CHANNELS) registerAnonymousChannel(scope, channel);
    registerComplaint(scope);

    scope.post('/synpunkter', async (request, reply) => {
      const form = await readForm(request, UPLOADS);
      const parsed = parseFeedbackForm(form, await parseContext());
      const page = (errors: FieldError[], status: number) =>
        sendHtml(reply, FeedbackPage({ service: parsed.values.service, values: parsed.values, errors, token: tokenAgain(parsed.guard, errors), powBits: limits.powBits }), status);
      if (!parsed.submission) return page(parsed.errors, 400);
      if (sentForms.isSpent(parsed.guard.token)) return page([alreadySent], 409);
      if (!buckets.feedback.take()) return page([busy], 429);
      sentForms.spend(parsed.guard.token, now());
      await saveServiceFeedback(ctx.db, parsed.submission);
      return sendHtml(reply, FeedbackThanksPage());
    });
  });

  function registerAnonymousChannel(scope: FastifyInstance, channel: AnonymousChannel) {
    const { base, texts } = channel;

    scope.get(base, async (_request, reply) => sendHtml(reply, StartPage({ channel })));

    scope.get(`${base}/verksamhet`, async (request, reply) =>
      unitSearch(request, reply, { base, heading: texts.searchHeading, hint: texts.searchHint, notFoundLink: texts.notFoundLink, skipLink: texts.skipUnitLink, emergency: channel.emergency }),
    );

    scope.get(`${base}/skriv`, async (request, reply) => {
      const { kommuner, unit, errors, prefill } = await formStart(request);
      const values = { ...EMPTY_TIP_VALUES, ...(unit ? { unitId: unit.id } : prefill) };
      return sendHtml(reply, TipFormPage({ channel, values, errors, unit, kommuner, token: freshToken(), powBits: limits.powBits, filesLost: false }), errors.length ? 404 : 200);
    });

    scope.post(`${base}/skriv`, async (request, reply) => {
      const form = await readForm(request, UPLOADS);
      const context = await parseContext();
      const parsed = parseTipForm(form, channel, context);
      const errors = [...parsed.errors];
      const unit = await pickedUnit(parsed.values.unitId, errors);
      const page = async (pageErrors: FieldError[], status: number) => {
        // A unit id that is not in the register is dropped: the sender describes the unit instead.
        const values = unit || !parsed.values.unitId ? parsed.values : { ...parsed.values, unitId: '' };
        return sendHtml(
          reply,
          TipFormPage({
            channel,
            values,
            errors: pageErrors,
            unit,
            kommuner: await loadKommuner(),
            token: tokenAgain(parsed.guard, pageErrors),
            powBits: limits.powBits,
            filesLost: parsed.filesSent > 0,
          }),
          status,
        );
      };
      if (errors.length > 0 || !parsed.submission) return page(errors, 400);
      if (sentForms.isSpent(parsed.guard.token)) return page([alreadySent], 409);
      if (!takeSubmission(parsed.guard)) return page([busy], 429);
      sentForms.spend(parsed.guard.token, now());
      try {
        const { receiptCode } = await submitTip(ctx.db, parsed.submission, deps);
        return sendHtml(reply, ReceiptPage({ channel, code: receiptCode, identified: parsed.submission.contact !== undefined, feedbackToken: freshToken(), powBits: limits.powBits }));
      } catch (error) {
        // The unit was closed or removed between the check and the transaction: nothing was stored.
        if (isAppError(error) && error.code === 'validation_failed') return page(error.fields, 400);
        throw error;
      }
    });

    scope.get(`${base}/uppfoljning`, async (_request, reply) => sendHtml(reply, FollowUpPage({ channel, code: '', errors: [] })));

    const wrongCode: FieldError = { field: 'code', message: 'Vi hittar inget med den koden. Kontrollera att du har skrivit av den rätt.' };
    /**
     * A code that finds nothing. Only these take from the shared bucket: a flood of wrong codes slows the
     * next wrong ones, never someone whose code is right (a code has 100 random bits, so guessing is hopeless anyway).
     */
    const refuseCode = (reply: FastifyReply, typed: string) =>
      buckets.followUps.take()
        ? sendHtml(reply, FollowUpPage({ channel, code: typed, errors: [wrongCode] }), 400)
        : sendHtml(reply, FollowUpPage({ channel, code: typed, errors: [{ field: 'code', message: busy.message }] }), 429);

    scope.post(`${base}/uppfoljning`, async (request, reply) => {
      const form = await readForm(request, UPLOADS);
      const { typed, code, errors } = parseReceiptCode(form);
      if (!code) return sendHtml(reply, FollowUpPage({ channel, code: typed, errors }), 400);
      const thread = await findReceiptThread(ctx.db, code);
      if (!thread) return refuseCode(reply, typed);
      return sendHtml(reply, ThreadPage({ channel, thread, code: typed, message: '', errors: [], sent: false, token: freshToken(), powBits: limits.powBits }));
    });

    scope.post(`${base}/uppfoljning/svar`, async (request, reply) => {
      const form = await readForm(request, UPLOADS);
      const parsed = parseAnswerForm(form, await parseContext(), channel);
      const codeError = parsed.errors.find((e) => e.field === 'code');
      if (codeError) return sendHtml(reply, FollowUpPage({ channel, code: parsed.values.code, errors: [codeError] }), 400);
      const code = normaliseReceiptCode(parsed.values.code)!;
      const found = await findReceiptThread(ctx.db, code);
      if (!found) return refuseCode(reply, parsed.values.code);
      const isDuplicate = Boolean(parsed.submission) && sentForms.isSpent(parsed.guard.token);
      const errors = isDuplicate ? [alreadySent] : parsed.errors;
      const store = parsed.submission && !isDuplicate ? parsed.submission : undefined;
      if (store) sentForms.spend(parsed.guard.token, now());
      const thread = store ? await answerReceiptThread(ctx.db, code, store.message) : found;
      if (!thread) return sendHtml(reply, FollowUpPage({ channel, code: parsed.values.code, errors: [wrongCode] }), 400);
      return sendHtml(
        reply,
        ThreadPage({
          channel,
          thread,
          code: parsed.values.code,
          message: store ? '' : parsed.values.message,
          errors,
          sent: Boolean(store),
          token: store ? freshToken() : tokenAgain(parsed.guard, errors),
          powBits: limits.powBits,
        }),
        store ? 200 : isDuplicate ? 409 : 400,
      );
    });
  }

  function registerComplaint(scope: FastifyInstance) {
    scope.get('/klagomal', async (_request, reply) => sendHtml(reply, ComplaintStartPage()));

    scope.get('/klagomal/verksamhet', async (request, reply) =>
      unitSearch(request, reply, {
        base: '/klagomal',
        heading: 'Var fick patienten vården?',
        hint: 'Sök på namnet på vårdcentralen, mottagningen eller sjukhuset, eller en del av namnet. Du kan också välja kommun.',
        notFoundLink: 'Jag hittar inte stället',
      }),
    );

    scope.get('/klagomal/skriv', async (request, reply) => {
      const { kommuner, unit, errors, prefill } = await formStart(request);
      const values = { ...EMPTY_COMPLAINT_VALUES, ...(unit ? { unitId: unit.id } : prefill) };
      return sendHtml(reply, ComplaintFormPage({ values, errors, unit, kommuner, token: freshToken(), powBits: limits.powBits }), errors.length ? 404 : 200);
    });

    scope.post('/klagomal/skriv', async (request, reply) => {
      const form = await readForm(request, UPLOADS);
      const context = await parseContext();
      const parsed = parseComplaintForm(form, context);
      const errors = [...parsed.errors];
      const unit = await pickedUnit(parsed.values.unitId, errors);
      const page = async (pageErrors: FieldError[], status: number) => {
        const values = unit || !parsed.values.unitId ? parsed.values : { ...parsed.values, unitId: '' };
        return sendHtml(
          reply,
          ComplaintFormPage({ values, errors: pageErrors, unit, kommuner: await loadKommuner(), token: tokenAgain(parsed.guard, pageErrors), powBits: limits.powBits }),
          status,
        );
      };
      if (errors.length > 0 || !parsed.submission) return page(errors, 400);
      if (sentForms.isSpent(parsed.guard.token)) return page([alreadySent], 409);
      if (!takeSubmission(parsed.guard)) return page([busy], 429);
      sentForms.spend(parsed.guard.token, now());
      try {
        const { signal } = await submitComplaint(ctx.db, parsed.submission, { ...deps, today: context.today });
        return sendHtml(reply, ComplaintReceiptPage({ signalId: signal.id, feedbackToken: freshToken(), powBits: limits.powBits }));
      } catch (error) {
        if (isAppError(error) && error.code === 'validation_failed') return page(error.fields, 400);
        throw error;
      }
    });
  }
}
