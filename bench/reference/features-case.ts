import type { DataValue, LeafNode, Plan, ScoringMethod, Source, Unit } from '@xiaoneng/engine';

/**
 * A plan that uses every part of the plan format the generator leaves out or uses once — every scoring
 * method and missing policy, both source rules, computed elements, every formula function, prev/lastYear,
 * roll-up of months and quarters (each rule, coarsest level first), a class with its own tree, class weights
 * and exclusions, elasticity, capped bonus and deduction, veto, quotas with ties — and seeded random values
 * for it, so that the engine and the pandas reference can be compared where they are most likely to differ.
 */
export interface FeaturesCase {
  plan: Plan;
  units: Unit[];
  values: DataValue[];
  period: string;
}

export interface FeaturesOptions {
  seed: number;
  units: number;
  tieRule: 'strict' | 'lenient';
  rankAcrossClasses: boolean;
  /** Whole-number values only, so that totals tie often (ranks, quota boundaries). */
  coarse: boolean;
  /** Grade C left out: quotas then demote B straight to D. */
  skipC?: boolean;
}

/** mulberry32: small, seeded, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function leaf(
  code: string,
  weight: number,
  formula: string,
  method: ScoringMethod,
  extra: Partial<LeafNode> = {},
): LeafNode {
  return { code, name: `指标${code}`, weight, kind: 'result', direction: 'up', formula, method, ...extra };
}

const ELEMENTS: Plan['elements'] = [
  { code: 'a', name: '办件量', rollup: 'sum' },
  { code: 'b', name: '平均时长', rollup: 'avg' },
  { code: 'c', name: '期末余额', rollup: 'last' },
  { code: 'd', name: '峰值', rollup: 'max' },
  { code: 'e', name: '谷值', rollup: 'min' },
  { code: 's1', name: '满意度', rollup: 'avg' },
  { code: 's2', name: '核查得分', rollup: 'avg' },
  { code: 'z', name: '稀疏数据', rollup: 'sum' },
  { code: 'cnt', name: '表彰次数', rollup: 'sum' },
  { code: 'inc', name: '通报次数', rollup: 'sum' },
  { code: 'acc', name: '重大事故', rollup: 'max' },
  { code: 'ratio', name: '办件比', rollup: 'avg', formula: '#{a} / #{b}' },
  {
    code: 'mixed',
    name: '组合值',
    rollup: 'avg',
    formula: 'if(#{c} > 50 and not(#{e} < 5), #{c}, coalesce(#{z}, 0))',
  },
  { code: 'growth', name: '增幅', rollup: 'avg', formula: '#{a} / prev(#{a}) - 1' },
];

function planTree(): Plan['tree'] {
  return [
    {
      code: 'P1',
      name: '业绩',
      weight: 0.5,
      children: [
        leaf('t-up', 0.2, '#{ratio}', { type: 'target', cap: 1.2 }, { target: 4, core: true }),
        leaf('t-down', 0.1, '#{e}', { type: 'target' }, { direction: 'down', target: 20 }),
        leaf(
          'lin-stretch',
          0.15,
          '#{d}',
          { type: 'linear', cap: 1.5 },
          { baseline: 20, target: 60, stretch: 90 },
        ),
        leaf('lin-down', 0.1, '#{b}', { type: 'linear' }, { direction: 'down', baseline: 40, target: 10 }),
        leaf('minmax', 0.15, '#{a} + #{d}', { type: 'minmax' }, { missing: 'exclude' }),
        leaf('zscore', 0.1, '#{b}', { type: 'zscore', span: 2 }, { direction: 'down', missing: 'classMean' }),
        {
          code: 'P1.g',
          name: '综合',
          weight: 0.2,
          children: [
            leaf(
              'funcs',
              0.5,
              'round(max(#{a}, #{d}) / 10, 1) + avg(#{b}, #{z}) * 60% - abs(min(#{e}, 0)) + sum(#{cnt}, #{inc}) ÷ 2',
              { type: 'minmax' },
            ),
            leaf('yoy', 0.5, '#{growth}', { type: 'target', cap: 1.1 }, { target: 0.1, missing: 'carry' }),
          ],
        },
      ],
    },
    {
      code: 'P2',
      name: '满意度',
      weight: 0.3,
      children: [
        leaf(
          'rank',
          0.2,
          '#{s1}',
          { type: 'rank' },
          {
            sources: { combine: 'weighted', weights: { thirdParty: 0.35, survey: 0.4, self: 0.25 } },
          },
        ),
        leaf('frontier', 0.2, '#{c}', { type: 'frontier' }, { missing: 'carry', core: true }),
        leaf(
          'bands',
          0.15,
          '#{z}',
          {
            type: 'bands',
            outOf: 10,
            bands: [
              { atLeast: 80, points: 10 },
              { atLeast: 50, points: 7 },
              { atLeast: 20, points: 4 },
            ],
            otherwise: 1,
          },
          { missing: 'zero' },
        ),
        leaf(
          'anchored',
          0.15,
          '#{e}',
          {
            type: 'anchored',
            outOf: 5,
            levels: [
              { atMost: 5, points: 5, label: '1小时内' },
              { atMost: 15, points: 3, label: '2小时内' },
            ],
          },
          { direction: 'down', kind: 'process' },
        ),
        leaf(
          'rank-points',
          0.15,
          '#{s2}',
          { type: 'rankPoints', points: [10, 9, 8, 7], rest: 2, outOf: 10 },
          {
            sources: { combine: 'precedence', order: ['self', 'survey'] },
          },
        ),
        leaf(
          'lastyear',
          0.15,
          '#{b} - lastYear(#{b})',
          { type: 'deviation', outOf: 10, reference: 0, per: 2, deduct: 1.5 },
          {
            direction: 'down',
            kind: 'process',
          },
        ),
      ],
    },
    {
      code: 'P3',
      name: '合规',
      weight: 0.2,
      children: [
        leaf('binary', 0.3, '#{inc}', { type: 'binary' }, { kind: 'process' }),
        leaf('binary-target', 0.2, '#{s2}', { type: 'binary' }, { target: 60 }),
        leaf('dev-mean', 0.3, '#{d}', {
          type: 'deviation',
          outOf: 8,
          reference: 'classMean',
          per: 5,
          deduct: 1,
          stepwise: true,
        }),
        leaf('sparse', 0.2, '#{mixed}', { type: 'target', cap: 1 }, { target: 70, missing: 'exclude' }),
      ],
    },
  ];
}

/** Only stepwise methods: totals fall on a small lattice, so many units tie (ranks, quota boundaries). */
function discreteTree(): Plan['tree'] {
  return [
    {
      code: 'G1',
      name: '达标',
      weight: 0.5,
      children: [
        leaf(
          'bands',
          0.5,
          '#{z}',
          {
            type: 'bands',
            outOf: 10,
            bands: [
              { atLeast: 80, points: 10 },
              { atLeast: 50, points: 6 },
            ],
            otherwise: 2,
          },
          { missing: 'zero' },
        ),
        leaf('binary', 0.25, '#{inc}', { type: 'binary' }, { kind: 'process' }),
        leaf('binary-target', 0.25, '#{s2}', { type: 'binary' }, { target: 60 }),
      ],
    },
    {
      code: 'G2',
      name: '响应',
      weight: 0.5,
      children: [
        leaf(
          'anchored',
          0.5,
          '#{e}',
          {
            type: 'anchored',
            outOf: 5,
            levels: [
              { atMost: 5, points: 5 },
              { atMost: 15, points: 3 },
            ],
          },
          { direction: 'down', kind: 'process', core: true },
        ),
        leaf('rank-points', 0.5, '#{cnt}', { type: 'rankPoints', points: [10, 8, 6], rest: 4 }),
      ],
    },
  ];
}

