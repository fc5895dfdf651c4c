import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

export interface SearchRow {
  unitCode: string;
  unitName: string;
  class: string;
  total: number;
  rank: number;
  classSize: number;
  grade: string;
  dimensions: Record<string, number>;
}

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

interface Sorted {
  byRank: SearchRow[];
  byName: SearchRow[];
}

/** Sorted rows of recent snapshots: a snapshot never changes, and a province's rows are about 10 MB. */
const sortedRows = new Map<string, Promise<Sorted>>();
const MAX_SNAPSHOTS = 4;

async function loadSorted(db: Kysely<Database>, province: string, snapshotId: string): Promise<Sorted> {
  const rows = await db
    .selectFrom('result_unit')
    .select([
      'unit_code',
      'unit_name',
      'class_code',
      'total',
      'rank',
      'class_size',
      'grade',
      'dimensions_json',
    ])
    .where('province_code', '=', province)
    .where('snapshot_id', '=', snapshotId)
    .execute();
  const byRank: SearchRow[] = rows.map((r) => ({
    unitCode: r.unit_code,
    unitName: r.unit_name,
    class: r.class_code,
    total: r.total,
    rank: r.rank,
    classSize: r.class_size,
    grade: r.grade,
    dimensions: JSON.parse(r.dimensions_json) as Record<string, number>,
  }));
  const code = (a: SearchRow, b: SearchRow) =>
    a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0;
  byRank.sort((a, b) => (a.class < b.class ? -1 : a.class > b.class ? 1 : a.rank - b.rank || code(a, b)));
  const byName = [...byRank].sort((a, b) => pinyin.compare(a.unitName, b.unitName) || code(a, b));
  return { byRank, byName };
}

function sortedOf(db: Kysely<Database>, province: string, snapshotId: string): Promise<Sorted> {
  const key = `${province}\u0000${snapshotId}`;
  let hit = sortedRows.get(key);
  if (hit === undefined) {
    hit = loadSorted(db, province, snapshotId);
    // A failed load is not kept: the next request tries again.
    hit.catch(() => sortedRows.delete(key));
    if (sortedRows.size >= MAX_SNAPSHOTS) sortedRows.delete(sortedRows.keys().next().value!);
    sortedRows.set(key, hit);
  } else {
    sortedRows.delete(key);
    sortedRows.set(key, hit);
  }
  return hit;
}

/**
 * 查询与排序: a page of a snapshot's ranking filtered by class and by name or code, in rank order or by
 * pinyin. Searching a name inside a 27,000-unit province cannot be done by paging through ranks, and SQL has
 * no pinyin collation on SQLite, so the snapshot's rows are sorted once in memory and filtered there.
 */
export async function searchRankings(
  db: Kysely<Database>,
  province: string,
  snapshotId: string,
  s: RankingSearch,
): Promise<{ items: SearchRow[]; total: number }> {
  const sorted = await sortedOf(db, province, snapshotId);
  const q = s.q?.trim().toLowerCase() ?? '';
  const rows = s.order === 'name' ? sorted.byName : sorted.byRank;
  const hits = rows.filter(
    (r) =>
      (s.class === undefined || r.class === s.class) &&
      (q === '' || r.unitName.toLowerCase().includes(q) || r.unitCode.toLowerCase().startsWith(q)),
  );
  return { items: hits.slice(s.offset, s.offset + s.limit), total: hits.length };
}
