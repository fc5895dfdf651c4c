import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * An audit entry waiting for its place in the chain (see audit/audit-queue.ts): what audit_entry holds,
 * less what the chain gives it (seq, prev_hash, hash). A trigger refuses UPDATE; the appender deletes what
 * it has chained, in the transaction that chains it.
 */
export interface AuditQueueTable {
  /** Arrival order. */
  id: Generated<number>;
  province_code: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  algorithm: string;
}

export type AuditQueueRow = Selectable<AuditQueueTable>;
export type NewAuditQueueRow = Insertable<AuditQueueTable>;
