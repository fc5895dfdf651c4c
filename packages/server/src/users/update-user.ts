import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import { revokeUserSessions } from '../auth/session-repository.js';
import type { Database } from '../db/database.js';
import { versionConflict } from '../http/app-error.js';
import type { User } from './user.js';
import { userAuditView } from './user.js';
import { refuseAdminTarget } from './user-problems.js';
import { getUserForUpdate, USER } from './user-repository.js';

export interface UserChanges {
  displayName?: string;
  disabled?: boolean;
  /** The version the change was made against; 409 when the account has changed since. */
  version: number;
}

/**
 * The system administrator's changes to an ordinary account: its name and whether it may sign in.
 * Disabling ends the account's sessions at once.
 */
export async function updateUser(
  db: Kysely<Database>,
  act: Act,
  id: string,
  changes: UserChanges,
): Promise<User> {
  return inTransaction(db, async (trx) => {
    const before = await getUserForUpdate(trx, act.province, id);
    refuseAdminTarget(before);
    if (before.version !== changes.version) throw versionConflict(USER, changes.version, before.version);
    const after: User = {
      ...before,
      displayName: changes.displayName ?? before.displayName,
      disabled: changes.disabled ?? before.disabled,
      version: before.version + 1,
    };
    await trx
      .updateTable('user_account')
      .set({ display_name: after.displayName, disabled: after.disabled ? 1 : 0, version: after.version })
      .where('id', '=', id)
      .where('version', '=', before.version)
      .execute();
    if (after.disabled && !before.disabled) await revokeUserSessions(trx, id, act.at);
    const action =
      after.disabled === before.disabled ? 'user.update' : after.disabled ? 'user.disable' : 'user.enable';
    await recordAudit(trx, act, {
      action,
      entity: 'user',
      entityId: id,
      before: userAuditView(before),
      after: userAuditView(after),
    });
    return after;
  });
}
