import type { AuditEntryRow } from '../db/tables/audit-entry.table.js';

/** What a write tells the audit log: who did what to which entity, and the entity before and after. */
export interface AuditEntryInput {
  /** The tenant whose chain the entry joins. */
  province: string;
  actor: string;
  role: string;
  /** e.g. `unit.update`, `submission.approve`. */
  action: string;
  /** e.g. `unit`, `data_value`. */
  entity: string;
  entityId: string;
  /** The entity before the write; leave out for a creation. */
  before?: unknown;
  /** The entity after the write; leave out for a deletion. */
  after?: unknown;
  requestId?: string;
  /** ISO 8601 instant; defaults to now. */
  at?: string;
}

/** 审计日志条目: one link of a province's chain, as the application sees it. */
export interface AuditEntry {
  province: string;
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  entity: string;
  entityId: string;
  /** Canonical JSON text, exactly as hashed; null when absent. */
  beforeJson: string | null;
  afterJson: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
  algorithm: string;
}

export function rowToAuditEntry(row: AuditEntryRow): AuditEntry {
  return {
    province: row.province_code,
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    role: row.role,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    beforeJson: row.before_json,
    afterJson: row.after_json,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
    algorithm: row.algorithm,
  };
}
