import { describe, expect, it } from 'vitest';
import { explain, renderExplanation } from './explain.js';
import { score } from './score.js';
import { countyPlan, countyUnits, countyValues } from './test-fixtures.js';
import { valueTable } from './value-table.js';

describe('explain', () => {
  const rs = score(countyPlan(), countyUnits, countyValues(), { period: '2026' });

  it('walks from element values to points, rank and grade', () => {
    const e = explain(rs, '370102');
    expect(e.rank).toBe(1);
    expect(e.grade).toBe('A');
    expect(e.gradeReason).toBe('threshold');
    expect(e.tree.map((d) => d.code)).toEqual(['service', 'governance']);
    const approval = e.tree[0]!.children!.find((c) => c.code === 'approval')!;
    expect(approval.leaf!.inputs).toEqual([
      { element: 'approval.days', name: '平均审批时长', period: '2026', value: 6, source: 'self' },
      { element: 'approval.days', name: '平均审批时长', period: '2025', value: 15.3, source: 'self' },
    ]);
    expect(approval.leaf!.raw).toBeCloseTo(1 - 6 / 15.3, 12);
    expect(approval.leaf!.gapToTarget).toBeCloseTo(0.6 - (1 - 6 / 15.3), 12);
    expect(approval.flags).toEqual(['capped']);
    expect(approval.points).toBeCloseTo(30, 12);
    expect(approval.lost).toBeCloseTo(0, 12);
    expect(e.bonus).toEqual([{ code: 'award', name: '表彰加分', points: 2, cap: 2 }]);
    expect(e.neighbours.map((n) => n.code)).toEqual(['370103', '370104']);
  });

  it('gives the reason for a vetoed grade and names imputed values', () => {
    const e = explain(rs, '370104');
    expect(e.gradeReason).toBe('veto');
    expect(e.vetoes.map((v) => v.code)).toEqual(['accident']);
    const text = renderExplanation(e, 'zh-CN');
    expect(text).toContain('一票否决：重大安全事故');
    expect(text).toContain('按零分计');
    expect(text).toContain('不计入、权重重新分配');
    const en = renderExplanation(e, 'en');
    expect(en).toContain('Vetoed by 重大安全事故: lowest grade');
    expect(en).toContain('excluded, weight re-distributed');
  });

  it('describes each method with the figures it used', () => {
    const e = explain(rs, '370103');
    const sat = e.tree[1]!.children!.find((c) => c.code === 'sat')!;
    expect(sat.leaf!.stats!.max).toBe(90);
    expect(sat.leaf!.how['zh-CN']).toContain('同类最小');
    expect(sat.leaf!.how.en).toMatch(
      /^min–max within the class \(min 81\.53\d*, max 90\); value 90 → 100\.0%$/,
    );
    expect(() => explain(rs, 'nope')).toThrow(RangeError);
  });

  it('rounds the tree to the decimals asked for, keeping totals, inputs and the words exact', () => {
    for (const unit of countyUnits) {
      const exact = explain(rs, unit.code);
      const short = explain(rs, unit.code, { decimals: 3 });
      expect(short.total).toBe(exact.total);
      expect(short.neighbours).toEqual(exact.neighbours);
      const pairs = (a: typeof exact.tree, b: typeof exact.tree): [number, number][] =>
        a.flatMap((n, i) => {
          const m = b[i]!;
          const own: [number, number][] = [
            [n.weight, m.weight],
            [n.points, m.points],
            [n.fullPoints, m.fullPoints],
            [n.lost, m.lost],
          ];
          if (n.leaf && m.leaf) {
            expect(m.leaf.inputs).toEqual(n.leaf.inputs);
            expect(m.leaf.how).toEqual(n.leaf.how);
            if (n.leaf.raw !== null) own.push([n.leaf.raw, m.leaf.raw!]);
            if (n.leaf.stats) own.push([n.leaf.stats.mean, m.leaf.stats!.mean]);
          }
          return [...own, ...pairs(n.children ?? [], m.children ?? [])];
        });
      for (const [x, y] of pairs(exact.tree, short.tree)) {
        expect(Math.abs(x - y)).toBeLessThanOrEqual(0.0005 + 1e-12);
        // Written short: at most three decimals.
        expect(String(y)).toMatch(/^-?\d+(\.\d{1,3})?$/);
      }
    }
    // The exact explanation is not changed by a rounded one asked for before it.
    expect(
      explain(rs, '370102').tree[0]!.children!.find((c) => c.code === 'approval')!.leaf!.raw,
    ).toBeCloseTo(1 - 6 / 15.3, 12);
  });
});

describe('neighbours', () => {
  it('are the five units ranked just above and below, ties in unit order', () => {
    const plan = countyPlan();
    plan.veto = [];
    const units = Array.from({ length: 15 }, (_, i) => ({
      code: `u${i}`,
      name: `单位${i}`,
      class: 'county',
    }));
    // Hotline completion only: u0…u6 reach the 90% target (capped at full marks) and tie at rank 1.
    const rates = [100, 99, 98, 90, 90, 90, 90, 80, 70, 60, 50, 40, 30, 20, 10];
    const values = valueTable(
      rates.flatMap((closed, i) => [
        { unit: `u${i}`, element: 'hotline.closed', period: '2026', source: 'self' as const, value: closed },
        { unit: `u${i}`, element: 'hotline.total', period: '2026', source: 'self' as const, value: 100 },
      ]),
    );
    const rs = score(plan, units, values, { period: '2026' });
    expect(Array.from(rs.rank).slice(0, 8)).toEqual([1, 1, 1, 1, 1, 1, 1, 8]);
    expect(explain(rs, 'u5').neighbours.map((n) => n.code)).toEqual([
      'u0',
      'u1',
      'u2',
      'u3',
      'u4',
      'u6',
      'u7',
      'u8',
      'u9',
      'u10',
    ]);
    expect(explain(rs, 'u0').neighbours.map((n) => n.code)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(explain(rs, 'u14').neighbours.map((n) => n.code)).toEqual(['u9', 'u10', 'u11', 'u12', 'u13']);
    // Rank 8 right after a seven-way tie for rank 1: its five above are tied units far above in rank.
    expect(explain(rs, 'u7').neighbours.map((n) => n.code)).toEqual([
      'u2',
      'u3',
      'u4',
      'u5',
      'u6',
      'u8',
      'u9',
      'u10',
      'u11',
      'u12',
    ]);
  });
});
