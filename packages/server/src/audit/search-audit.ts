import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { type AuditEntry, rowToAuditEntry } from './audit-entry.js';

export interface AuditSearchQuery {
  /** Entries before this seq (the cursor of the next page); absent: from the newest. */
  beforeSeq?: number;
  limit: number;
  action?: string;
  actor?: string;
  entity?: string;
  entityId?: string;
  requestId?: string;
  /** ISO 8601 instants, `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as beforeSeq for the next (older) page; null on the last page. */
  nextBeforeSeq: number | null;
}

/**
 * The audit log newest first, as an auditor reads it: what happened lately, narrowed by who, what, which
 * entity, which request and when. Pages by seq, never by offset, so that entries written meanwhile do not
 * shift the pages.
 */
export async function searchAudit(
  db: Kysely<Database>,
  province: string,
  query: AuditSearchQuery,
): Promise<AuditPage> {
  let q = db.selectFrom('audit_entry').selectAll().where('province_code', '=', province);
  if (query.beforeSeq !== undefined) q = q.where('seq', '<', query.beforeSeq);
  if (query.action !== undefined) q = q.where('action', '=', query.action);
  if (query.actor !== undefined) q = q.where('actor', '=', query.actor);
  if (query.entity !== undefined) q = q.where('entity', '=', query.entity);
  if (query.entityId !== undefined) q = q.where('entity_id', '=', query.entityId);
  if (query.requestId !== undefined) q = q.where('request_id', '=', query.requestId);
  // Entries store `at` as Date#toISOString(); the bounds are normalised to the same form, so text order is
  // time order.
  if (query.from !== undefined) q = q.where('at', '>=', new Date(query.from).toISOString());
  if (query.to !== undefined) q = q.where('at', '<', new Date(query.to).toISOString());
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map(rowToAuditEntry);
  return { items, nextBeforeSeq: rows.length > query.limit ? (items.at(-1)?.seq ?? null) : null };
}
