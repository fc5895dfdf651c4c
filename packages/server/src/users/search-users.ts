import { type Kysely, sql } from 'kysely';
import type { Role } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { rowToUser, type User } from './user.js';

/** Which accounts a search keeps by their state; `locked` means locked out now, whatever else they are. */
export type UserState = 'enabled' | 'disabled' | 'locked';

export interface UserSearchQuery {
  /** Part of the username or display name, any case; `%` and `_` are matched literally. */
  q?: string;
  role?: Role;
  unitCode?: string;
  state?: UserState;
  limit: number;
  offset: number;
}

/** `text` as a LIKE pattern that matches it anywhere, with LIKE's wildcards escaped by a backslash. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Accounts of `province` for the administration pages: the list of listUsers plus a search by name, unit
 * and state. `now` decides who is locked out.
 */
export async function searchUsers(
  db: Kysely<Database>,
  province: string,
  now: Date,
  query: UserSearchQuery,
): Promise<{ items: User[]; total: number }> {
  let q = db.selectFrom('user_account').where('province_code', '=', province);
  const text = query.q?.trim();
  if (text !== undefined && text !== '') {
    const pattern = containsPattern(text);
    // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's only for non-ASCII letters.
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(username)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(display_name)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  // Roles are a JSON array of known names; a quoted name cannot match inside another name.
  if (query.role !== undefined) q = q.where('roles', 'like', `%"${query.role}"%`);
  if (query.unitCode !== undefined) q = q.where('unit_code', '=', query.unitCode);
  const at = now.toISOString();
  if (query.state === 'enabled') q = q.where('disabled', '=', 0);
  else if (query.state === 'disabled') q = q.where('disabled', '=', 1);
  else if (query.state === 'locked') q = q.where('locked_until', '>', at);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('username').limit(query.limit).offset(query.offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(rowToUser), total: Number(count.n) };
}
