import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Principal } from '../auth/principal.js';
import { requireUnitInScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { versionConflict } from '../http/app-error.js';
import { requireSource } from './source-roles.js';
import { SUBMISSION, type Submission, type SubmissionKey, submissionId } from './submission.js';
import { findSubmission, stateProblem } from './submission-repository.js';
import { requireWritableTarget } from './submission-target.js';
import { checkValueItems, type ValueItem, valuesOf, writeValues } from './value-items.js';

/**
 * A reporter saves its unit's own values (source self) into the submission, creating it as a draft against
 * the plan's latest published version on the first save (`version` 0). Allowed while the submission is a
 * draft or returned; the submission's version guards the whole set.
 */
export async function saveSubmissionValues(
  db: Kysely<Database>,
  act: Act,
  principal: Principal,
  key: SubmissionKey,
  input: { values: ValueItem[]; version: number },
): Promise<Submission> {
  requireSource(principal, 'self');
  return inTransaction(db, async (trx) => {
    await requireUnitInScope(trx, principal, key.unitCode);
    const existing = await findSubmission(trx, act.province, key, { forUpdate: true });
    const current = existing?.version ?? 0;
    if (current !== input.version) throw versionConflict(SUBMISSION, input.version, current);
    if (existing !== undefined && existing.status !== 'draft' && existing.status !== 'returned')
      throw stateProblem(existing, { zh: '修改数据', en: 'edited' });
    const { number, plan } = await requireWritableTarget(trx, principal, key, act.at, existing?.planVersion);
    await checkValueItems(trx, act.province, plan, input.values, 'body.values');
    const before = await valuesOf(trx, act.province, key, 'self');
    if (existing === undefined)
      try {
        await trx
          .insertInto('submission')
          .values({
            province_code: act.province,
            plan_code: key.planCode,
            period_code: key.periodCode,
            unit_code: key.unitCode,
            plan_version: number,
            status: 'draft',
            created_at: act.at,
          })
          .execute();
      } catch (err) {
        // Another first save committed between our read and our insert.
        if (isUniqueViolation(err)) throw versionConflict(SUBMISSION, 0, 1);
        throw err;
      }
    else
      await trx
        .updateTable('submission')
        .set({ version: existing.version + 1 })
        .where('province_code', '=', act.province)
        .where('plan_code', '=', key.planCode)
        .where('period_code', '=', key.periodCode)
        .where('unit_code', '=', key.unitCode)
        .where('version', '=', existing.version)
        .execute();
    await writeValues(trx, act.province, key, 'self', input.values, act.actor, act.at);
    const after = await valuesOf(trx, act.province, key, 'self');
    await recordAudit(trx, act, {
      action: 'submission.values',
      entity: 'submission',
      entityId: submissionId(key),
      before: before.map(({ element, value, evidenceHash }) => ({ element, value, evidenceHash })),
      after: after.map(({ element, value, evidenceHash }) => ({ element, value, evidenceHash })),
    });
    const saved = await findSubmission(trx, act.province, key);
    if (saved === undefined) throw new Error('the submission just written is missing');
    return saved;
  });
}
