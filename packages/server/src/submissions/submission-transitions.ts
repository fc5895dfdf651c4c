import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Principal } from '../auth/principal.js';
import { requireUnitInScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import type { SubmissionStatus } from '../db/tables/submission.table.js';
import { notFound, problem, versionConflict } from '../http/app-error.js';
import { t } from '../localised.js';
import { requireOpenPeriod } from '../periods/period-service.js';
import { requireSource } from './source-roles.js';
import { SUBMISSION, type Submission, type SubmissionKey, submissionId } from './submission.js';
import { findSubmission, stateProblem } from './submission-repository.js';

export type SubmissionAction = 'submit' | 'approve' | 'return';

const FROM: Record<SubmissionAction, readonly SubmissionStatus[]> = {
  submit: ['draft', 'returned'],
  approve: ['submitted'],
  return: ['submitted'],
};
const TO: Record<SubmissionAction, SubmissionStatus> = {
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
};
const VERB = {
  submit: { zh: '提交', en: 'submitted' },
  approve: { zh: '通过', en: 'approved' },
  return: { zh: '退回', en: 'returned' },
};

/**
 * 填报 workflow: draft → submitted → approved, or returned (with a comment) → edited → submitted again.
 * The reporter submits (into an open period); a reviewer of the unit (its leader, or the office within its
 * scope) approves or returns, and never their own submission.
 */
export async function transitionSubmission(
  db: Kysely<Database>,
  act: Act,
  principal: Principal,
  key: SubmissionKey,
  action: SubmissionAction,
  input: { version: number; comment?: string },
): Promise<Submission> {
  if (action === 'submit') requireSource(principal, 'self');
  return inTransaction(db, async (trx) => {
    await requireUnitInScope(trx, principal, key.unitCode);
    const before = await findSubmission(trx, act.province, key, { forUpdate: true });
    if (before === undefined) throw notFound(SUBMISSION, submissionId(key));
    if (before.version !== input.version) throw versionConflict(SUBMISSION, input.version, before.version);
    if (!FROM[action].includes(before.status)) throw stateProblem(before, VERB[action]);
    if (action === 'submit') await requireOpenPeriod(trx, act.province, key.periodCode, act.at);
    else if (before.submittedBy === act.actor)
      throw problem(
        'self_approval',
        t('不能审核自己提交的填报', 'you cannot review a submission you submitted yourself'),
      );
    const after: Submission = {
      ...before,
      status: TO[action],
      version: before.version + 1,
      ...(action === 'submit'
        ? { submittedBy: act.actor, submittedAt: act.at }
        : { reviewedBy: act.actor, reviewedAt: act.at, comment: input.comment ?? null }),
    };
    await trx
      .updateTable('submission')
      .set({
        status: after.status,
        comment: after.comment,
        submitted_by: after.submittedBy,
        submitted_at: after.submittedAt,
        reviewed_by: after.reviewedBy,
        reviewed_at: after.reviewedAt,
        version: after.version,
      })
      .where('province_code', '=', act.province)
      .where('plan_code', '=', key.planCode)
      .where('period_code', '=', key.periodCode)
      .where('unit_code', '=', key.unitCode)
      .where('version', '=', before.version)
      .execute();
    const name = action === 'submit' && before.status === 'returned' ? 'resubmit' : action;
    await recordAudit(trx, act, {
      action: `submission.${name}`,
      entity: 'submission',
      entityId: submissionId(key),
      before: { status: before.status, version: before.version },
      after: { status: after.status, version: after.version, comment: after.comment },
    });
    return after;
  });
}
