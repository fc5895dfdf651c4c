import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import type { ProblemIssue } from '../http/app-error.js';
import { prepareDocument } from './plan-document.js';
import { getPlanVersionRow, updatePlanVersionRow } from './plan-repository.js';
import { type PlanVersionDetail, rowToDetail, versionId } from './plan-version.js';
import { requireEditableDraft } from './plan-version-state.js';

export interface DraftChanges {
  document?: unknown;
  reason?: string;
  version: number;
}

/**
 * Saves a draft. Any change withdraws an approval already given: the approver approved the text as it was.
 */
export async function editDraft(
  db: Kysely<Database>,
  act: Act,
  code: string,
  number: number,
  changes: DraftChanges,
): Promise<PlanVersionDetail & { warnings: ProblemIssue[] }> {
  const stored = changes.document === undefined ? undefined : prepareDocument(changes.document, code, number);
  return inTransaction(db, async (trx) => {
    const before = await getPlanVersionRow(trx, act.province, code, number, { forUpdate: true });
    requireEditableDraft(before, changes.version);
    const reason = number > 1 ? (changes.reason ?? before.reason) : before.reason;
    const after = await updatePlanVersionRow(trx, before, {
      document: stored?.text ?? before.document,
      hash: stored?.hash ?? before.hash,
      reason,
      approved_by: null,
      approved_at: null,
    });
    await recordAudit(trx, act, {
      action: 'plan.draft.update',
      entity: 'plan_version',
      entityId: versionId(code, number),
      before: { hash: before.hash, reason: before.reason, approvedBy: before.approved_by },
      after: { hash: after.hash, reason: after.reason, approvedBy: null },
    });
    return { ...rowToDetail(after), warnings: stored?.warnings ?? [] };
  });
}
