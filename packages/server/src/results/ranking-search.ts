import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { rankingIndex } from './ranking-index.js';
import type { RankingRow } from './result-queries.js';

export interface RankingSearch {
  class?: string;
  /** Part of a unit's name, or the start of its code. */
  q?: string;
  /** `rank`: class, rank, code. `name`: by name in Chinese collation (pinyin), then code. */
  order: 'rank' | 'name';
  limit: number;
  offset: number;
}

/** Chinese names sort by their pinyin (拼音排序), as people look them up in a printed list. */
const pinyin = new Intl.Collator('zh-CN-u-co-pinyin', { sensitivity: 'base', numeric: true });

/**
 * The ranking index's rows in pinyin order, per snapshot (the same row objects, so only the order costs
 * memory). Kept with the index's own database key and for the same few recent snapshots.
 */
const byName = new WeakMap<object, Map<string, readonly RankingRow[]>>();
const CAPACITY = 6;

function nameOrder(db: Kysely<Database>, key: string, rows: readonly RankingRow[]): readonly RankingRow[] {
  let cache = byName.get(db);
  if (cache === undefined) {
    cache = new Map();
    byName.set(db, cache);
  }
  let sorted = cache.get(key);
  if (sorted === undefined || sorted.length !== rows.length) {
    sorted = [...rows].sort(
      (a, b) =>
        pinyin.compare(a.unitName, b.unitName) ||
        (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0),
    );
    cache.set(key, sorted);
    while (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
  }
  return sorted;
}

/**
 * 查询与排序: a page of a snapshot's ranking filtered by class and by name or code, in rank order or by
 * pinyin. Searching a name inside a 27,000-unit province cannot be done by paging through ranks, and SQL has
 * no pinyin collation on SQLite, so the rows come from the snapshot's in-memory ranking index and are
 * filtered there.
 */
export async function searchRankings(
  db: Kysely<Database>,
  province: string,
  snapshotId: string,
  s: RankingSearch,
): Promise<{ items: RankingRow[]; total: number }> {
  const index = await rankingIndex(db, province, snapshotId);
  const q = s.q?.trim().toLowerCase() ?? '';
  let rows: readonly RankingRow[] = index.rows;
  if (s.order === 'name') rows = nameOrder(db, `${province}\u0000${snapshotId}`, index.rows);
  else if (s.class !== undefined) {
    const range = index.classRange.get(s.class);
    rows = range === undefined ? [] : index.rows.slice(range[0], range[1]);
  }
  const hits =
    s.class === undefined && q === ''
      ? rows
      : rows.filter(
          (r) =>
            (s.class === undefined || r.class === s.class) &&
            (q === '' || r.unitName.toLowerCase().includes(q) || r.unitCode.toLowerCase().startsWith(q)),
        );
  return { items: hits.slice(s.offset, s.offset + s.limit), total: hits.length };
}
