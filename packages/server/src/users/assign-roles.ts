import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import { roleRuleIssues } from '../auth/role-rules.js';
import { ADMIN_ROLES, ROLE_LABELS, type Role, sortRoles } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { problem, versionConflict } from '../http/app-error.js';
import { t } from '../localised.js';
import { rolesToJson, type User, userAuditView } from './user.js';
import { rolesProblem, unknownUnitProblem } from './user-problems.js';
import { countOtherHolders, getUserForUpdate, USER, unitExists } from './user-repository.js';

export interface RoleAssignment {
  roles: readonly Role[];
  unitCode: string | null;
  version: number;
}

/**
 * The security administrator's act: what an account may do (roles) and where (unit scope). Refused for
 * one's own account, for sets the role rules forbid, and when it would leave the province without an
 * enabled holder of one of the three administrator roles.
 */
export async function assignRoles(
  db: Kysely<Database>,
  act: Act & { actorId: string },
  id: string,
  assignment: RoleAssignment,
): Promise<User> {
  const roles = sortRoles(assignment.roles);
  const issues = roleRuleIssues(roles, assignment.unitCode);
  if (issues.length > 0) throw rolesProblem(issues);
  if (id === act.actorId)
    throw problem(
      'forbidden',
      t(
        '不能修改自己的角色：请由另一名安全管理员操作',
        'you cannot change your own roles: ask another security administrator',
      ),
    );
  return inTransaction(db, async (trx) => {
    const before = await getUserForUpdate(trx, act.province, id);
    if (before.version !== assignment.version)
      throw versionConflict(USER, assignment.version, before.version);
    if (assignment.unitCode !== null && !(await unitExists(trx, act.province, assignment.unitCode)))
      throw unknownUnitProblem(assignment.unitCode, 'body.unitCode');
    for (const role of ADMIN_ROLES) {
      if (before.roles.includes(role) && !roles.includes(role) && !before.disabled) {
        if ((await countOtherHolders(trx, act.province, role, id)) === 0)
          throw problem(
            'last_admin',
            t(
              `“${before.username}”是本省最后一名${ROLE_LABELS[role]['zh-CN']}：先为另一账户分配该角色`,
              `"${before.username}" is the province's last ${ROLE_LABELS[role].en}: give the role to another account first`,
            ),
          );
      }
    }
    const after: User = { ...before, roles, unitCode: assignment.unitCode, version: before.version + 1 };
    await trx
      .updateTable('user_account')
      .set({ roles: rolesToJson(roles), unit_code: assignment.unitCode, version: after.version })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, act, {
      action: 'user.roles',
      entity: 'user',
      entityId: id,
      before: userAuditView(before),
      after: userAuditView(after),
    });
    return after;
  });
}
