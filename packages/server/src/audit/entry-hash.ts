import type { AuditEntryRow } from '../db/tables/audit-entry.table.js';
import { canonicalJson } from './canonical-json.js';
import { digestHex, type HashAlgorithm } from './hash-algorithm.js';

/**
 * The hash contract of the audit chain, which every verifier must reproduce byte for byte:
 *
 *   hash = H(prev_hash ‖ canonical JSON of every other column, keyed by column name)
 *
 * with H the entry's own `algorithm`, text as UTF-8, and the digest as lowercase hex. `seq` and the
 * province are inside the hash, so an entry cannot be moved to another place in the chain or to another
 * chain; `prev_hash` ties it to its predecessor. Changing this function breaks every existing chain.
 */
export function entryHash(algorithm: HashAlgorithm, row: Omit<AuditEntryRow, 'hash'>): string {
  const fields = {
    province_code: row.province_code,
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    role: row.role,
    action: row.action,
    entity: row.entity,
    entity_id: row.entity_id,
    before_json: row.before_json,
    after_json: row.after_json,
    request_id: row.request_id,
    algorithm: row.algorithm,
  };
  return digestHex(algorithm, row.prev_hash + canonicalJson(fields));
}
