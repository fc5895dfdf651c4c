import type { FastifyBaseLogger } from 'fastify';
import { type Act, recordAudit } from '../app/act.js';
import type { AppContext } from '../app/app-context.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { rowToUser, type User } from '../users/user.js';
import { findUserRowByUsername } from '../users/user-repository.js';
import { getSecurityPolicy } from './security-policy.js';
import { createSession, type NewSession, sessionRef } from './session-repository.js';
import { recordWrongPassword } from './sign-in-failure.js';

export interface LoginInput {
  username: string;
  password: string;
}

/**
 * One answer for every failed sign-in, whether the username exists, the password is wrong, the account
 * is locked or disabled: nothing tells a guesser which usernames are real. The person locked out reads
 * that a lock is possible and waits, or asks the system administrator to unlock.
 */
function loginFailed() {
  return problem(
    'login_failed',
    t(
      '用户名或密码错误，或账户已被暂时锁定或停用',
      'wrong username or password, or the account is temporarily locked or disabled',
    ),
  );
}

/**
 * Signs in: checks the password (argon2id) and the account's state, counts failures toward the lockout,
 * and on success begins a session. Every outcome for an existing account is in the audit log; a failure
 * for an unknown username has no province chain to go to and is logged by the server instead.
 */
export async function login(
  ctx: AppContext,
  input: LoginInput,
  requestId: string,
  log: FastifyBaseLogger,
): Promise<{ user: User; session: NewSession }> {
  const now = ctx.clock();
  const row = await findUserRowByUsername(ctx.db, input.username);
  if (row === undefined) {
    await ctx.hasher.verifyNothing(input.password);
    log.warn({ username: input.username }, 'sign-in for an unknown username');
    throw loginFailed();
  }
  const user = rowToUser(row);
  const policy = await getSecurityPolicy(ctx.db, user.province);
  const act: Act = {
    province: user.province,
    actor: user.username,
    role: user.roles.join(',') || 'none',
    requestId,
    at: now.toISOString(),
    auditAlgorithm: ctx.config.auditAlgorithm,
  };
  const locked = user.lockedUntil !== null && now.getTime() < Date.parse(user.lockedUntil);
  if (user.disabled || locked) {
    await ctx.hasher.verifyNothing(input.password);
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, act, {
        action: 'login.failure',
        entity: 'user',
        entityId: user.id,
        after: user.disabled ? { reason: 'disabled' } : { reason: 'locked', lockedUntil: user.lockedUntil },
      }),
    );
    throw loginFailed();
  }
  if (!(await ctx.hasher.verify(row.password_hash, input.password))) {
    await ctx.db.transaction().execute((trx) => recordWrongPassword(trx, act, user.id, policy));
    throw loginFailed();
  }
  const session = await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_account')
      .set({ failed_attempts: 0, failed_since: null, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    const s = await createSession(trx, {
      userId: user.id,
      province: user.province,
      at: now,
      absoluteMinutes: policy.sessionAbsoluteMinutes,
    });
    await recordAudit(trx, act, {
      action: 'login.success',
      entity: 'session',
      entityId: sessionRef(s.idHash),
      after: { userId: user.id, expiresAt: s.expiresAt },
    });
    return s;
  });
  return { user: { ...user, failedAttempts: 0, lockedUntil: null }, session };
}
