import type { ProblemIssue } from '../http/app-error.js';
import { t } from '../localised.js';
import { isAdminRole, isUnitBound, ROLE_LABELS, type Role } from './roles.js';

/**
 * Which sets of roles one account may hold, with its unit scope. Returns every rule broken, each at the
 * field it concerns (`roles` or `unitCode` under `prefix`); empty when the assignment is allowed.
 *
 * - 三员分立: an administrator role is the account's only role, so no one holds two of them, and no
 *   administrator also works in the assessment itself.
 * - A reporter does not review: `reporter` and `leader` are never held together (no self-approval).
 * - Reporters and leaders act for one unit and must be bound to it; administrators act for the province
 *   and have no unit.
 */
export function roleRuleIssues(
  roles: readonly Role[],
  unitCode: string | null,
  prefix = 'body',
): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  const admin = roles.filter(isAdminRole);
  const label = (r: Role) => ROLE_LABELS[r];
  if (admin.length > 1) {
    issues.push({
      path: `${prefix}.roles`,
      message: t(
        `三员分立：${admin.map((r) => label(r)['zh-CN']).join('、')}不得由同一账户兼任`,
        `separation of the three administrators: one account may not be ${admin.map((r) => label(r).en).join(' and ')}`,
      ),
    });
  } else if (admin.length === 1 && roles.length > 1) {
    const a = admin[0]!;
    issues.push({
      path: `${prefix}.roles`,
      message: t(
        `${label(a)['zh-CN']}账户不得兼任业务角色`,
        `a ${label(a).en} account may not hold any other role`,
      ),
    });
  }
  if (roles.includes('reporter') && roles.includes('leader')) {
    issues.push({
      path: `${prefix}.roles`,
      message: t(
        '填报员与单位审核人不得由同一账户兼任（不得审核自己的填报）',
        'reporter and unit leader may not be the same account (no one reviews their own submission)',
      ),
    });
  }
  const bound = roles.filter(isUnitBound);
  if (bound.length > 0 && unitCode === null) {
    issues.push({
      path: `${prefix}.unitCode`,
      message: t(
        `${bound.map((r) => label(r)['zh-CN']).join('、')}须绑定一个单位`,
        `a ${bound.map((r) => label(r).en).join(' or ')} must be bound to a unit`,
      ),
    });
  }
  if (admin.length > 0 && unitCode !== null) {
    issues.push({
      path: `${prefix}.unitCode`,
      message: t('管理员账户不绑定单位', 'administrator accounts are not bound to a unit'),
    });
  }
  return issues;
}
