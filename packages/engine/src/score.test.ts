import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error.js';
import type { Plan, ScoringMethod } from './plan.js';
import { cell, FLAG } from './result.js';
import { safeScore, score } from './score.js';
import { countyPlan, countyUnits, countyValues, leaf } from './test-fixtures.js';
import { unitResult } from './unit-result.js';
import { valueTable } from './value-table.js';

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 10);

describe('score on the hand-computed county plan', () => {
  const rs = score(countyPlan(), countyUnits, countyValues(), { period: '2026' });
  const [a, b, c] = [unitResult(rs, '370102'), unitResult(rs, '370103'), unitResult(rs, '370104')];
  const node = (r: typeof a, code: string) => r.nodes.find((n) => n.code === code)!;

  // Satisfaction, sources weighted 35/40/25 and re-normalised over those present.
  const satA = 0.35 * 80 + 0.4 * 90 + 0.25 * 95; // 87.75
  const satB = 90; // self only
  const satC = (0.4 * 70 + 0.25 * 100) / 0.65; // 81.538…
  const minmax = (v: number) => (v - satC) / (satB - satC);

  it('computes raw values from formulas, previous-year references and weighted sources', () => {
    close(node(a, 'hotline').raw!, 0.9);
    close(node(a, 'approval').raw!, 1 - 6 / 15.3); // 15.3 → 6 days is a 60.8% cut
    close(node(a, 'sat').raw!, satA);
    close(node(c, 'sat').raw!, satC);
    expect(node(a, 'sat').flags).toContain('combined');
    expect(node(b, 'sat').flags).not.toContain('combined');
  });

  it('normalises each indicator by its method', () => {
    close(node(a, 'hotline').fraction!, 1);
    close(node(b, 'hotline').fraction!, 0.72 / 0.9);
    close(node(a, 'approval').fraction!, 1); // 0.608 / 0.6 capped at 1
    expect(node(a, 'approval').flags).toContain('capped');
    close(node(b, 'approval').fraction!, (1 - 8 / 10) / 0.6);
    close(node(a, 'sat').fraction!, minmax(satA));
    close(node(b, 'sat').fraction!, 1);
    close(node(c, 'sat').fraction!, 0);
    close(node(a, 'complaints').fraction!, 1); // best (fewest) complaints
    close(node(b, 'complaints').fraction!, 2 / 4);
  });

  it('applies missing-value policies and flags them', () => {
    // Approval days missing for 370104 this year: the plan default scores zero.
    expect(node(c, 'approval').fraction).toBe(0);
    expect(node(c, 'approval').flags).toEqual(['missing', 'zeroed']);
    // Complaints missing: excluded, so satisfaction carries the whole 治理 dimension.
    expect(node(c, 'complaints').fraction).toBeNull();
    expect(node(c, 'complaints').flags).toEqual(['missing', 'excluded']);
    close(node(c, 'governance').fraction!, 0);
    close(node(c, 'sat').fullPoints, 40);
  });

  it('adds up weighted points, bonus and deduction into totals', () => {
    const baseA = 100 * (0.6 * 1 + 0.4 * (0.5 * minmax(satA) + 0.5 * 1));
    const baseB =
      100 * (0.6 * (0.5 * (0.72 / 0.9) + 0.5 * ((1 - 8 / 10) / 0.6)) + 0.4 * (0.5 * 1 + 0.5 * 0.5));
    const baseC = 100 * (0.6 * (0.5 * 1 + 0.5 * 0) + 0.4 * 0);
    close(a.base, baseA);
    close(b.base, baseB);
    close(c.base, baseC);
    expect(a.bonus).toBe(2); // three awards, item capped at 2
    expect(b.deduction).toBe(2);
    close(a.total, baseA + 2);
    close(b.total, baseB - 2);
    close(c.total, 30);
    close(a.dimensions.service!, 60);
    close(b.dimensions.governance!, 0.4 * 100 * 0.75);
  });

  it('ranks within the class and grades, with veto forcing the lowest grade', () => {
    expect([a.rank, b.rank, c.rank]).toEqual([1, 2, 3]);
    expect(a.grade).toBe('A');
    expect(b.grade).toBe('C');
    expect(c.grade).toBe('D');
    expect(c.vetoes).toEqual(['accident']);
    expect(c.flags).toContain('veto');
  });

  it('is deterministic: the same inputs give identical results', () => {
    const again = score(countyPlan(), countyUnits, countyValues(), { period: '2026' });
    expect(Array.from(again.total)).toEqual(Array.from(rs.total));
    expect(Array.from(again.fraction)).toEqual(Array.from(rs.fraction));
    expect(Array.from(again.fullPoints)).toEqual(Array.from(rs.fullPoints));
  });

  it('does not mutate its inputs', () => {
    const plan = countyPlan();
    const values = countyValues();
    const before = JSON.stringify(plan);
    const copy = Float64Array.from(values.value);
    score(plan, countyUnits, values, { period: '2026' });
    expect(JSON.stringify(plan)).toBe(before);
    expect(Array.from(values.value)).toEqual(Array.from(copy));
  });
});

