// The staff directory: the people the pickers offer (responsible officers, case teams, decision makers,
// assignees). The identity provider is the authority on who works here, but Vaka only hears from it at
// sign-in, so each sign-in writes the person's name, roles and department here, where they stay after the
// session ends. With the development identity provider its demo people are written at start, so a fresh demo
// offers all of them before anyone has signed in.
import type { ExpressionBuilder, OnConflictDatabase, OnConflictTables } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { DemoUser } from './demo-users.ts';
import { canInDepartment, isRole, type Permission, type Role } from './policy.ts';

export interface StaffIdentity {
  subject: string;
  name: string;
  email: string | null;
  roles: Role[];
  department: string | null;
}

/** Provider representatives sign in the same way but are not staff: they never enter the directory. */
export function isStaffIdentity(identity: Pick<StaffIdentity, 'roles'>): boolean {
  return identity.roles.length > 0 && !identity.roles.includes('provider_representative');
}

/** On a second write of a person: their name, e-mail, roles and department as just described. */
const describedAsNow = (eb: ExpressionBuilder<OnConflictDatabase<Database, 'staff_member'>, OnConflictTables<'staff_member'>>) => ({
  name: eb.ref('excluded.name'),
  email: eb.ref('excluded.email'),
  roles: eb.ref('excluded.roles'),
  department: eb.ref('excluded.department'),
});

/**
 * Records a sign-in: the person as the identity provider described them now. A sign-in also makes them active
 * again, since the identity provider has just vouched for them. Run it in the session's transaction.
 */
export async function recordStaffSignIn(db: Db, identity: StaffIdentity, now = new Date()): Promise<void> {
  if (!isStaffIdentity(identity)) return;
  const { subject, name, email, roles, department } = identity;
  await db
    .insertInto('staff_member')
    .values({ subject, name, email, roles, department, first_seen_at: now, last_seen_at: now, active: true })
    .onConflict((oc) =>
      oc.column('subject').doUpdateSet((eb) => ({ ...describedAsNow(eb), last_seen_at: eb.ref('excluded.last_seen_at'), active: true })),
    )
    .execute();
}

/**
 * Writes the development identity provider's staff into the directory (its provider representatives are left
 * out). Their details follow the demo list; when they last signed in and whether they are active are kept.
 */
export async function seedDemoStaff(db: Db, users: readonly DemoUser[]): Promise<number> {
  const staff = users.filter(isStaffIdentity);
  if (staff.length === 0) return 0;
  await db
    .insertInto('staff_member')
    .values(staff.map((u) => ({ subject: u.subject, name: u.name, email: u.email, roles: u.roles, department: u.department, last_seen_at: null })))
    .onConflict((oc) => oc.column('subject').doUpdateSet(describedAsNow))
    .execute();
  return staff.length;
}

/** The active members of staff with their roles and department, by subject. */
export async function findStaffDirectory(db: Db) {
  return db.selectFrom('staff_member').select(['subject', 'name', 'roles', 'department']).where('active', '=', true).orderBy('subject').execute();
}

/**
 * Active members of staff who may do all of `permissions` with something of the department (the person asking
 * included), by name in Swedish order: whom a case, a signal or an alert can be given to.
 */
export async function findStaffWhoMay(db: Db, permissions: readonly Permission[], departmentCode: string | null): Promise<{ subject: string; name: string; roles: Role[]; department: string | null }[]> {
  const directory = await findStaffDirectory(db);
  return directory
    .map((person) => ({ subject: person.subject, name: person.name, roles: person.roles.filter(isRole), department: person.department }))
    .filter((person) => permissions.every((permission) => canInDepartment(person, permission, departmentCode)))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/**
 * Display names of staff subjects, for author, assignee and decider columns (inactive people too: what they
 * did keeps their name); a subject the directory does not know is left out, so callers show the subject.
 */
export async function findStaffNames(db: Db, subjects: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(subjects.filter((s): s is string => !!s))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('staff_member').select(['subject', 'name']).where('subject', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.subject, r.name]));
}
