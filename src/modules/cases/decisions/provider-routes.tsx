import Html from '@kitajs/html';
import multipart, { type FastifyMultipartBaseOptions } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, isAppError, type FieldError } from '../../../platform/errors.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { checkAttachment } from '../../intake/public/attachments.ts';
import { assertCsrf, assertRepresents, isRepresentative, representativeOf, requireRepresentative, type Representative } from '../../intake/provider/representative.ts';
import { caseIdOf } from '../access.ts';
import { ProviderDecisionPage } from './pages/provider-decision-page.tsx';
import { ACTION_FIELD, checkActionRow, reportActions, type ActionRowInput } from './report-actions.ts';
import { findCaseDecision } from './repository.ts';
import { swedishToday } from '../../../platform/dates.ts';

// The decision in the provider portal: its public parts and the form to report actions. Only representatives
// of the case's provider see it; anyone else gets "not found" and nothing changes.

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
const MAX_ROWS = 30;
const MULTIPART_LIMITS = { fileSize: MAX_EVIDENCE_BYTES, files: MAX_ROWS, fields: MAX_ROWS * 5 + 5, fieldSize: 20_000, parts: MAX_ROWS * 6 + 5 };

type DecisionParams = { Params: { id: string; decisionId: string } };

interface PostedForm {
  fields: Map<string, string>;
  files: Map<string, Buffer>;
  tooLarge: Set<string>;
  unreadable: boolean;
}

/**
 * The preHandler of the report form: a multipart body is read (and its CSRF token checked) by the handler, so
 * here only the person is checked; any other body goes through the portal's usual check.
 */
async function requireRepresentativeUpload(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.staff && isRepresentative(request.staff) && request.isMultipart()) {
    reply.header('cache-control', 'no-store');
    return;
  }
  return requireRepresentative(request, reply);
}

