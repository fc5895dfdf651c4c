import type { AppError } from '../http/app-error.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { type Permission, permissionSpec, rolesGrant } from './permissions.js';
import type { Principal } from './principal.js';

export type Decision = { allow: true } | { allow: false; problem: AppError };

const ALLOW: Decision = { allow: true };

/**
 * The route-level decision, pure so that the RBAC matrix can be checked against it: may `principal` (none
 * when the request carried no valid credential) use a route that requires `permission`? Default deny: no
 * permission, no access. `credentialProblem` is why a credential that was sent did not give a principal
 * (expired session), reported instead of a plain "sign in".
 */
export function authorize(
  principal: Principal | undefined,
  permission: Permission | undefined,
  credentialProblem?: AppError,
): Decision {
  if (permission === undefined)
    return deny(
      problem(
        'forbidden',
        t('该接口未声明权限，拒绝访问', 'the endpoint declares no permission: access denied'),
      ),
    );
  const spec = permissionSpec(permission);
  if (spec.grantedTo === 'anyone') return ALLOW;
  if (principal === undefined)
    return deny(credentialProblem ?? problem('unauthenticated', t('请先登录', 'sign in first')));
  if (principal.kind === 'token') {
    if (spec.tokenScope && principal.scopes.includes(permission)) return ALLOW;
    return deny(
      problem(
        'forbidden',
        t(`API 令牌没有权限范围“${permission}”`, `the API token does not have the scope "${permission}"`),
      ),
    );
  }
  if (principal.mustChangePassword && spec.duringPasswordChange !== true) {
    return deny(
      problem(
        'password_change_required',
        t(
          '管理员为您设置了临时密码：请先修改密码',
          'an administrator set a temporary password: change your password first',
        ),
      ),
    );
  }
  if (spec.grantedTo === 'signedIn' || rolesGrant(principal.roles, permission)) return ALLOW;
  return deny(
    problem(
      'forbidden',
      t(
        `您的角色没有“${spec.description['zh-CN']}”的权限`,
        `your roles do not allow: ${spec.description.en}`,
      ),
    ),
  );
}

function deny(p: AppError): Decision {
  return { allow: false, problem: p };
}
