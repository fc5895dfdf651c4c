import type { SubmissionRow, SubmissionStatus } from '../db/tables/submission.table.js';
import { t } from '../localised.js';

export const SUBMISSION = t('填报', 'submission');

/** Which submission: one unit's values for one period under one plan. */
export interface SubmissionKey {
  planCode: string;
  periodCode: string;
  unitCode: string;
}

export interface Submission extends SubmissionKey {
  planVersion: number;
  status: SubmissionStatus;
  comment: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
  version: number;
}

export function rowToSubmission(row: SubmissionRow): Submission {
  return {
    planCode: row.plan_code,
    periodCode: row.period_code,
    unitCode: row.unit_code,
    planVersion: Number(row.plan_version),
    status: row.status,
    comment: row.comment,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    createdAt: row.created_at,
    version: Number(row.version),
  };
}

export function submissionId(key: SubmissionKey): string {
  return `${key.planCode}/${key.periodCode}/${key.unitCode}`;
}
