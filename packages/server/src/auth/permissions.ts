import type { LocalisedText } from '@xiaoneng/engine';
import { t } from '../localised.js';
import type { Role } from './roles.js';

export interface PermissionSpec {
  description: LocalisedText;
  /** `anyone`: no sign-in needed. `signedIn`: every signed-in account, whatever its roles. Else: these roles. */
  grantedTo: 'anyone' | 'signedIn' | readonly Role[];
  /** An API token may carry this permission as a scope (system-to-system calls). */
  tokenScope: boolean;
  /** Reachable while the account must first change its password. */
  duringPasswordChange?: boolean;
}

/**
 * THE authorisation table. Every route names one of these permissions; the RBAC matrix test and
 * docs/rbac.md are generated from this table and the registered routes. Default deny: a role not listed
 * does not hold the permission, and a route that names none is refused at start-up.
 *
 * 三员分立: the system administrator manages accounts (not roles, not policy, not the audit log); the security
 * administrator assigns roles and unit scopes, sets the security policy and issues API tokens; the audit
 * administrator only reads and verifies the audit log.
 */
export const PERMISSIONS = {
  public: {
    description: t('公开：无需登录', 'public: no sign-in'),
    grantedTo: 'anyone',
    tokenScope: false,
  },
  self: {
    description: t('本人会话与密码', 'own session and password'),
    grantedTo: 'signedIn',
    tokenScope: false,
    duringPasswordChange: true,
  },
  'users.read': {
    description: t('查看账户', 'read accounts'),
    grantedTo: ['sysadmin', 'secadmin'],
    tokenScope: false,
  },
  'users.write': {
    description: t(
      '创建、修改、停用账户，重置密码，解锁',
      'create, update, disable accounts; reset passwords; unlock',
    ),
    grantedTo: ['sysadmin'],
    tokenScope: false,
  },
  'users.assignRoles': {
    description: t('分配角色与数据范围', 'assign roles and unit scope'),
    grantedTo: ['secadmin'],
    tokenScope: false,
  },
  'securityPolicy.read': {
    description: t('查看安全策略', 'read the security policy'),
    grantedTo: ['secadmin'],
    tokenScope: false,
  },
  'securityPolicy.write': {
    description: t('设置密码、锁定与会话策略', 'set password, lockout and session policy'),
    grantedTo: ['secadmin'],
    tokenScope: false,
  },
  'tokens.manage': {
    description: t('签发、查看、吊销 API 令牌', 'issue, list and revoke API tokens'),
    grantedTo: ['secadmin'],
    tokenScope: false,
  },
  'audit.read': {
    description: t('查阅审计日志', 'read the audit log'),
    grantedTo: ['auditor'],
    tokenScope: false,
  },
  'audit.verify': {
    description: t('校验审计日志哈希链', 'verify the audit hash chain'),
    grantedTo: ['auditor'],
    tokenScope: false,
  },
  // For the domain routes to come; their authors adjust the roles when they add the routes.
  'units.read': {
    description: t('查看考核对象（限数据范围）', 'read units (within scope)'),
    grantedTo: ['office', 'reporter', 'leader', 'thirdParty', 'inspector', 'viewer', 'sysadmin'],
    tokenScope: true,
  },
  'units.write': {
    description: t('创建、修改、停用考核对象与单位类别', 'create, update, disable units and unit classes'),
    grantedTo: ['sysadmin'],
    tokenScope: false,
  },
  'plans.read': {
    description: t('查看考核方案及其版本', 'read plans and their versions'),
    grantedTo: ['office', 'reporter', 'leader', 'thirdParty', 'inspector', 'viewer'],
    tokenScope: true,
  },
  'plans.write': {
    description: t('编辑方案草稿、发布、审批动态调整', 'edit plan drafts, publish, approve changes'),
    grantedTo: ['office'],
    tokenScope: false,
  },
  'plans.design': {
    description: t(
      '在最近周期的数据上预览方案草稿的评分，导出方案工作簿',
      "preview a plan draft's scores on the latest period's values, export the plan workbook",
    ),
    grantedTo: ['office'],
    tokenScope: false,
  },
  'periods.read': {
    description: t('查看考核周期', 'read periods'),
    grantedTo: ['office', 'reporter', 'leader', 'thirdParty', 'inspector', 'viewer'],
    tokenScope: true,
  },
  'periods.write': {
    description: t('设立、开放、关闭考核周期', 'create, open and close periods'),
    grantedTo: ['office'],
    tokenScope: false,
  },
  'submissions.read': {
    description: t('查看填报与原始数据（限数据范围）', 'read submissions and values (within scope)'),
    grantedTo: ['office', 'reporter', 'leader', 'thirdParty', 'inspector', 'viewer'],
    tokenScope: true,
  },
  'submissions.write': {
    description: t(
      '录入原始数据与佐证材料（按角色限来源、限数据范围）',
      'enter values and evidence (source by role, within scope)',
    ),
    grantedTo: ['office', 'reporter', 'thirdParty', 'inspector'],
    tokenScope: false,
  },
  'submissions.review': {
    description: t('审核填报：通过或退回', 'review submissions: approve or return'),
    grantedTo: ['office', 'leader'],
    tokenScope: false,
  },
  'values.import': {
    description: t('批量导入原始数据（限数据范围）', 'import raw values in bulk (within scope)'),
    grantedTo: ['office'],
    tokenScope: true,
  },
  'results.read': {
    description: t('查看评分结果（限数据范围）', 'read results (within scope)'),
    grantedTo: ['office', 'leader', 'viewer'],
    tokenScope: true,
  },
  'dashboard.read': {
    description: t(
      '查看考核办驾驶舱与大屏：等次、红黄绿灯、热力图、排名变化、趋势（限数据范围）',
      'read the office dashboard and big screen: grades, traffic lights, heat map, rank changes, trends (within scope)',
    ),
    grantedTo: ['office', 'leader', 'viewer'],
    tokenScope: true,
  },
  'results.run': {
    description: t('评分、敏感性分析', 'score periods, run sensitivity analyses'),
    grantedTo: ['office'],
    tokenScope: false,
  },
  'results.publish': {
    description: t('发布评分结果、申诉后更正', 'publish results; correct them after appeals'),
    grantedTo: ['office'],
    tokenScope: false,
  },
  'appeals.file': {
    description: t('公示期内对本单位结果提出申诉', "appeal one's own unit's result during the notice period"),
    grantedTo: ['leader'],
    tokenScope: false,
  },
  'appeals.read': {
    description: t('查看申诉（限数据范围）', 'read appeals (within scope)'),
    grantedTo: ['office', 'leader'],
    tokenScope: false,
  },
  'appeals.decide': {
    description: t('受理或驳回申诉并答复', 'accept or reject appeals, with a reply'),
    grantedTo: ['office'],
    tokenScope: false,
  },
} as const satisfies Record<string, PermissionSpec>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** What an API token may be given. */
export const TOKEN_SCOPES = PERMISSION_NAMES.filter((p) => PERMISSIONS[p].tokenScope);

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(PERMISSIONS, name);
}

export function permissionSpec(permission: Permission): PermissionSpec {
  return PERMISSIONS[permission];
}

/** Whether `roles` hold `permission` (false for `anyone`/`signedIn`, which do not depend on roles). */
export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  const granted = permissionSpec(permission).grantedTo;
  return typeof granted !== 'string' && roles.some((r) => granted.includes(r));
}
