import { describe, expect, it } from 'vitest';
import { roleRuleIssues } from './role-rules.js';
import type { Role } from './roles.js';

const check = (roles: Role[], unit: string | null) =>
  roleRuleIssues(roles, unit).map((i) => `${i.path}: ${i.message.en}`);

describe('role rules', () => {
  it('allow ordinary combinations', () => {
    expect(check([], null)).toEqual([]);
    expect(check(['office'], null)).toEqual([]);
    expect(check(['office', 'viewer'], '330100')).toEqual([]);
    expect(check(['reporter'], '330106')).toEqual([]);
    expect(check(['sysadmin'], null)).toEqual([]);
  });

  it('refuse two of the three administrator roles on one account', () => {
    expect(check(['sysadmin', 'auditor'], null)).toEqual([
      'body.roles: separation of the three administrators: one account may not be system administrator and audit administrator',
    ]);
    expect(check(['secadmin', 'auditor', 'sysadmin'], null)).toHaveLength(1);
  });

  it('refuse an administrator that also works in the assessment', () => {
    expect(check(['secadmin', 'office'], null)).toEqual([
      'body.roles: a security administrator account may not hold any other role',
    ]);
  });

  it('refuse reporter and leader together (no self-approval)', () => {
    expect(check(['reporter', 'leader'], '330106')).toEqual([
      'body.roles: reporter and unit leader may not be the same account (no one reviews their own submission)',
    ]);
  });

  it('bind reporters and leaders to a unit, and administrators to none', () => {
    expect(check(['leader'], null)).toEqual([
      'body.unitCode: a unit leader (reviewer) must be bound to a unit',
    ]);
    expect(check(['auditor'], '330100')).toEqual([
      'body.unitCode: administrator accounts are not bound to a unit',
    ]);
  });
});
