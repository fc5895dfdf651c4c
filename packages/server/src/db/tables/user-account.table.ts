import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A person who signs in. Roles and the unit scope say what they may do and where. */
export interface UserAccountTable {
  id: string;
  /** The tenant the account belongs to; every request of the account acts within it. */
  province_code: string;
  /** Lower case, unique across the deployment. */
  username: string;
  display_name: string;
  /** PHC string of argon2id; never leaves the server, never enters the audit log. */
  password_hash: string;
  /** JSON array of role names, sorted. */
  roles: string;
  /** Unit a reporter or leader is bound to, or the root of the subtree others see; null: the province. */
  unit_code: string | null;
  /** 1 when the next sign-in must set a new password (after an administrator set one). */
  must_change_password: Generated<number>;
  /** Failed sign-ins since `failed_since`; reset by a successful one. */
  failed_attempts: Generated<number>;
  failed_since: string | null;
  locked_until: string | null;
  password_changed_at: string;
  created_at: string;
  disabled: Generated<number>;
  /** Optimistic concurrency of administrative changes; sign-in bookkeeping does not bump it. */
  version: Generated<number>;
}

export type UserAccountRow = Selectable<UserAccountTable>;
export type NewUserAccountRow = Insertable<UserAccountTable>;
export type UserAccountUpdate = Updateable<UserAccountTable>;
