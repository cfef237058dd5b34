// The diarium's SQL: what the case overview, the document page and the public diarium read.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';

type Queryable = Db | Transaction<Database>;

export async function findCaseMembers(db: Queryable, caseId: number) {
  return db
    .selectFrom('case_member')
    .select(['subject', 'name', 'role', 'added_at', 'added_by'])
    .where('case_id', '=', caseId)
    .orderBy(sql`CASE role WHEN 'responsible' THEN 0 WHEN 'decision_maker' THEN 1 ELSE 2 END`)
    .orderBy('name')
    .execute();
}
export type CaseMember = Awaited<ReturnType<typeof findCaseMembers>>[number];

export async function findCaseSignals(db: Queryable, caseId: number) {
  return db
    .selectFrom('case_signal as cs')
    .innerJoin('signal as s', 's.id', 'cs.signal_id')
    .select(['s.id', 's.channel', 's.received_at', 's.urgency', 's.department_code', 'cs.linked_at', 'cs.linked_by'])
    .where('cs.case_id', '=', caseId)
    .orderBy('s.received_at')
    .execute();
}
export type CaseSignal = Awaited<ReturnType<typeof findCaseSignals>>[number];

/** The documents of a case in number order, each with its file versions (without their content). */
export async function findCaseDocuments(db: Queryable, caseIds: number[]) {
  if (caseIds.length === 0) return [];
  const documents = await db
    .selectFrom('case_document')
    .select(['id', 'case_id', 'document_number', 'direction', 'document_date', 'registered_at', 'counterpart', 'subject', 'secrecy', 'secrecy_reference', 'registered_by', 'kind'])
    .where('case_id', 'in', caseIds)
    .orderBy('case_id')
    .orderBy('document_number')
    .execute();
  const versions = documents.length
    ? await db
        .selectFrom('case_document_version')
        .select(['document_id', 'version', 'filename', 'media_type', 'size', 'sha256', 'uploaded_by', 'uploaded_at'])
        .where('document_id', 'in', documents.map((d) => d.id))
        .orderBy('document_id')
        .orderBy('version')
        .execute()
    : [];
  return documents.map((d) => ({ ...d, versions: versions.filter((v) => v.document_id === d.id) }));
}
export type CaseDocument = Awaited<ReturnType<typeof findCaseDocuments>>[number];

export async function findCaseNotes(db: Queryable, caseId: number) {
  return db.selectFrom('case_note').select(['id', 'author', 'author_name', 'body', 'created_at']).where('case_id', '=', caseId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}
export type CaseNote = Awaited<ReturnType<typeof findCaseNotes>>[number];

export async function findCaseExtra(db: Queryable, caseId: number) {
  const row = await db.selectFrom('case_file').select(['extra', 'created_by']).where('id', '=', caseId).executeTakeFirst();
  return row ?? null;
}

/** Staff as far as Vaka knows them: the active people of the staff directory (see platform/auth). */
export { findStaffDirectory } from '../../../platform/auth/index.ts';

/** A unit with what opening a case needs: its department (from its kommun's län) and its form. */
export async function findUnitForCase(db: Queryable, unitId: string) {
  return db
    .selectFrom('unit as u')
    .innerJoin('provider as p', 'p.id', 'u.provider_id')
    .leftJoin('municipality as m', 'm.code', 'u.kommun')
    .leftJoin('county as c', 'c.code', 'm.county_code')
    .select(['u.id', 'u.name', 'u.form', 'u.closed', 'm.name as kommun_name', 'p.name as provider_name', 'c.department_code'])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
}
export type UnitForCase = NonNullable<Awaited<ReturnType<typeof findUnitForCase>>>;

/** Signals as opening or linking needs them: channel, department, case reference (nothing of their content). */
export async function findSignalsForCase(db: Queryable, signalIds: string[]) {
  if (signalIds.length === 0) return [];
  return db.selectFrom('signal').select(['id', 'channel', 'received_at', 'department_code', 'unit_id', 'case_ref']).where('id', 'in', signalIds).execute();
}
export type SignalForCase = Awaited<ReturnType<typeof findSignalsForCase>>[number];

export async function findDepartments(db: Queryable) {
  return db.selectFrom('department').select(['code', 'name']).orderBy('name').execute();
}

export async function findCaseIdByDiarienummer(db: Queryable, diarienummer: string) {
  return (await db.selectFrom('case_file').select('id').where('diarienummer', '=', diarienummer).executeTakeFirst())?.id ?? null;
}

/** A case as the public diarium shows it: nothing but public facts. */
export async function findPublicCase(db: Queryable, diarienummer: string) {
  return db
    .selectFrom('case_file as c')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .leftJoin('municipality as m', 'm.code', 'u.kommun')
    .leftJoin('provider as p', 'p.id', 'c.provider_id')
    .select([
      'c.id', 'c.diarienummer', 'c.title', 'c.case_type', 'c.status', 'c.opened_at', 'c.closed_at', 'c.department_code',
      'u.name as unit_name', 'm.name as kommun_name', 'p.name as provider_name',
    ])
    .where('c.diarienummer', '=', diarienummer)
    .executeTakeFirst();
}
export type PublicCase = NonNullable<Awaited<ReturnType<typeof findPublicCase>>>;

/** One document's version with its content, for a download. */
export async function findDocumentVersion(db: Queryable, documentId: number, version: number) {
  return db
    .selectFrom('case_document_version')
    .select(['document_id', 'version', 'filename', 'media_type', 'size', 'sha256', 'content'])
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/**
 * Documents as the public diarium shows them. The counterpart leaves the database only for public documents;
 * secret and partly secret ones give their marking and legal reference, never their counterpart or file.
 */
export async function findPublicDocuments(db: Queryable, caseIds: number[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_document')
    .select(['case_id', 'document_number', 'direction', 'document_date', 'subject', 'secrecy', 'secrecy_reference'])
    .select(sql<string | null>`CASE WHEN secrecy = 'public' THEN counterpart END`.as('counterpart'))
    .where('case_id', 'in', caseIds)
    .orderBy('case_id')
    .orderBy('document_number')
    .execute();
}
export type PublicDocument = Awaited<ReturnType<typeof findPublicDocuments>>[number];
