import { isRole, type Role, sortRoles } from '../auth/roles.js';
import type { UserAccountRow } from '../db/tables/user-account.table.js';

/** An account as the application and the audit log see it: everything but the password hash. */
export interface User {
  id: string;
  province: string;
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

export function rowToUser(row: UserAccountRow): User {
  return {
    id: row.id,
    province: row.province_code,
    username: row.username,
    displayName: row.display_name,
    roles: parseRoles(row.roles),
    unitCode: row.unit_code,
    mustChangePassword: row.must_change_password === 1,
    disabled: row.disabled === 1,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
    passwordChangedAt: row.password_changed_at,
    createdAt: row.created_at,
    version: row.version,
  };
}

/** Stored roles → roles; a name this build does not know is dropped (default deny), not trusted. */
export function parseRoles(json: string): Role[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed)
    ? sortRoles(parsed.filter((r): r is Role => typeof r === 'string' && isRole(r)))
    : [];
}

export function rolesToJson(roles: readonly Role[]): string {
  return JSON.stringify(sortRoles(roles));
}

/** What the audit log keeps of an account: what an administrator may change, never the password hash. */
export function userAuditView(u: User): Record<string, unknown> {
  return {
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    unitCode: u.unitCode,
    mustChangePassword: u.mustChangePassword,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil,
    version: u.version,
  };
}
