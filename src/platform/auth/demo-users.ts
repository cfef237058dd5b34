import type { Role } from './policy.ts';

/** The people of the development identity provider: one per role, and an inspector per department. */
export interface DemoUser {
  subject: string;
  name: string;
  email: string;
  roles: Role[];
  department: string | null;
  /** What the sign-in page shows on the button. */
  label: string;
  /**
   * For a provider representative: the organisations they may report for, as the `organisations` claim. In
   * production an authorisation service behind e-legitimation sends organisation numbers; the demo people
   * name their organisation (name and kind), since only kommuner and regions have fixed numbers in the demo.
   */
  organisations?: OrganisationClaim[];
}

/** One entry of the `organisations` claim: an organisationsnummer, or a provider's exact name and kind. */
export type OrganisationClaim = { orgnr: string } | { name: string; kind: 'region' | 'kommun' | 'company' | 'association' | 'other' };

const DEPARTMENTS: { code: string; label: string; name: string }[] = [
  { code: 'nord', label: 'Nord', name: 'Aino Lindqvist' },
  { code: 'mitt', label: 'Mitt', name: 'Oskar Berglund' },
  { code: 'stockholm', label: 'Stockholm', name: 'Sara Nyström' },
  { code: 'ost', label: 'Öst', name: 'Jonas Ekholm' },
  { code: 'vast', label: 'Väst', name: 'Fatima Haddad' },
  { code: 'syd', label: 'Syd', name: 'Erik Malmgren' },
];

function user(subject: string, name: string, roles: Role[], department: string | null, label: string): DemoUser {
  return { subject, name, email: `${subject}@demo.vaka.invalid`, roles, department, label };
}

export const DEMO_USERS: readonly DemoUser[] = [
  ...DEPARTMENTS.map((d) => user(`demo-inspektor-${d.code}`, d.name, ['inspector'], d.code, `Inspektör, avdelning ${d.label}`)),
  user('demo-tillstand', 'Maria Sandberg', ['permit_officer'], null, 'Tillståndshandläggare'),
  user('demo-registrator', 'Leo Holmqvist', ['registrar'], null, 'Registrator'),
  user('demo-analytiker', 'Nora Wikström', ['analyst'], null, 'Analytiker'),
  user('demo-beslutsfattare', 'Karin Åberg', ['decision_maker'], null, 'Beslutsfattare'),
  user('demo-administrator', 'Ali Rahimi', ['administrator'], null, 'Administratör'),
  // Provider representatives (in production they sign in with BankID): organisations of the demo world.
  representative('demo-foretradare-region', 'Lina Forsberg', 'Patientsäkerhetssamordnare, Region Stockholm', { name: 'Region Stockholm', kind: 'region' }),
  representative('demo-foretradare-hvb', 'Johan Ek', 'Kvalitetsansvarig, Vägvisaren Ungdomsvård AB', { name: 'Vägvisaren Ungdomsvård AB', kind: 'company' }),
  representative('demo-foretradare-kommun', 'Amira Said', 'Socialtjänsten, Umeå kommun', { name: 'Umeå kommun', kind: 'kommun' }),
];

function representative(subject: string, name: string, label: string, ...organisations: OrganisationClaim[]): DemoUser {
  return { ...user(subject, name, ['provider_representative'], null, label), organisations };
}

export function findDemoUser(subject: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.subject === subject);
}
