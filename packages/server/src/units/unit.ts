import type { UnitRow } from '../db/tables/unit.table.js';
import { t } from '../localised.js';

export const UNIT = t('单位', 'unit');

/** 考核对象 as the API shows it. */
export interface Unit {
  code: string;
  name: string;
  classCode: string;
  parentCode: string | null;
  level: string;
  elasticity: number | null;
  disabled: boolean;
  version: number;
}

export function rowToUnit(row: UnitRow): Unit {
  return {
    code: row.code,
    name: row.name,
    classCode: row.class_code,
    parentCode: row.parent_code,
    level: row.level,
    // PostgreSQL's double precision arrives as a number; SQLite's REAL too. Both may be null.
    elasticity: row.elasticity === null ? null : Number(row.elasticity),
    disabled: Number(row.disabled) === 1,
    version: Number(row.version),
  };
}
