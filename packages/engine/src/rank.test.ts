import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { competitionRank, orderByKeyDesc, sortFloat64, totalKey } from './rank.js';

describe('ranking', () => {
  it('sorts doubles like a numeric sort, negatives, zeros and large arrays included', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { maxLength: 2000 }), (xs) => {
        const a = Float64Array.from(xs);
        sortFloat64(a);
        const b = Float64Array.from(xs).sort();
        // -0 and +0 may come in either order; compare as numbers
        expect(Array.from(a, (x) => x + 0)).toEqual(Array.from(b, (x) => x + 0));
      }),
      { numRuns: 200 },
    );
    const big = Float64Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 5000) - 2500.5);
    sortFloat64(big);
    expect(big[0]).toBe(-2500.5);
    expect(big[4999]).toBe(2498.5);
    for (let i = 1; i < big.length; i++) expect(big[i]! >= big[i - 1]!).toBe(true);
  });

  it('gives standard competition ranks in either direction', () => {
    const keys = Float64Array.from([5, 9, 9, 1, 7]);
    const all = Int32Array.from([0, 1, 2, 3, 4]);
    const out = new Int32Array(5);
    competitionRank(keys, all, true, out);
    expect(Array.from(out)).toEqual([4, 1, 1, 5, 3]);
    competitionRank(keys, all, false, out);
    expect(Array.from(out)).toEqual([2, 4, 4, 1, 3]);
  });

  it('orders members by key, largest first, ties by index', () => {
    const keys = Float64Array.from([totalKey(80), totalKey(95.5), totalKey(80), totalKey(99)]);
    expect(Array.from(orderByKeyDesc(keys, Int32Array.from([0, 1, 2, 3])))).toEqual([3, 1, 0, 2]);
  });

  it('rounds totals half up at the millionth', () => {
    expect(totalKey(90.0000004)).toBe(90_000_000);
    expect(totalKey(90.0000006)).toBe(90_000_001);
  });
});
