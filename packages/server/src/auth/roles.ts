import type { LocalisedText } from '@xiaoneng/engine';
import { t } from '../localised.js';

/** Every role, in the order tables and documents list them (GLOSSARY.md). */
export const ROLES = [
  'office',
  'reporter',
  'leader',
  'thirdParty',
  'inspector',
  'viewer',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

/** 三员分立: the system, security and audit administrators. */
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const satisfies readonly Role[];
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Roles bound to exactly one unit: they act for it and see nothing else. */
export const UNIT_BOUND_ROLES = ['reporter', 'leader'] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, LocalisedText> = {
  office: t('考核办', 'assessment office'),
  reporter: t('填报员', 'reporter'),
  leader: t('单位审核人', 'unit leader (reviewer)'),
  thirdParty: t('第三方评估', 'third-party evaluator'),
  inspector: t('实地核查', 'inspector'),
  viewer: t('查看', 'viewer'),
  sysadmin: t('系统管理员', 'system administrator'),
  secadmin: t('安全管理员', 'security administrator'),
  auditor: t('审计管理员', 'audit administrator'),
};

export function isRole(name: string): name is Role {
  return (ROLES as readonly string[]).includes(name);
}

export function isAdminRole(role: Role): role is AdminRole {
  return (ADMIN_ROLES as readonly Role[]).includes(role);
}

export function isUnitBound(role: Role): boolean {
  return (UNIT_BOUND_ROLES as readonly Role[]).includes(role);
}

/** Roles in the canonical order of ROLES, without repeats: how they are stored and compared. */
export function sortRoles(roles: Iterable<Role>): Role[] {
  const set = new Set(roles);
  return ROLES.filter((r) => set.has(r));
}
