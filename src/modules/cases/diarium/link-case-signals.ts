// Linking signals to a case: each becomes a registered incoming document of the case (secret: what a signal
// says about people is), the signal points at the case, and the triage of it is done.
import type { Transaction } from 'kysely';
import { canInDepartment } from '../../../platform/auth/index.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { CaseViewer } from '../access.ts';
import { CASE_TYPE_LABELS, CASE_TYPE_OF_CHANNEL } from '../open-case.ts';
import { registerDocument, secrecyReferenceForForm } from '../register-document.ts';
import { actorOf, signalIdsOf, withCaseAccess } from './case-access.ts';
import { findSignalsForCase, type SignalForCase } from './repository.ts';

export const MAX_SIGNALS_AT_ONCE = 20;

/**
 * Which of the signals may go into a case of this department: they exist for the person (a signal of a
 * department they cannot read is "not found"), belong to the case's department, and no other case has them.
 */
export async function checkSignalsForCase(
  db: Db | Transaction<Database>,
  staff: CaseViewer,
  signalIds: string[],
  departmentCode: string | null,
  field = 'signalIds',
): Promise<{ signals: SignalForCase[]; errors: FieldError[] }> {
  if (signalIds.length > MAX_SIGNALS_AT_ONCE) return { signals: [], errors: [{ field, message: `Koppla högst ${MAX_SIGNALS_AT_ONCE} signaler åt gången` }] };
  if (signalIds.some((id) => id.length > 60)) return { signals: [], errors: [{ field, message: 'Ett signal-id är för långt' }] };
  const found = new Map((await findSignalsForCase(db, signalIds)).map((s) => [s.id, s]));
  const errors: FieldError[] = [];
  const signals: SignalForCase[] = [];
  for (const id of signalIds) {
    const signal = found.get(id);
    if (!signal || !canInDepartment(staff, 'case.read', signal.department_code)) errors.push({ field, message: `Signalen ${id} finns inte` });
    else if (signal.case_ref) errors.push({ field, message: `Signalen ${id} hör redan till ärende ${signal.case_ref}` });
    else if (signal.department_code && departmentCode && signal.department_code !== departmentCode) errors.push({ field, message: `Signalen ${id} hör till en annan avdelning än ärendet` });
    else signals.push(signal);
  }
  return { signals, errors };
}

/** The subject an incoming signal is registered under: its kind, never anything of its content. */
export function signalDocumentSubject(signal: Pick<SignalForCase, 'id' | 'channel'>): string {
  const type = CASE_TYPE_OF_CHANNEL[signal.channel] ?? 'complaint';
  return `${CASE_TYPE_LABELS[type] ?? 'Signal'}: inkommen uppgift (signal ${signal.id})`;
}

/** Links more signals to a case, by id. */
export async function linkSignalsToCase(db: Db, { staff, caseId, raw }: { staff: CaseViewer; caseId: number; raw: string }): Promise<number> {
  const signalIds = signalIdsOf(raw);
  return withCaseAccess(db, staff, caseId, ['canWork', 'canRegister'], 'link signals', async (trx, access) => {
    if (signalIds.length === 0) throw AppError.validation([{ field: 'signalId', message: 'Skriv signalens id' }]);
    const unit = await trx
      .selectFrom('case_file as c')
      .leftJoin('unit as u', 'u.id', 'c.unit_id')
      .select(['c.diarienummer', 'u.form'])
      .where('c.id', '=', caseId)
      .forUpdate('c')
      .executeTakeFirstOrThrow();
    // Locked, so two people linking the same signal to two cases cannot both succeed.
    await trx.selectFrom('signal').select('id').where('id', 'in', signalIds).forUpdate().execute();
    const { signals, errors } = await checkSignalsForCase(trx, staff, signalIds, access.departmentCode, 'signalId');
    if (errors.length > 0) throw AppError.validation(errors.map((e) => ({ ...e, field: 'signalId' })));
    for (const signal of signals) {
      await trx.insertInto('case_signal').values({ case_id: caseId, signal_id: signal.id, linked_by: staff.subject }).execute();
      await trx.updateTable('signal').set({ case_ref: unit.diarienummer, triage_status: 'done' }).where('id', '=', signal.id).execute();
      await registerDocument(trx, {
        caseId,
        direction: 'incoming',
        documentDate: new Date(signal.received_at).toISOString().slice(0, 10),
        counterpart: null,
        subject: signalDocumentSubject(signal),
        secrecy: 'secret',
        secrecyReference: secrecyReferenceForForm(unit.form),
        kind: 'signal',
        registeredBy: staff.subject,
      });
    }
    await recordAudit(trx, { actor: actorOf(staff), action: 'case.link_signals', entityType: 'case', entityId: String(caseId), details: { signals: signals.map((s) => s.id) } });
    return signals.length;
  });
}
