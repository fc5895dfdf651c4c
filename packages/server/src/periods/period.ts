import type { PeriodType } from '@xiaoneng/engine';
import type { PeriodRow, PeriodStatus } from '../db/tables/period.table.js';
import { t } from '../localised.js';

export const PERIOD = t('考核周期', 'period');

/** 考核周期 as the office runs it. */
export interface PeriodView {
  code: string;
  type: PeriodType;
  status: PeriodStatus;
  deadline: string | null;
  version: number;
}

export function rowToPeriod(row: PeriodRow): PeriodView {
  return {
    code: row.code,
    type: row.type,
    status: row.status,
    deadline: row.deadline,
    version: Number(row.version),
  };
}

/** Submissions go into a period while it is open and its deadline (if any) has not passed. */
export function acceptsSubmissions(period: PeriodView, at: string): boolean {
  return period.status === 'open' && (period.deadline === null || at <= period.deadline);
}
