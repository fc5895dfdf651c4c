import { type Act, inTransaction, recordAudit } from '../app/act.js';
import { type Clock, systemClock } from '../app/clock.js';
import { DEFAULT_HASH_ALGORITHM, type HashAlgorithm } from '../audit/hash-algorithm.js';
import type { Db } from '../db/database.js';
import { notFound, problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { type User, userAuditView } from '../users/user.js';
import { passwordPolicyProblem } from '../users/user-problems.js';
import { findUserRowByUsername, getUserForUpdate, USER } from '../users/user-repository.js';
import { randomPassword } from './bootstrap-admins.js';
import { createPasswordHasher, DEFAULT_PASSWORD_HASHING, type PasswordHashing } from './password-hasher.js';
import { passwordIssues } from './password-policy.js';
import { isAdminRole } from './roles.js';
import { getSecurityPolicy } from './security-policy.js';
import { revokeUserSessions } from './session-repository.js';

export interface RecoverOptions {
  username: string;
  /** The new password; a random one when left out (returned once). */
  password?: string;
  clock?: Clock;
  passwordHashing?: PasswordHashing;
  auditAlgorithm?: HashAlgorithm;
}

/**
 * Sets a temporary password for an administrator account, for whoever runs the server (a command on the
 * server's machine, not the API): through the API nobody may reset an administrator (三员分立), so a lost
 * administrator password has no other way back. The account must change it at its next sign-in, its lock
 * is lifted, its sessions end, and the act is in the audit log as `system` / `recovery`.
 */
export async function recoverAdministrator(
  db: Db,
  options: RecoverOptions,
): Promise<{ user: User; password: string; generated: boolean }> {
  const row = await findUserRowByUsername(db, options.username);
  if (row === undefined) throw notFound(USER, options.username);
  const password = options.password ?? randomPassword(row.username);
  const policy = await getSecurityPolicy(db, row.province_code);
  const weak = passwordIssues(password, policy, { username: row.username, path: 'password' });
  if (weak.length > 0) throw passwordPolicyProblem(weak);
  const hash = await createPasswordHasher(options.passwordHashing ?? DEFAULT_PASSWORD_HASHING).hash(password);
  const act: Act = {
    province: row.province_code,
    actor: 'system',
    role: 'recovery',
    requestId: undefined,
    at: (options.clock ?? systemClock)().toISOString(),
    auditAlgorithm: options.auditAlgorithm ?? DEFAULT_HASH_ALGORITHM,
  };
  const user = await inTransaction(db, async (trx) => {
    const before = await getUserForUpdate(trx, row.province_code, row.id);
    if (!before.roles.some(isAdminRole))
      throw problem(
        'forbidden',
        t(
          `“${before.username}”不是管理员账户：普通账户由系统管理员重置密码`,
          `"${before.username}" is not an administrator account: the system administrator resets ordinary accounts`,
        ),
      );
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
        password_hash: hash,
        must_change_password: 1,
        failed_attempts: 0,
        failed_since: null,
        locked_until: null,
        password_changed_at: act.at,
        version: after.version,
      })
      .where('id', '=', row.id)
      .execute();
    const sessionsEnded = await revokeUserSessions(trx, row.id, act.at);
    await recordAudit(trx, act, {
      action: 'user.password_recovery',
      entity: 'user',
      entityId: row.id,
      before: userAuditView(before),
      after: { ...userAuditView(after), sessionsEnded },
    });
    return after;
  });
  return { user, password, generated: options.password === undefined };
}
