import type { PeriodType } from '@xiaoneng/engine';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type PeriodStatus = 'open' | 'closed';

/** 考核周期 as the office runs it: open or closed for submission, with a deadline. */
export interface PeriodTable {
  province_code: string;
  /** `2026M03`, `2026Q1`, `2026H1`, `2026`. */
  code: string;
  type: PeriodType;
  status: PeriodStatus;
  /** ISO 8601 instant; null when the office set none. */
  deadline: string | null;
  version: Generated<number>;
}

export type PeriodRow = Selectable<PeriodTable>;
export type NewPeriodRow = Insertable<PeriodTable>;
export type PeriodUpdate = Updateable<PeriodTable>;
