import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { RankingRow } from './result-queries.js';

/**
 * A snapshot's whole ranking in memory, in list order (class, rank, unit code). A snapshot's rows never
 * change (a correction is another snapshot), so they are read once and every page after that is an array
 * slice: no OFFSET walk through an index, no count, no JSON parsing per request. A province is about
 * 27,000 rows, a few megabytes; the last few snapshots read are kept.
 */
export interface RankingIndex {
  rows: readonly RankingRow[];
  /** Where each class's rows start and end in `rows`. */
  classRange: ReadonlyMap<string, readonly [start: number, end: number]>;
  /** A unit's row in `rows`. */
  position: ReadonlyMap<string, number>;
  /** Rows of a data scope, by scope key, kept for SCOPE_MS (a unit may move to another parent). */
  scoped: Map<string, { rows: readonly RankingRow[]; until: number }>;
}

const CAPACITY = 6;
const SCOPE_MS = 5_000;
const SCOPES_PER_SNAPSHOT = 256;
const indexes = new WeakMap<object, Map<string, Promise<RankingIndex>>>();

/** The ranking index of a snapshot, read on first use; concurrent first readers share one read. */
export function rankingIndex(
  db: Kysely<Database>,
  province: string,
  snapshotId: string,
): Promise<RankingIndex> {
  let cache = indexes.get(db);
  if (cache === undefined) {
    cache = new Map();
    indexes.set(db, cache);
  }
  const key = `${province}\u0000${snapshotId}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const loading = loadRankingIndex(db, province, snapshotId);
  cache.set(key, loading);
  const entries = cache;
  // A failed read is not remembered: the next reader tries again.
  loading.catch(() => entries.delete(key));
  while (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
  return loading;
}

async function loadRankingIndex(
  db: Kysely<Database>,
  province: string,
  snapshotId: string,
): Promise<RankingIndex> {
  const stored = await db
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
    .orderBy('class_code')
    .orderBy('rank')
    .orderBy('unit_code')
    .execute();
  const rows: RankingRow[] = [];
  const classRange = new Map<string, [number, number]>();
  const position = new Map<string, number>();
  for (const r of stored) {
    const at = rows.length;
    rows.push({
      unitCode: r.unit_code,
      unitName: r.unit_name,
      class: r.class_code,
      total: r.total,
      rank: r.rank,
      classSize: r.class_size,
      grade: r.grade,
      dimensions: JSON.parse(r.dimensions_json) as Record<string, number>,
    });
    position.set(r.unit_code, at);
    const range = classRange.get(r.class_code);
    if (range === undefined) classRange.set(r.class_code, [at, at + 1]);
    else range[1] = at + 1;
  }
  return { rows, classRange, position, scoped: new Map() };
}

/**
 * The rows of a data scope (`units`: its unit codes), remembered under `scopeKey` for a few seconds so that
 * paging through a city's ranking filters the province once, not on every page.
 */
export function scopedRows(
  index: RankingIndex,
  scopeKey: string,
  nowMs: number,
  units: () => Promise<readonly string[]>,
): Promise<readonly RankingRow[]> | readonly RankingRow[] {
  const hit = index.scoped.get(scopeKey);
  if (hit !== undefined && hit.until > nowMs) return hit.rows;
  return units().then((codes) => {
    const rows = filterRows(index.rows, codes);
    if (index.scoped.size >= SCOPES_PER_SNAPSHOT) index.scoped.clear();
    index.scoped.set(scopeKey, { rows, until: nowMs + SCOPE_MS });
    return rows;
  });
}

export function filterRows(rows: readonly RankingRow[], units: readonly string[]): RankingRow[] {
  const wanted = new Set(units);
  return rows.filter((r) => wanted.has(r.unitCode));
}

/** A page of `rows` (already in list order), optionally of one class, with the count of the whole list. */
export function rankingPage(
  rows: readonly RankingRow[],
  q: { class?: string; limit: number; offset: number },
): { items: RankingRow[]; total: number } {
  const list = q.class === undefined ? rows : rows.filter((r) => r.class === q.class);
  return { items: list.slice(q.offset, q.offset + q.limit), total: list.length };
}

/** A page of the whole snapshot: a class is a contiguous range, so no filtering at all. */
export function wholeRankingPage(
  index: RankingIndex,
  q: { class?: string; limit: number; offset: number },
): { items: RankingRow[]; total: number } {
  if (q.class === undefined) return rankingPage(index.rows, q);
  const range = index.classRange.get(q.class);
  if (range === undefined) return { items: [], total: 0 };
  const [start, end] = range;
  return {
    items: index.rows.slice(Math.min(end, start + q.offset), Math.min(end, start + q.offset + q.limit)),
    total: end - start,
  };
}
