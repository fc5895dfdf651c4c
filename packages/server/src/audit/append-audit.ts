import { CompiledQuery, sql, type Transaction } from 'kysely';
import { type Database, dialectOf, PREPARED } from '../db/database.js';
import type { AuditEntryRow, NewAuditEntryRow } from '../db/tables/audit-entry.table.js';
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
  requireTransaction(trx);
  const [chained] = await chainEntries(trx, entry.province, [unchainedEntry(entry, options)]);
  if (chained === undefined) throw new Error('an appended audit entry is missing');
  return chained;
}

/** An entry ready for the chain: every column but its place in it (seq, prev_hash, hash). */
export type UnchainedEntry = Omit<AuditEntryRow, 'seq' | 'prev_hash' | 'hash'>;

/** The columns of `entry`: the algorithm checked, before and after as canonical JSON. */
export function unchainedEntry(entry: AuditEntryInput, options: AppendAuditOptions = {}): UnchainedEntry {
  const algorithm = requireHashAlgorithm(options.algorithm ?? DEFAULT_HASH_ALGORITHM);
  return {
    province_code: entry.province,
    at: entry.at ?? new Date().toISOString(),
    actor: entry.actor,
    role: entry.role,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before_json: entry.before === undefined ? null : canonicalJson(entry.before),
    after_json: entry.after === undefined ? null : canonicalJson(entry.after),
    request_id: entry.requestId ?? null,
    algorithm,
  };
}

/** Chain links per INSERT on SQLite: 14 columns each, well inside its parameter limit. */
const INSERT_ROWS = 500;

const INSERT_COLUMNS = [
  'province_code',
  'seq',
  'at',
  'actor',
  'role',
  'action',
  'entity',
  'entity_id',
  'before_json',
  'after_json',
  'request_id',
  'prev_hash',
  'hash',
  'algorithm',
] as const satisfies readonly (keyof AuditEntryRow)[];

/**
 * PostgreSQL: every link in one INSERT whatever their number, a column per array, so that the text never
 * varies and stays prepared (a mover chains a few dozen entries at a time under load; VALUES lists of
 * every length were each planned anew).
 */
const INSERT_COLUMNS_UNNESTED = `${PREPARED}insert into audit_entry (${INSERT_COLUMNS.join(', ')})
select * from unnest(${INSERT_COLUMNS.map((c, i) => `$${i + 1}::${c === 'seq' ? 'integer' : 'text'}[]`).join(', ')})`;

/**
 * Takes the chain's lock until the end of the transaction (PostgreSQL: a transaction-scoped advisory lock;
 * SQLite has a single writer anyway). Whoever reads the chain's head to append must hold it.
 */
export async function lockChain(trx: Transaction<Database>, province: string): Promise<void> {
  requireTransaction(trx);
  if (dialectOf(trx) === 'postgres')
    await sql`${sql.raw(PREPARED)}select pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int, hashtext(${province}))`.execute(
      trx,
    );
}

/**
 * Appends `entries` (all of `province`) to the chain in their order, under the chain's lock (taken here
 * unless the caller holds it already: `locked`), with one read of the chain's head and multi-row inserts.
 */
export async function chainEntries(
  trx: Transaction<Database>,
  province: string,
  entries: readonly UnchainedEntry[],
  { locked = false } = {},
): Promise<AuditEntry[]> {
  requireTransaction(trx);
  if (entries.length === 0) return [];
  if (!locked) await lockChain(trx, province);
  const [last] = (
    await sql<Pick<AuditEntryRow, 'seq' | 'hash'>>`${sql.raw(PREPARED)}select seq, hash from audit_entry
      where province_code = ${province} order by seq desc limit 1`.execute(trx)
  ).rows;
  let seq = Number(last?.seq ?? 0);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows: AuditEntryRow[] = entries.map((entry) => {
    if (entry.province_code !== province)
      throw new Error(`an entry of ${entry.province_code} cannot join the chain of ${province}`);
    const unhashed = { ...entry, seq: ++seq, prev_hash: prevHash };
    prevHash = entryHash(requireHashAlgorithm(entry.algorithm), unhashed);
    return { ...unhashed, hash: prevHash };
  });
  if (dialectOf(trx) === 'postgres')
    await trx.executeQuery(
      CompiledQuery.raw(
        INSERT_COLUMNS_UNNESTED,
        INSERT_COLUMNS.map((c) => rows.map((row) => row[c])),
      ),
    );
  else
    for (let i = 0; i < rows.length; i += INSERT_ROWS)
      await trx
        .insertInto('audit_entry')
        .values(rows.slice(i, i + INSERT_ROWS) satisfies NewAuditEntryRow[])
        .execute();
  return rows.map(rowToAuditEntry);
}

function requireTransaction(trx: Transaction<Database>): void {
  if (!trx.isTransaction) {
    throw new AuditError(
      'entry_invalid',
      t(
        '审计条目必须在写事务内追加',
        'an audit entry must be appended inside the write transaction it records',
      ),
    );
  }
}
