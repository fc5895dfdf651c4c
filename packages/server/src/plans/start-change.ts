import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { ProblemIssue } from '../http/app-error.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { prepareDocument } from './plan-document.js';
import { getPlanSummary, getPlanVersionRow } from './plan-repository.js';
import { type PlanVersionDetail, rowToDetail, versionId } from './plan-version.js';

/**
 * 动态调整: a change to a published plan starts as a new draft version, with a reason, from the latest
 * published document (or a document given at once). It needs another office user's approval before it can
 * be published. One draft at a time per plan.
 */
export async function startChange(
  db: Kysely<Database>,
  act: Act,
  code: string,
  input: { reason: string; document?: unknown },
): Promise<PlanVersionDetail & { warnings: ProblemIssue[] }> {
  return inTransaction(db, async (trx) => {
    const plan = await getPlanSummary(trx, act.province, code);
    if (plan.draft !== null)
      throw problem(
        'plan_state',
        t(
          `方案“${code}”已有草稿第 ${plan.draft} 版：请先修改或发布它`,
          `plan "${code}" already has draft version ${plan.draft}: edit or publish it first`,
        ),
      );
    if (plan.published === null)
      throw problem(
        'plan_not_published',
        t(
          `方案“${code}”尚未发布：直接修改第 1 版草稿即可`,
          `plan "${code}" is not published yet: edit draft version 1`,
        ),
      );
    const latest = await getPlanVersionRow(trx, act.province, code, plan.published);
    const number = Math.max(plan.published, 0) + 1;
    const stored = prepareDocument(input.document ?? JSON.parse(latest.document), code, number);
    try {
      await trx
        .insertInto('plan_version')
        .values({
          province_code: act.province,
          plan_code: code,
          number,
          document: stored.text,
          hash: stored.hash,
          status: 'draft',
          reason: input.reason,
          created_by: act.actor,
          created_at: act.at,
        })
        .execute();
    } catch (err) {
      // Another change of the same plan was started at the same moment.
      if (isUniqueViolation(err))
        throw problem(
          'plan_state',
          t(`方案“${code}”已有一个调整草稿`, `plan "${code}" already has a change draft`),
        );
      throw err;
    }
    const detail = rowToDetail(await getPlanVersionRow(trx, act.province, code, number));
    await recordAudit(trx, act, {
      action: 'plan.change.start',
      entity: 'plan_version',
      entityId: versionId(code, number),
      after: { hash: stored.hash, reason: input.reason, basedOn: plan.published },
    });
    return { ...detail, warnings: stored.warnings };
  });
}
