import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import { type User, userAuditView } from './user.js';
import { getUserForUpdate } from './user-repository.js';

/**
 * Lifts a lockout before it runs out and forgets the failures counted so far. Allowed for administrator
 * accounts too: it grants nothing, the password is still needed. Unlocking an unlocked account changes
 * nothing and records nothing.
 */
export async function unlockUser(db: Kysely<Database>, act: Act, id: string): Promise<User> {
  return inTransaction(db, async (trx) => {
    const before = await getUserForUpdate(trx, act.province, id);
    if (before.lockedUntil === null && before.failedAttempts === 0) return before;
    const after: User = { ...before, lockedUntil: null, failedAttempts: 0 };
    await trx
      .updateTable('user_account')
      .set({ locked_until: null, failed_attempts: 0, failed_since: null })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, act, {
      action: 'user.unlock',
      entity: 'user',
      entityId: id,
      before: { ...userAuditView(before), failedAttempts: before.failedAttempts },
      after: { ...userAuditView(after), failedAttempts: 0 },
    });
    return after;
  });
}
