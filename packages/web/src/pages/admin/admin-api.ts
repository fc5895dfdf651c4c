import { api } from '../../api/client';
import type { Role } from '../../auth/roles';

/** An account as GET /api/users/… returns it (packages/server/src/routes/user-view.ts). */
export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitCode: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  passwordChangedAt: string;
  createdAt: string;
  version: number;
}

export type UserState = 'enabled' | 'disabled' | 'locked';

export interface UserSearch {
  q?: string;
  role?: Role;
  state?: UserState;
  limit: number;
  offset: number;
}

/** 考核对象 (packages/server/src/routes/unit-view.ts). */
export interface AdminUnit {
  code: string;
  name: string;
  classCode: string;
  parentCode: string | null;
  level: string;
  elasticity: number | null;
  disabled: boolean;
  version: number;
}

export interface UnitNode extends AdminUnit {
  children: UnitNode[];
}

export interface UnitClass {
  code: string;
  name: string;
}

export interface UnitImportReport {
  created: number;
  updated: number;
  unchanged: number;
}

export interface SecurityPolicySettings {
  passwordMinLength: number;
  passwordMinClasses: number;
  lockoutThreshold: number;
  lockoutWindowMinutes: number;
  lockoutDurationMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteMinutes: number;
}

export interface SecurityPolicy extends SecurityPolicySettings {
  /** 0 while the defaults apply. */
  version: number;
  updatedAt: string | null;
}

/** Inclusive bounds of each setting, as the server's SECURITY_POLICY_BOUNDS (it checks them again). */
export const POLICY_BOUNDS: Record<keyof SecurityPolicySettings, readonly [number, number]> = {
  passwordMinLength: [8, 128],
  passwordMinClasses: [1, 4],
  lockoutThreshold: [3, 100],
  lockoutWindowMinutes: [1, 1440],
  lockoutDurationMinutes: [1, 10_080],
  sessionIdleMinutes: [5, 1440],
  sessionAbsoluteMinutes: [15, 43_200],
};

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  unitCode: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Permissions an API token may carry (TOKEN_SCOPES of packages/server/src/auth/permissions.ts). */
export const TOKEN_SCOPES = [
  'units.read',
  'plans.read',
  'periods.read',
  'submissions.read',
  'values.import',
  'results.read',
  'dashboard.read',
] as const;

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  entity: string;
  entityId: string;
  beforeJson: string | null;
  afterJson: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
  algorithm: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  requestId?: string;
  from?: string;
  to?: string;
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  headSeq: number;
  headHash: string;
  break: { seq: number; reason: string; message: string } | null;
}

const id = encodeURIComponent;

/** The administration calls of the three administrators; every one is checked again by the server. */
export const adminApi = {
  searchUsers: (s: UserSearch) =>
    api.get<{ items: UserAccount[]; total: number }>('/api/users/search', { ...s }),
  createUser: (body: { username: string; displayName: string; password: string }) =>
    api.post<UserAccount>('/api/users', body),
  updateUser: (u: UserAccount, change: { displayName?: string; disabled?: boolean }) =>
    api.put<UserAccount>(`/api/users/${id(u.id)}`, { ...change, version: u.version }),
  resetPassword: (u: UserAccount, newPassword: string) =>
    api.post<UserAccount>(`/api/users/${id(u.id)}/password-reset`, { newPassword, version: u.version }),
  unlockUser: (u: UserAccount) => api.post<UserAccount>(`/api/users/${id(u.id)}/unlock`),
  assignRoles: (u: UserAccount, roles: Role[], unitCode: string | null) =>
    api.put<UserAccount>(`/api/users/${id(u.id)}/roles`, { roles, unitCode, version: u.version }),

  unitTree: () => api.get<{ roots: UnitNode[] }>('/api/units/tree', { includeDisabled: true }),
  createUnit: (body: Omit<AdminUnit, 'disabled' | 'version'>) => api.post<AdminUnit>('/api/units', body),
  updateUnit: (u: AdminUnit, change: Partial<Omit<AdminUnit, 'code' | 'version'>>) =>
    api.put<AdminUnit>(`/api/units/${id(u.code)}`, { ...change, version: u.version }),
  unitClasses: () => api.get<{ items: UnitClass[] }>('/api/unit-classes'),
  createUnitClass: (body: UnitClass) => api.post<UnitClass>('/api/unit-classes', body),
  importUnits: (file: File, charset: 'utf8' | 'gbk' | undefined) => {
    const form = new FormData();
    form.append('file', file);
    return api.post<UnitImportReport>('/api/units/import', form, { charset });
  },

  policy: () => api.get<SecurityPolicy>('/api/security-policy'),
  updatePolicy: (settings: SecurityPolicySettings, version: number) =>
    api.put<SecurityPolicy>('/api/security-policy', { ...settings, version }),
  tokens: () => api.get<ApiToken[]>('/api/tokens'),
  issueToken: (body: { name: string; scopes: string[]; unitCode: string | null; expiresInDays: number }) =>
    api.post<{ token: ApiToken; secret: string }>('/api/tokens', body),
  revokeToken: (token: ApiToken) => api.delete<ApiToken>(`/api/tokens/${id(token.id)}`),

  searchAudit: (filter: AuditFilter, beforeSeq: number | undefined, limit: number) =>
    api.get<{ items: AuditEntry[]; nextBeforeSeq: number | null }>('/api/audit/search', {
      ...filter,
      beforeSeq,
      limit,
    }),
  verifyAudit: () => api.post<ChainVerification>('/api/audit/verify'),
};