function ownTree(coarse: boolean): Plan['tree'] {
  const t = coarse ? discreteTree() : planTree();
  const byCode = new Map<string, LeafNode>();
  const visit = (ns: Plan['tree']) => {
    for (const n of ns) {
      if ('children' in n) visit(n.children);
      else byCode.set(n.code, n);
    }
  };
  visit(t);
  const pick = (code: string, weight: number) => ({ ...byCode.get(code)!, weight });
  if (coarse) {
    return [
      { code: 'Q1', name: '基层达标', weight: 0.5, children: [pick('bands', 0.5), pick('binary', 0.5)] },
      {
        code: 'Q2',
        name: '基层响应',
        weight: 0.5,
        children: [pick('anchored', 0.5), pick('rank-points', 0.5)],
      },
    ];
  }
  return [
    {
      code: 'Q1',
      name: '基层业绩',
      weight: 0.6,
      children: [pick('t-up', 0.4), pick('minmax', 0.3), pick('bands', 0.3)],
    },
    {
      code: 'Q2',
      name: '基层满意度',
      weight: 0.4,
      children: [pick('rank', 0.5), pick('anchored', 0.25), pick('sparse', 0.25)],
    },
  ];
}

export function featuresPlan(
  opts: Pick<FeaturesOptions, 'tieRule' | 'rankAcrossClasses' | 'coarse' | 'skipC'>,
): Plan {
  const plan: Plan = {
    format: 1,
    id: 'features',
    name: '功能覆盖方案',
    version: 1,
    periodType: 'year',
    elements: ELEMENTS,
    tree: opts.coarse ? discreteTree() : planTree(),
    classes: [
      { code: 'X', name: '甲类' },
      opts.coarse
        ? { code: 'Y', name: '乙类', weights: { G1: 0.75, G2: 0.25 }, exclude: ['binary-target'] }
        : {
            code: 'Y',
            name: '乙类',
            weights: { P1: 0.4, P2: 0.4, P3: 0.2, rank: 0.3, frontier: 0.1 },
            exclude: ['zscore', 'dev-mean'],
          },
      { code: 'Z', name: '丙类', tree: ownTree(opts.coarse) },
    ],
    bonus: [
      { code: 'B1', name: '表彰', formula: '#{cnt}', pointsPer: 1.5, cap: 3 },
      { code: 'B2', name: '创新', formula: 'if(#{s1} >= 90, 2, 0)', pointsPer: 1, cap: 2 },
    ],
    bonusCap: 4,
    deduction: [
      { code: 'K1', name: '通报', formula: '#{inc}', pointsPer: 2, cap: 5 },
      { code: 'K2', name: '负值', formula: '#{e} < 0', pointsPer: 3, cap: 3 },
    ],
    deductionCap: 6,
    veto: [
      { code: 'V1', name: '重大事故', condition: '#{acc} > 0' },
      { code: 'V2', name: '数据造假', condition: '#{inc} >= 4 and #{cnt} == 0' },
    ],
    grading: {
      thresholds: [
        // Low enough that about twice the quota reaches A and B, so that the quotas and tie rules bite.
        { grade: 'A', min: 57 },
        { grade: 'B', min: 44 },
        ...(opts.skipC ? [] : [{ grade: 'C' as const, min: 30 }]),
        { grade: 'D' },
      ],
      quotas: { A: 0.15, B: 0.4 },
      tieRule: opts.tieRule,
    },
    rankAcrossClasses: opts.rankAcrossClasses,
    elasticity: { min: 0.8, max: 1.25 },
    sources: { combine: 'precedence', order: ['inspection', 'thirdParty', 'survey', 'self'] },
    missing: 'zero',
  };
  return plan;
}

