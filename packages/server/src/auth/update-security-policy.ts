import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { problem, versionConflict } from '../http/app-error.js';
import { t } from '../localised.js';
import {
  getSecurityPolicy,
  policySettings,
  type SecurityPolicy,
  type SecurityPolicySettings,
  settingsToRow,
} from './security-policy.js';

const POLICY = t('安全策略', 'the security policy');

/**
 * Replaces the province's policy. `version` is the one read (0 while on the defaults); a stale one gets
 * 409. Takes effect at once: sessions are checked against the current timeouts on every request.
 */
export async function updateSecurityPolicy(
  db: Kysely<Database>,
  act: Act,
  settings: SecurityPolicySettings,
  version: number,
): Promise<SecurityPolicy> {
  if (settings.sessionAbsoluteMinutes < settings.sessionIdleMinutes)
    throw problem(
      'validation_failed',
      t(
        '会话绝对时限不得短于空闲时限',
        'the absolute session timeout must not be shorter than the idle timeout',
      ),
      {
        errors: [
          {
            path: 'body.sessionAbsoluteMinutes',
            message: t(
              `不得小于 sessionIdleMinutes（${settings.sessionIdleMinutes}）`,
              `must be at least sessionIdleMinutes (${settings.sessionIdleMinutes})`,
            ),
          },
        ],
      },
    );
  try {
    return await write(db, act, settings, version);
  } catch (err) {
    // Two first writes at once: the primary key lets one in, the other is as stale as a lost update.
    if (isUniqueViolation(err)) throw versionConflict(POLICY, version, version + 1);
    throw err;
  }
}

function write(
  db: Kysely<Database>,
  act: Act,
  settings: SecurityPolicySettings,
  version: number,
): Promise<SecurityPolicy> {
  return inTransaction(db, async (trx) => {
    const before = await getSecurityPolicy(trx, act.province);
    if (before.version !== version) throw versionConflict(POLICY, version, before.version);
    const row = { ...settingsToRow(settings), updated_at: act.at, version: version + 1 };
    const changed =
      version === 0
        ? await trx
            .insertInto('security_policy')
            .values({ province_code: act.province, ...row })
            .executeTakeFirst()
        : await trx
            .updateTable('security_policy')
            .set(row)
            .where('province_code', '=', act.province)
            .where('version', '=', version)
            .executeTakeFirst();
    if ('numUpdatedRows' in changed && Number(changed.numUpdatedRows) === 0)
      throw versionConflict(POLICY, version, version + 1);
    const after: SecurityPolicy = {
      ...settings,
      province: act.province,
      version: version + 1,
      updatedAt: act.at,
    };
    await recordAudit(trx, act, {
      action: 'policy.update',
      entity: 'security_policy',
      entityId: act.province,
      before: before.version === 0 ? { ...policySettings(before), defaults: true } : policySettings(before),
      after: policySettings(after),
    });
    return after;
  });
}
