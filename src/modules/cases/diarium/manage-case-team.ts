// The case team: who works on the case and may see its secret documents. The responsible officer is always a
// member; adding, removing and changing the responsible officer is each one transaction with its audit row.
import { canInDepartment } from '../../../platform/auth/index.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import type { CaseViewer } from '../access.ts';
import { actorOf, findStaffWith, withCaseAccess } from './case-access.ts';

type TeamChange = { staff: CaseViewer & { name: string }; caseId: number; subject: string };

/** Adds a colleague who may read the department's cases to the team. */
export async function addCaseMember(db: Db, { staff, caseId, subject }: TeamChange): Promise<void> {
  await withCaseAccess(db, staff, caseId, ['canWork'], 'add team member', async (trx, access) => {
    if (!subject.trim()) throw AppError.validation([{ field: 'member', message: 'Välj vem som ska med i ärendelaget' }]);
    const person = subject === staff.subject ? { subject: staff.subject, name: staff.name } : (await findStaffWith(trx, 'case.read', access.departmentCode)).find((p) => p.subject === subject);
    if (!person) throw AppError.validation([{ field: 'member', message: 'Välj en medarbetare som får läsa ärenden på ärendets avdelning' }]);
    const existing = await trx.selectFrom('case_member').select('subject').where('case_id', '=', caseId).where('subject', '=', person.subject).executeTakeFirst();
    if (existing) throw AppError.validation([{ field: 'member', message: `${person.name} är redan med i ärendelaget` }]);
    await trx.insertInto('case_member').values({ case_id: caseId, subject: person.subject, name: person.name, role: 'member', added_by: staff.subject }).execute();
    await recordAudit(trx, { actor: actorOf(staff), action: 'case.team_add', entityType: 'case', entityId: String(caseId), details: { member: person.subject } });
  });
}

/** Removes a member; the responsible officer stays until someone else is made responsible. */
export async function removeCaseMember(db: Db, { staff, caseId, subject }: TeamChange): Promise<void> {
  await withCaseAccess(db, staff, caseId, ['canWork'], 'remove team member', async (trx) => {
    const member = await trx.selectFrom('case_member').select(['subject', 'name', 'role']).where('case_id', '=', caseId).where('subject', '=', subject).executeTakeFirst();
    if (!member) throw AppError.validation([{ field: 'member', message: 'Personen är inte med i ärendelaget' }]);
    if (member.role === 'responsible') throw AppError.validation([{ field: 'member', message: `${member.name} är ansvarig handläggare. Utse en annan ansvarig först.` }]);
    await trx.deleteFrom('case_member').where('case_id', '=', caseId).where('subject', '=', subject).execute();
    await recordAudit(trx, { actor: actorOf(staff), action: 'case.team_remove', entityType: 'case', entityId: String(caseId), details: { member: subject } });
  });
}

/** Makes someone who may investigate the department's cases the responsible officer; the former one stays in the team. */
export async function setCaseResponsible(db: Db, { staff, caseId, subject }: TeamChange): Promise<void> {
  await withCaseAccess(db, staff, caseId, ['canWork'], 'change responsible', async (trx, access) => {
    if (!subject.trim()) throw AppError.validation([{ field: 'responsible', message: 'Välj en ansvarig handläggare' }]);
    const person =
      subject === staff.subject && canInDepartment(staff, 'case.work', access.departmentCode)
        ? { subject: staff.subject, name: staff.name }
        : (await findStaffWith(trx, 'case.work', access.departmentCode)).find((p) => p.subject === subject);
    if (!person) throw AppError.validation([{ field: 'responsible', message: 'Välj en handläggare som får utreda ärenden på ärendets avdelning' }]);
    const before = await trx.selectFrom('case_file').select(['responsible']).where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
    if (before.responsible === person.subject) throw AppError.validation([{ field: 'responsible', message: `${person.name} är redan ansvarig handläggare` }]);
    await trx.updateTable('case_file').set({ responsible: person.subject, responsible_name: person.name }).where('id', '=', caseId).execute();
    await trx.updateTable('case_member').set({ role: 'member' }).where('case_id', '=', caseId).where('role', '=', 'responsible').execute();
    await trx
      .insertInto('case_member')
      .values({ case_id: caseId, subject: person.subject, name: person.name, role: 'responsible', added_by: staff.subject })
      .onConflict((oc) => oc.columns(['case_id', 'subject']).doUpdateSet({ role: 'responsible' }))
      .execute();
    await recordAudit(trx, { actor: actorOf(staff), action: 'case.responsible', entityType: 'case', entityId: String(caseId), details: { from: before.responsible, to: person.subject } });
  });
}
