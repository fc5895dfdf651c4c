import type { LocalisedText } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { t } from '../localised.js';
import { entryHash } from './entry-hash.js';
import { GENESIS_HASH, isHashAlgorithm, requireHashAlgorithm } from './hash-algorithm.js';

export type ChainBreakReason =
  /** No entry with this seq: it was deleted (or the chain does not start at 1). */
  | 'missing'
  /** The entry's content no longer gives its hash: a column was changed. */
  | 'hash_mismatch'
  /** The entry is intact but its prev_hash is not the hash of the entry before: the chain was re-linked. */
  | 'prev_hash_mismatch'
  /** The entry names an algorithm this verifier does not know. */
  | 'algorithm_unknown';

export interface ChainBreak {
  province: string;
  /** The first entry that is missing or does not verify. */
  seq: number;
  reason: ChainBreakReason;
  message: LocalisedText;
}

export interface ChainReport {
  province: string;
  /** Entries read. */
  entries: number;
  /**
   * The last entry's seq and hash. The chain proves everything up to its head; a head kept elsewhere (in a
   * published snapshot, a notice, a second system) also exposes entries cut off the end.
   */
  headSeq: number;
  headHash: string;
  break?: ChainBreak;
}

export interface AuditVerification {
  ok: boolean;
  chains: ChainReport[];
  /** The first break in (province, seq) order; absent when every chain verifies. */
  firstBreak?: ChainBreak;
}

export interface VerifyOptions {
  /** Verify only this province's chain. */
  province?: string;
  /** Rows read per query; the log is walked in pages, never loaded whole. */
  pageSize?: number;
}

/** Walks every province's chain from its first entry and reports, per chain, the first entry that fails. */
export async function verifyAuditChain(
  db: Kysely<Database>,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  let provinces = db.selectFrom('province').select('code').orderBy('code');
  if (options.province !== undefined) provinces = provinces.where('code', '=', options.province);
  const chains: ChainReport[] = [];
  for (const { code } of await provinces.execute())
    chains.push(await verifyChain(db, code, options.pageSize ?? 1000));
  const firstBreak = chains.find((c) => c.break !== undefined)?.break;
  return firstBreak === undefined ? { ok: true, chains } : { ok: false, chains, firstBreak };
}

async function verifyChain(db: Kysely<Database>, province: string, pageSize: number): Promise<ChainReport> {
  const report: ChainReport = { province, entries: 0, headSeq: 0, headHash: GENESIS_HASH };
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const page = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('province_code', '=', province)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      report.entries++;
      const fail = (reason: ChainBreakReason, seq = row.seq): ChainReport => ({
        ...report,
        break: { province, seq, reason, message: breakMessage(province, seq, reason, row.seq) },
      });
      if (row.seq !== expectedSeq) return fail('missing', expectedSeq);
      if (!isHashAlgorithm(row.algorithm)) return fail('algorithm_unknown');
      // A known algorithm this process cannot compute (SM3 without OpenSSL support) is our limit, not a break.
      requireHashAlgorithm(row.algorithm);
      // Content before link: a changed entry is reported as changed, not as a broken link.
      if (entryHash(row.algorithm, row) !== row.hash) return fail('hash_mismatch');
      if (row.prev_hash !== prevHash) return fail('prev_hash_mismatch');
      prevHash = row.hash;
      report.headSeq = row.seq;
      report.headHash = row.hash;
      expectedSeq++;
    }
    if (page.length < pageSize) return report;
  }
}

function breakMessage(province: string, seq: number, reason: ChainBreakReason, found: number): LocalisedText {
  const where = t(`省份 ${province} 的审计日志第 ${seq} 条`, `audit entry ${seq} of province ${province}`);
  switch (reason) {
    case 'missing':
      return t(
        `${where['zh-CN']}缺失（其后是第 ${found} 条）：条目被删除`,
        `${where.en} is missing (the next one is ${found}): an entry was deleted`,
      );
    case 'hash_mismatch':
      return t(
        `${where['zh-CN']}的内容与其哈希不符：条目被篡改`,
        `${where.en} does not match its hash: it was changed`,
      );
    case 'prev_hash_mismatch':
      return t(
        `${where['zh-CN']}未链接到上一条：链被改动`,
        `${where.en} does not link to the entry before it: the chain was altered`,
      );
    case 'algorithm_unknown':
      return t(`${where['zh-CN']}使用了未知的哈希算法`, `${where.en} names an unknown hash algorithm`);
  }
}
