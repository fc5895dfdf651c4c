import { GRADES, type SensitivityResult } from '@xiaoneng/engine';
import type { DashboardDigest } from './dashboard-digest.js';
import { LIGHT_RULES, type Light } from './unit-advice.js';

/**
 * Traffic lights (红黄绿灯) of a dimension by the share of its full marks a unit earned, by the same rule as
 * a unit's advice page (unit-advice.ts: green from 90 %, red below 60 %), so that the two never disagree.
 * Plans carry no thresholds of their own yet.
 */
export const LIGHT_THRESHOLDS = {
  green: LIGHT_RULES.rateGreenFrom,
  yellow: LIGHT_RULES.rateRedBelow,
} as const;
/** Shares are sums of weighted fractions: 0.9 may come out as 0.8999999999999999. */
const EPSILON = 1e-9;

export function lightOf(share: number): Light {
  if (share >= LIGHT_THRESHOLDS.green - EPSILON) return 'green';
  if (share >= LIGHT_THRESHOLDS.yellow - EPSILON) return 'yellow';
  return 'red';
}

/** 1 for every unit of the digest the caller may see; null: all of them. */
export type ScopeMask = Uint8Array | null;

export function scopeMask(digest: DashboardDigest, scope: 'all' | readonly string[]): ScopeMask {
  if (scope === 'all') return null;
  const mask = new Uint8Array(digest.unitCount);
  for (const code of scope) {
    const u = digest.unitIndex.get(code);
    if (u !== undefined) mask[u] = 1;
  }
  return mask;
}

export function inScope(mask: ScopeMask, u: number): boolean {
  return mask === null || mask[u] === 1;
}

export interface UnitFilter {
  /** Index into digest.classes. */
  classIndex?: number;
  /** Unit level (from the unit register) that selected units must have. */
  level?: string;
  levels?: ReadonlyMap<string, string>;
}

/** The units of the scope that pass the filter, in digest order. */
export function selectUnits(digest: DashboardDigest, mask: ScopeMask, filter: UnitFilter): number[] {
  const out: number[] = [];
  for (let u = 0; u < digest.unitCount; u++) {
    if (!inScope(mask, u)) continue;
    if (filter.classIndex !== undefined && digest.classOf[u] !== filter.classIndex) continue;
    if (filter.level !== undefined && filter.levels?.get(digest.codes[u]!) !== filter.level) continue;
    out.push(u);
  }
  return out;
}

/** Share of a node's full marks a unit earned, or NaN where the node is not scored for it. */
export function shareAt(digest: DashboardDigest, node: number, u: number): number {
  return digest.fraction[node * digest.unitCount + u]!;
}

export interface NamedCode {
  code: string;
  name: string;
}

export interface DashboardSummary {
  units: number;
  fullMarks: number;
  lightThresholds: { green: number; yellow: number };
  dimensions: NamedCode[];
  classes: {
    code: string;
    name: string;
    units: number;
    grades: Record<string, number>;
    lights: { dimension: string; green: number; yellow: number; red: number }[];
  }[];
  histogram: { width: number; bins: { from: number; to: number; count: number }[] };
}

/**
 * Grade counts and traffic-light counts per class (dimensions of the class's tree only; a unit whose
 * dimension is unscored is not counted there) and a histogram of totals: `bins` equal bins over 0…full
 * marks, more of the same width when a bonus lifts a total beyond full marks; a bin holds [from, to), the
 * last one also its upper edge.
 */
export function summarise(digest: DashboardDigest, units: readonly number[], bins: number): DashboardSummary {
  const classes = digest.classes.map((c) => ({
    code: c.code,
    name: c.name,
    units: 0,
    grades: Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<string, number>,
    lights: c.dimensions.map((d) => ({ dimension: digest.nodes[d]!.code, green: 0, yellow: 0, red: 0 })),
  }));
  let max = 0;
  for (const u of units) {
    const ci = digest.classOf[u]!;
    const c = classes[ci]!;
    c.units++;
    c.grades[digest.grade[u]!] = (c.grades[digest.grade[u]!] ?? 0) + 1;
    const dims = digest.classes[ci]!.dimensions;
    for (let k = 0; k < dims.length; k++) {
      const share = shareAt(digest, dims[k]!, u);
      if (!Number.isNaN(share)) c.lights[k]![lightOf(share)]++;
    }
    max = Math.max(max, digest.total[u]!);
  }
  const width = digest.fullMarks / bins;
  const count = Math.max(bins, Math.ceil(max / width - EPSILON));
  const histogram = Array.from({ length: count }, (_, i) => ({
    from: i * width,
    to: (i + 1) * width,
    count: 0,
  }));
  for (const u of units) histogram[Math.min(count - 1, Math.floor(digest.total[u]! / width))]!.count++;
  return {
    units: units.length,
    fullMarks: digest.fullMarks,
    lightThresholds: { ...LIGHT_THRESHOLDS },
    dimensions: digest.dimensions.map((d) => ({ code: digest.nodes[d]!.code, name: digest.nodes[d]!.name })),
    classes: classes.filter((c) => c.units > 0),
    histogram: { width, bins: histogram },
  };
}

