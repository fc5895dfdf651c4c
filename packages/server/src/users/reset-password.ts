import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import { passwordIssues } from '../auth/password-policy.js';
import { getSecurityPolicy } from '../auth/security-policy.js';
import { revokeUserSessions } from '../auth/session-repository.js';
import type { Database } from '../db/database.js';
import { versionConflict } from '../http/app-error.js';
import { type User, userAuditView } from './user.js';
import { passwordPolicyProblem, refuseAdminTarget } from './user-problems.js';
import { getUser, getUserForUpdate, USER } from './user-repository.js';

/**
 * The system administrator sets a temporary password for an ordinary account (forgotten password): the
 * account must change it at its next sign-in, its sessions end, and a lock is lifted.
 */
export async function resetPassword(
  db: Kysely<Database>,
  hasher: PasswordHasher,
  act: Act,
  id: string,
  input: { newPassword: string; version: number },
): Promise<User> {
  const target = await getUser(db, act.province, id);
  refuseAdminTarget(target);
  const policy = await getSecurityPolicy(db, act.province);
  const weak = passwordIssues(input.newPassword, policy, {
    username: target.username,
    path: 'body.newPassword',
  });
  if (weak.length > 0) throw passwordPolicyProblem(weak);
  const passwordHash = await hasher.hash(input.newPassword);
  return inTransaction(db, async (trx) => {
    const before = await getUserForUpdate(trx, act.province, id);
    refuseAdminTarget(before);
    if (before.version !== input.version) throw versionConflict(USER, input.version, before.version);
    const after: User = {
      ...before,
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: act.at,
      version: before.version + 1,
    };
    await trx
      .updateTable('user_account')
      .set({
        password_hash: passwordHash,
        must_change_password: 1,
        failed_attempts: 0,
        failed_since: null,
        locked_until: null,
        password_changed_at: act.at,
        version: after.version,
      })
      .where('id', '=', id)
      .execute();
    const sessionsEnded = await revokeUserSessions(trx, id, act.at);
    await recordAudit(trx, act, {
      action: 'user.password_reset',
      entity: 'user',
      entityId: id,
      before: userAuditView(before),
      after: { ...userAuditView(after), sessionsEnded },
    });
    return after;
  });
}
