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
}

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
];

export function findDemoUser(subject: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.subject === subject);
}
