import type { Kysely } from 'kysely';
import type { Role } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { dialectOf } from '../db/database.js';
import type { UserAccountRow } from '../db/tables/user-account.table.js';
import { notFound } from '../http/app-error.js';
import { t } from '../localised.js';
import { rowToUser, type User } from './user.js';

export const USER = t('账户', 'account');

/** Usernames are compared in lower case: "ZhangSan" and "zhangsan" are one account. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export async function findUserRowByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<UserAccountRow | undefined> {
  return db
    .selectFrom('user_account')
    .selectAll()
    .where('username', '=', normaliseUsername(username))
    .executeTakeFirst();
}

/**
 * The account `id` of `province`, read for an update: on PostgreSQL the row is locked until the
 * transaction ends, so that checks made on it (last administrator, version) still hold at the write.
 */
export async function getUserForUpdate(db: Kysely<Database>, province: string, id: string): Promise<User> {
  let q = db
    .selectFrom('user_account')
    .selectAll()
    .where('id', '=', id)
    .where('province_code', '=', province);
  if (dialectOf(db) === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (row === undefined) throw notFound(USER, id);
  return rowToUser(row);
}

export async function getUser(db: Kysely<Database>, province: string, id: string): Promise<User> {
  const row = await db
    .selectFrom('user_account')
    .selectAll()
    .where('id', '=', id)
    .where('province_code', '=', province)
    .executeTakeFirst();
  if (row === undefined) throw notFound(USER, id);
  return rowToUser(row);
}

export interface UserListQuery {
  role?: Role;
  limit: number;
  offset: number;
}

export async function listUsers(
  db: Kysely<Database>,
  province: string,
  query: UserListQuery,
): Promise<{ items: User[]; total: number }> {
  let q = db.selectFrom('user_account').where('province_code', '=', province);
  // Roles are a JSON array of known names; a quoted name cannot match inside another name.
  if (query.role !== undefined) q = q.where('roles', 'like', `%"${query.role}"%`);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('username').limit(query.limit).offset(query.offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(rowToUser), total: Number(count.n) };
}

/** Enabled accounts of `province` holding `role`, other than `exceptId`. */
export async function countOtherHolders(
  db: Kysely<Database>,
  province: string,
  role: Role,
  exceptId: string,
): Promise<number> {
  const r = await db
    .selectFrom('user_account')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('province_code', '=', province)
    .where('roles', 'like', `%"${role}"%`)
    .where('disabled', '=', 0)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Whether `unitCode` is a unit of `province`. */
export async function unitExists(db: Kysely<Database>, province: string, unitCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('unit')
    .select('code')
    .where('province_code', '=', province)
    .where('code', '=', unitCode)
    .executeTakeFirst();
  return row !== undefined;
}