const REPORTED = ['a', 'b', 'c', 'd', 'e', 's1', 's2', 'z', 'cnt', 'inc', 'acc'] as const;

export function featuresCase(opts: FeaturesOptions): FeaturesCase {
  const rnd = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const num = (lo: number, hi: number) => {
    const v = lo + rnd() * (hi - lo);
    return opts.coarse ? Math.round(v) : v;
  };
  const units: Unit[] = [];
  for (let i = 0; i < opts.units; i++) {
    const cls = i % 7 < 3 ? 'X' : i % 7 < 5 ? 'Y' : 'Z';
    const u: Unit = { code: `U${String(i).padStart(4, '0')}`, name: `单位${i}`, class: cls };
    if (rnd() < 0.4) u.elasticity = opts.coarse ? pick([0.8, 0.9, 1.1, 1.25]) : 0.8 + rnd() * 0.45;
    units.push(u);
  }
  const values: DataValue[] = [];
  const push = (unit: string, element: string, period: string, source: Source, value: number) =>
    values.push({ unit, element, period, source, value });
  const range: Record<(typeof REPORTED)[number], [number, number]> = {
    a: [0, 200],
    b: [0, 50],
    c: [0, 100],
    d: [10, 100],
    e: [-5, 30],
    s1: [50, 100],
    s2: [40, 100],
    z: [0, 100],
    cnt: [0, 3],
    inc: [0, 4],
    acc: [0, 1],
  };
  for (const u of units) {
    for (const el of REPORTED) {
      const [lo, hi] = range[el];
      for (const year of [2025, 2026]) {
        // Sparse and zero-heavy elements, so that missing policies and division by zero are exercised.
        if (el === 'z' && rnd() < 0.5) continue;
        if (rnd() < 0.08) continue;
        if (el === 'cnt' || el === 'inc' || el === 'acc') {
          const v = Math.floor(rnd() * (hi + 1)) * (rnd() < (el === 'acc' ? 0.96 : 0.5) ? 0 : 1);
          push(u.code, el, String(year), 'self', v);
          continue;
        }
        if (el === 's1' || el === 's2') {
          for (const s of ['self', 'thirdParty', 'survey', 'inspection'] as const) {
            if (rnd() < 0.55) push(u.code, el, String(year), s, num(lo, hi));
          }
          continue;
        }
        // How the unit reports: the year itself, quarters, months, or quarters and stray months (the
        // quarters must win), or the year and quarters (the year must win).
        const how = pick(['year', 'quarters', 'months', 'mixed', 'both'] as const);
        const b = el === 'b' && rnd() < 0.05 ? 0 : undefined; // a zero denominator for #{a} / #{b}
        const value = () => b ?? num(lo, hi);
        if (how === 'year' || how === 'both') push(u.code, el, String(year), 'self', value());
        if (how === 'quarters' || how === 'mixed' || how === 'both') {
          for (let q = 1; q <= 4; q++) if (rnd() < 0.9) push(u.code, el, `${year}Q${q}`, 'self', value());
        }
        if (how === 'months' || how === 'mixed') {
          for (let m = 1; m <= 12; m++) {
            if (rnd() < 0.8) push(u.code, el, `${year}M${String(m).padStart(2, '0')}`, 'self', value());
          }
        }
        if (rnd() < 0.2) push(u.code, el, String(year), 'inspection', num(lo, hi));
      }
    }
  }
  // Shuffle, so that neither side can rely on the rows' order (beyond 'last' among equal periods).
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return {
    plan: featuresPlan(opts),
    units,
    values,
    period: '2026',
  };
}
