import { GRADES, type ResultSet } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { cacheKey, type SnapshotHead, snapshotResultSet } from './snapshot-store.js';

/**
 * What the dashboard reads of one snapshot, indexed once: the unit tree in pre-order (so that a subtree is
 * a contiguous range), children lists, and the node-major fraction and full-point matrices of the
 * snapshot's ResultSet (kept by reference, not copied). A snapshot never changes its figures, so a digest
 * stays valid for good; it is rebuilt only after falling out of the cache.
 */
export interface DashboardDigest {
  snapshotId: string;
  planCode: string;
  period: string;
  fullMarks: number;
  unitCount: number;
  codes: readonly string[];
  names: readonly string[];
  /** Index into `classes` per unit. */
  classOf: Uint16Array;
  classes: readonly { code: string; name: string; size: number; dimensions: readonly number[] }[];
  /** Parent unit index, -1 for a top unit (or a parent outside the snapshot). */
  parent: Int32Array;
  /** Units in pre-order, children in code order; `first[u]`…`last[u]` (exclusive) is u's subtree. */
  preorder: Int32Array;
  first: Int32Array;
  last: Int32Array;
  /** Children of u: `children[childStart[u]]`…`children[childStart[u + 1]]`, in code order. */
  childStart: Int32Array;
  children: Int32Array;
  /** Top units in code order. */
  roots: Int32Array;
  total: Float64Array;
  rank: Int32Array;
  /** Letter of the final grade per unit. */
  grade: readonly string[];
  nodes: ResultSet['nodes'];
  nodeIndex: ReadonlyMap<string, number>;
  /** Node indexes of the dimensions, in tree order. */
  dimensions: readonly number[];
  /** Node-major (node × unitCount + unit): fraction of the node's full marks, NaN when not scored. */
  fraction: Float64Array;
  fullPoints: Float64Array;
  unitIndex: ReadonlyMap<string, number>;
  /** Ranks of the same units in other snapshots (by snapshot id), filled on first use. */
  ranksIn: Map<string, Int32Array>;
}

export function buildDigest(head: SnapshotHead, rs: ResultSet): DashboardDigest {
  const n = rs.units.length;
  const unitIndex = new Map(rs.units.map((u, i) => [u.code, i]));
  const classPos = new Map(rs.classes.map((c, i) => [c.code, i]));
  const classOf = new Uint16Array(n);
  const parent = new Int32Array(n).fill(-1);
  const childCount = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) {
    const info = rs.units[u]!;
    classOf[u] = classPos.get(info.class) ?? 0;
    const p = info.parent === undefined ? undefined : unitIndex.get(info.parent);
    if (p !== undefined && p !== u) {
      parent[u] = p;
      childCount[p]!++;
    }
  }
  const byCode = (a: number, b: number) => (rs.units[a]!.code < rs.units[b]!.code ? -1 : 1);
  const childStart = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) childStart[u + 1] = childStart[u]! + childCount[u]!;
  const children = new Int32Array(childStart[n]!);
  const fill = childStart.slice(0, n);
  const roots: number[] = [];
  for (let u = 0; u < n; u++) {
    const p = parent[u]!;
    if (p < 0) roots.push(u);
    else children[fill[p]!++] = u;
  }
  for (let u = 0; u < n; u++) children.subarray(childStart[u]!, childStart[u + 1]!).sort(byCode);
  roots.sort(byCode);

  // Iterative pre-order walk: villages sit five levels down, but a recursive walk over 27,000 units is
  // needless risk. A parent loop (bad data) leaves its units out of every subtree rather than hanging.
  const preorder = new Int32Array(n);
  const first = new Int32Array(n).fill(-1);
  const last = new Int32Array(n).fill(-1);
  let at = 0;
  const stack: number[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r]!);
  const exits: number[] = [];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (u < 0) {
      last[exits.pop()!] = at;
      continue;
    }
    first[u] = at;
    preorder[at++] = u;
    exits.push(u);
    stack.push(-1);
    for (let c = childStart[u + 1]! - 1; c >= childStart[u]!; c--) stack.push(children[c]!);
  }

  const dimensions = rs.nodes.flatMap((node, i) => (node.depth === 0 ? [i] : []));
  return {
    snapshotId: head.id,
    planCode: head.plan_code,
    period: head.period_code,
    fullMarks: rs.fullMarks,
    unitCount: n,
    codes: rs.units.map((u) => u.code),
    names: rs.units.map((u) => u.name),
    classOf,
    classes: rs.classes.map((c) => ({
      code: c.code,
      name: c.name,
      size: c.size,
      dimensions: c.nodes.filter((g) => rs.nodes[g]!.depth === 0),
    })),
    parent,
    preorder: preorder.subarray(0, at),
    first,
    last,
    childStart,
    children,
    roots: Int32Array.from(roots),
    total: rs.total,
    rank: rs.rank,
    grade: Array.from(rs.grade, (g) => GRADES[g] ?? 'D'),
    nodes: rs.nodes,
    nodeIndex: new Map(rs.nodes.map((node, i) => [node.code, i])),
    dimensions,
    fraction: rs.fraction,
    fullPoints: rs.fullPoints,
    unitIndex,
    ranksIn: new Map(),
  };
}

/**
 * Digests of the snapshots read lately. A digest holds a ResultSet's two largest matrices (about 25 MB for
 * a 27,000-unit province), so a handful only; the snapshot's ResultSet is rebuilt for an evicted one.
 */
class DigestCache {
  private readonly entries = new Map<string, Promise<DashboardDigest>>();
  constructor(private readonly capacity: number) {}

  get(key: string, load: () => Promise<DashboardDigest>): Promise<DashboardDigest> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const loading = load();
    this.entries.set(key, loading);
    loading.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return loading;
  }
}

const caches = new WeakMap<object, DigestCache>();

/** The dashboard digest of a snapshot, from the cache of this database or built from its ResultSet. */
export function snapshotDigest(
  db: Kysely<Database>,
  province: string,
  head: SnapshotHead,
): Promise<DashboardDigest> {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new DigestCache(6);
    caches.set(db, cache);
  }
  return cache.get(cacheKey(province, head.id), async () =>
    buildDigest(head, await snapshotResultSet(db, province, head)),
  );
}

/**
 * Ranks of the digest's units in another snapshot (0 where the unit is absent or in another class there,
 * so that a change of class never reads as a change of rank), read once from its per-unit rows.
 */
export async function ranksInSnapshot(
  db: Kysely<Database>,
  province: string,
  digest: DashboardDigest,
  otherId: string,
): Promise<Int32Array> {
  const known = digest.ranksIn.get(otherId);
  if (known !== undefined) return known;
  const rows = await db
    .selectFrom('result_unit')
    .select(['unit_code', 'class_code', 'rank'])
    .where('province_code', '=', province)
    .where('snapshot_id', '=', otherId)
    .execute();
  const ranks = new Int32Array(digest.unitCount);
  for (const r of rows) {
    const u = digest.unitIndex.get(r.unit_code);
    if (u !== undefined && digest.classes[digest.classOf[u]!]!.code === r.class_code) ranks[u] = r.rank;
  }
  digest.ranksIn.set(otherId, ranks);
  return ranks;
}
