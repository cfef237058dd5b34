import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import { assertCanInDepartment, canInDepartment, requireStaff, requireSignedIn } from '../../../platform/auth/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, isAppError } from '../../../platform/errors.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { CORRECTABLE_FIELD_NAMES, correctUnit, type CorrectionForm } from './correct-unit.ts';
import { checkNotificationTiming } from './notification-rules.ts';
import { CorrectionPage } from './pages/correction-page.tsx';
import { PersonalDataPage } from './pages/personal-data-page.tsx';
import { UnitPage } from './pages/unit-page.tsx';
import {
  findMunicipalities,
  findNotifications,
  findPermitsWithHistory,
  findRecentSignals,
  findRegisterHistory,
  findSignalSummary,
  findUnitDetail,
} from './repository.ts';
import { revealSignalPersonalData } from './reveal-personal-data.ts';

type UnitParams = { Params: { id: string } };
type SignalParams = { Params: { id: string; signalId: string } };

/** Reads the posted form: every known field as a string, nothing else. */
function formFields<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(names.map((n) => [n, typeof source[n] === 'string' ? (source[n] as string) : ''])) as Record<K, string>;
}

const CORRECTION_FORM_FIELDS = [...CORRECTABLE_FIELD_NAMES, 'reason'] as const;

/** Staff pages of the register: the unit page, corrections, and audited reads of personal data. */
export async function registryStaffRoutes(app: FastifyInstance, { db }: AppContext): Promise<void> {
  const requireUnit = async (id: string) => {
    const unit = await findUnitDetail(db, id);
    if (!unit) throw AppError.notFound(`unit ${id}`);
    return unit;
  };

  app.get<UnitParams & { Querystring: { rattad?: string } }>('/staff/units/:id', { preHandler: requireStaff('register.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const unit = await requireUnit(request.params.id);
    const [permits, notifications, history, signals] = await Promise.all([
      findPermitsWithHistory(db, unit.id),
      findNotifications(db, unit.id, unit.provider_id),
      findRegisterHistory(db, unit.id),
      findRecentSignals(db, unit.id),
    ]);
    return sendHtml(
      reply,
      <UnitPage
        staff={staff}
        unit={unit}
        permits={permits}
        notifications={notifications.map((n) => ({ ...n, warning: checkNotificationTiming({ kind: n.kind, eventDate: n.event_date, receivedOn: n.received_on }) }))}
        history={history}
        signals={signals}
        canCorrect={canInDepartment(staff, 'register.correct', unit.department_code)}
        canReadPersonalData={canInDepartment(staff, 'personal_data.read', unit.department_code)}
        corrected={request.query.rattad === '1'}
      />,
    );
  });

  app.get<UnitParams>('/staff/units/:id/rattelse', { preHandler: requireStaff('register.correct') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const unit = await requireUnit(request.params.id);
    assertCanInDepartment(staff, 'register.correct', unit.department_code, `unit ${unit.id}`);
    const form = Object.fromEntries(CORRECTION_FORM_FIELDS.map((f) => [f, f === 'reason' ? '' : String(unit[f] ?? '')])) as CorrectionForm;
    return sendHtml(reply, <CorrectionPage staff={staff} unit={unit} form={form} municipalities={await findMunicipalities(db)} errors={[]} />);
  });

  app.post<UnitParams>('/staff/units/:id/rattelse', { preHandler: requireStaff('register.correct') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const form = formFields(request.body, CORRECTION_FORM_FIELDS);
    try {
      await correctUnit(db, { unitId: request.params.id, staff, form });
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      const unit = await requireUnit(request.params.id);
      return sendHtml(reply, <CorrectionPage staff={staff} unit={unit} form={form} municipalities={await findMunicipalities(db)} errors={error.fields} />, 400);
    }
    return reply.redirect(`/staff/units/${encodeURIComponent(request.params.id)}?rattad=1#historik`, 303);
  });

  const requireSignal = async (staff: ReturnType<typeof requireSignedIn>, unitId: string, signalId: string) => {
    const unit = await requireUnit(unitId);
    assertCanInDepartment(staff, 'personal_data.read', unit.department_code, `personal data of unit ${unitId}`);
    const signal = await findSignalSummary(db, unit.id, signalId);
    if (!signal?.has_personal_data) throw AppError.notFound(`personal data of signal ${signalId}`);
    return { unit, signal };
  };

  app.get<SignalParams>('/staff/units/:id/signals/:signalId/personuppgifter', { preHandler: requireStaff('personal_data.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const { unit, signal } = await requireSignal(staff, request.params.id, request.params.signalId);
    return sendHtml(reply, <PersonalDataPage staff={staff} unit={unit} signal={signal} />);
  });

  app.post<SignalParams>('/staff/units/:id/signals/:signalId/personuppgifter', { preHandler: requireStaff('personal_data.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const { unit, signal } = await requireSignal(staff, request.params.id, request.params.signalId);
    const { reason } = formFields(request.body, ['reason'] as const);
    try {
      const read = await revealSignalPersonalData(db, { unitId: unit.id, signalId: signal.id, staff, reason });
      return sendHtml(reply, <PersonalDataPage staff={staff} unit={unit} signal={signal} personnummer={read.personnummer ?? ''} reason={reason.trim()} />);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      return sendHtml(reply, <PersonalDataPage staff={staff} unit={unit} signal={signal} reason={reason} errors={error.fields} />, 400);
    }
  });
}