export interface HeatRow {
  unitCode: string;
  unitName: string;
  class: string;
  total: number;
  rank: number;
  grade: string;
  /** Share of each dimension's full marks (in `dimensions` order), null where unscored. */
  shares: (number | null)[];
  /** Children in the caller's scope: whether the row can be drilled into. */
  children: number;
  /** Mean shares of the units below this one (in scope), null when there are none. */
  below: { units: number; shares: (number | null)[] } | null;
}

export interface HeatMap {
  dimensions: NamedCode[];
  /** From the top of the caller's scope down to `parent` (breadcrumb). */
  path: NamedCode[];
  parent: HeatRow | null;
  rows: HeatRow[];
}

function heatRow(digest: DashboardDigest, mask: ScopeMask, u: number): HeatRow {
  const dims = digest.dimensions;
  let children = 0;
  for (let c = digest.childStart[u]!; c < digest.childStart[u + 1]!; c++)
    if (inScope(mask, digest.children[c]!)) children++;
  const sums = new Float64Array(dims.length);
  const counts = new Int32Array(dims.length);
  let below = 0;
  if (digest.first[u]! >= 0)
    for (let i = digest.first[u]! + 1; i < digest.last[u]!; i++) {
      const v = digest.preorder[i]!;
      if (!inScope(mask, v)) continue;
      below++;
      for (let k = 0; k < dims.length; k++) {
        const share = shareAt(digest, dims[k]!, v);
        if (Number.isNaN(share)) continue;
        sums[k]! += share;
        counts[k]!++;
      }
    }
  return {
    unitCode: digest.codes[u]!,
    unitName: digest.names[u]!,
    class: digest.classes[digest.classOf[u]!]!.code,
    total: digest.total[u]!,
    rank: digest.rank[u]!,
    grade: digest.grade[u]!,
    shares: dims.map((d) => orNull(shareAt(digest, d, u))),
    children,
    below:
      below === 0
        ? null
        : { units: below, shares: dims.map((_, k) => (counts[k] === 0 ? null : sums[k]! / counts[k]!)) },
  };
}

function orNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/** Units of the scope whose parent is outside it: where the caller's tree starts. */
export function scopeTops(digest: DashboardDigest, mask: ScopeMask): number[] {
  if (mask === null) return Array.from(digest.roots);
  const tops: number[] = [];
  for (const u of digest.preorder) {
    const p = digest.parent[u]!;
    if (mask[u] === 1 && (p < 0 || mask[p] !== 1)) tops.push(u);
  }
  return tops;
}

/**
 * The heat map of `parent`'s children (each with the mean of the units below it), or of the top of the
 * caller's scope when no parent is given; a scope with a single top unit opens that unit.
 */
export function heatMap(digest: DashboardDigest, mask: ScopeMask, parent: number | null): HeatMap {
  let open = parent;
  let rows: number[];
  if (open === null) {
    const tops = scopeTops(digest, mask);
    const only = tops.length === 1 ? tops[0]! : -1;
    if (only >= 0 && digest.childStart[only + 1]! > digest.childStart[only]!) open = only;
    else rows = tops;
  }
  if (open !== null) {
    rows = [];
    for (let c = digest.childStart[open]!; c < digest.childStart[open + 1]!; c++)
      if (inScope(mask, digest.children[c]!)) rows.push(digest.children[c]!);
  }
  const path: NamedCode[] = [];
  for (let u = open ?? -1; u >= 0 && inScope(mask, u); u = digest.parent[u]!)
    path.unshift({ code: digest.codes[u]!, name: digest.names[u]! });
  return {
    dimensions: digest.dimensions.map((d) => ({ code: digest.nodes[d]!.code, name: digest.nodes[d]!.name })),
    path,
    parent: open === null ? null : heatRow(digest, mask, open),
    rows: rows!.map((u) => heatRow(digest, mask, u)),
  };
}

