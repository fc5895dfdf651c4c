import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type AppealStatus = 'pending' | 'accepted' | 'rejected';

/** 申诉: a unit contests its published result during the notice period; the office replies. */
export interface AppealTable {
  province_code: string;
  id: string;
  snapshot_id: string;
  unit_code: string;
  reasons: string;
  /** Evidence ids (SHA-256 of files), as a JSON array. */
  evidence_json: string;
  status: AppealStatus;
  reply: string | null;
  filed_by: string;
  filed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  /** The corrected snapshot an accepted appeal led to. */
  corrected_by_id: string | null;
  version: Generated<number>;
}

export type AppealRow = Selectable<AppealTable>;
export type NewAppealRow = Insertable<AppealTable>;
export type AppealUpdate = Updateable<AppealTable>;
