import type { Insertable, Selectable, Updateable } from 'kysely';

/** A credential for system-to-system calls (Bearer), limited to scopes and optionally to a unit subtree. */
export interface ApiTokenTable {
  id: string;
  province_code: string;
  name: string;
  /** SHA-256 of the secret; the secret itself is shown once, at creation. */
  secret_hash: string;
  /** JSON array of permission names, sorted. */
  scopes: string;
  unit_code: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export type ApiTokenRow = Selectable<ApiTokenTable>;
export type NewApiTokenRow = Insertable<ApiTokenTable>;
export type ApiTokenUpdate = Updateable<ApiTokenTable>;
