import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Who may do what, in one table. Deny by default: a role not listed for a permission does not have it.
 * Scope `national` means everywhere; `department` means only for units whose kommun lies in a län that
 * belongs to the person's own regional department (see reference/departments.json).
 */
export const ROLES = {
  inspector: 'Inspektör',
  permit_officer: 'Tillståndshandläggare',
  registrar: 'Registrator',
  analyst: 'Analytiker',
  decision_maker: 'Beslutsfattare',
  administrator: 'Administratör',
  // Not staff: a person signed in (with e-legitimation) to report for the providers they represent.
  provider_representative: 'Företrädare för vårdgivare eller huvudman',
} as const;
export type Role = keyof typeof ROLES;

export const PERMISSIONS = {
  'register.read': 'Läsa registret över verksamheter och vårdgivare',
  'register.correct': 'Rätta uppgifter i registret',
  'personal_data.read': 'Se personuppgifter i inkomna uppgifter (till exempel personnummer i klagomål)',
  'audit.read': 'Läsa loggen över åtkomster och ändringar',
  'admin.access': 'Administrera roller och avdelningar',
  'signal.triage': 'Triagera inkomna signaler: läsa dem, tilldela, anteckna, koppla, rätta klassningen och skriva till uppgiftslämnaren',
  'signal.log': 'Registrera samtal, e-post och brev till upplysningstjänsten och uppgifter från andra myndigheter',
  'risk.read': 'Se riskanalysen: rangordning, riskkort, kartor och larm',
  'risk.select': 'Göra urvalsprojekt för tillsyn och välja verksamheter att inspektera',
  'case.read': 'Läsa ärenden och deras handlingar (sekretessmarkerade handlingar bara i egna ärendelag)',
  'case.work': 'Öppna och utreda ärenden: handlingar, anteckningar, begäran till verksamheten, inspektioner och uppföljning',
  'case.register': 'Registrera ärenden och handlingar i diariet',
  'case.decide': 'Fatta beslut i ärenden',
  'effect.read': 'Se effekter av beslut: signaler och indikatorer före och efter, jämfört med liknande verksamheter',
} as const;
export type Permission = keyof typeof PERMISSIONS;

export type Scope = 'national' | 'department';
export const SCOPE_LABELS: Record<Scope, string> = { national: 'Hela landet', department: 'Egen avdelning' };

export const ROLE_PERMISSIONS: Record<Role, Partial<Record<Permission, Scope>>> = {
  // Inspectors supervise the units of their own department; the register itself is national reading.
  // They triage the signals of their own department, and log any contact they take, wherever it is about.
  // Risk: they read and select among the units of their own department.
  inspector: { 'register.read': 'national', 'register.correct': 'department', 'personal_data.read': 'department', 'signal.triage': 'department', 'signal.log': 'national', 'risk.read': 'department', 'risk.select': 'department', 'case.read': 'department', 'case.work': 'department', 'effect.read': 'department' },
  // The permit department keeps the register of permits and units for the whole country.
  // The permit line of the information service is theirs: they log contacts, not triage them.
  permit_officer: { 'register.read': 'national', 'register.correct': 'national', 'signal.log': 'national' },
  // The diarium registers every incoming document, including the complainant's identity.
  // The registry also sorts what cannot be routed to a department (no unit, no kommun).
  // They keep the diarium: every case and document is registered by them or through them.
  registrar: { 'register.read': 'national', 'personal_data.read': 'national', 'signal.triage': 'national', 'signal.log': 'national', 'case.read': 'national', 'case.register': 'national' },
  // Analysts work with the register and de-identified data only.
  // The national risk analysis is theirs: they read it for the whole country and run selection projects.
  analyst: { 'register.read': 'national', 'risk.read': 'national', 'risk.select': 'national', 'effect.read': 'national' },
  decision_maker: { 'register.read': 'national', 'personal_data.read': 'national', 'signal.triage': 'national', 'risk.read': 'national', 'risk.select': 'national', 'case.read': 'national', 'case.work': 'national', 'case.decide': 'national', 'effect.read': 'national' },
  // Administrators run the system; they read the audit log but not the personal data it protects.
  administrator: { 'register.read': 'national', 'audit.read': 'national', 'admin.access': 'national' },
  // Provider representatives have no staff permission at all: they report, under /provider only, for the
  // organisations their sign-in maps them to (see modules/intake/provider/representative.ts).
  provider_representative: {},
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.hasOwn(ROLES, value);
}

