import { describe, expect, it } from 'vitest';
import { inflationCheck } from './inflation.js';
import type { Plan } from './plan.js';
import { score } from './score.js';
import { sensitivity } from './sensitivity.js';
import { sensitivityParallel } from './sensitivity-parallel.js';
import { leaf } from './test-fixtures.js';
import type { Unit } from './unit.js';
import { type DataValue, valueTable } from './value-table.js';

/**
 * Two indicators of equal weight. Units u1…u11 trade one off exactly against the other (their fractions
 * step by 4/46 up on A and down on B), so they tie under the plan's weights and the weights decide; u0 is
 * best on both.
 */
const plan: Plan = {
  format: 1,
  id: 'two',
  name: '两项指标',
  version: 1,
  periodType: 'year',
  elements: [
    { code: 'a', name: 'A', rollup: 'sum' },
    { code: 'b', name: 'B', rollup: 'sum' },
  ],
  tree: [
    {
      code: 'd',
      name: '维度',
      weight: 1,
      children: [
        leaf('a', '指标A', 0.5, '#{a}', { type: 'minmax' }),
        leaf('b', '指标B', 0.5, '#{b}', { type: 'target' }, { target: 100 }),
      ],
    },
  ],
  classes: [{ code: 'k', name: '类' }],
  grading: {
    thresholds: [{ grade: 'A', min: 90 }, { grade: 'B', min: 75 }, { grade: 'C', min: 60 }, { grade: 'D' }],
  },
};
const units: Unit[] = Array.from({ length: 12 }, (_, i) => ({ code: `u${i}`, name: `单位${i}`, class: 'k' }));
const rows: DataValue[] = [];
units.forEach((u, i) => {
  rows.push({
    unit: u.code,
    element: 'a',
    period: '2026',
    source: 'self',
    value: i === 0 ? 100 : 50 + i * 4,
  });
  rows.push({
    unit: u.code,
    element: 'b',
    period: '2026',
    source: 'self',
    value: i === 0 ? 100 : 100 - (400 / 46) * i,
  });
});
const values = valueTable(rows);

describe('sensitivity analysis', () => {
  const opts = { draws: 200, seed: 7 };
  const r = sensitivity(plan, units, values, { period: '2026' }, opts);

  it('gives every unit a rank interval containing its median, and the plan rank', () => {
    const base = score(plan, units, values, { period: '2026' });
    for (const [u, s] of r.units.entries()) {
      expect(s.rank).toBe(base.rank[u]);
      expect(s.p05).toBeLessThanOrEqual(s.median);
      expect(s.median).toBeLessThanOrEqual(s.p95);
      expect(s.p05).toBeGreaterThanOrEqual(1);
      expect(s.p95).toBeLessThanOrEqual(units.length);
    }
  });

  it('keeps a unit that is best on everything at rank 1 in every draw', () => {
    expect(r.units[0]).toMatchObject({ rank: 1, median: 1, p05: 1, p95: 1 });
    // z-scores do not give the best unit full marks, so its grade is not certain across normalisations…
    expect(r.units[0]!.gradeStability).toBeLessThan(1);
    // …but it is under weight noise alone.
    const weightsOnly = sensitivity(plan, units, values, { period: '2026' }, { ...opts, methods: false });
    expect(weightsOnly.units[0]).toMatchObject({ gradeStability: 1, unstable: false });
  });

  it('widens intervals for units whose standing depends on the weights', () => {
    // The tied units share rank 2 under the plan but spread over ranks 2…12 when weights move.
    expect(r.units.slice(1).every((s) => s.rank === 2)).toBe(true);
    expect(Math.min(...r.units.slice(1).map((s) => s.p05))).toBe(2);
    expect(Math.max(...r.units.slice(1).map((s) => s.p95))).toBe(12);
    expect(r.methodVariants).toEqual(['plan', 'minmax', 'zscore', 'rank']);
  });

  it('is reproducible from the seed and independent of the number of threads', async () => {
    const again = sensitivity(plan, units, values, { period: '2026' }, opts);
    expect(again).toEqual(r);
    const other = sensitivity(plan, units, values, { period: '2026' }, { ...opts, seed: 8 });
    expect(other.units.map((u) => [u.median, u.gradeStability])).not.toEqual(
      r.units.map((u) => [u.median, u.gradeStability]),
    );
    const threaded = await sensitivityParallel(plan, units, values, { period: '2026' }, opts, { threads: 3 });
    expect(threaded).toEqual(r);
  });

  it('does not move anything when there is nothing to vary', () => {
    const fixed = sensitivity(
      plan,
      units,
      values,
      { period: '2026' },
      { draws: 20, seed: 1, weightNoise: 0, methods: false, missing: false },
    );
    for (const s of fixed.units) expect([s.p05, s.median, s.p95]).toEqual([s.rank, s.rank, s.rank]);
    expect(fixed.unstableCount).toBe(0);
  });

  it('rejects a non-positive number of draws', () => {
    expect(() => sensitivity(plan, units, values, { period: '2026' }, { draws: 0, seed: 1 })).toThrow(
      RangeError,
    );
  });
});

describe('inflation check', () => {
  it('flags units whose self-reports run above verified values', () => {
    const extra: DataValue[] = [
      // u1 reports 30% above what inspection found on both indicators; u2 reports honestly.
      { unit: 'u1', element: 'a', period: '2026', source: 'inspection', value: (50 + 4) / 1.3 },
      { unit: 'u1', element: 'b', period: '2026', source: 'inspection', value: (100 - 400 / 46) / 1.3 },
      { unit: 'u2', element: 'a', period: '2026', source: 'thirdParty', value: 58 },
      { unit: 'u2', element: 'b', period: '2026', source: 'thirdParty', value: 100 - (400 / 46) * 2 },
    ];
    const v = valueTable([...rows, ...extra]);
    const report = inflationCheck(
      plan,
      units,
      v,
      { period: '2026' },
      {},
      score(plan, units, v, { period: '2026' }),
    );
    const u1 = report.units.find((u) => u.code === 'u1')!;
    expect(u1.comparisons).toBe(2);
    expect(u1.index).toBeCloseTo(0.3, 12);
    expect(u1.flagged).toBe(true);
    expect(u1.inflatedIndicators.map((i) => i.code)).toEqual(['a', 'b']);
    expect(report.units.find((u) => u.code === 'u2')!).toMatchObject({
      comparisons: 2,
      index: 0,
      flagged: false,
    });
    expect(report.flaggedUnits).toBe(1);
    expect(report.comparisons).toBe(4);
    expect(report.inflatedShare).toBe(0.5);
  });

  it('warns when a top grade holds an implausible share of a class (85% 优秀)', () => {
    const generous: Plan = { ...plan, grading: { thresholds: [{ grade: 'A', min: 10 }, { grade: 'D' }] } };
    const rs = score(generous, units, values, { period: '2026' });
    const report = inflationCheck(generous, units, values, { period: '2026' }, {}, rs);
    expect(report.gradeWarnings).toEqual([{ class: 'k', grade: 'A', share: 1 }]);
  });
});