async function readPostedForm(request: FastifyRequest): Promise<PostedForm> {
  const form: PostedForm = { fields: new Map(), files: new Map(), tooLarge: new Set(), unreadable: false };
  if (!request.isMultipart()) {
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    for (const [name, value] of Object.entries(body)) if (typeof value === 'string') form.fields.set(name, value);
    return form;
  }
  try {
    // A file over the limit is cut off and marked, not thrown: the rest of the form is still read and shown again.
    const options: FastifyMultipartBaseOptions = { limits: MULTIPART_LIMITS, throwFileSizeLimit: false };
    for await (const part of request.parts(options)) {
      if (part.type === 'file') {
        // A file input left empty arrives as a part with no name and no content.
        if (!part.filename || form.files.has(part.fieldname)) {
          part.file.resume();
          await new Promise<void>((resolve, reject) => part.file.once('end', resolve).once('error', reject));
          continue;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        if (part.file.truncated) form.tooLarge.add(part.fieldname);
        else form.files.set(part.fieldname, Buffer.concat(chunks));
      } else if (!part.fieldnameTruncated && !part.valueTruncated && typeof part.value === 'string') {
        form.fields.set(part.fieldname, part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    // Whatever breaks here was sent by the client: a limit reached or a malformed body.
    request.log.info({ code: code || 'unknown' }, 'unreadable action report form');
    form.unreadable = true;
  }
  return form;
}

export async function providerDecisionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  /** The case and decision, if this representative acts for the case's provider; otherwise "not found". */
  const requireOwnDecision = async (representative: Representative, rawCaseId: string, rawDecisionId: string) => {
    const caseId = caseIdOf(rawCaseId);
    if (!/^[1-9]\d{0,14}$/.test(rawDecisionId)) throw AppError.notFound(`decision ${rawDecisionId}`);
    const caseInfo = await db
      .selectFrom('case_file as c')
      .leftJoin('unit as u', 'u.id', 'c.unit_id')
      .leftJoin('provider as p', 'p.id', 'c.provider_id')
      .select(['c.id', 'c.diarienummer', 'c.title', 'c.provider_id', 'u.name as unit_name', 'p.name as provider_name'])
      .where('c.id', '=', caseId)
      .executeTakeFirst();
    if (!caseInfo || !caseInfo.provider_id) throw AppError.notFound(`case ${caseId} in the provider portal`);
    assertRepresents(representative, caseInfo.provider_id, `case ${caseId}`);
    const decision = await findCaseDecision(db, caseId, Number(rawDecisionId));
    if (!decision || !decision.published_at) throw AppError.notFound(`decision ${rawDecisionId} of case ${caseId}`);
    return { caseInfo, decision };
  };

  const render = async (reply: FastifyReply, representative: Representative, params: DecisionParams['Params'], options: { errors?: FieldError[]; values?: Record<string, string>; filesLost?: number[]; done?: boolean; status?: number } = {}) => {
    const { caseInfo, decision } = await requireOwnDecision(representative, params.id, params.decisionId);
    return sendHtml(
      reply,
      <ProviderDecisionPage
        representative={representative}
        caseInfo={caseInfo}
        decision={decision}
        today={swedishToday()}
        errors={options.errors ?? []}
        values={options.values ?? {}}
        filesLost={options.filesLost ?? []}
        done={options.done}
        maxFileMegabytes={MAX_EVIDENCE_BYTES / 1024 / 1024}
      />,
      options.status ?? 200,
    );
  };

  await app.register(async (scope) => {
    if (!scope.hasRequestDecorator('isMultipart')) {
      await scope.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: false });
    }

    scope.get<DecisionParams>('/provider/arenden/:id/beslut/:decisionId', { preHandler: requireRepresentative }, async (request, reply) => {
      const representative = representativeOf(request);
      return render(reply, representative, request.params, { done: (request.query as Record<string, unknown>)?.klart === 'skickad' });
    });

    scope.post<DecisionParams>('/provider/arenden/:id/beslut/:decisionId', { preHandler: requireRepresentativeUpload }, async (request, reply) => {
      const representative = representativeOf(request);
      const form = await readPostedForm(request);
      // Nothing is looked at before the CSRF token is: a forged post stops here.
      if (request.isMultipart()) assertCsrf(request, form.fields.get('_csrf'));
      const { caseInfo, decision } = await requireOwnDecision(representative, request.params.id, request.params.decisionId);
      if (form.unreadable) throw new AppError('bad_request', 'action report form unreadable', { userMessage: 'Formuläret kunde inte läsas. Skicka det från sidan igen, med högst en fil per brist.' });

      const today = swedishToday();
      const values = Object.fromEntries([...form.fields].filter(([name]) => name.startsWith('atgard-')));
      const errors: FieldError[] = [];
      const rows: ActionRowInput[] = [];
      for (const deficiency of decision.deficiencies) {
        const seq = deficiency.seq;
        const text = (part: 'action' | 'owner' | 'doneOn' | 'evidence') => (form.fields.get(ACTION_FIELD(seq, part)) ?? '').replace(/\r\n?/g, '\n').trim();
        const fileField = ACTION_FIELD(seq, 'file');
        const row: ActionRowInput = { deficiencySeq: seq, action: text('action'), owner: text('owner'), doneOn: text('doneOn'), evidence: text('evidence') };
        const content = form.files.get(fileField);
        const tooLarge = form.tooLarge.has(fileField);
        if (!row.action && !row.owner && !row.doneOn && !row.evidence && !content && !tooLarge) continue;
        const rowErrors = checkActionRow(row, today);
        if (tooLarge) rowErrors.push({ field: fileField, message: `Brist ${seq}: filen är större än ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB` });
        else if (content) {
          const checked = checkAttachment({ clientName: '', content }, 0);
          if (checked === 'empty') rowErrors.push({ field: fileField, message: `Brist ${seq}: filen är tom` });
          else if (checked === 'wrong_type') rowErrors.push({ field: fileField, message: `Brist ${seq}: filen måste vara en PDF, en JPEG-bild eller en PNG-bild` });
          else if (checked === 'broken') rowErrors.push({ field: fileField, message: `Brist ${seq}: filen är skadad och kan inte läsas` });
          else row.file = { fileName: `underlag-brist-${seq}.${checked.fileName.split('.').pop()}`, mediaType: checked.mediaType, content: checked.content };
        }
        errors.push(...rowErrors);
        rows.push(row);
      }
      // A browser never sends a file again by itself: each deficiency that had one is told to choose it again.
      const filesLost = decision.deficiencies.map((x) => x.seq).filter((seq) => form.files.has(ACTION_FIELD(seq, 'file')) || form.tooLarge.has(ACTION_FIELD(seq, 'file')));
      if (errors.length > 0) return render(reply, representative, request.params, { errors, values, filesLost, status: 400 });
      try {
        await reportActions(db, { reporter: representative, caseId: caseInfo.id, decisionId: decision.id, rows });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'validation_failed') throw error;
        return render(reply, representative, request.params, { errors: error.fields, values, filesLost, status: 400 });
      }
      return reply.redirect(`/provider/arenden/${caseInfo.id}/beslut/${decision.id}?klart=skickad`, 303);
    });
  });
}
