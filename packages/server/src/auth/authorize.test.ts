import { describe, expect, it } from 'vitest';
import { authorize } from './authorize.js';
import type { Principal, TokenPrincipal, UserPrincipal } from './principal.js';
import type { Role } from './roles.js';

const user = (roles: Role[], mustChangePassword = false): UserPrincipal => ({
  kind: 'user',
  userId: 'u1',
  username: 'u1',
  displayName: 'U1',
  province: '330000',
  roles,
  unitCode: null,
  mustChangePassword,
  sessionIdHash: 'h',
  csrfToken: 'c',
});
const token: TokenPrincipal = {
  kind: 'token',
  tokenId: 't1',
  name: 'import',
  province: '330000',
  scopes: ['values.import'],
  unitCode: null,
};

const code = (principal: Principal | undefined, permission: Parameters<typeof authorize>[1]) => {
  const d = authorize(principal, permission);
  return d.allow ? 'allow' : d.problem.code;
};

describe('authorize', () => {
  it('lets anyone use public routes', () => {
    expect(code(undefined, 'public')).toBe('allow');
    expect(code(token, 'public')).toBe('allow');
  });

  it('denies a route that declares no permission, whoever asks', () => {
    expect(code(user(['secadmin']), undefined)).toBe('forbidden');
    expect(code(undefined, undefined)).toBe('forbidden');
  });

  it('asks for a sign-in when there is no principal, or says why the credential failed', () => {
    expect(code(undefined, 'self')).toBe('unauthenticated');
    expect(code(undefined, 'users.read')).toBe('unauthenticated');
  });

  it('grants by role and denies every other role', () => {
    expect(code(user(['sysadmin']), 'users.write')).toBe('allow');
    expect(code(user(['secadmin']), 'users.write')).toBe('forbidden');
    expect(code(user(['secadmin']), 'users.assignRoles')).toBe('allow');
    expect(code(user(['sysadmin']), 'audit.read')).toBe('forbidden');
    expect(code(user(['auditor']), 'audit.read')).toBe('allow');
    expect(code(user([]), 'self')).toBe('allow');
    expect(code(user([]), 'units.read')).toBe('forbidden');
  });

  it('holds a temporary password to the self routes', () => {
    expect(code(user(['sysadmin'], true), 'users.read')).toBe('password_change_required');
    expect(code(user(['sysadmin'], true), 'self')).toBe('allow');
  });

  it('lets a token use only the scopes it carries, and never the session routes', () => {
    expect(code(token, 'values.import')).toBe('allow');
    expect(code(token, 'units.read')).toBe('forbidden');
    expect(code(token, 'self')).toBe('forbidden');
    expect(code({ ...token, scopes: ['users.read'] }, 'users.read')).toBe('forbidden');
  });
});
