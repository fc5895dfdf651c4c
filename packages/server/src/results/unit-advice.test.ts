import type { ExplainedNode, Explanation } from '@xiaoneng/engine';
import { describe, expect, it } from 'vitest';
import { adviseUnit } from './unit-advice.js';

function leaf(
  code: string,
  points: number,
  fullPoints: number,
  raw: number | null,
  extra: { target?: number; direction?: 'up' | 'down'; flags?: ExplainedNode['flags'] } = {},
): ExplainedNode {
  return {
    code,
    name: `指标${code}`,
    weight: 0.5,
    fullPoints,
    points,
    lost: fullPoints - points,
    fraction: raw === null ? null : points / fullPoints,
    flags: extra.flags ?? [],
    leaf: {
      kind: 'result',
      direction: extra.direction ?? 'up',
      formula: `#{${code}}`,
      inputs: [],
      raw,
      ...(extra.target === undefined
        ? {}
        : {
            target: extra.target,
            ...(raw === null
              ? {}
              : {
                  gapToTarget: (extra.direction ?? 'up') === 'up' ? extra.target - raw : raw - extra.target,
                }),
          }),
      method: { type: 'target' },
      how: { 'zh-CN': '', en: '' },
    },
  };
}

/**
 * A unit with four indicators under two dimensions (totals by hand): a: 18/20 against target 100 at 90
 * (yellow, 2 back), b: lower-is-better 5 against target 4 (achievement 0.8, yellow, 6 back), c: missing
 * (red, 30 back), d: no target, 27/30 = 0.9 (green, 3 back); a deduction of 4 and a veto.
 */
function explanation(over: Partial<Explanation> = {}): Explanation {
  const dim1: ExplainedNode = {
    code: 'D1',
    name: '维度一',
    weight: 0.4,
    fullPoints: 40,
    points: 32,
    lost: 8,
    fraction: 0.8,
    flags: [],
    children: [
      leaf('a', 18, 20, 90, { target: 100 }),
      leaf('b', 14, 20, 5, { target: 4, direction: 'down' }),
    ],
  };
  const dim2: ExplainedNode = {
    code: 'D2',
    name: '维度二',
    weight: 0.6,
    fullPoints: 60,
    points: 27,
    lost: 33,
    fraction: 0.45,
    flags: [],
    children: [leaf('c', 0, 30, null, { flags: ['missing', 'zeroed'] }), leaf('d', 27, 30, 12)],
  };
  return {
    planId: 'P',
    planVersion: 1,
    period: '2026',
    unit: { code: 'U', name: '本单位', class: 'county', elasticity: 1 },
    className: '县区',
    total: 55,
    base: 59,
    bonus: [],
    deduction: [{ code: 'x1', name: '安全事故', points: 4, cap: 10 }],
    vetoes: [],
    rank: 3,
    classSize: 5,
    grade: 'D',
    gradeByScore: 'D',
    gradeReason: 'threshold',
    neighbours: [
      { code: 'N1', name: '第一', total: 90, rank: 1 },
      { code: 'N2', name: '第二', total: 61.5, rank: 2 },
      { code: 'N4', name: '第四', total: 50, rank: 4 },
    ],
    tree: [dim1, dim2],
    ...over,
  };
}

const GRADING = {
  thresholds: [
    { grade: 'A' as const, min: 90 },
    { grade: 'B' as const, min: 80 },
    { grade: 'C' as const, min: 60 },
    { grade: 'D' as const },
  ],
};

describe('adviseUnit', () => {
  it('orders gaps by points recoverable and lights each indicator', () => {
    const a = adviseUnit(explanation(), GRADING);
    expect(a.indicators.map((i) => [i.code, i.recoverable, i.light, i.achievement])).toEqual([
      ['c', 30, 'red', undefined],
      ['b', 6, 'yellow', 0.8],
      ['d', 3, 'green', undefined],
      ['a', 2, 'yellow', 0.9],
    ]);
    expect(a.indicators[1]!.dimension).toEqual({ code: 'D1', name: '维度一' });
    expect(a.lights).toEqual({ red: 1, yellow: 2, green: 1 });
    // Dimensions by share of full marks: 0.8 yellow, 0.45 red.
    expect(a.dimensions.map((d) => d.light)).toEqual(['yellow', 'red']);
    expect(a.toNextRank).toEqual({ rank: 2, unitName: '第二', points: 6.5 });
    expect(a.toNextGrade).toEqual({ grade: 'C', min: 60, points: 5 });
  });

  it('warns of deductions and missing data, and puts the largest gains first in the next steps', () => {
    const a = adviseUnit(explanation(), GRADING);
    expect(a.warnings).toEqual([
      { level: 'yellow', code: 'deduction', subject: { code: 'x1', name: '安全事故' }, points: 4 },
      { level: 'red', code: 'missing', subject: { code: 'c', name: '指标c' } },
    ]);
    expect(a.nextSteps.map((s) => [s.kind, s.subject.code, s.points])).toEqual([
      ['supplyData', 'c', 30],
      ['reachTarget', 'b', 6],
      ['avoidDeduction', 'x1', 4],
      ['raiseScore', 'd', 3],
      ['reachTarget', 'a', 2],
    ]);
  });

  it('puts a veto before everything, says when a quota lowered the grade, and flags imputed values', () => {
    const e = explanation({
      vetoes: [{ code: 'v1', name: '重大安全事故', condition: '#{accident} > 0' }],
      gradeReason: 'quota',
      gradeByScore: 'C',
      grade: 'D',
    });
    e.tree[1]!.children![1]!.flags = ['carried'];
    const a = adviseUnit(e, GRADING);
    expect(a.nextSteps[0]).toEqual({
      kind: 'liftVeto',
      subject: { code: 'v1', name: '重大安全事故' },
      points: 0,
    });
    expect(a.nextSteps).toHaveLength(5);
    expect(a.warnings.slice(0, 2)).toEqual([
      { level: 'red', code: 'veto', subject: { code: 'v1', name: '重大安全事故' } },
      { level: 'yellow', code: 'quotaDemoted', gradeByScore: 'C' },
    ]);
    expect(a.warnings).toContainEqual({
      level: 'yellow',
      code: 'imputed',
      subject: { code: 'd', name: '指标d' },
    });
    // The next grade is reckoned from the grade the score earned.
    expect(a.toNextGrade).toEqual({ grade: 'B', min: 80, points: 25 });
  });

  it('marks an indicator more than 20 % short of its target red with a warning, and the top unit has no one above', () => {
    const e = explanation({ rank: 1, neighbours: [{ code: 'N2', name: '第二', total: 50, rank: 2 }] });
    e.tree[0]!.children![0] = leaf('a', 15, 20, 75, { target: 100 });
    const a = adviseUnit(e);
    expect(a.indicators.find((i) => i.code === 'a')).toMatchObject({
      light: 'red',
      achievement: 0.75,
      gapToTarget: 25,
    });
    expect(a.warnings).toContainEqual({
      level: 'red',
      code: 'behindTarget',
      subject: { code: 'a', name: '指标a' },
      points: 5,
    });
    expect(a.toNextRank).toBeNull();
    expect(a.toNextGrade).toBeNull();
  });
});
