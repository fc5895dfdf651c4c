import type { Source } from '@xiaoneng/engine';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** 原始数据: one value of one data element for one unit, period and source, under one plan. */
export interface DataValueTable {
  province_code: string;
  plan_code: string;
  unit_code: string;
  element_code: string;
  period_code: string;
  source: Source;
  value: number;
  /** SHA-256 (hex) of the evidence file (佐证材料) that supports the value, if any. */
  evidence_hash: string | null;
  entered_by: string;
  entered_at: string;
  version: Generated<number>;
}

export type DataValueRow = Selectable<DataValueTable>;
export type NewDataValueRow = Insertable<DataValueTable>;
export type DataValueUpdate = Updateable<DataValueTable>;
