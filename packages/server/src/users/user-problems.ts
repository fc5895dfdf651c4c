import { isAdminRole } from '../auth/roles.js';
import type { ProblemIssue } from '../http/app-error.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import type { User } from './user.js';

export function passwordPolicyProblem(errors: ProblemIssue[]) {
  return problem(
    'password_policy',
    t(
      `密码不符合安全策略：${errors.map((e) => e.message['zh-CN']).join('；')}`,
      `the password does not meet the security policy: ${errors.map((e) => e.message.en).join('; ')}`,
    ),
    { errors },
  );
}

export function rolesProblem(errors: ProblemIssue[]) {
  return problem(
    'roles_invalid',
    t(
      `角色分配不允许：${errors.map((e) => e.message['zh-CN']).join('；')}`,
      `the role assignment is not allowed: ${errors.map((e) => e.message.en).join('; ')}`,
    ),
    { errors },
  );
}

export function unknownUnitProblem(unitCode: string, path: string) {
  return problem('unit_unknown', t(`单位“${unitCode}”不存在`, `unit "${unitCode}" does not exist`), {
    errors: [{ path, message: t('不是本省的单位', 'is not a unit of this province') }],
  });
}

/**
 * 三员分立: the system administrator manages ordinary accounts only. Were it able to reset an auditor's or
 * the security administrator's password, it could sign in as them and read the audit log or change the
 * policy alone. Administrator accounts are managed by the first-run bootstrap, not through the API.
 */
export function refuseAdminTarget(user: User): void {
  if (!user.roles.some(isAdminRole)) return;
  throw problem(
    'admin_account_protected',
    t(
      `账户“${user.username}”是管理员账户：系统管理员不能修改、停用或重置它`,
      `"${user.username}" is an administrator account: the system administrator cannot change, disable or reset it`,
    ),
  );
}
