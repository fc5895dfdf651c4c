import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { prepareDocument } from './plan-document.js';
import { getPlanVersionRow, updatePlanVersionRow } from './plan-repository.js';
import { type PlanVersionDetail, rowToDetail, versionId } from './plan-version.js';
import { requireEditableDraft } from './plan-version-state.js';

/**
 * Publishing freezes a draft: from then on its document and hash never change, and results and
 * submissions point at it. A change (version 2 onwards) must carry a reason and an approval.
 */
export async function publishVersion(
  db: Kysely<Database>,
  act: Act,
  code: string,
  number: number,
  seen: number,
): Promise<PlanVersionDetail> {
  return inTransaction(db, async (trx) => {
    const before = await getPlanVersionRow(trx, act.province, code, number, { forUpdate: true });
    requireEditableDraft(before, seen);
    if (number > 1 && (before.reason === null || before.reason.trim() === ''))
      throw problem('approval_required', t('调整须说明理由', 'a change must state its reason'), {
        errors: [{ path: 'body.reason', message: t('必填', 'is required') }],
      });
    if (number > 1 && before.approved_by === null)
      throw problem(
        'approval_required',
        t(
          `方案“${code}”第 ${number} 版是对已发布方案的调整，须经另一名考核办人员审批后发布`,
          `plan "${code}" version ${number} changes a published plan and needs another office user's approval first`,
        ),
      );
    // Re-checked at publication: the engine's rules may have grown since the draft was saved.
    prepareDocument(JSON.parse(before.document), code, number);
    const after = await updatePlanVersionRow(trx, before, {
      status: 'published',
      published_by: act.actor,
      published_at: act.at,
    });
    await recordAudit(trx, act, {
      action: 'plan.publish',
      entity: 'plan_version',
      entityId: versionId(code, number),
      before: { status: 'draft' },
      after: { status: 'published', hash: after.hash, reason: after.reason, approvedBy: after.approved_by },
    });
    return rowToDetail(after);
  });
}
