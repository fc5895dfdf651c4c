import { earlyChain, startEarly } from '../../api/early-requests';
import type { Locale } from '../../i18n/locale';
import { openingSnapshot, openingUrls, SNAPSHOT_LIST_URL, type SnapshotItem } from './dashboard-api';

/**
 * Starts the dashboard's first requests before its script is in: the snapshot list, then the ranking,
 * summary and heat map of the snapshot it will open on. The page takes them through the API client;
 * what was not started here (the list failed, no snapshot) the page simply asks for itself.
 */
export function startDashboardEarly(locale: Locale): void {
  const chain = startEarly(SNAPSHOT_LIST_URL, locale)
    .then((r) => (r.ok ? (r.clone().json() as Promise<{ items: SnapshotItem[] }>) : undefined))
    .then((list) => {
      const id = list === undefined ? undefined : openingSnapshot(list.items);
      if (id !== undefined) for (const url of openingUrls(id)) startEarly(url, locale);
    })
    .catch(() => undefined);
  // The page asks for the data once it has the list itself: it waits for this chain rather than race it.
  earlyChain(chain);
}
