import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeafNode, Plan, ScoringMethod } from './plan.js';
import { score } from './score.js';
import { leaf } from './test-fixtures.js';
import type { Unit } from './unit.js';
import { type DataValue, valueTable } from './value-table.js';

/**
 * Methods whose fractions keep a unit's standing monotone in its own value. z-scores are left out on
 * purpose: raising an outlier's value also raises the class's standard deviation, which can shrink its lead
 * on a unit just below it (a known property of z-score normalisation, noted in docs/plan-format.md).
 */
const MONOTONE_METHODS: ScoringMethod[] = [
  { type: 'target' },
  { type: 'linear' },
  { type: 'minmax' },
  { type: 'rank' },
  { type: 'frontier' },
  {
    type: 'bands',
    outOf: 10,
    bands: [
      { atLeast: 80, points: 10 },
      { atLeast: 50, points: 6 },
    ],
    otherwise: 1,
  },
  { type: 'binary' },
  { type: 'rankPoints', points: [10, 8, 6], rest: 2 },
  { type: 'deviation', outOf: 5, reference: 'classMean', per: 10, deduct: 1 },
];

interface Case {
  weights: number[];
  methods: ScoringMethod[];
  values: number[][];
}

const caseArb = fc.integer({ min: 1, max: 5 }).chain((m) =>
  fc.record({
    weights: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: m, maxLength: m }),
    methods: fc.array(fc.constantFrom(...MONOTONE_METHODS), { minLength: m, maxLength: m }),
    values: fc.array(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: m, maxLength: m }), {
      minLength: 2,
      maxLength: 8,
    }),
  }),
);

function build(c: Case): { plan: Plan; units: Unit[]; rows: DataValue[] } {
  const sum = c.weights.reduce((a, b) => a + b, 0);
  const leaves: LeafNode[] = c.methods.map((method, i) =>
    leaf(`i${i}`, `指标${i}`, c.weights[i]! / sum, `#{e${i}}`, method, { target: 60, baseline: 10 }),
  );
  const plan: Plan = {
    format: 1,
    id: 'p',
    name: 'p',
    version: 1,
    periodType: 'year',
    elements: c.methods.map((_, i) => ({ code: `e${i}`, name: `e${i}`, rollup: 'sum' as const })),
    tree: [{ code: 'd', name: '维度', weight: 1, children: leaves }],
    classes: [{ code: 'k', name: 'k' }],
    grading: { thresholds: [{ grade: 'A', min: 90 }, { grade: 'D' }] },
  };
  const units = c.values.map((_, u) => ({ code: `u${u}`, name: `u${u}`, class: 'k' }));
  const rows = c.values.flatMap((vs, u) =>
    vs.map((value, i) => ({
      unit: `u${u}`,
      element: `e${i}`,
      period: '2026',
      source: 'self' as const,
      value,
    })),
  );
  return { plan, units, rows };
}

describe('score properties', () => {
  it('raising one unit’s higher-is-better value never lowers its rank', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 50 }), (c, uPick, iPick, delta) => {
        const { plan, units, rows } = build(c);
        const u = uPick % units.length;
        const i = iPick % c.methods.length;
        const before = score(plan, units, valueTable(rows), { period: '2026' });
        const raised = rows.map((r) =>
          r.unit === `u${u}` && r.element === `e${i}` ? { ...r, value: r.value + delta } : r,
        );
        const after = score(plan, units, valueTable(raised), { period: '2026' });
        expect(after.rank[u]).toBeLessThanOrEqual(before.rank[u]!);
      }),
      { numRuns: 300 },
    );
  });

  it('weights that sum to 1 keep totals within [0, full marks]', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { plan, units, rows } = build(c);
        const rs = score(plan, units, valueTable(rows), { period: '2026' });
        for (const t of rs.total) {
          expect(t).toBeGreaterThanOrEqual(0);
          expect(t).toBeLessThanOrEqual(100 + 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('ranks are a standard competition ranking of the totals', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { plan, units, rows } = build(c);
        const rs = score(plan, units, valueTable(rows), { period: '2026' });
        const t = Array.from(rs.total, (x) => Math.round(x * 1e6));
        t.forEach((x, u) => {
          expect(rs.rank[u]).toBe(1 + t.filter((y) => y > x).length);
        });
      }),
      { numRuns: 200 },
    );
  });
});
