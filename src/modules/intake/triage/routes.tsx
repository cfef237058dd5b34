import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canInDepartment, hasPermission, requireSignedIn, requireStaff, scopeOf, type StaffUser } from '../../../platform/auth/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, isAppError, type FieldError } from '../../../platform/errors.ts';
import { kickOutbox } from '../../../platform/mail/index.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { summariseServiceFeedback } from '../public/service-feedback.ts';
import { FeedbackPage } from './pages/feedback-page.tsx';
import { RISK_AREAS, searchUnits, SIGNAL_CHANNELS } from '../../registry/index.ts';
import { findChangedAlert, findOpenAlerts } from '../../risk/index.ts';
import type { SignalClassifier } from '../receive-signal.ts';
import { addSignalNote } from './add-signal-note.ts';
import { assignSignal, findPossibleAssignees } from './assign-signal.ts';
import { requireTriageAccess } from './access.ts';
import { correctSignalClassification } from './correct-classification.ts';
import { linkSignalToCase } from './link-signal-to-case.ts';
import { linkSignalToUnit } from './link-signal-to-unit.ts';
import { logStaffSignal, STAFF_SIGNAL_FIELDS, type StaffSignalForm } from './log-staff-signal.ts';
import { LinkUnitPage } from './pages/link-unit-page.tsx';
import { EMPTY_STAFF_SIGNAL_FORM, NewSignalPage } from './pages/new-signal-page.tsx';
import { QueuePage, type QueueForm } from './pages/queue-page.tsx';
import { SignalPage, type SignalFormValues, type SuggestedUnit } from './pages/signal-page.tsx';
import { readSignalAttachment } from './read-attachment.ts';
import { readSignalForTriage, type TriageSignal } from './read-signal.ts';
import { findDepartments, findMunicipalities, findStaffNames, findTriageQueue, findUnitLink, findUnitsByIds, TRIAGE_STATUSES, type DepartmentScope, type QueueFilter } from './repository.ts';
import { sendMessageToSender } from './send-message-to-sender.ts';
import { setSignalStatus } from './set-signal-status.ts';

type SignalParams = { Params: { id: string } };
type Body = Record<string, unknown>;

const MAX_QUERY = 200;

