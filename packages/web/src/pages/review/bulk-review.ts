import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { formPath } from '../entry/entry-types';
import type { ReviewQueueItem } from './review-types';

export type ReviewAction = 'approve' | 'return';

export interface ItemOutcome {
  item: ReviewQueueItem;
  ok: boolean;
  /** The server's message when it refused (already reviewed, changed meanwhile, own submission …). */
  detail?: string;
  code?: string;
}

/**
 * Approves or returns submissions one request each (the API reviews one at a time), in order, and reports
 * every item's outcome instead of stopping at the first refusal.
 */
export async function reviewEach(
  items: readonly ReviewQueueItem[],
  action: ReviewAction,
  comment: string | undefined,
  onProgress?: (done: number) => void,
): Promise<ItemOutcome[]> {
  const outcomes: ItemOutcome[] = [];
  for (const item of items) {
    try {
      await api.post(`/api/submissions/${formPath(item)}/${action}`, {
        version: item.version,
        ...(comment === undefined || comment === '' ? {} : { comment }),
      });
      outcomes.push({ item, ok: true });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      outcomes.push({ item, ok: false, detail: e.detail, code: e.code });
    }
    onProgress?.(outcomes.length);
  }
  return outcomes;
}
