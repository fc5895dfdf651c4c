import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** 考核对象: a department, city, county, town or village of one province. */
export interface UnitTable {
  province_code: string;
  /** Division code (GB/T 2260 style, extended for towns and villages) or a department code. */
  code: string;
  name: string;
  class_code: string;
  /** Null for the top of the hierarchy (departments and cities answer to the province itself). */
  parent_code: string | null;
  /** `department`, `city`, `county`, `town` or `village`; free text so that new levels need no migration. */
  level: string;
  /** 弹性系数; null means 1. */
  elasticity: number | null;
  /** 0/1: a disabled unit keeps its history but takes no new values. */
  disabled: Generated<number>;
  /** Optimistic concurrency: bumped by every update, checked by the writer. */
  version: Generated<number>;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnitRow = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
