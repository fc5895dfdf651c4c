import type { Insertable, Selectable } from 'kysely';

/** One unit's headline figures in one snapshot: what rankings page through without decoding the inputs. */
export interface ResultUnitTable {
  province_code: string;
  snapshot_id: string;
  unit_code: string;
  unit_name: string;
  class_code: string;
  total: number;
  rank: number;
  class_size: number;
  grade: string;
  /** Points per dimension code, as JSON. */
  dimensions_json: string;
}

export type ResultUnitRow = Selectable<ResultUnitTable>;
export type NewResultUnitRow = Insertable<ResultUnitTable>;
