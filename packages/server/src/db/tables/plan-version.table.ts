import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type PlanVersionStatus = 'draft' | 'published';

/**
 * One version of a plan. A draft may be edited; a published version is frozen, and a change to it is a new
 * version with a reason and an approver (动态调整). Results point at the version they were scored with.
 */
export interface PlanVersionTable {
  province_code: string;
  plan_code: string;
  /** 1, 2, 3 … within the plan. */
  number: number;
  /** The plan document as JSON text, kept byte for byte so that `hash` can be re-checked. */
  document: string;
  /** SHA-256 (hex) of `document`. */
  hash: string;
  status: PlanVersionStatus;
  /** Why this version replaced the previous one; null for the first. */
  reason: string | null;
  approved_by: string | null;
  approved_at: string | null;
  published_by: string | null;
  created_by: string;
  created_at: string;
  published_at: string | null;
  /** Optimistic concurrency for edits of a draft. */
  version: Generated<number>;
}

export type PlanVersionRow = Selectable<PlanVersionTable>;
export type NewPlanVersionRow = Insertable<PlanVersionTable>;
export type PlanVersionUpdate = Updateable<PlanVersionTable>;
