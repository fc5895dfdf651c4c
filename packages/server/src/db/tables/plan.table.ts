import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** 考核方案: the stable identity of a plan; its content lives in `plan_version`. */
export interface PlanTable {
  province_code: string;
  code: string;
  name: string;
  created_at: string;
  version: Generated<number>;
}

export type PlanRow = Selectable<PlanTable>;
export type NewPlanRow = Insertable<PlanTable>;
export type PlanUpdate = Updateable<PlanTable>;
