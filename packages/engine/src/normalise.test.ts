import { describe, expect, it } from 'vitest';
import { leafStats, normalise } from './normalise.js';
import type { LeafNode, ScoringMethod } from './plan.js';
import { leaf } from './test-fixtures.js';

/** Fractions of every value under a method, all units in one class. */
function fractions(method: ScoringMethod, values: number[], extra: Partial<LeafNode> = {}) {
  const l = leaf('x', 'x', 1, '#{x}', method, extra);
  const raw = Float64Array.from(values);
  const members = Int32Array.from(values.keys());
  const out = new Float64Array(values.length).fill(Number.NaN);
  const capped = new Uint8Array(values.length);
  normalise(l, raw, members, leafStats(raw, members, l.direction), out, capped);
  return { f: Array.from(out), capped: Array.from(capped) };
}

describe('scoring methods', () => {
  it('target: achievement ratio capped at 1 (or a cap above it); down inverts the ratio', () => {
    expect(fractions({ type: 'target' }, [45, 90, 99], { target: 90 }).f).toEqual([0.5, 1, 1]);
    expect(fractions({ type: 'target', cap: 1.2 }, [99, 120], { target: 90 }).f).toEqual([1.1, 1.2]);
    // approval steps, at most 5: 10 steps earn half.
    expect(fractions({ type: 'target' }, [10, 5, 4], { target: 5, direction: 'down' }).f).toEqual([
      0.5, 1, 1,
    ]);
    expect(fractions({ type: 'target' }, [99], { target: 90 }).capped).toEqual([1]);
  });

  it('linear: baseline → target is 0 → 1, with an optional stretch above', () => {
    // satisfaction 78.6 → 90
    const { f } = fractions({ type: 'linear' }, [78.6, 84.3, 90, 95, 70], { baseline: 78.6, target: 90 });
    expect(f[0]).toBe(0);
    expect(f[1]).toBeCloseTo(0.5, 12);
    expect(f.slice(2)).toEqual([1, 1, 0]);
    // trips per matter 2.3 → 0.2 (down): 1.25 is half way
    expect(
      fractions({ type: 'linear' }, [1.25], { baseline: 2.3, target: 0.2, direction: 'down' }).f[0],
    ).toBeCloseTo(0.5, 12);
    // stretch: target 90 → 1, stretch 100 → cap 1.2
    const s = fractions({ type: 'linear', cap: 1.2 }, [95, 100, 110], {
      baseline: 80,
      target: 90,
      stretch: 100,
    }).f;
    expect(s[0]).toBeCloseTo(1.1, 12);
    expect(s.slice(1)).toEqual([1.2, 1.2]);
  });

  it('minmax and zscore compare within the class', () => {
    expect(fractions({ type: 'minmax' }, [10, 15, 20]).f).toEqual([0, 0.5, 1]);
    expect(fractions({ type: 'minmax' }, [10, 15, 20], { direction: 'down' }).f).toEqual([1, 0.5, 0]);
    expect(fractions({ type: 'minmax' }, [7, 7]).f).toEqual([1, 1]);
    // mean 20, sd 10 → z = -1, 0, 1 → (z + 3) / 6
    const z = fractions({ type: 'zscore' }, [10, 20, 30]).f;
    const sd = Math.sqrt(200 / 3);
    expect(z[0]).toBeCloseTo((-10 / sd + 3) / 6, 12);
    expect(z[1]).toBeCloseTo(0.5, 12);
    expect(fractions({ type: 'zscore', span: 1 }, [0, 0, 0, 100]).f[3]).toBe(1);
    expect(fractions({ type: 'zscore' }, [5, 5]).f).toEqual([0.5, 0.5]);
    // 0.1 + 0.1 + 0.1 is not 0.3 in binary: equal values must still have no spread.
    expect(fractions({ type: 'zscore' }, [0.1, 0.1, 0.1]).f).toEqual([0.5, 0.5, 0.5]);
  });

  it('rank gives the percentile of the competition rank; frontier is proportional to the best', () => {
    expect(fractions({ type: 'rank' }, [30, 10, 20, 20]).f).toEqual([1, 0, 2 / 3, 2 / 3]);
    expect(fractions({ type: 'rank' }, [42]).f).toEqual([1]);
    // 第1名得满分，其余按第1名的比例得分
    expect(fractions({ type: 'frontier' }, [6, 3, 4.5]).f).toEqual([1, 0.5, 0.75]);
    expect(fractions({ type: 'frontier' }, [2, 4, 0], { direction: 'down' }).f).toEqual([0, 0, 1]);
    expect(fractions({ type: 'frontier' }, [2, 4], { direction: 'down' }).f).toEqual([1, 0.5]);
  });

  it('rankPoints: 排名1-5名依次赋予60、57、54、51、48分', () => {
    const m: ScoringMethod = { type: 'rankPoints', points: [60, 57, 54, 51, 48], rest: 40 };
    const { f } = fractions(m, [100, 90, 90, 80, 70, 60, 50]);
    expect(f.map((x) => x * 60)).toEqual([60, 57, 57, 51, 48, 40, 40]);
  });

  it('bands and behaviour-anchored levels: ≤1 h = 5, ≤2 h = 3, late = 0', () => {
    const m: ScoringMethod = {
      type: 'anchored',
      outOf: 5,
      levels: [
        { atMost: 1, points: 5, label: '1小时内响应' },
        { atMost: 2, points: 3, label: '2小时内响应' },
      ],
    };
    expect(fractions(m, [0.5, 1, 1.5, 2, 3], { direction: 'down' }).f).toEqual([1, 1, 0.6, 0.6, 0]);
    const b: ScoringMethod = {
      type: 'bands',
      outOf: 10,
      bands: [
        { atLeast: 95, points: 10 },
        { atLeast: 90, points: 8 },
      ],
      otherwise: 2,
    };
    expect(fractions(b, [99, 95, 92, 60]).f).toEqual([1, 1, 0.8, 0.2]);
  });

  it('binary: met or not (100% of enforcement staff certified)', () => {
    expect(fractions({ type: 'binary' }, [1, 0.99], { target: 1 }).f).toEqual([1, 0]);
    expect(fractions({ type: 'binary' }, [3, 0]).f).toEqual([1, 0]);
    expect(fractions({ type: 'binary' }, [0, 1], { target: 0, direction: 'down' }).f).toEqual([1, 0]);
  });

  it('deviation: 每超平均年龄1岁扣0.5分 (out of 5)', () => {
    // mean age 40: 43 is 3 years over → 5 − 1.5 = 3.5; 37 is under → 5
    const m: ScoringMethod = { type: 'deviation', outOf: 5, reference: 'classMean', per: 1, deduct: 0.5 };
    expect(fractions(m, [43, 37, 40], { direction: 'down' }).f).toEqual([3.5 / 5, 1, 1]);
    const step: ScoringMethod = {
      type: 'deviation',
      outOf: 5,
      reference: 40,
      per: 1,
      deduct: 0.5,
      stepwise: true,
    };
    expect(fractions(step, [42.9, 52], { direction: 'down' }).f).toEqual([4 / 5, 0]);
  });

  it('leaves units without a value untouched and ignores them in class figures', () => {
    const { f } = fractions({ type: 'minmax' }, [10, Number.NaN, 20]);
    expect(f[0]).toBe(0);
    expect(f[1]).toBeNaN();
    expect(f[2]).toBe(1);
  });
});
