import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { csrfTokenFor, randomSecret, sha256Hex } from './secret-token.js';

/** A session just begun: the secret goes into the cookie and nowhere else. */
export interface NewSession {
  secret: string;
  idHash: string;
  csrfToken: string;
  expiresAt: string;
}

export async function createSession(
  db: Kysely<Database>,
  input: { userId: string; province: string; at: Date; absoluteMinutes: number },
): Promise<NewSession> {
  const secret = randomSecret();
  const idHash = sha256Hex(secret);
  const expiresAt = new Date(input.at.getTime() + input.absoluteMinutes * 60_000).toISOString();
  await db
    .insertInto('session')
    .values({
      id_hash: idHash,
      user_id: input.userId,
      province_code: input.province,
      created_at: input.at.toISOString(),
      last_seen_at: input.at.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { secret, idHash, csrfToken: csrfTokenFor(secret), expiresAt };
}

export async function revokeSession(db: Kysely<Database>, idHash: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('session')
    .set({ revoked_at: at })
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Ends every open session of a user, but `keep` (the one asking, after a password change); how many. */
export async function revokeUserSessions(
  db: Kysely<Database>,
  userId: string,
  at: string,
  keep?: string,
): Promise<number> {
  let q = db
    .updateTable('session')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keep !== undefined) q = q.where('id_hash', '!=', keep);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A session's key as the audit log shows it: enough to tell sessions apart, useless to sign in. */
export function sessionRef(idHash: string): string {
  return idHash.slice(0, 16);
}
