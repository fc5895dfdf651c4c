import { type Act, recordAudit } from '../app/act.js';
import type { Db } from '../db/database.js';
import type { UserPrincipal } from './principal.js';
import { revokeSession, revokeUserSessions, sessionRef } from './session-repository.js';

/** Ends the session the request came with. */
export async function logout(db: Db, act: Act, principal: UserPrincipal): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await revokeSession(trx, principal.sessionIdHash, act.at);
    await recordAudit(trx, act, {
      action: 'logout',
      entity: 'session',
      entityId: sessionRef(principal.sessionIdHash),
    });
  });
}

/** Ends every session of the account, this one included (a lost phone, a shared computer); how many. */
export async function logoutEverywhere(db: Db, act: Act, principal: UserPrincipal): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await revokeUserSessions(trx, principal.userId, act.at);
    await recordAudit(trx, act, {
      action: 'logout.all',
      entity: 'user',
      entityId: principal.userId,
      after: { sessionsEnded: ended },
    });
    return ended;
  });
}
