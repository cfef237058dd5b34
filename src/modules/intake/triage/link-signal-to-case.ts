import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { caseRefFormatProblem, MAX_CASE_REF_LENGTH, normaliseCaseRef } from '../../../platform/text.ts';
import { actorOf, requireText, withTriageAccess, type Triager } from './access.ts';

/** Links a signal to an existing case by its diarienummer: the case must be in the diarium. */
export async function linkSignalToCase(db: Db, { signalId, staff, caseRef }: { signalId: string; staff: Triager; caseRef: string }): Promise<void> {
  const ref = normaliseCaseRef(requireText(caseRef, 'caseRef', 'ärendets diarienummer', MAX_CASE_REF_LENGTH));
  const problem = caseRefFormatProblem(ref);
  if (problem) throw AppError.validation([{ field: 'caseRef', message: problem }]);
  await withTriageAccess(db, staff, signalId, async (trx) => {
    const found = await trx.selectFrom('case_file').select('id').where('diarienummer', '=', ref).executeTakeFirst();
    if (!found) throw AppError.validation([{ field: 'caseRef', message: `Det finns inget ärende med diarienummer ${ref}` }]);
    const before = await trx.selectFrom('signal').select('case_ref').where('id', '=', signalId).executeTakeFirstOrThrow();
    await trx.updateTable('signal').set({ case_ref: ref }).where('id', '=', signalId).execute();
    await trx.deleteFrom('case_signal').where('signal_id', '=', signalId).where('case_id', '<>', found.id).execute();
    await trx.insertInto('case_signal').values({ case_id: found.id, signal_id: signalId, linked_by: staff.subject }).onConflict((oc) => oc.columns(['case_id', 'signal_id']).doNothing()).execute();
    await recordAudit(trx, { actor: actorOf(staff), action: 'signal.link_case', entityType: 'signal', entityId: signalId, details: { from: before.case_ref, to: ref } });
  });
}
