import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** draft: scored, not public; published: public, in or after its notice period; superseded: corrected. */
export type SnapshotStatus = 'draft' | 'published' | 'superseded';

/**
 * One scoring run (评分快照), immutable in what it says: plan version + inputs → figures. Only its
 * publication fields (status, published_at, notice_ends_at, sensitivity) change afterwards.
 */
export interface ResultSnapshotTable {
  province_code: string;
  id: string;
  plan_code: string;
  plan_version: number;
  period_code: string;
  /** plan_version.hash at the time of the run. */
  plan_hash: string;
  /** SHA-256 of the canonical inputs (units and approved values, in code order). */
  inputs_hash: string;
  /** SHA-256 of plan hash and inputs hash: the same inputs give the same snapshot hash. */
  hash: string;
  unit_count: number;
  value_count: number;
  /** gzip (base64) of the canonical inputs the hash was taken of. */
  inputs_blob: string;
  sensitivity_json: string | null;
  status: SnapshotStatus;
  /** The snapshot this one corrects after accepted appeals. */
  corrects_id: string | null;
  correction_reason: string | null;
  published_at: string | null;
  /** End of the public notice period (公示期); after it the result is final. */
  notice_ends_at: string | null;
  created_by: string;
  created_at: string;
  version: Generated<number>;
}

export type ResultSnapshotRow = Selectable<ResultSnapshotTable>;
export type NewResultSnapshotRow = Insertable<ResultSnapshotTable>;
export type ResultSnapshotUpdate = Updateable<ResultSnapshotTable>;
