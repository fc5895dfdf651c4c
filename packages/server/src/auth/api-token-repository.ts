import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import type { ApiTokenRow } from '../db/tables/api-token.table.js';
import { notFound, problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { unitExists } from '../users/user-repository.js';
import { isPermission, type Permission } from './permissions.js';
import { randomSecret, sha256Hex } from './secret-token.js';

/** An API token as listed and audited: never its secret, never the secret's hash. */
export interface ApiToken {
  id: string;
  province: string;
  name: string;
  scopes: Permission[];
  unitCode: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const TOKEN = t('API 令牌', 'API token');

/** Tokens are recognisable in logs and secret scanners by their prefix. */
export const TOKEN_PREFIX = 'xnt_';

export function rowToApiToken(row: ApiTokenRow): ApiToken {
  const scopes: unknown = JSON.parse(row.scopes);
  return {
    id: row.id,
    province: row.province_code,
    name: row.name,
    scopes: Array.isArray(scopes)
      ? scopes.filter((s): s is Permission => typeof s === 'string' && isPermission(s))
      : [],
    unitCode: row.unit_code,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/** The token whose secret is `secret`, if it is neither revoked nor expired at `now`. */
export async function findApiTokenBySecret(
  db: Kysely<Database>,
  secret: string,
  now: Date,
): Promise<ApiToken | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await db
    .selectFrom('api_token')
    .selectAll()
    .where('secret_hash', '=', sha256Hex(secret))
    .executeTakeFirst();
  if (row === undefined || row.revoked_at !== null || now.getTime() >= Date.parse(row.expires_at))
    return undefined;
  return rowToApiToken(row);
}

export async function touchApiToken(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function listApiTokens(db: Kysely<Database>, province: string): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_token')
    .selectAll()
    .where('province_code', '=', province)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(rowToApiToken);
}

export interface NewApiToken {
  name: string;
  scopes: readonly Permission[];
  unitCode: string | null;
  expiresInDays: number;
}

/** Issues a token; the secret is returned here once and stored only as its hash. */
export async function createApiToken(
  db: Kysely<Database>,
  act: Act,
  input: NewApiToken,
): Promise<{ token: ApiToken; secret: string }> {
  const secret = `${TOKEN_PREFIX}${randomSecret()}`;
  const id = randomUUID();
  const expiresAt = new Date(Date.parse(act.at) + input.expiresInDays * 86_400_000).toISOString();
  return inTransaction(db, async (trx) => {
    if (input.unitCode !== null && !(await unitExists(trx, act.province, input.unitCode)))
      throw problem(
        'unit_unknown',
        t(`单位“${input.unitCode}”不存在`, `unit "${input.unitCode}" does not exist`),
        {
          errors: [{ path: 'body.unitCode', message: t('不是本省的单位', 'is not a unit of this province') }],
        },
      );
    const row: ApiTokenRow = {
      id,
      province_code: act.province,
      name: input.name,
      secret_hash: sha256Hex(secret),
      scopes: JSON.stringify([...new Set(input.scopes)].sort()),
      unit_code: input.unitCode,
      created_by: act.actor,
      created_at: act.at,
      expires_at: expiresAt,
      revoked_at: null,
      last_used_at: null,
    };
    await trx.insertInto('api_token').values(row).execute();
    const token = rowToApiToken(row);
    await recordAudit(trx, act, { action: 'token.create', entity: 'api_token', entityId: id, after: token });
    return { token, secret };
  });
}

/** Revokes a token of the act's province; revoking a revoked token changes nothing and records nothing. */
export async function revokeApiToken(db: Kysely<Database>, act: Act, id: string): Promise<ApiToken> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('api_token')
      .selectAll()
      .where('id', '=', id)
      .where('province_code', '=', act.province)
      .executeTakeFirst();
    if (row === undefined) throw notFound(TOKEN, id);
    const before = rowToApiToken(row);
    if (before.revokedAt !== null) return before;
    await trx.updateTable('api_token').set({ revoked_at: act.at }).where('id', '=', id).execute();
    const after = { ...before, revokedAt: act.at };
    await recordAudit(trx, act, { action: 'token.revoke', entity: 'api_token', entityId: id, before, after });
    return after;
  });
}
