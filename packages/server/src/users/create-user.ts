import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import { passwordIssues } from '../auth/password-policy.js';
import { roleRuleIssues } from '../auth/role-rules.js';
import type { Role } from '../auth/roles.js';
import { getSecurityPolicy } from '../auth/security-policy.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { rolesToJson, rowToUser, type User, userAuditView } from './user.js';
import { passwordPolicyProblem, rolesProblem, unknownUnitProblem } from './user-problems.js';
import { findUserRowByUsername, normaliseUsername, unitExists } from './user-repository.js';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  /** Only the bootstrap and the demo seed give roles here; through the API roles come from the secadmin. */
  roles?: readonly Role[];
  unitCode?: string | null;
  /** Whether the first sign-in must set a new password; default true (an administrator chose this one). */
  mustChangePassword?: boolean;
}

/** Creates an account in the act's province, checked against the policy and the role rules, audited. */
export async function createUser(
  db: Kysely<Database>,
  hasher: PasswordHasher,
  act: Act,
  input: NewUser,
): Promise<User> {
  const username = normaliseUsername(input.username);
  const roles = input.roles ?? [];
  const unitCode = input.unitCode ?? null;
  const policy = await getSecurityPolicy(db, act.province);
  const weak = passwordIssues(input.password, policy, { username, path: 'body.password' });
  if (weak.length > 0) throw passwordPolicyProblem(weak);
  const ruleIssues = roleRuleIssues(roles, unitCode);
  if (ruleIssues.length > 0) throw rolesProblem(ruleIssues);
  const passwordHash = await hasher.hash(input.password);
  const taken = () =>
    problem('username_taken', t(`用户名“${username}”已被占用`, `the username "${username}" is taken`), {
      errors: [{ path: 'body.username', message: t('已被占用', 'is taken') }],
    });
  try {
    return await inTransaction(db, async (trx) => {
      if (unitCode !== null && !(await unitExists(trx, act.province, unitCode)))
        throw unknownUnitProblem(unitCode, 'body.unitCode');
      if ((await findUserRowByUsername(trx, username)) !== undefined) throw taken();
      const row = await trx
        .insertInto('user_account')
        .values({
          id: randomUUID(),
          province_code: act.province,
          username,
          display_name: input.displayName,
          password_hash: passwordHash,
          roles: rolesToJson(roles),
          unit_code: unitCode,
          must_change_password: input.mustChangePassword === false ? 0 : 1,
          password_changed_at: act.at,
          created_at: act.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const user = rowToUser(row);
      await recordAudit(trx, act, {
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        after: userAuditView(user),
      });
      return user;
    });
  } catch (err) {
    // Two creations of one name at once: the unique index decides, the loser gets the same 409.
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}
