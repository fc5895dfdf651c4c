import type { Insertable, Selectable } from 'kysely';

/**
 * 审计日志: one link of a province's append-only, hash-chained audit log. Triggers refuse UPDATE and DELETE,
 * so there is no Updateable type. Column names are part of the hash contract (see audit/entry-hash.ts).
 */
export interface AuditEntryTable {
  province_code: string;
  /** 1, 2, 3 … without gaps within the province. */
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  entity: string;
  entity_id: string;
  /** Canonical JSON of the entity before the write; null when it did not exist. */
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  /** `hash` of the entry before this one; all zeros for the first. */
  prev_hash: string;
  hash: string;
  /** `sha256` or `sm3`. */
  algorithm: string;
}

export type AuditEntryRow = Selectable<AuditEntryTable>;
export type NewAuditEntryRow = Insertable<AuditEntryTable>;
