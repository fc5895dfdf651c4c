import type { ResultSet } from '@xiaoneng/engine';
import { describe, expect, it } from 'vitest';
import { buildDigest } from './dashboard-digest.js';
import { heatMap, scopeMask, subtreeUnits } from './dashboard-queries.js';
import type { SnapshotHead } from './snapshot-store.js';

/**
 * A hand-made ResultSet of one dimension over six units: A over B over C; F alone; D and E each other's
 * parent (bad data: a loop no walk may hang on). Shares: A 0.9, B 0.5, C 0.1, D 0.2, E 0.3, F 1.
 */
function resultSet(): ResultSet {
  const units = [
    { code: 'C', name: 'C', class: 'k', parent: 'B', elasticity: 1 },
    { code: 'A', name: 'A', class: 'k', elasticity: 1 },
    { code: 'D', name: 'D', class: 'k', parent: 'E', elasticity: 1 },
    { code: 'B', name: 'B', class: 'k', parent: 'A', elasticity: 1 },
    { code: 'E', name: 'E', class: 'k', parent: 'D', elasticity: 1 },
    { code: 'F', name: 'F', class: 'k', elasticity: 1 },
  ];
  const shares = [0.1, 0.9, 0.2, 0.5, 0.3, 1];
  return {
    units,
    classes: [{ code: 'k', name: 'K', size: 6, nodes: [0], weights: [1] }],
    nodes: [{ code: 'd', name: 'D', leaf: false, depth: 0, parent: -1, dimension: 'd' }],
    fullMarks: 100,
    total: Float64Array.from(shares, (s) => s * 100),
    rank: Int32Array.from([6, 2, 5, 3, 4, 1]),
    grade: Uint8Array.from([3, 0, 3, 2, 2, 0]),
    fraction: Float64Array.from(shares),
    fullPoints: new Float64Array(6).fill(100),
  } as unknown as ResultSet;
}

const HEAD = { id: 's', plan_code: 'P', period_code: '2026' } as SnapshotHead;

describe('dashboard digest', () => {
  it('lays the unit tree out in pre-order, children by code, and leaves a parent loop out of every subtree', () => {
    const d = buildDigest(HEAD, resultSet());
    const code = (u: number) => d.codes[u];
    expect(Array.from(d.roots, code)).toEqual(['A', 'F']);
    expect(Array.from(d.preorder, code)).toEqual(['A', 'B', 'C', 'F']);
    const a = d.unitIndex.get('A')!;
    expect(Array.from(d.preorder.subarray(d.first[a]!, d.last[a]!), code)).toEqual(['A', 'B', 'C']);
    // D and E hang on each other: no top, no subtree, but each is still itself.
    const e = d.unitIndex.get('E')!;
    expect(d.first[e]).toBe(-1);
    expect(subtreeUnits(d, null, e).map(code)).toEqual(['E']);
    expect(d.grade).toEqual(['D', 'A', 'D', 'C', 'C', 'A']);
  });

  it('means the shares below each top unit, within the scope', () => {
    const d = buildDigest(HEAD, resultSet());
    const all = heatMap(d, null, null);
    expect(all.rows.map((r) => [r.unitCode, r.children, r.below?.units ?? 0])).toEqual([
      ['A', 1, 2],
      ['F', 0, 0],
    ]);
    expect(all.rows[0]!.below!.shares[0]).toBeCloseTo((0.5 + 0.1) / 2, 12);
    // Scope B and below: B is the only top, so it opens at once.
    const mine = heatMap(d, scopeMask(d, ['B', 'C']), null);
    expect(mine.path).toEqual([{ code: 'B', name: 'B' }]);
    expect(mine.rows.map((r) => r.unitCode)).toEqual(['C']);
    expect(mine.parent?.below).toEqual({ units: 1, shares: [0.1] });
  });
});
