import type { PlanVersionRow, PlanVersionStatus } from '../db/tables/plan-version.table.js';
import { t } from '../localised.js';

export const PLAN = t('考核方案', 'plan');
export const PLAN_VERSION_LABEL = t('方案版本', 'plan version');

/** One version of a plan, without its document (lists) … */
export interface PlanVersionSummary {
  planCode: string;
  number: number;
  status: PlanVersionStatus;
  hash: string;
  reason: string | null;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
  version: number;
}

/** … and with it. */
export interface PlanVersionDetail extends PlanVersionSummary {
  document: unknown;
}

export function rowToSummary(row: Omit<PlanVersionRow, 'document'>): PlanVersionSummary {
  return {
    planCode: row.plan_code,
    number: Number(row.number),
    status: row.status,
    hash: row.hash,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    version: Number(row.version),
  };
}

export function rowToDetail(row: PlanVersionRow): PlanVersionDetail {
  return { ...rowToSummary(row), document: JSON.parse(row.document) };
}

export function versionId(planCode: string, number: number): string {
  return `${planCode}/${number}`;
}
