import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { getPlanVersionRow, updatePlanVersionRow } from './plan-repository.js';
import { type PlanVersionDetail, rowToDetail, versionId } from './plan-version.js';
import { requireEditableDraft } from './plan-version-state.js';

/**
 * Approves a change draft (version 2 onwards). The approver must not have written any of it: neither
 * started the change nor edited the draft, as the audit log records.
 */
export async function approveChange(
  db: Kysely<Database>,
  act: Act,
  code: string,
  number: number,
  seen: number,
): Promise<PlanVersionDetail> {
  return inTransaction(db, async (trx) => {
    const before = await getPlanVersionRow(trx, act.province, code, number, { forUpdate: true });
    requireEditableDraft(before, seen);
    if (number === 1)
      throw problem(
        'plan_state',
        t('第 1 版方案无需审批，可直接发布', 'version 1 of a plan needs no approval: publish it'),
      );
    const authored = await trx
      .selectFrom('audit_entry')
      .select('seq')
      .where('province_code', '=', act.province)
      .where('entity', '=', 'plan_version')
      .where('entity_id', '=', versionId(code, number))
      .where('actor', '=', act.actor)
      .where('action', 'in', ['plan.change.start', 'plan.draft.update'])
      .limit(1)
      .executeTakeFirst();
    if (before.created_by === act.actor || authored !== undefined)
      throw problem(
        'self_approval',
        t(
          '您起草或修改过这一调整：须由另一名考核办人员审批',
          'you drafted or edited this change: another office user must approve it',
        ),
      );
    const after = await updatePlanVersionRow(trx, before, { approved_by: act.actor, approved_at: act.at });
    await recordAudit(trx, act, {
      action: 'plan.change.approve',
      entity: 'plan_version',
      entityId: versionId(code, number),
      before: { approvedBy: null },
      after: { approvedBy: act.actor, hash: after.hash, reason: after.reason },
    });
    return rowToDetail(after);
  });
}
