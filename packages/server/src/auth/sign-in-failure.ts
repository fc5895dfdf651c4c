import type { Transaction } from 'kysely';
import { type Act, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import { dialectOf } from '../db/database.js';
import type { SecurityPolicySettings } from './security-policy.js';
import { revokeUserSessions } from './session-repository.js';

/**
 * Counts one wrong password against account `userId` and locks it when the policy's threshold is reached
 * within its window: `lockoutThreshold` failures, the first of them at most `lockoutWindowMinutes` ago,
 * lock it for `lockoutDurationMinutes`. A lock also ends the account's sessions (someone is guessing).
 * Returns whether this failure locked the account.
 */
export async function recordWrongPassword(
  trx: Transaction<Database>,
  act: Act,
  userId: string,
  policy: SecurityPolicySettings,
): Promise<boolean> {
  let q = trx
    .selectFrom('user_account')
    .select(['failed_attempts', 'failed_since', 'locked_until'])
    .where('id', '=', userId);
  if (dialectOf(trx) === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirstOrThrow();
  const now = Date.parse(act.at);
  const windowOpen =
    row.failed_since !== null && now - Date.parse(row.failed_since) < policy.lockoutWindowMinutes * 60_000;
  const attempts = (windowOpen ? row.failed_attempts : 0) + 1;
  const locks = attempts >= policy.lockoutThreshold;
  const lockedUntil = locks ? new Date(now + policy.lockoutDurationMinutes * 60_000).toISOString() : null;
  await trx
    .updateTable('user_account')
    .set(
      locks
        ? { failed_attempts: 0, failed_since: null, locked_until: lockedUntil }
        : { failed_attempts: attempts, failed_since: windowOpen ? row.failed_since : act.at },
    )
    .where('id', '=', userId)
    .execute();
  await recordAudit(trx, act, {
    action: 'login.failure',
    entity: 'user',
    entityId: userId,
    after: { reason: 'password', failedAttempts: attempts },
  });
  if (locks) {
    const sessionsEnded = await revokeUserSessions(trx, userId, act.at);
    await recordAudit(trx, act, {
      action: 'user.lock',
      entity: 'user',
      entityId: userId,
      before: { lockedUntil: row.locked_until },
      after: { lockedUntil, sessionsEnded },
    });
  }
  return locks;
}