/** The signed-in member of staff, as every request sees them. */
export interface StaffUser {
  subject: string;
  name: string;
  email: string | null;
  roles: Role[];
  /** Regional department code (nord, mitt, stockholm, ost, vast, syd), or null for national staff. */
  department: string | null;
  /** The department's name, for display ("Avdelning Stockholm"). */
  departmentName: string | null;
  /** Provider ids a provider representative acts for (empty or absent for staff). */
  organisations?: string[];
  /** The session's CSRF token for this response's forms, masked afresh for every request (session.ts). */
  csrfToken: string;
}

type Principal = Pick<StaffUser, 'roles' | 'department'>;

/** The widest scope any of the person's roles gives for a permission, or null when none does. */
export function scopeOf(staff: Principal, permission: Permission): Scope | null {
  let best: Scope | null = null;
  for (const role of staff.roles) {
    const scope = ROLE_PERMISSIONS[role]?.[permission];
    if (scope === 'national') return 'national';
    if (scope === 'department' && staff.department) best = 'department';
  }
  return best;
}

/** May the person use this permission anywhere at all (the door to a page)? */
export function hasPermission(staff: Principal | null | undefined, permission: Permission): boolean {
  return !!staff && scopeOf(staff, permission) !== null;
}

/** May the person use this permission on something that belongs to `departmentCode`? */
export function canInDepartment(staff: Principal | null | undefined, permission: Permission, departmentCode: string | null): boolean {
  if (!staff) return false;
  const scope = scopeOf(staff, permission);
  if (scope === 'national') return true;
  return scope === 'department' && departmentCode !== null && departmentCode === staff.department;
}

/** Throws "not found" unless allowed: an outsider cannot tell a forbidden record from a missing one. */
export function assertCanInDepartment(staff: Principal | null | undefined, permission: Permission, departmentCode: string | null, what: string): void {
  if (!canInDepartment(staff, permission, departmentCode)) throw AppError.notFound(`${what} (no ${permission} for department ${departmentCode})`);
}

function isApiRequest(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return request.url.startsWith('/api/') || (accept.includes('application/json') && !accept.includes('text/html'));
}

/** Only a path on this site may be a place to come back to after signing in. */
export function safeReturnTo(value: unknown, fallback = '/staff'): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  // A path of this site: not '//host' (another site), no backslash or control character a browser might
  // read as one, and not the sign-in routes themselves.
  if (!value.startsWith('/') || value.startsWith('//') || /[\u0000-\u001f\\]/.test(value) || value.startsWith('/auth/')) return fallback;
  return value;
}

export function loginUrl(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`;
}

/**
 * The preHandler every staff route starts with. Signed out: pages redirect to sign-in, the API answers
 * 401. Signed in without the permission: 404, the same as for something that does not exist.
 */
export function requireStaff(permission: Permission): preHandlerAsyncHookHandler {
  return async function requireStaffPermission(request: FastifyRequest, reply: FastifyReply) {
    if (!request.staff) {
      if (isApiRequest(request) || request.method !== 'GET') throw new AppError('unauthenticated', `signed out: ${request.method} ${request.url.split('?')[0]}`);
      return reply.redirect(loginUrl(request.url), 302);
    }
    if (!hasPermission(request.staff, permission)) throw AppError.notFound(`route ${request.url.split('?')[0]} (no ${permission})`);
    // Staff pages may hold personal data: never kept by the browser or a proxy.
    reply.header('cache-control', 'no-store');
  };
}

/** The signed-in person on a route guarded by requireStaff (throws if the guard was forgotten). */
export function requireSignedIn(request: FastifyRequest): StaffUser {
  if (!request.staff) throw new AppError('unauthenticated', 'route without requireStaff');
  return request.staff;
}