/** A posted or queried value as one string ('' when absent or not a string). */
function stringOf(source: unknown, name: string): string {
  const value = source && typeof source === 'object' ? (source as Body)[name] : undefined;
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

/** A posted value that may repeat (checkboxes) as a list of strings. */
function stringsOf(source: unknown, name: string): string[] {
  const value = source && typeof source === 'object' ? (source as Body)[name] : undefined;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

const oneOf = (allowed: readonly string[], value: string) => (allowed.includes(value) ? value : '');

/** Where a successful action sends the person: back to the signal, to the part of the page they used. */
const signalUrl = (id: string, done?: string, anchor?: string) => `/staff/signals/${encodeURIComponent(id)}${done ? `?klart=${done}` : ''}${anchor ? `#${anchor}` : ''}`;

/** The triage workspace: the queue, the signal page with its actions, and logging contacts by staff. */
export async function triageRoutes(app: FastifyInstance, { db, config }: AppContext, classifier: SignalClassifier): Promise<void> {
  const departmentsByCode = async () => new Map((await findDepartments(db)).map((d) => [d.code, d.name]));

  // ---- the queue ----

  app.get('/staff/synpunkter', { preHandler: requireStaff('signal.triage') }, async (request, reply) =>
    sendHtml(reply, <FeedbackPage staff={requireSignedIn(request)} summaries={await summariseServiceFeedback(db)} />),
  );

  app.get('/staff/triage', { preHandler: requireStaff('signal.triage') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const q = request.query;
    const isNational = scopeOf(staff, 'signal.triage') === 'national';
    const departments = await findDepartments(db);
    const form: QueueForm = {
      avdelning: isNational ? stringOf(q, 'avdelning') : (staff.department ?? ''),
      kanal: oneOf(SIGNAL_CHANNELS, stringOf(q, 'kanal')),
      bradska: oneOf(['acute', 'high', 'normal'], stringOf(q, 'bradska')),
      risk: oneOf(Object.keys(RISK_AREAS), stringOf(q, 'risk')),
      verksamhet: stringOf(q, 'verksamhet').trim().slice(0, MAX_QUERY),
      kommun: /^\d{4}$/.test(stringOf(q, 'kommun')) ? stringOf(q, 'kommun') : '',
      status: oneOf(['open', 'all', ...TRIAGE_STATUSES], stringOf(q, 'status')) || 'open',
      tilldelad: oneOf(['me', 'unassigned'], stringOf(q, 'tilldelad')),
    };
    let department: DepartmentScope;
    if (!isNational) department = { kind: 'code', code: staff.department! };
    else if (form.avdelning === 'ingen') department = { kind: 'none' };
    else if (departments.some((d) => d.code === form.avdelning)) department = { kind: 'code', code: form.avdelning };
    else {
      department = { kind: 'all' };
      form.avdelning = '';
    }
    const filter: QueueFilter = {
      department,
      channel: form.kanal || undefined,
      urgency: form.bradska || undefined,
      riskArea: form.risk || undefined,
      unit: form.verksamhet || undefined,
      kommun: form.kommun || undefined,
      status: form.status as QueueFilter['status'],
      assigned: (form.tilldelad || undefined) as QueueFilter['assigned'],
      me: staff.subject,
    };
    // Risk alerts carry scores and the model's reasons: only for those who may see the risk analysis, and only
    // as far as they may see it (a registrar who is also an inspector triages nationally but reads the risk
    // analysis of their own department).
    const riskScope = scopeOf(staff, 'risk.read');
    const alertScope = riskScope === 'department' ? { kind: 'code' as const, code: staff.department! } : department;
    const noAlerts = { rows: [], total: 0 };
    const [queue, municipalities, alerts] = await Promise.all([
      findTriageQueue(db, filter), findMunicipalities(db, department.kind === 'code' ? department.code : undefined), riskScope ? findOpenAlerts(db, alertScope, { kommun: filter.kommun }) : noAlerts,
    ]);
    const assigneeNames = await findStaffNames(db, [...queue.rows.map((r) => r.assigned_to), ...alerts.rows.map((a) => a.handled_by)]);
    const movedId = stringOf(q, 'flyttad');
    // After taking or closing an alert: which one, to say so above the list.
    const changedId = /^\d{1,15}$/.test(stringOf(q, 'larm')) ? Number(stringOf(q, 'larm')) : undefined;
    const changedStatus = stringOf(q, 'larmstatus');
    const changedAlert = riskScope && changedId !== undefined && (changedStatus === 'new' || changedStatus === 'in_progress' || changedStatus === 'done') ? await findChangedAlert(db, changedId, staff) : undefined;
    const movedTo = departments.find((d) => d.code === stringOf(q, 'till'));
    return sendHtml(
      reply,
      <QueuePage
        staff={staff}
        form={form}
        departments={isNational ? departments : null}
        departmentName={department.kind === 'code' ? (departments.find((d) => d.code === department.code)?.name ?? null) : null}
        municipalities={municipalities}
        rows={queue.rows}
        total={queue.total}
        assigneeNames={assigneeNames}
        canLog={hasPermission(staff, 'signal.log')}
        alerts={alerts}
        changedAlert={changedAlert ? { ...changedAlert, status: changedStatus as 'new' | 'in_progress' | 'done' } : undefined}
        returnTo={request.url}
        moved={movedId && movedTo ? { signalId: movedId.slice(0, 40), departmentName: movedTo.name } : undefined}
      />,
    );
  });

  // ---- logging a contact or another authority's signal ----

  const readStaffSignalForm = (body: unknown): StaffSignalForm =>
    Object.fromEntries(STAFF_SIGNAL_FIELDS.map((name) => [name, stringOf(body, name).slice(0, 25_000)])) as StaffSignalForm;

  const newSignalPage = async (reply: FastifyReply, staff: StaffUser, form: StaffSignalForm, options: { errors?: FieldError[]; hits?: Awaited<ReturnType<typeof searchUnits>> | null; status?: number; registered?: { signalId: string; departmentName: string | null } } = {}) =>
    sendHtml(
      reply,
      <NewSignalPage staff={staff} form={form} errors={options.errors ?? []} municipalities={await findMunicipalities(db)} hits={options.hits ?? null} registered={options.registered} />,
      options.status ?? 200,
    );

  app.get('/staff/signals/new', { preHandler: requireStaff('signal.log') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const registeredId = stringOf(request.query, 'registrerad').slice(0, 40);
    const departmentCode = stringOf(request.query, 'avdelning');
    const registered = registeredId ? { signalId: registeredId, departmentName: (await departmentsByCode()).get(departmentCode) ?? null } : undefined;
    return newSignalPage(reply, staff, EMPTY_STAFF_SIGNAL_FORM, { registered });
  });

  app.post('/staff/signals/new', { preHandler: requireStaff('signal.log') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const form = readStaffSignalForm(request.body);
    if (stringOf(request.body, 'action') === 'search') {
      const query = form.unitQuery.trim().slice(0, MAX_QUERY);
      if (!query) return newSignalPage(reply, staff, form, { errors: [{ field: 'unitQuery', message: 'Skriv namnet på verksamheten du söker' }], status: 400 });
      return newSignalPage(reply, staff, { ...form, unitId: '' }, { hits: await searchUnits(db, query, 20) });
    }
    try {
      const received = await logStaffSignal(db, { staff, form, classifier, publicUrl: config.publicUrl });
      if (received.urgency === 'acute') kickOutbox();
      if (canInDepartment(staff, 'signal.triage', received.departmentCode)) return reply.redirect(signalUrl(received.id, 'registrerad'), 303);
      return reply.redirect(`/staff/signals/new?registrerad=${encodeURIComponent(received.id)}&avdelning=${encodeURIComponent(received.departmentCode ?? '')}`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      return newSignalPage(reply, staff, form, { errors: error.fields, status: 400 });
    }
  });

  // ---- the signal page ----

  /** The matcher's candidates for a signal not linked by a person, best first, as one-click choices. */
  const suggestionsFor = async (s: Pick<TriageSignal['signal'], 'unit_hint' | 'unit_match' | 'unit_id'>): Promise<SuggestedUnit[]> => {
    if (s.unit_match === 'given' || s.unit_match === 'manual') return [];
    const raw = (s.unit_hint as { suggestions?: unknown } | null)?.suggestions;
    const candidates = (Array.isArray(raw) ? raw : [])
      .filter((c): c is { unitId: string; confidence: number } => !!c && typeof c.unitId === 'string' && typeof c.confidence === 'number')
      .filter((c) => c.unitId !== s.unit_id)
      .slice(0, 5);
    const units = new Map((await findUnitsByIds(db, candidates.map((c) => c.unitId))).map((u) => [u.id, u]));
    return candidates.flatMap((c) => {
      const unit = units.get(c.unitId);
      return unit ? [{ id: unit.id, name: unit.name, kommun_name: unit.kommun_name, provider_name: unit.provider_name, confidence: c.confidence }] : [];
    });
  };

  const signalPage = async (request: FastifyRequest<SignalParams>, reply: FastifyReply, options: { errors?: FieldError[]; values?: SignalFormValues; done?: string; status?: number } = {}) => {
    const staff = requireSignedIn(request);
    const data = await readSignalForTriage(db, { signalId: request.params.id, staff });
    const correction = (data.signal.classification as { correction?: { by?: string } } | null)?.correction;
    const [suggestions, assignees, names] = await Promise.all([
      suggestionsFor(data.signal),
      findPossibleAssignees(db, data.departmentCode),
      findStaffNames(db, [data.signal.assigned_to, ...data.notes.map((n) => n.author), ...data.messages.map((m) => m.author), correction?.by ?? null]),
    ]);
    return sendHtml(
      reply,
      <SignalPage staff={staff} data={data} suggestions={suggestions} assignees={assignees} names={names} errors={options.errors} values={options.values} done={options.done} />,
      options.status ?? 200,
    );
  };

  app.get<SignalParams>('/staff/signals/:id', { preHandler: requireStaff('signal.triage') }, async (request, reply) =>
    signalPage(request, reply, { done: stringOf(request.query, 'klart') || undefined }),
  );

  app.get<SignalParams & { Params: { attachmentId: string } }>('/staff/signals/:id/bilagor/:attachmentId', { preHandler: requireStaff('signal.triage'), compress: false }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const attachmentId = Number(request.params.attachmentId);
    if (!Number.isSafeInteger(attachmentId) || attachmentId <= 0) throw AppError.notFound(`attachment ${request.params.attachmentId}`);
    const attachment = await readSignalAttachment(db, { signalId: request.params.id, attachmentId, staff });
    const mediaType = /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/i.test(attachment.media_type) ? attachment.media_type : 'application/octet-stream';
    const asciiName = attachment.file_name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply
      .header('content-type', mediaType)
      .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(attachment.file_name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(Buffer.from(attachment.content));
  });

  app.get<SignalParams>('/staff/signals/:id/verksamhet', { preHandler: requireStaff('signal.triage') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    await requireTriageAccess(db, staff, request.params.id);
    const query = stringOf(request.query, 'q').trim().slice(0, MAX_QUERY);
    const suggestions = await suggestionsFor((await findUnitLink(db, request.params.id))!);
    return sendHtml(reply, <LinkUnitPage staff={staff} signalId={request.params.id} query={query} hits={query ? await searchUnits(db, query) : null} suggestions={suggestions} />);
  });

  // ---- actions: each a CSRF-checked POST (see platform/auth), one transaction with its audit row ----

  const action = (
    path: string,
    run: (staff: StaffUser, signalId: string, body: unknown) => Promise<string | void>,
    done: string,
    anchor: string,
    values: (body: unknown) => SignalFormValues,
  ) =>
    app.post<SignalParams>(`/staff/signals/:id/${path}`, { preHandler: requireStaff('signal.triage') }, async (request, reply) => {
      const staff = requireSignedIn(request);
      try {
        const target = await run(staff, request.params.id, request.body);
        return reply.redirect(target ?? signalUrl(request.params.id, done, anchor), 303);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'validation_failed') throw error;
        return signalPage(request, reply, { errors: error.fields, values: values(request.body), status: 400 });
      }
    });

  action(
    'tilldela',
    async (staff, signalId, body) => {
      const raw = stringOf(body, 'assignee').trim();
      await assignSignal(db, { signalId, staff, assignee: raw === 'me' ? staff.subject : raw || null });
    },
    'tilldelad',
    'handlaggning',
    (body) => ({ assignee: stringOf(body, 'assignee') }),
  );

  action('status', (staff, signalId, body) => setSignalStatus(db, { signalId, staff, status: stringOf(body, 'status') }), 'status', 'handlaggning', (body) => ({ status: stringOf(body, 'status') }));

  action('anteckningar', (staff, signalId, body) => addSignalNote(db, { signalId, staff, body: stringOf(body, 'note') }), 'anteckning', 'anteckningar', (body) => ({ note: stringOf(body, 'note') }));

  action(
    'verksamhet',
    async (staff, signalId, body) => {
      const linked = await linkSignalToUnit(db, { signalId, staff, unitId: stringOf(body, 'unitId') });
      // Linked to a unit of another department: the signal has left this person's queue.
      if (!canInDepartment(staff, 'signal.triage', linked.departmentCode)) {
        return `/staff/triage?flyttad=${encodeURIComponent(signalId)}&till=${encodeURIComponent(linked.departmentCode)}`;
      }
    },
    'verksamhet',
    'handlaggning',
    () => ({}),
  );

  action('arende', (staff, signalId, body) => linkSignalToCase(db, { signalId, staff, caseRef: stringOf(body, 'caseRef') }), 'arende', 'handlaggning', (body) => ({ caseRef: stringOf(body, 'caseRef') }));

  action(
    'klassning',
    async (staff, signalId, body) => {
      const example = await correctSignalClassification(db, { signalId, staff, riskAreas: stringsOf(body, 'riskAreas'), urgency: stringOf(body, 'urgency') });
      classifier.learn?.(example);
    },
    'klassning',
    'klassning',
    (body) => ({ riskAreas: stringsOf(body, 'riskAreas'), urgency: stringOf(body, 'urgency') }),
  );

  action('meddelanden', (staff, signalId, body) => sendMessageToSender(db, { signalId, staff, body: stringOf(body, 'message') }), 'meddelande', 'meddelanden', (body) => ({ message: stringOf(body, 'message') }));
}