describe('ties, quotas and elasticity', () => {
  const flat = (method: ScoringMethod): Plan => ({
    ...countyPlan(),
    tree: [
      {
        code: 'd',
        name: '维度',
        weight: 1,
        children: [leaf('x', '指标', 1, '#{x}', method, { target: 100, core: true })],
      },
    ],
    elements: [{ code: 'x', name: 'x', rollup: 'sum' }],
    bonus: [],
    deduction: [],
    veto: [],
    classes: [{ code: 'k', name: '类' }],
  });
  const units = (n: number, elasticity: number[] = []) =>
    Array.from({ length: n }, (_, i) => {
      const u: { code: string; name: string; class: string; elasticity?: number } = {
        code: `u${i}`,
        name: `单位${i}`,
        class: 'k',
      };
      if (elasticity[i] !== undefined) u.elasticity = elasticity[i];
      return u;
    });
  const values = (xs: number[]) =>
    valueTable(
      xs.map((value, i) => ({ unit: `u${i}`, element: 'x', period: '2026', source: 'self' as const, value })),
    );

  it('gives equal totals equal ranks (1, 2, 2, 4)', () => {
    const rs = score(flat({ type: 'target' }), units(4), values([95, 90, 90, 50]), { period: '2026' });
    expect(Array.from(rs.rank)).toEqual([1, 2, 2, 4]);
  });

  it('treats totals equal to a millionth of a point as tied', () => {
    const rs = score(flat({ type: 'target' }), units(2), values([90, 90 + 1e-9]), { period: '2026' });
    expect(Array.from(rs.rank)).toEqual([1, 1]);
  });

  it('keeps the excellent quota: strict drops a tie that would exceed it, lenient keeps it whole', () => {
    // Five units, A ≤ 20% → one A. Two units tie at 95.
    const plan = flat({ type: 'target' });
    plan.grading.quotas = { A: 0.2 };
    const xs = [95, 95, 92, 85, 50];
    const strict = score(plan, units(5), values(xs), { period: '2026' });
    expect(Array.from(strict.grade, (g) => 'ABCD'[g])).toEqual(['B', 'B', 'B', 'B', 'D']);
    expect(unitResult(strict, 'u0').flags).toContain('quotaDemoted');
    expect(unitResult(strict, 'u0').gradeByScore).toBe('A');
    plan.grading.tieRule = 'lenient';
    const lenient = score(plan, units(5), values(xs), { period: '2026' });
    expect(Array.from(lenient.grade, (g) => 'ABCD'[g])).toEqual(['A', 'A', 'B', 'B', 'D']);
  });

  it('cascades demotions through the next grade quota', () => {
    const plan = flat({ type: 'target' });
    plan.grading.quotas = { A: 0.2, B: 0.2 };
    const rs = score(plan, units(5), values([99, 98, 97, 96, 95]), { period: '2026' });
    expect(Array.from(rs.grade, (g) => 'ABCD'[g])).toEqual(['A', 'B', 'C', 'C', 'C']);
  });

  it('multiplies core indicators by the elasticity coefficient, within the cap', () => {
    const rs = score(flat({ type: 'target' }), units(3, [1.2, 0.8, 1.2]), values([50, 50, 90]), {
      period: '2026',
    });
    close(rs.total[0]!, 60);
    close(rs.total[1]!, 40);
    close(rs.total[2]!, 100); // 0.9 × 1.2 = 1.08 capped at 1
    expect(rs.flags[cell(rs, 2, 1)]! & FLAG.capped).toBeTruthy();
  });

  it('rejects bad inputs with every problem at once', () => {
    const r = safeScore(
      countyPlan(),
      [
        { code: 'x', name: 'X', class: 'nope' },
        { code: 'x', name: 'X2', class: 'county', elasticity: 3 },
      ],
      countyValues(),
      { period: '2026Q1' },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.code).sort()).toEqual([
      'duplicate_unit',
      'elasticity_bounds',
      'period_type',
      'unknown_class',
    ]);
    expect(r.issues.find((i) => i.code === 'unknown_class')!.path).toEqual(['units', 0, 'class']);
    expect(() => score(countyPlan(), countyUnits, countyValues(), { period: '26' })).toThrow(EngineError);
  });
});

describe('quotas with a plan that skips a grade', () => {
  it('drops units over the quota to the next grade the plan uses, never to an unused one', () => {
    const plan = countyPlan();
    // Graded B/D only in practice: totals ≈ 96.7, 64.7, 30 are all below A's 99.
    plan.grading = {
      thresholds: [{ grade: 'A', min: 99 }, { grade: 'B', min: 50 }, { grade: 'D' }],
      quotas: { B: 0.34 },
    };
    plan.veto = [];
    const rs = score(plan, countyUnits, countyValues(), { period: '2026' });
    // Two units earn B, one may keep it; the other drops to D (the plan has no C).
    expect(Array.from(rs.grade, (g) => 'ABCD'[g])).toEqual(['B', 'D', 'D']);
    expect(unitResult(rs, '370103').flags).toContain('quotaDemoted');
  });
});
