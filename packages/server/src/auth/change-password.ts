import { type Act, recordAudit } from '../app/act.js';
import type { AppContext } from '../app/app-context.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { rowToUser, type User, userAuditView } from '../users/user.js';
import { passwordPolicyProblem } from '../users/user-problems.js';
import { getUserForUpdate } from '../users/user-repository.js';
import { passwordIssues } from './password-policy.js';
import type { UserPrincipal } from './principal.js';
import { getSecurityPolicy } from './security-policy.js';
import { revokeUserSessions } from './session-repository.js';
import { recordWrongPassword } from './sign-in-failure.js';

/**
 * A signed-in person changes their own password. The current one is required (a session left open is
 * not enough) and a wrong one counts toward the lockout; the new one must meet the policy and differ
 * from the current one. Every other session of the account ends.
 */
export async function changeOwnPassword(
  ctx: AppContext,
  act: Act,
  principal: UserPrincipal,
  input: { currentPassword: string; newPassword: string },
): Promise<User> {
  const row = await ctx.db
    .selectFrom('user_account')
    .selectAll()
    .where('id', '=', principal.userId)
    .executeTakeFirstOrThrow();
  const policy = await getSecurityPolicy(ctx.db, principal.province);
  if (!(await ctx.hasher.verify(row.password_hash, input.currentPassword))) {
    await ctx.db.transaction().execute((trx) => recordWrongPassword(trx, act, principal.userId, policy));
    throw problem('password_wrong', t('当前密码不正确', 'the current password is wrong'), {
      errors: [{ path: 'body.currentPassword', message: t('不正确', 'is wrong') }],
    });
  }
  const issues = passwordIssues(input.newPassword, policy, {
    username: row.username,
    path: 'body.newPassword',
  });
  if (input.newPassword === input.currentPassword)
    issues.push({
      path: 'body.newPassword',
      message: t('新密码不得与当前密码相同', 'must differ from the current password'),
    });
  if (issues.length > 0) throw passwordPolicyProblem(issues);
  const passwordHash = await ctx.hasher.hash(input.newPassword);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getUserForUpdate(trx, principal.province, principal.userId);
    const updated = await trx
      .updateTable('user_account')
      .set({
        password_hash: passwordHash,
        must_change_password: 0,
        password_changed_at: act.at,
        version: before.version + 1,
      })
      .where('id', '=', principal.userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = rowToUser(updated);
    const sessionsEnded = await revokeUserSessions(trx, principal.userId, act.at, principal.sessionIdHash);
    await recordAudit(trx, act, {
      action: 'user.password_change',
      entity: 'user',
      entityId: principal.userId,
      before: userAuditView(before),
      after: { ...userAuditView(after), sessionsEnded },
    });
    return after;
  });
}
