import { leafStats, methodCap, normalise } from './normalise.js';
import type { MissingPolicy, ScoringMethod } from './plan.js';
import type { Prepared } from './prepare.js';
import { type ClassLeafStats, FLAG } from './result.js';

/** Alternatives sensitivity analysis tries; scoring proper uses none. */
export interface LeafVariant {
  /** Replaces the method of a leaf (by global node index); return undefined to keep the plan's. */
  method?: (leaf: number) => ScoringMethod | undefined;
  /** Replaces every leaf's missing-value policy. */
  missing?: MissingPolicy;
}

/** Per unit × node (node-major: `node * units + unit`): leaf raw values after imputation, fractions, flags. */
export interface LeafScores {
  raw: Float64Array;
  fraction: Float64Array;
  flags: Uint16Array;
  stats: ClassLeafStats[];
}

/**
 * Scores every leaf of every class: applies the missing-value policy, compares within the class, then the
 * elasticity coefficient on core indicators. Missing 'zero' scores 0 without taking part in comparisons;
 * 'exclude' leaves the fraction NaN so the parent re-weights; 'carry' uses last period's value and
 * 'classMean' the class's mean, both then compared like reported values.
 */
export function leafScores(prep: Prepared, variant: LeafVariant = {}): LeafScores {
  const n = prep.units.length;
  const nodes = prep.nodes.infos.length;
  const raw = new Float64Array(n * nodes).fill(Number.NaN);
  const fraction = new Float64Array(n * nodes).fill(Number.NaN);
  const flags = new Uint16Array(n * nodes);
  const stats: ClassLeafStats[] = [];
  const work = new Float64Array(n);
  const frac = new Float64Array(n);
  const capped = new Uint8Array(n);
  const plan = prep.plan;

  prep.trees.forEach((tree, c) => {
    const members = prep.members[c]!;
    if (members.length === 0) return;
    for (let p = 0; p < tree.node.length; p++) {
      if (!tree.leaf[p]) continue;
      const g = tree.node[p]!;
      const def = prep.nodes.leaves[g]!;
      const leaf = variant.method?.(g) ? { ...def, method: variant.method(g)! } : def;
      const policy = variant.missing ?? leaf.missing ?? plan.missing ?? 'zero';
      const source = prep.raw.get(g)!;
      const combined = prep.combined.get(g);
      const imputed = new Uint16Array(members.length);
      let mean = Number.NaN;
      if (policy === 'classMean') {
        let s = 0;
        let k = 0;
        for (const u of members) {
          const v = source[u]!;
          if (!Number.isNaN(v)) {
            s += v;
            k++;
          }
        }
        if (k > 0) mean = s / k;
      }
      const previous = policy === 'carry' ? prep.previousRaw(g) : undefined;
      for (let i = 0; i < members.length; i++) {
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
        imputed[i] = f;
      }
      const st = leafStats(work, members, leaf.direction);
      stats.push({ class: tree.cls.code, node: def.code, ...st });
      normalise(leaf, work, members, st, frac, capped);
      const cap = methodCap(leaf.method);
      for (let i = 0; i < members.length; i++) {
        const u = members[i]!;
        const at = g * n + u;
        let f = imputed[i]!;
        let s = frac[u]!;
        if (f & FLAG.zeroed) s = 0;
        else if (!Number.isNaN(s)) {
          if (capped[u]) f |= FLAG.capped;
          const e = prep.elasticity[u]!;
          if (leaf.core && e !== 1) {
            const adjusted = s * e;
            f |= FLAG.elasticity;
            if (adjusted > cap) f |= FLAG.capped;
            s = Math.min(cap, adjusted);
          }
        }
        raw[at] = work[u]!;
        fraction[at] = s;
        flags[at] = f;
      }
    }
  });
  return { raw, fraction, flags, stats };
}
