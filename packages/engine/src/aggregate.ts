import type { LeafScores } from './leaf-scores.js';
import type { Prepared } from './prepare.js';

export interface Aggregate {
  /** Per unit: the tree's points before bonus and deduction. */
  base: Float64Array;
  /** Per unit × node (with detail): fraction of groups filled in beside the leaves'. */
  fraction?: Float64Array;
  points?: Float64Array;
  fullPoints?: Float64Array;
}

/**
 * Rolls leaf fractions up each class tree. A group's fraction is Σ wᵢ·sᵢ / Σ wᵢ over the children that have
 * a fraction (left to right), so an excluded child hands its weight to its siblings; a group with no child
 * left is itself excluded. base = fullMarks · (root fraction). A node's full points are its share of
 * fullMarks after that re-weighting, and its points are fraction × full points.
 *
 * `weights` replaces each class tree's position weights (sensitivity analysis); `detail` = false computes
 * only `base`, which is what re-scoring thousands of times needs.
 */
export function aggregate(
  prep: Prepared,
  leaves: LeafScores,
  detail: boolean,
  weights?: readonly Float64Array[],
): Aggregate {
  const n = prep.units.length;
  const nodes = prep.nodes.infos.length;
  const base = new Float64Array(n);
  const fraction = detail ? Float64Array.from(leaves.fraction) : undefined;
  const points = detail ? new Float64Array(n * nodes) : undefined;
  const fullPoints = detail ? new Float64Array(n * nodes) : undefined;
  const fullMarks = prep.fullMarks;

  prep.trees.forEach((tree, c) => {
    const w = weights?.[c] ?? tree.weight;
    const size = tree.node.length;
    const frac = new Float64Array(size);
    const den = new Float64Array(size);
    const full = new Float64Array(size);
    for (const u of prep.members[c]!) {
      const row = u * nodes;
      // Post-order: every child is final before its parent.
      for (let p = 0; p < size; p++) {
        if (tree.leaf[p]) {
          frac[p] = leaves.fraction[row + tree.node[p]!]!;
          continue;
        }
        frac[p] = weighted(tree.children[p]!, w, frac);
        den[p] = lastDen;
      }
      const rootFrac = weighted(tree.roots, w, frac);
      const rootDen = lastDen;
      base[u] = Number.isNaN(rootFrac) ? 0 : fullMarks * rootFrac;
      if (!detail) continue;
      const share = (kids: Int32Array, parentFull: number, parentDen: number) => {
        for (const k of kids) full[k] = Number.isNaN(frac[k]!) ? 0 : (parentFull * w[k]!) / parentDen;
      };
      share(tree.roots, fullMarks, rootDen);
      // Parents come after children in post-order, so walk backwards to go top-down.
      for (let p = size - 1; p >= 0; p--) if (!tree.leaf[p]) share(tree.children[p]!, full[p]!, den[p]!);
      for (let p = 0; p < size; p++) {
        const at = row + tree.node[p]!;
        fraction![at] = frac[p]!;
        fullPoints![at] = full[p]!;
        points![at] = Number.isNaN(frac[p]!) ? 0 : full[p]! * frac[p]!;
      }
    }
  });
  return detail ? { base, fraction: fraction!, points: points!, fullPoints: fullPoints! } : { base };
}

/** Σ wᵢ of the last {@link weighted} call; a module variable because this runs millions of times per draw. */
let lastDen = 0;

/** Σ wᵢ·sᵢ / Σ wᵢ over children with a fraction; NaN (and lastDen 0) when none has one. */
function weighted(kids: Int32Array, w: Float64Array, frac: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    const s = frac[k]!;
    if (Number.isNaN(s)) continue;
    num += w[k]! * s;
    den += w[k]!;
  }
  lastDen = den;
  return den > 0 ? num / den : Number.NaN;
}
