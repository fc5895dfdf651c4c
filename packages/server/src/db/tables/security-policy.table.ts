import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** One row per province, set by the security administrator (安全管理员). */
export interface SecurityPolicyTable {
  province_code: string;
  password_min_length: number;
  /** Of lower case, upper case, digits and other characters, how many a password must use. */
  password_min_classes: number;
  lockout_threshold: number;
  lockout_window_minutes: number;
  lockout_duration_minutes: number;
  session_idle_minutes: number;
  session_absolute_minutes: number;
  updated_at: string;
  version: Generated<number>;
}

export type SecurityPolicyRow = Selectable<SecurityPolicyTable>;
export type NewSecurityPolicyRow = Insertable<SecurityPolicyTable>;
export type SecurityPolicyUpdate = Updateable<SecurityPolicyTable>;