export interface RankingColumns {
  unitCode: string[];
  unitName: string[];
  class: string[];
  level: (string | null)[];
  parentCode: (string | null)[];
  total: number[];
  rank: number[];
  classSize: number[];
  grade: string[];
  /** Rank in the previous period's snapshot, null when the unit was not ranked in the same class there. */
  previousRank: (number | null)[];
  /** Sensitivity analysis: 5 %, 50 % and 95 % rank over the draws; null without an analysis. */
  rankP05: (number | null)[];
  rankMedian: (number | null)[];
  rankP95: (number | null)[];
}

/** Per-unit rank intervals of a stored sensitivity analysis, aligned to the digest's units (0: none). */
export interface RankIntervals {
  draws: number;
  p05: Int32Array;
  median: Int32Array;
  p95: Int32Array;
}

export function rankIntervals(digest: DashboardDigest, sensitivity: SensitivityResult): RankIntervals {
  const out = {
    draws: sensitivity.draws,
    p05: new Int32Array(digest.unitCount),
    median: new Int32Array(digest.unitCount),
    p95: new Int32Array(digest.unitCount),
  };
  for (const s of sensitivity.units) {
    const u = digest.unitIndex.get(s.code);
    if (u === undefined) continue;
    out.p05[u] = s.p05;
    out.median[u] = s.median;
    out.p95[u] = s.p95;
  }
  return out;
}

/** The ranking table as columns (a row per unit: by class in plan order, then rank, then unit code). */
export function rankingColumns(
  digest: DashboardDigest,
  units: readonly number[],
  levels: ReadonlyMap<string, string>,
  previousRanks: Int32Array | null,
  intervals: RankIntervals | null,
  first?: number,
): RankingColumns {
  const order = [...units]
    .sort(
      (a, b) =>
        digest.classOf[a]! - digest.classOf[b]! ||
        digest.rank[a]! - digest.rank[b]! ||
        (digest.codes[a]! < digest.codes[b]! ? -1 : 1),
    )
    .slice(0, first);
  const pick = <T>(f: (u: number) => T): T[] => order.map(f);
  const positive = (a: Int32Array | undefined) => (u: number) =>
    a === undefined || a[u] === 0 ? null : a[u]!;
  return {
    unitCode: pick((u) => digest.codes[u]!),
    unitName: pick((u) => digest.names[u]!),
    class: pick((u) => digest.classes[digest.classOf[u]!]!.code),
    level: pick((u) => levels.get(digest.codes[u]!) ?? null),
    parentCode: pick((u) => (digest.parent[u]! < 0 ? null : digest.codes[digest.parent[u]!]!)),
    total: pick((u) => digest.total[u]!),
    rank: pick((u) => digest.rank[u]!),
    classSize: pick((u) => digest.classes[digest.classOf[u]!]!.size),
    grade: pick((u) => digest.grade[u]!),
    previousRank: pick(positive(previousRanks ?? undefined)),
    rankP05: pick(positive(intervals?.p05)),
    rankMedian: pick(positive(intervals?.median)),
    rankP95: pick(positive(intervals?.p95)),
  };
}

export interface TrendPoint {
  period: string;
  snapshotId: string;
  /** Units averaged over (1 for a single unit), 0 when the node is not scored for any of them. */
  units: number;
  fraction: number | null;
  points: number | null;
  fullPoints: number | null;
}

/** Mean fraction, points and full points of a node over units (those where the node is scored). */
export function trendPoint(
  digest: DashboardDigest,
  node: number | undefined,
  units: readonly number[],
): TrendPoint {
  let n = 0;
  let fraction = 0;
  let points = 0;
  let full = 0;
  if (node !== undefined)
    for (const u of units) {
      const at = node * digest.unitCount + u;
      const f = digest.fraction[at]!;
      if (Number.isNaN(f)) continue;
      n++;
      fraction += f;
      points += f * digest.fullPoints[at]!;
      full += digest.fullPoints[at]!;
    }
  return {
    period: digest.period,
    snapshotId: digest.snapshotId,
    units: n,
    fraction: n === 0 ? null : fraction / n,
    points: n === 0 ? null : points / n,
    fullPoints: n === 0 ? null : full / n,
  };
}

/** A unit and everything below it, in scope. */
export function subtreeUnits(digest: DashboardDigest, mask: ScopeMask, u: number): number[] {
  if (digest.first[u]! < 0) return inScope(mask, u) ? [u] : [];
  const out: number[] = [];
  for (let i = digest.first[u]!; i < digest.last[u]!; i++)
    if (inScope(mask, digest.preorder[i]!)) out.push(digest.preorder[i]!);
  return out;
}
