// Withdrawing an open request: the provider no longer has to answer it, and cannot.
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import type { CaseViewer } from '../access.ts';
import { staffActor, withCaseAccess } from './case-work.ts';

export async function withdrawRequest(db: Db, options: { caseId: number; requestId: number; staff: CaseViewer }): Promise<void> {
  const { caseId, requestId, staff } = options;
  await withCaseAccess(db, staff, caseId, ['canWork'], 'withdraw request', async (trx) => {
    const request = await trx.selectFrom('case_request').select(['id', 'status']).where('id', '=', requestId).where('case_id', '=', caseId).forUpdate().executeTakeFirst();
    if (!request) throw AppError.notFound(`request ${requestId} in case ${caseId}`);
    if (request.status !== 'open') {
      throw AppError.validation([{ field: `begaran-${requestId}`, message: request.status === 'answered' ? 'Begäran är redan besvarad och kan inte återkallas' : 'Begäran är redan återkallad' }]);
    }
    await trx.updateTable('case_request').set({ status: 'withdrawn' }).where('id', '=', requestId).execute();
    await recordAudit(trx, { actor: staffActor(staff), action: 'case.request_withdraw', entityType: 'case', entityId: String(caseId), details: { requestId } });
  });
}
