import type { Insertable, Selectable, Updateable } from 'kysely';

/** A signed-in browser: the cookie holds a secret, the table only its SHA-256. */
export interface SessionTable {
  id_hash: string;
  user_id: string;
  province_code: string;
  created_at: string;
  /** Updated at most once a minute, so that reads do not turn into writes. */
  last_seen_at: string;
  /** created_at plus the absolute timeout in force when the session began. */
  expires_at: string;
  revoked_at: string | null;
}

export type SessionRow = Selectable<SessionTable>;
export type NewSessionRow = Insertable<SessionTable>;
export type SessionUpdate = Updateable<SessionTable>;
