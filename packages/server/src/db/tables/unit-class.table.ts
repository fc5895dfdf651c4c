import type { Insertable, Selectable } from 'kysely';

/** 单位类别: units of one class are assessed together (分类考核). */
export interface UnitClassTable {
  province_code: string;
  code: string;
  name: string;
}

export type UnitClassRow = Selectable<UnitClassTable>;
export type NewUnitClassRow = Insertable<UnitClassTable>;
