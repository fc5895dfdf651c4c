import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { dialectOf } from '../db/database.js';
import type { NewAuditEntryRow } from '../db/tables/audit-entry.table.js';
import { t } from '../localised.js';
import { type AuditEntry, type AuditEntryInput, rowToAuditEntry } from './audit-entry.js';
import { AuditError } from './audit-error.js';
import { canonicalJson } from './canonical-json.js';
import { entryHash } from './entry-hash.js';
import { DEFAULT_HASH_ALGORITHM, GENESIS_HASH, requireHashAlgorithm } from './hash-algorithm.js';

/** First key of the PostgreSQL advisory lock that serialises appends; the second is the province. */
const AUDIT_LOCK_CLASS = 0x786e_0001;

export interface AppendAuditOptions {
  /** `sha256` (default) or `sm3`. */
  algorithm?: string;
}

/**
 * Appends `entry` to its province's chain, inside the caller's write transaction so that the entry commits
 * or rolls back with the write it records. Appends to one chain are serialised: on PostgreSQL by a
 * transaction-scoped advisory lock taken before the last hash is read (call this last in the transaction to
 * hold the lock briefly); on SQLite by the single writer. Should two writers still race (two processes on
 * one SQLite file), the primary key (province, seq) lets only one of them commit: the chain never forks.
 */
export async function appendAudit(
  trx: Transaction<Database>,
  entry: AuditEntryInput,
  options: AppendAuditOptions = {},
): Promise<AuditEntry> {
  if (!trx.isTransaction) {
    throw new AuditError(
      'entry_invalid',
      t(
        '审计条目必须在写事务内追加',
        'an audit entry must be appended inside the write transaction it records',
      ),
    );
  }
  const algorithm = requireHashAlgorithm(options.algorithm ?? DEFAULT_HASH_ALGORITHM);
  const beforeJson = entry.before === undefined ? null : canonicalJson(entry.before);
  const afterJson = entry.after === undefined ? null : canonicalJson(entry.after);

  if (dialectOf(trx) === 'postgres') {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int, hashtext(${entry.province}))`.execute(
      trx,
    );
  }
  const last = await trx
    .selectFrom('audit_entry')
    .select(['seq', 'hash'])
    .where('province_code', '=', entry.province)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();

  const unhashed = {
    province_code: entry.province,
    seq: (last?.seq ?? 0) + 1,
    at: entry.at ?? new Date().toISOString(),
    actor: entry.actor,
    role: entry.role,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before_json: beforeJson,
    after_json: afterJson,
    request_id: entry.requestId ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
    algorithm,
  };
  const row: NewAuditEntryRow = { ...unhashed, hash: entryHash(algorithm, unhashed) };
  await trx.insertInto('audit_entry').values(row).execute();
  return rowToAuditEntry({ ...unhashed, hash: row.hash });
}
