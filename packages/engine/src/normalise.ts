import type { Band, LeafNode, ScoringMethod } from './plan.js';
import { competitionRank } from './rank.js';

/**
 * Normalisation: an indicator's raw value → the fraction of its full marks a unit earns. Methods that
 * compare units (minmax, zscore, rank, frontier, rankPoints, deviation from the class mean) compare the
 * members of one unit class that have a value. Each formula here is mirrored operation for operation by
 * the pandas reference in bench/reference, so that totals agree to the last bits.
 */

/** What the class-relative methods compare against; kept in results for explanations. */
export interface LeafStats {
  n: number;
  min: number;
  max: number;
  mean: number;
  sd: number;
  best: number;
}

export function leafStats(raw: Float64Array, members: Int32Array, direction: 'up' | 'down'): LeafStats {
  let n = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < members.length; i++) {
    const v = raw[members[i]!]!;
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return finishStats(raw, members, direction, n, sum, min, max);
}

/**
 * The class figures from a first pass's count, sum (in member order), min and max: the caller may fold that
 * pass into one of its own loops. The standard deviation needs the mean, so it takes a second pass.
 */
export function finishStats(
  raw: Float64Array,
  members: Int32Array,
  direction: 'up' | 'down',
  n: number,
  sum: number,
  min: number,
  max: number,
): LeafStats {
  if (n === 0)
    return { n, min: Number.NaN, max: Number.NaN, mean: Number.NaN, sd: Number.NaN, best: Number.NaN };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < members.length; i++) {
    const v = raw[members[i]!]!;
    if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
  }
  // Equal values have no spread, even when their mean does not sum exactly (0.1 + 0.1 + 0.1).
  const sd = min === max ? 0 : Math.sqrt(ss / n);
  return { n, min, max, mean, sd, best: direction === 'up' ? max : min };
}

/** The largest fraction a method can give (above 1 only for target/linear with a cap set). */
export function methodCap(method: ScoringMethod): number {
  return method.type === 'target' || method.type === 'linear' ? (method.cap ?? 1) : 1;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

function bandPoints(bands: readonly Band[], otherwise: number, v: number, up: boolean): number {
  for (const b of bands) {
    if (up ? v >= (b.atLeast ?? Number.POSITIVE_INFINITY) : v <= (b.atMost ?? Number.NEGATIVE_INFINITY)) {
      return b.points;
    }
  }
  return otherwise;
}

/** The band a value falls in (index), or -1 for `otherwise`; for explanations. */
export function bandIndex(bands: readonly Band[], v: number, up: boolean): number {
  return bands.findIndex((b) =>
    up ? v >= (b.atLeast ?? Number.POSITIVE_INFINITY) : v <= (b.atMost ?? Number.NEGATIVE_INFINITY),
  );
}

/**
 * Writes the fraction of every member with a raw value into `out[unit]` and sets `capped[unit] = 1` where the
 * method's cap limited it. Members without a value are left untouched (the caller applied the missing policy).
 */
export function normalise(
  leaf: LeafNode,
  raw: Float64Array,
  members: Int32Array,
  stats: LeafStats,
  out: Float64Array,
  capped: Uint8Array,
): void {
  const m = leaf.method;
  const up = leaf.direction === 'up';
  const each = (f: (v: number, u: number) => number): void => {
    for (let i = 0; i < members.length; i++) {
      const u = members[i]!;
      const v = raw[u]!;
      if (!Number.isNaN(v)) out[u] = f(v, u);
    }
  };
  switch (m.type) {
    case 'target': {
      const t = leaf.target!;
      const cap = m.cap ?? 1;
      each((v, u) => {
        const ratio = up ? v / t : v <= 0 ? cap : t / v;
        if (ratio > cap) capped[u] = 1;
        return clamp(ratio, 0, cap);
      });
      return;
    }
    case 'linear': {
      const b = leaf.baseline!;
      const t = leaf.target!;
      const s = leaf.stretch;
      const cap = m.cap ?? 1;
      each((v, u) => {
        const r = (v - b) / (t - b);
        if (s === undefined || r <= 1) {
          if (r > cap) capped[u] = 1;
          return clamp(r, 0, s === undefined ? cap : 1);
        }
        const beyond = 1 + ((cap - 1) * (v - t)) / (s - t);
        if (beyond > cap) capped[u] = 1;
        return Math.min(cap, beyond);
      });
      return;
    }
    case 'minmax': {
      const span = stats.max - stats.min;
      each((v) => (span === 0 ? 1 : up ? (v - stats.min) / span : (stats.max - v) / span));
      return;
    }
    case 'zscore': {
      const span = m.span ?? 3;
      each((v) => {
        if (stats.sd === 0) return 0.5;
        const z = up ? (v - stats.mean) / stats.sd : (stats.mean - v) / stats.sd;
        return clamp((z + span) / (2 * span), 0, 1);
      });
      return;
    }
    case 'rank':
    case 'rankPoints': {
      const ranks = rankWithin(raw, members, up);
      if (m.type === 'rank') {
        each((_, u) => (stats.n === 1 ? 1 : (stats.n - ranks[u]!) / (stats.n - 1)));
      } else {
        const outOf = m.outOf ?? m.points[0]!;
        each((_, u) => (m.points[ranks[u]! - 1] ?? m.rest ?? 0) / outOf);
      }
      return;
    }
    case 'frontier': {
      const best = stats.best;
      each((v) => {
        if (up ? v >= best : v <= best) return 1;
        if (best <= 0) return 0;
        return up ? Math.max(0, v / best) : best / v;
      });
      return;
    }
    case 'bands':
      each((v) => bandPoints(m.bands, m.otherwise ?? 0, v, up) / m.outOf);
      return;
    case 'anchored':
      each((v) => bandPoints(m.levels, m.otherwise ?? 0, v, up) / m.outOf);
      return;
    case 'binary': {
      const t = leaf.target;
      each((v) => (t === undefined ? (v !== 0 ? 1 : 0) : (up ? v >= t : v <= t) ? 1 : 0));
      return;
    }
    case 'deviation': {
      const ref = m.reference === 'classMean' ? stats.mean : m.reference;
      each((v) => {
        const d = Math.max(0, up ? ref - v : v - ref);
        const steps = m.stepwise ? Math.floor(d / m.per + 1e-9) : d / m.per;
        return Math.max(0, m.outOf - m.deduct * steps) / m.outOf;
      });
      return;
    }
  }
}

/** Competition rank of each member with a value, best first by the indicator's direction. */
export function rankWithin(raw: Float64Array, members: Int32Array, up: boolean): Int32Array {
  let k = 0;
  const present = new Int32Array(members.length);
  for (let i = 0; i < members.length; i++) if (!Number.isNaN(raw[members[i]!]!)) present[k++] = members[i]!;
  const ranks = new Int32Array(raw.length);
  competitionRank(raw, present.subarray(0, k), up, ranks);
  return ranks;
}
