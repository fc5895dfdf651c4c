import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type SubmissionStatus = 'draft' | 'submitted' | 'approved' | 'returned';

/** 填报: one unit's self-reported values for one period under one plan, and its place in review. */
export interface SubmissionTable {
  province_code: string;
  plan_code: string;
  period_code: string;
  unit_code: string;
  /** The published plan version the values were entered against. */
  plan_version: number;
  status: SubmissionStatus;
  /** The reviewer's comment on the last approval or return. */
  comment: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_at: string;
  version: Generated<number>;
}

export type SubmissionRow = Selectable<SubmissionTable>;
export type NewSubmissionRow = Insertable<SubmissionTable>;
export type SubmissionUpdate = Updateable<SubmissionTable>;
