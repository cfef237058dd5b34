// Opening a case: a diarienummer, the case row, its team, its linked signals (each registered as an incoming
// document) and the audit row, all in one transaction, so a failure leaves neither a case nor a used number.
import type { Db } from '../../platform/db/database.ts';
import { CASE_TYPES, type CaseType } from '../../platform/db/schema.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { CASE_CLASSES, formatDiarienummer, takeDiariumNumber, DIARIUM_SERIES } from './diarium.ts';
import { registerDocument, secrecyReferenceForForm } from './register-document.ts';
import { isCalendarDate, swedishYear } from '../../platform/dates.ts';

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  complaint: 'Klagomål',
  lex_maria: 'Lex Maria',
  lex_sarah: 'Lex Sarah',
  own_initiative: 'Egeninitierad tillsyn',
  government_assignment: 'Regeringsuppdrag',
  permit_application: 'Tillståndsansökan',
  register_notification: 'Anmälan till vårdgivarregistret',
  fee: 'Avgift',
  public_documents: 'Begäran om allmän handling',
  journal_custody: 'Journalförvaring',
  unexecuted_decision: 'Ej verkställt beslut',
};

/** Signal channels and the case type a signal of that channel opens by default. */
export const CASE_TYPE_OF_CHANNEL: Record<string, CaseType> = {
  complaint: 'complaint',
  lex_maria: 'lex_maria',
  lex_sarah: 'lex_sarah',
  unexecuted_decision: 'unexecuted_decision',
};

export interface OpenCaseInput {
  caseType: string;
  /** The public heading: what the case is about, without personal data. */
  title: string;
  unitId?: string | null;
  providerId?: string | null;
  /** Taken from the unit's län when a unit is given. */
  departmentCode?: string | null;
  signalIds?: string[];
  responsible?: { subject: string; name: string } | null;
  dueOn?: string | null;
}

export interface OpenedCase {
  id: number;
  diarienummer: string;
}

const PERSONNUMMER = /\b(19|20)?\d{6}[-+]?\d{4}\b/;

export function checkOpenCaseInput(input: OpenCaseInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!(CASE_TYPES as readonly string[]).includes(input.caseType)) errors.push({ field: 'caseType', message: 'Välj en ärendetyp' });
  const title = input.title.trim();
  if (title.length === 0) errors.push({ field: 'title', message: 'Skriv en ärendemening: vad ärendet gäller' });
  else if (title.length > 300) errors.push({ field: 'title', message: 'Ärendemeningen får vara högst 300 tecken' });
  else if (PERSONNUMMER.test(title)) errors.push({ field: 'title', message: 'Ärendemeningen är offentlig: skriv den utan personnummer' });
  if (input.dueOn && !isCalendarDate(input.dueOn)) {
    errors.push({ field: 'dueOn', message: 'Skriv datumet som ÅÅÅÅ-MM-DD' });
  }
  return errors;
}

export async function openCase(
  db: Db,
  deps: { diariumTemplate: string; actor: { subject: string; name: string }; now?: Date },
  input: OpenCaseInput,
): Promise<OpenedCase> {
  const errors = checkOpenCaseInput(input);
  if (errors.length > 0) throw AppError.validation(errors);
  const caseType = input.caseType as CaseType;
  const now = deps.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    let unit: { id: string; provider_id: string; form: string; department_code: string | null } | undefined;
    if (input.unitId) {
      unit = await trx
        .selectFrom('unit as u')
        .leftJoin('municipality as m', 'm.code', 'u.kommun')
        .leftJoin('county as c', 'c.code', 'm.county_code')
        .select(['u.id', 'u.provider_id', 'u.form', 'c.department_code'])
        .where('u.id', '=', input.unitId)
        .executeTakeFirst();
      if (!unit) throw AppError.validation([{ field: 'unitId', message: 'Verksamheten finns inte i registret' }]);
    }
    const providerId = input.providerId ?? unit?.provider_id ?? null;
    if (providerId && !(await trx.selectFrom('provider').select('id').where('id', '=', providerId).executeTakeFirst())) {
      throw AppError.validation([{ field: 'providerId', message: 'Vårdgivaren eller huvudmannen finns inte i registret' }]);
    }
    const departmentCode = unit?.department_code ?? input.departmentCode ?? null;
    if (departmentCode && !(await trx.selectFrom('department').select('code').where('code', '=', departmentCode).executeTakeFirst())) {
      throw AppError.validation([{ field: 'departmentCode', message: 'Avdelningen finns inte' }]);
    }

    const signalIds = [...new Set(input.signalIds ?? [])];
    const signals = signalIds.length
      ? await trx.selectFrom('signal').select(['id', 'channel', 'received_at', 'case_ref', 'unit_id']).where('id', 'in', signalIds).forUpdate().execute()
      : [];
    if (signals.length !== signalIds.length) throw AppError.validation([{ field: 'signalIds', message: 'Signalen finns inte' }]);
    const taken = signals.find((s) => s.case_ref);
    if (taken) throw AppError.validation([{ field: 'signalIds', message: `Signalen hör redan till ärende ${taken.case_ref}` }]);

    const year = swedishYear(now);
    const number = await takeDiariumNumber(trx, year);
    const diariumClass = CASE_CLASSES[caseType];
    const diarienummer = formatDiarienummer(deps.diariumTemplate, { class: diariumClass, number, year });
    const created = await trx
      .insertInto('case_file')
      .values({
        diarienummer,
        diarium_class: diariumClass,
        diarium_series: DIARIUM_SERIES,
        diarium_year: year,
        diarium_number: number,
        case_type: caseType,
        title: input.title.trim(),
        status: 'open',
        department_code: departmentCode,
        unit_id: unit?.id ?? null,
        provider_id: providerId,
        responsible: input.responsible?.subject ?? null,
        responsible_name: input.responsible?.name ?? null,
        due_on: input.dueOn || null,
        opened_at: now,
        created_by: deps.actor.subject,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.responsible) {
      await trx.insertInto('case_member').values({ case_id: created.id, subject: input.responsible.subject, name: input.responsible.name, role: 'responsible', added_by: deps.actor.subject }).execute();
    }
    for (const signal of signals) {
      await trx.insertInto('case_signal').values({ case_id: created.id, signal_id: signal.id, linked_by: deps.actor.subject }).execute();
      await trx.updateTable('signal').set({ case_ref: diarienummer, triage_status: 'done' }).where('id', '=', signal.id).execute();
      // What the signal says about people is secret; the diarium shows that a document came in, and when.
      await registerDocument(trx, {
        caseId: created.id,
        direction: 'incoming',
        documentDate: new Date(signal.received_at).toISOString().slice(0, 10),
        counterpart: null,
        subject: `${CASE_TYPE_LABELS[CASE_TYPE_OF_CHANNEL[signal.channel] ?? 'complaint'] ?? 'Signal'}: inkommen uppgift (signal ${signal.id})`,
        secrecy: 'secret',
        secrecyReference: secrecyReferenceForForm(unit?.form),
        kind: 'signal',
        registeredBy: deps.actor.subject,
      });
    }
    await recordAudit(trx, {
      actor: `staff:${deps.actor.subject}`, action: 'case.open', entityType: 'case', entityId: String(created.id),
      details: { diarienummer, caseType, unitId: unit?.id ?? null, signals: signalIds },
    });
    return { id: created.id, diarienummer };
  });
}
