import type { Source } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { versionConflict } from '../http/app-error.js';
import { t } from '../localised.js';
import { requireSource } from './source-roles.js';
import { type SubmissionKey, submissionId } from './submission.js';
import { requireWritableTarget } from './submission-target.js';
import { checkValueItems, type StoredValue, type ValueItem, valuesOf, writeValues } from './value-items.js';

const VALUE = t('数据', 'value');

/**
 * Values of an independent source (third-party evaluation, on-site inspection, public survey), entered by
 * that source's role. They are not part of the unit's submission and need no review; each value carries
 * its own version (0 or absent: a new value).
 */
export async function saveSourceValues(
  db: Kysely<Database>,
  act: Act,
  principal: Principal,
  key: SubmissionKey,
  source: Exclude<Source, 'self'>,
  items: ValueItem[],
): Promise<StoredValue[]> {
  requireSource(principal, source);
  return inTransaction(db, async (trx) => {
    const { plan } = await requireWritableTarget(trx, principal, key, act.at);
    await checkValueItems(trx, act.province, plan, items, 'body.values');
    const before = await valuesOf(trx, act.province, key, source);
    const current = new Map(before.map((v) => [v.element, v.version]));
    for (const item of items) {
      const now = current.get(item.element) ?? 0;
      if ((item.version ?? 0) !== now) throw versionConflict(VALUE, item.version ?? 0, now);
    }
    await writeValues(trx, act.province, key, source, items, act.actor, act.at);
    const after = await valuesOf(trx, act.province, key, source);
    await recordAudit(trx, act, {
      action: 'values.enter',
      entity: 'data_value',
      entityId: `${submissionId(key)}/${source}`,
      before: before.map(({ element, value, evidenceHash }) => ({ element, value, evidenceHash })),
      after: after.map(({ element, value, evidenceHash }) => ({ element, value, evidenceHash })),
    });
    return after;
  });
}
