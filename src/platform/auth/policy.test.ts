import { describe, expect, it } from 'vitest';
import { canInDepartment, hasPermission, PERMISSIONS, ROLE_PERMISSIONS, ROLES, safeReturnTo, scopeOf, type Permission, type Role } from './policy.ts';

const inspector = (department: string | null) => ({ roles: ['inspector'] as Role[], department });

describe('the policy table', () => {
  it('names every role and permission in Swedish and uses only known permissions', () => {
    expect(Object.keys(ROLES).sort()).toEqual(['administrator', 'analyst', 'decision_maker', 'inspector', 'permit_officer', 'provider_representative', 'registrar']);
    for (const role of Object.keys(ROLE_PERMISSIONS) as Role[]) {
      for (const permission of Object.keys(ROLE_PERMISSIONS[role])) expect(PERMISSIONS).toHaveProperty(permission);
    }
  });

  it('is exactly this table (a change here is a change of who may do what)', () => {
    const table = Object.fromEntries(
      (Object.keys(ROLES) as Role[]).map((role) => [role, Object.fromEntries((Object.keys(PERMISSIONS) as Permission[]).map((p) => [p, scopeOf({ roles: [role], department: 'syd' }, p)]))]),
    );
    expect(table).toEqual({
      inspector: { 'register.read': 'national', 'register.correct': 'department', 'personal_data.read': 'department', 'audit.read': null, 'admin.access': null, 'signal.triage': 'department', 'signal.log': 'national', 'risk.read': 'department', 'risk.select': 'department', 'case.read': 'department', 'case.work': 'department', 'case.register': null, 'case.decide': null, 'effect.read': 'department' },
      permit_officer: { 'register.read': 'national', 'register.correct': 'national', 'personal_data.read': null, 'audit.read': null, 'admin.access': null, 'signal.triage': null, 'signal.log': 'national', 'risk.read': null, 'risk.select': null, 'case.read': null, 'case.work': null, 'case.register': null, 'case.decide': null, 'effect.read': null },
      registrar: { 'register.read': 'national', 'register.correct': null, 'personal_data.read': 'national', 'audit.read': null, 'admin.access': null, 'signal.triage': 'national', 'signal.log': 'national', 'risk.read': null, 'risk.select': null, 'case.read': 'national', 'case.work': null, 'case.register': 'national', 'case.decide': null, 'effect.read': null },
      analyst: { 'register.read': 'national', 'register.correct': null, 'personal_data.read': null, 'audit.read': null, 'admin.access': null, 'signal.triage': null, 'signal.log': null, 'risk.read': 'national', 'risk.select': 'national', 'case.read': null, 'case.work': null, 'case.register': null, 'case.decide': null, 'effect.read': 'national' },
      decision_maker: { 'register.read': 'national', 'register.correct': null, 'personal_data.read': 'national', 'audit.read': null, 'admin.access': null, 'signal.triage': 'national', 'signal.log': null, 'risk.read': 'national', 'risk.select': 'national', 'case.read': 'national', 'case.work': 'national', 'case.register': null, 'case.decide': 'national', 'effect.read': 'national' },
      administrator: { 'register.read': 'national', 'register.correct': null, 'personal_data.read': null, 'audit.read': 'national', 'admin.access': 'national', 'signal.triage': null, 'signal.log': null, 'risk.read': null, 'risk.select': null, 'case.read': null, 'case.work': null, 'case.register': null, 'case.decide': null, 'effect.read': null },
      // Provider representatives are not staff: no staff permission, whatever permissions are added later.
      provider_representative: Object.fromEntries(Object.keys(PERMISSIONS).map((p) => [p, null])),
    });
  });

  it('denies by default: nobody, no roles, unknown permissions', () => {
    expect(hasPermission(null, 'register.read')).toBe(false);
    expect(hasPermission({ roles: [], department: 'syd' }, 'register.read')).toBe(false);
    expect(canInDepartment(undefined, 'register.read', 'syd')).toBe(false);
    expect(hasPermission(inspector('syd'), 'admin.access')).toBe(false);
  });

  it('scopes inspectors to their own department', () => {
    expect(canInDepartment(inspector('stockholm'), 'personal_data.read', 'stockholm')).toBe(true);
    expect(canInDepartment(inspector('stockholm'), 'personal_data.read', 'syd')).toBe(false);
    expect(canInDepartment(inspector('stockholm'), 'register.correct', 'syd')).toBe(false);
    expect(canInDepartment(inspector('stockholm'), 'register.correct', null)).toBe(false);
    expect(canInDepartment(inspector('stockholm'), 'register.read', 'syd')).toBe(true);
    expect(canInDepartment(inspector('stockholm'), 'signal.triage', 'stockholm')).toBe(true);
    expect(canInDepartment(inspector('stockholm'), 'signal.triage', 'syd')).toBe(false);
    expect(canInDepartment(inspector('stockholm'), 'signal.triage', null)).toBe(false);
    expect(canInDepartment({ roles: ['registrar'], department: null }, 'signal.triage', null)).toBe(true);
  });

  it('gives an inspector without a department nothing department-scoped', () => {
    expect(hasPermission(inspector(null), 'register.correct')).toBe(false);
    expect(canInDepartment(inspector(null), 'personal_data.read', null)).toBe(false);
    expect(hasPermission(inspector(null), 'register.read')).toBe(true);
  });

  it('takes the widest scope of several roles', () => {
    const both = { roles: ['inspector', 'permit_officer'] as Role[], department: 'nord' };
    expect(scopeOf(both, 'register.correct')).toBe('national');
    expect(canInDepartment(both, 'register.correct', 'syd')).toBe(true);
    expect(canInDepartment(both, 'personal_data.read', 'syd')).toBe(false);
  });
});

describe('safeReturnTo', () => {
  it('keeps same-site paths only', () => {
    expect(safeReturnTo('/staff/units/U1?x=1')).toBe('/staff/units/U1?x=1');
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil.example', 'staff', '', undefined, 42, '/staff\n/x', '/auth/login']) expect(safeReturnTo(bad)).toBe('/staff');
  });
});
