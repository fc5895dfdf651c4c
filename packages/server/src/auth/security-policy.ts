import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { SecurityPolicyRow } from '../db/tables/security-policy.table.js';

/** 安全策略 of one province: password rules, lockout and session timeouts. */
export interface SecurityPolicySettings {
  passwordMinLength: number;
  /** Of lower case, upper case, digits and other characters, how many a password must use. */
  passwordMinClasses: number;
  /** Failed sign-ins within the window that lock the account. */
  lockoutThreshold: number;
  lockoutWindowMinutes: number;
  lockoutDurationMinutes: number;
  /** A session unused this long ends. At least 5 minutes: last use is recorded once a minute. */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however busy. */
  sessionAbsoluteMinutes: number;
}

export interface SecurityPolicy extends SecurityPolicySettings {
  province: string;
  /** 0 while the province runs on the defaults (no row yet); a write must send it back. */
  version: number;
  updatedAt: string | null;
}

/** Defaults in line with common 等保 practice and OWASP guidance. */
export const DEFAULT_SECURITY_POLICY: SecurityPolicySettings = {
  passwordMinLength: 12,
  passwordMinClasses: 3,
  lockoutThreshold: 5,
  lockoutWindowMinutes: 15,
  lockoutDurationMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteMinutes: 720,
};

/** Inclusive bounds of each setting; the schema of PUT /api/security-policy is built from them. */
export const SECURITY_POLICY_BOUNDS: Record<keyof SecurityPolicySettings, readonly [number, number]> = {
  passwordMinLength: [8, 128],
  passwordMinClasses: [1, 4],
  lockoutThreshold: [3, 100],
  lockoutWindowMinutes: [1, 1440],
  lockoutDurationMinutes: [1, 10_080],
  sessionIdleMinutes: [5, 1440],
  sessionAbsoluteMinutes: [15, 43_200],
};

export function rowToSecurityPolicy(row: SecurityPolicyRow): SecurityPolicy {
  return {
    province: row.province_code,
    passwordMinLength: row.password_min_length,
    passwordMinClasses: row.password_min_classes,
    lockoutThreshold: row.lockout_threshold,
    lockoutWindowMinutes: row.lockout_window_minutes,
    lockoutDurationMinutes: row.lockout_duration_minutes,
    sessionIdleMinutes: row.session_idle_minutes,
    sessionAbsoluteMinutes: row.session_absolute_minutes,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export function settingsToRow(s: SecurityPolicySettings) {
  return {
    password_min_length: s.passwordMinLength,
    password_min_classes: s.passwordMinClasses,
    lockout_threshold: s.lockoutThreshold,
    lockout_window_minutes: s.lockoutWindowMinutes,
    lockout_duration_minutes: s.lockoutDurationMinutes,
    session_idle_minutes: s.sessionIdleMinutes,
    session_absolute_minutes: s.sessionAbsoluteMinutes,
  };
}

/** The province's policy, or the defaults (version 0) when none was stored. */
export async function getSecurityPolicy(db: Kysely<Database>, province: string): Promise<SecurityPolicy> {
  const row = await db
    .selectFrom('security_policy')
    .selectAll()
    .where('province_code', '=', province)
    .executeTakeFirst();
  return row === undefined
    ? { province, ...DEFAULT_SECURITY_POLICY, version: 0, updatedAt: null }
    : rowToSecurityPolicy(row);
}

export function policySettings(p: SecurityPolicy): SecurityPolicySettings {
  const { province: _p, version: _v, updatedAt: _u, ...settings } = p;
  return settings;
}
