import type { Prepared } from './prepare.js';

export interface Aggregate {
  /** Per unit: the tree's points before bonus and deduction. */
  base: Float64Array;
  /** Per unit × node (with detail): fraction of groups filled in beside the leaves'. */
  fraction?: Float64Array;
  fullPoints?: Float64Array;
}

/** Leaf fractions per class and tree position, each a column over the class's members (undefined for groups). */
export type LeafColumns = (Float64Array | undefined)[][];

/**
 * Rolls leaf fractions up each class tree. A group's fraction is Σ wᵢ·sᵢ / Σ wᵢ over the children that have
 * a fraction (left to right), so an excluded child hands its weight to its siblings; a group with no child
 * left is itself excluded. base = fullMarks · (root fraction). A node's full points are its share of
 * fullMarks after that re-weighting (parent's full points · w / Σ w of present siblings), and its points
 * are fraction × full points (see pointsAt in result.ts).
 *
 * Works column-wise: one tight loop over the class's members per tree position. `weights` replaces each
 * class tree's position weights (sensitivity analysis); `detail` = false computes only `base`; with detail,
 * `leafFraction` (the leaf scores' node-major matrix) receives the groups' fractions.
 */
export function aggregate(
  prep: Prepared,
  columns: LeafColumns,
  detail: boolean,
  weights?: readonly Float64Array[],
  leafFraction?: Float64Array,
): Aggregate {
  const n = prep.units.length;
  const nodes = prep.nodes.infos.length;
  const base = new Float64Array(n);
  // With detail, group fractions are written beside the leaves' in the leaf scores' matrix.
  const fraction = detail ? (leafFraction ?? new Float64Array(n * nodes).fill(Number.NaN)) : undefined;
  const fullPoints = detail ? new Float64Array(n * nodes) : undefined;
  const fullMarks = prep.fullMarks;

  prep.trees.forEach((tree, c) => {
    const members = prep.members[c]!;
    const m = members.length;
    if (m === 0) return;
    const w = weights?.[c] ?? tree.weight;
    const size = tree.node.length;
    const { frac, den, rootFrac, rootDen } = scratchFor(prep, c, m, size);
    // Post-order: every child is final before its parent.
    for (let p = 0; p < size; p++) {
      if (tree.leaf[p]) frac[p] = columns[c]![p]!;
      else weighted(tree.children[p]!, w, frac, m, frac[p]!, den[p]!);
    }
    weighted(tree.roots, w, frac, m, rootFrac, rootDen);
    for (let i = 0; i < m; i++) {
      const f = rootFrac[i]!;
      base[members[i]!] = Number.isNaN(f) ? 0 : fullMarks * f;
    }
    if (!detail) return;
    const { full, rootFull } = scratchFor(prep, c, m, size);
    const share = (kids: Int32Array, parentFull: Float64Array, parentDen: Float64Array) => {
      for (const k of kids) {
        const col = full[k]!;
        const fk = frac[k]!;
        const wk = w[k]!;
        for (let i = 0; i < m; i++) col[i] = Number.isNaN(fk[i]!) ? 0 : (parentFull[i]! * wk) / parentDen[i]!;
      }
    };
    share(tree.roots, rootFull.fill(fullMarks), rootDen);
    // Parents come after their children in post-order, so walking backwards goes top-down.
    for (let p = size - 1; p >= 0; p--) if (!tree.leaf[p]) share(tree.children[p]!, full[p]!, den[p]!);
    for (let p = 0; p < size; p++) {
      const g = tree.node[p]!;
      const fp = frac[p]!;
      const fu = full[p]!;
      const isLeaf = tree.leaf[p] === 1;
      for (let i = 0; i < m; i++) {
        const at = g * n + members[i]!;
        const f = fp[i]!;
        if (!isLeaf) fraction![at] = f;
        fullPoints![at] = fu[i]!;
      }
    }
  });
  return detail ? { base, fraction: fraction!, fullPoints: fullPoints! } : { base };
}

interface Scratch {
  frac: Float64Array[];
  den: Float64Array[];
  rootFrac: Float64Array;
  rootDen: Float64Array;
  /** Full points per position and of the root (detail only). */
  full: Float64Array[];
  rootFull: Float64Array;
}

/**
 * Working columns per class, kept with the prepared scoring and reused: the sensitivity analysis
 * aggregates a thousand times and would otherwise allocate megabytes per draw. Leaf slots of `frac` are
 * overwritten with the leaf columns on every call.
 */
const scratches = new WeakMap<Prepared, Scratch[]>();

function scratchFor(prep: Prepared, c: number, m: number, size: number): Scratch {
  let all = scratches.get(prep);
  if (!all) {
    all = [];
    scratches.set(prep, all);
  }
  let s = all[c];
  if (!s) {
    const col = () => new Float64Array(m);
    s = {
      frac: Array.from({ length: size }, col),
      den: Array.from({ length: size }, col),
      rootFrac: col(),
      rootDen: col(),
      full: Array.from({ length: size }, col),
      rootFull: col(),
    };
    all[c] = s;
  }
  return s;
}

/** Into num and den, per member: Σ wᵢ·sᵢ / Σ wᵢ over children with a fraction (NaN when none), and Σ wᵢ. */
function weighted(
  kids: Int32Array,
  w: Float64Array,
  frac: Float64Array[],
  m: number,
  num: Float64Array,
  den: Float64Array,
): void {
  num.fill(0);
  den.fill(0);
  for (let j = 0; j < kids.length; j++) {
    const k = kids[j]!;
    const wk = w[k]!;
    const col = frac[k]!;
    for (let i = 0; i < m; i++) {
      const s = col[i]!;
      if (!Number.isNaN(s)) {
        num[i]! += wk * s;
        den[i]! += wk;
      }
    }
  }
  for (let i = 0; i < m; i++) num[i] = den[i]! > 0 ? num[i]! / den[i]! : Number.NaN;
}
