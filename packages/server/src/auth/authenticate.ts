import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app/app-context.js';
import type { AppError } from '../http/app-error.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { parseRoles } from '../users/user.js';
import { findApiTokenBySecret, touchApiToken } from './api-token-repository.js';
import type { Principal } from './principal.js';
import { csrfTokenFor, sha256Hex } from './secret-token.js';
import { DEFAULT_SECURITY_POLICY } from './security-policy.js';
import type { SessionRow } from './session-cache.js';
import { SESSION_COOKIE } from './session-cookie.js';

/** Last use is written at most this often, so that a busy reader does not write on every request. */
export const TOUCH_INTERVAL_MS = 60_000;

export interface Authentication {
  principal?: Principal;
  /** Why a credential that was sent gives no principal. */
  problem?: AppError;
  via?: 'cookie' | 'bearer';
}

/**
 * Who is calling: a Bearer token in Authorization (API tokens only ever travel there, never in a cookie),
 * else the session cookie. A session ends when revoked, when its account is disabled, after the idle
 * timeout and after the absolute timeout of the province's current policy.
 */
export async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Authentication> {
  const now = ctx.clock();
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,200})$/.exec(authorization);
    if (match === null)
      return {
        problem: problem(
          'unauthenticated',
          t('Authorization 头须为“Bearer <令牌>”', 'the Authorization header must be "Bearer <token>"'),
        ),
      };
    const token = await findApiTokenBySecret(ctx.db, match[1]!, now);
    if (token === undefined)
      return {
        problem: problem(
          'unauthenticated',
          t('API 令牌无效、已吊销或已过期', 'the API token is invalid, revoked or expired'),
        ),
      };
    if (token.lastUsedAt === null || now.getTime() - Date.parse(token.lastUsedAt) >= TOUCH_INTERVAL_MS)
      await touchApiToken(ctx.db, token.id, now.toISOString());
    return {
      via: 'bearer',
      principal: {
        kind: 'token',
        tokenId: token.id,
        name: token.name,
        province: token.province,
        scopes: token.scopes,
        unitCode: token.unitCode,
      },
    };
  }

  const secret = request.cookies[SESSION_COOKIE];
  if (secret === undefined || secret === '') return {};
  // A function, not a value: an error captures a stack trace, too dear to build on every request.
  const ended = () =>
    problem(
      'session_expired',
      t('会话已结束或已过期：请重新登录', 'the session has ended or expired: sign in again'),
    );
  const idHash = sha256Hex(secret);
  const row = await sessionRow(ctx, idHash, now.getTime());
  if (row === undefined || row.revoked_at !== null || row.disabled === 1) return { problem: ended() };
  const idle = (row.session_idle_minutes ?? DEFAULT_SECURITY_POLICY.sessionIdleMinutes) * 60_000;
  const absolute = (row.session_absolute_minutes ?? DEFAULT_SECURITY_POLICY.sessionAbsoluteMinutes) * 60_000;
  const lastSeen = Date.parse(row.last_seen_at);
  const ms = now.getTime();
  // The absolute limit is the earlier of the one fixed at sign-in and the one in force now.
  if (
    ms >= Date.parse(row.expires_at) ||
    ms >= Date.parse(row.created_at) + absolute ||
    ms >= lastSeen + idle
  )
    return { problem: ended() };
  if (ms - lastSeen >= TOUCH_INTERVAL_MS) {
    const lastSeenAt = now.toISOString();
    await ctx.db
      .updateTable('session')
      .set({ last_seen_at: lastSeenAt })
      .where('id_hash', '=', idHash)
      .execute();
    ctx.sessionCache.set(idHash, { ...row, last_seen_at: lastSeenAt }, ms);
  }
  return {
    via: 'cookie',
    principal: {
      kind: 'user',
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      province: row.province_code,
      roles: parseRoles(row.roles),
      unitCode: row.unit_code,
      mustChangePassword: row.must_change_password === 1,
      sessionIdHash: idHash,
      csrfToken: csrfTokenFor(secret),
    },
  };
}

/** The session with its account and policy: from the cache when read moments ago, else from the database. */
async function sessionRow(ctx: AppContext, idHash: string, nowMs: number): Promise<SessionRow | undefined> {
  const cached = ctx.sessionCache.get(idHash, nowMs);
  if (cached !== undefined) return cached;
  const loaded = await ctx.db
    .selectFrom('session as s')
    .innerJoin('user_account as u', 'u.id', 's.user_id')
    .leftJoin('security_policy as p', 'p.province_code', 'u.province_code')
    .select([
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.province_code',
      'u.roles',
      'u.unit_code',
      'u.must_change_password',
      'u.disabled',
      'p.session_idle_minutes',
      'p.session_absolute_minutes',
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (loaded !== undefined) ctx.sessionCache.set(idHash, loaded, nowMs);
  return loaded;
}
