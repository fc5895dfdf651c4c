import type { PlausibilityFlag } from '../entry/entry-types';

/** One row of GET /api/review-queue. */
export interface ReviewQueueItem {
  planCode: string;
  periodCode: string;
  unitCode: string;
  unitName: string;
  planVersion: number;
  submittedBy: string | null;
  submittedAt: string | null;
  comment: string | null;
  version: number;
  fields: number;
  filled: number;
  evidence: number;
  flags: Record<PlausibilityFlag, number>;
}

export const FLAGS: readonly PlausibilityFlag[] = ['below_min', 'above_max', 'jump'];

export function keyOf(item: { planCode: string; periodCode: string; unitCode: string }): string {
  return `${item.planCode}/${item.periodCode}/${item.unitCode}`;
}
