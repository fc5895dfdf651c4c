import type { LeafColumns } from './aggregate.js';
import { finishStats, type LeafStats, methodCap, normalise } from './normalise.js';
import type { LeafNode, MissingPolicy } from './plan.js';
import type { Prepared } from './prepare.js';
import { type ClassLeafStats, FLAG } from './result.js';

/**
 * Per unit × node (node-major: `node * units + unit`): leaf raw values after imputation, fractions, flags;
 * and the same fractions as columns per class and tree position, which aggregation reads.
 */
export interface LeafScores {
  raw: Float64Array;
  fraction: Float64Array;
  flags: Uint16Array;
  stats: ClassLeafStats[];
  columns: LeafColumns;
}

/** One leaf scored within one class: its fractions as a column aligned with the class's members. */
export interface ClassLeafScore {
  fraction: Float64Array;
  stats: LeafStats;
}

/** The missing-value policy a leaf uses: `override` (a sensitivity variant's), else the leaf's, else the plan's. */
export function leafPolicy(prep: Prepared, leaf: LeafNode, override?: MissingPolicy): MissingPolicy {
  return override ?? leaf.missing ?? prep.plan.missing ?? 'zero';
}

/**
 * Scores every leaf of every class: applies the missing-value policy, compares within the class, then the
 * elasticity coefficient on core indicators. Missing 'zero' scores 0 without taking part in comparisons;
 * 'exclude' leaves the fraction NaN so the parent re-weights; 'carry' uses last period's value and
 * 'classMean' the class's mean, both then compared like reported values.
 */
export function leafScores(prep: Prepared): LeafScores {
  const n = prep.units.length;
  const nodes = prep.nodes.infos.length;
  const raw = new Float64Array(n * nodes).fill(Number.NaN);
  const fraction = new Float64Array(n * nodes).fill(Number.NaN);
  const flags = new Uint16Array(n * nodes);
  const stats: ClassLeafStats[] = [];
  const columns: LeafColumns = prep.trees.map((tree) => new Array(tree.node.length).fill(undefined));
  prep.trees.forEach((tree, c) => {
    const members = prep.members[c]!;
    if (members.length === 0) return;
    for (let p = 0; p < tree.node.length; p++) {
      if (!tree.leaf[p]) continue;
      const g = tree.node[p]!;
      const leaf = prep.nodes.leaves[g]!;
      const s = scoreClassLeaf(prep, c, g, leaf, leafPolicy(prep, leaf), { raw, fraction, flags });
      stats.push({ class: tree.cls.code, node: leaf.code, ...s.stats });
      columns[c]![p] = s.fraction;
    }
  });
  return { raw, fraction, flags, stats, columns };
}

/**
 * Scores leaf `g` (with `leaf` as its definition, possibly a variant's) for the members of class `c`; with a
 * sink, also writes raw values, fractions and flags into its node-major matrices.
 */
export function scoreClassLeaf(
  prep: Prepared,
  c: number,
  g: number,
  leaf: LeafNode,
  policy: MissingPolicy,
  sink?: Pick<LeafScores, 'raw' | 'fraction' | 'flags'>,
): ClassLeafScore {
  const members = prep.members[c]!;
  const m = members.length;
  const { work, frac, capped } = scratchFor(prep);
  const source = prep.raw.get(g)!;
  const combined = prep.combined.get(g);
  const flags = new Uint16Array(m);
  let mean = Number.NaN;
  if (policy === 'classMean') {
    let s = 0;
    let k = 0;
    for (let i = 0; i < m; i++) {
      const v = source[members[i]!]!;
      if (!Number.isNaN(v)) {
        s += v;
        k++;
      }
    }
    if (k > 0) mean = s / k;
  }
  const previous = policy === 'carry' ? prep.previousRaw(g) : undefined;
  // The class figures' first pass rides along with the missing-value pass.
  let n = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < m; i++) {
    const u = members[i]!;
    let v = source[u]!;
    let f = combined?.[u] ? FLAG.combined : 0;
    if (Number.isNaN(v)) {
      f |= FLAG.missing;
      if (policy === 'carry' && !Number.isNaN(previous![u]!)) {
        v = previous![u]!;
        f |= FLAG.carried;
      } else if (policy === 'classMean' && !Number.isNaN(mean)) {
        v = mean;
        f |= FLAG.classMean;
      } else if (policy === 'exclude') {
        f |= FLAG.excluded;
      } else {
        f |= FLAG.zeroed;
      }
    }
    work[u] = v;
    frac[u] = Number.NaN;
    capped[u] = 0;
    flags[i] = f;
    if (!Number.isNaN(v)) {
      n++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const stats = finishStats(work, members, leaf.direction, n, sum, min, max);
  normalise(leaf, work, members, stats, frac, capped);
  const cap = methodCap(leaf.method);
  const fraction = new Float64Array(m);
  const at = g * prep.units.length;
  const elasticity = prep.elasticity;
  const core = leaf.core === true;
  for (let i = 0; i < m; i++) {
    const u = members[i]!;
    let f = flags[i]!;
    let s = frac[u]!;
    if (f & FLAG.zeroed) s = 0;
    else if (!Number.isNaN(s)) {
      if (capped[u]) f |= FLAG.capped;
      const e = elasticity[u]!;
      if (core && e !== 1) {
        const adjusted = s * e;
        f |= FLAG.elasticity;
        if (adjusted > cap) f |= FLAG.capped;
        s = Math.min(cap, adjusted);
      }
    }
    fraction[i] = s;
    if (sink) {
      sink.raw[at + u] = work[u]!;
      sink.fraction[at + u] = s;
      sink.flags[at + u] = f;
    }
  }
  return { fraction, stats };
}

/** Unit-indexed working arrays, reused across leaves of one prepared scoring. */
const scratches = new WeakMap<Prepared, { work: Float64Array; frac: Float64Array; capped: Uint8Array }>();

function scratchFor(prep: Prepared) {
  let s = scratches.get(prep);
  if (!s) {
    const n = prep.units.length;
    s = { work: new Float64Array(n), frac: new Float64Array(n), capped: new Uint8Array(n) };
    scratches.set(prep, s);
  }
  return s;
}
