import {
  type IndicatorNode,
  isLeaf,
  type LeafNode,
  type MethodType,
  type Plan,
  validatePlan,
} from '@xiaoneng/engine';
import { describe, expect, it } from 'vitest';
import { MAX_INDICATORS } from './indicator-catalog.js';
import { buildPlan, leafWeights, resultShare, tenThousandths } from './plan-builder.js';
import { CLASS_CODES } from './unit-classes.js';

const build = (m: number) => buildPlan({ indicators: m, year: 2026, provinceName: '示范省' }).plan;

function leaves(plan: Plan): LeafNode[] {
  const out: LeafNode[] = [];
  const walk = (nodes: readonly IndicatorNode[]) => {
    for (const n of nodes) isLeaf(n) ? out.push(n) : walk(n.children);
  };
  walk(plan.tree);
  return out;
}

function siblingSets(nodes: readonly IndicatorNode[], out: IndicatorNode[][] = []): IndicatorNode[][] {
  out.push([...nodes]);
  for (const n of nodes) if (!isLeaf(n)) siblingSets(n.children, out);
  return out;
}

const depth = (nodes: readonly IndicatorNode[]): number =>
  Math.max(...nodes.map((n) => (isLeaf(n) ? 1 : 1 + depth(n.children))));

const ALL_METHODS: MethodType[] = [
  'target',
  'linear',
  'minmax',
  'zscore',
  'rank',
  'frontier',
  'bands',
  'anchored',
  'binary',
  'rankPoints',
  'deviation',
];

const SIZES = [5, 6, 9, 10, 12, 19, 20, 33, 52, 80, MAX_INDICATORS];

describe('tenThousandths', () => {
  it('rounds to parts of 10000 that add up exactly', () => {
    expect(tenThousandths([1, 1, 1])).toEqual([3334, 3333, 3333]);
    expect(tenThousandths([3, 1])).toEqual([7500, 2500]);
    expect(tenThousandths([2, 3, 4, 1]).reduce((a, b) => a + b, 0)).toBe(10000);
  });
});

describe('buildPlan', () => {
  it.each(SIZES)('has exactly %i leaves, five dimensions and two or three levels', (m) => {
    const plan = build(m);
    expect(leaves(plan)).toHaveLength(m);
    expect(plan.tree.map((d) => d.name)).toEqual([
      '职能优化与协同',
      '政务服务效能',
      '编制与财政效能',
      '重点改革任务',
      '风险防控与合规',
    ]);
    // Sub-indicators appear once two chosen leaves share a second-level indicator (改革攻坚 at 10 leaves).
    expect(depth(plan.tree)).toBe(m >= 10 ? 3 : 2);
  });

  it.each(SIZES)('passes the engine’s plan validation without warnings (M = %i)', (m) => {
    const v = validatePlan(JSON.parse(JSON.stringify(build(m))));
    expect(v.issues).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it.each(SIZES)('weights of every sibling set add up to 1 in ten-thousandths (M = %i)', (m) => {
    const plan = build(m);
    for (const set of siblingSets(plan.tree)) {
      const parts = set.map((n) => Math.round(n.weight * 10000));
      expect(set.map((n) => n.weight)).toEqual(parts.map((x) => x / 10000));
      expect(parts.reduce((a, b) => a + b, 0)).toBe(10000);
      expect(Math.abs(set.reduce((a, n) => a + n.weight, 0) - 1)).toBeLessThan(1e-12);
    }
    for (const c of plan.classes) {
      if (!c.weights) continue;
      const sum = Object.values(c.weights).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
    }
  });

  it.each(SIZES)('gives result indicators at least 60% of the weight, for every class (M = %i)', (m) => {
    const plan = build(m);
    expect(resultShare(plan)).toBeGreaterThanOrEqual(0.6);
    for (const c of CLASS_CODES) {
      expect(resultShare(plan, c), c).toBeGreaterThanOrEqual(0.6);
      const total = [...leafWeights(plan, c).values()].reduce((a, b) => a + b, 0);
      expect(Math.abs(total - 1)).toBeLessThan(1e-9);
    }
  });

  it('has unique node codes that extend their parent’s code', () => {
    const plan = build(80);
    const codes = new Set<string>();
    const walk = (nodes: readonly IndicatorNode[], parent: string) => {
      for (const n of nodes) {
        expect(codes.has(n.code)).toBe(false);
        codes.add(n.code);
        if (parent) expect(n.code.startsWith(`${parent}.`)).toBe(true);
        if (!isLeaf(n)) walk(n.children, n.code);
      }
    };
    walk(plan.tree, '');
  });

  it('uses every scoring method, missing policy and source rule from 20 leaves on', () => {
    for (const m of [20, 33, 80]) {
      const ls = leaves(build(m));
      expect(new Set(ls.map((l) => l.method.type))).toEqual(new Set(ALL_METHODS));
      expect(new Set(ls.flatMap((l) => (l.missing ? [l.missing] : [])))).toEqual(
        new Set(['zero', 'exclude', 'carry', 'classMean']),
      );
      expect(ls.some((l) => l.sources?.combine === 'weighted')).toBe(true);
      expect(ls.some((l) => /lastYear\(/.test(l.formula))).toBe(true);
      expect(ls.some((l) => /prev\(/.test(l.formula))).toBe(true);
      expect(ls.some((l) => l.formula.includes('/'))).toBe(true);
      expect(ls.filter((l) => l.core).length).toBeGreaterThanOrEqual(3);
      expect(ls.some((l) => l.kind === 'process')).toBe(true);
      expect(ls.some((l) => l.direction === 'down')).toBe(true);
    }
  });

  it('a 5-leaf plan does not pretend to use every method', () => {
    const types = new Set(leaves(build(5)).map((l) => l.method.type));
    expect(types.size).toBeLessThan(ALL_METHODS.length);
  });

  it('weighs satisfaction by third party 35%, survey 40%, self 25%, and leaves the rest to precedence', () => {
    const plan = build(20);
    const sat = leaves(plan).find((l) => l.name === '政务服务满意度')!;
    expect(sat.sources).toEqual({
      combine: 'weighted',
      weights: { thirdParty: 0.35, survey: 0.4, self: 0.25 },
    });
    expect(sat).toMatchObject({ baseline: 78.6, target: 90, stretch: 95, core: true, missing: 'classMean' });
    expect(plan.sources).toEqual({
      combine: 'precedence',
      order: ['inspection', 'thirdParty', 'survey', 'self'],
    });
  });

  it('models the documents’ concrete targets', () => {
    const ls = leaves(build(MAX_INDICATORS));
    const byName = (name: string) => ls.find((l) => l.name === name)!;
    expect(byName('审批时限压减率')).toMatchObject({
      formula: '1 - #{approval.days} / lastYear(#{approval.days})',
      target: 0.6,
    });
    expect(byName('审批环节不超过5个')).toMatchObject({
      direction: 'down',
      target: 5,
      method: { type: 'binary' },
    });
    expect(byName('全程网办率')).toMatchObject({ baseline: 0.623, target: 0.95 });
    expect(byName('跨部门数据共享需求满足率')).toMatchObject({ baseline: 0.587, target: 0.9 });
    expect(byName('12345热线及时响应率')).toMatchObject({ baseline: 0.75, target: 0.98 });
    expect(byName('复杂诉求解决率')).toMatchObject({ baseline: 0.683, target: 0.9 });
    expect(byName('重复建设信息化项目占比')).toMatchObject({
      direction: 'down',
      baseline: 0.24,
      target: 0.05,
    });
    expect(byName('办事平均跑动次数')).toMatchObject({ direction: 'down', baseline: 2.3, target: 0.2 });
    expect(byName('高频事项秒批秒办率')).toMatchObject({ target: 0.6 });
    expect(byName('改革经验获复制推广').method).toEqual({
      type: 'rankPoints',
      points: [60, 57, 54, 51, 48],
      rest: 45,
      outOf: 60,
    });
    expect(byName('干部队伍平均年龄').method).toEqual({
      type: 'deviation',
      outOf: 5,
      reference: 'classMean',
      per: 1,
      deduct: 0.5,
    });
  });

  it('has computed elements that read reported ones, and every formula reads known elements', () => {
    const plan = build(80);
    const codes = new Set(plan.elements.map((e) => e.code));
    const computed = plan.elements.filter((e) => e.formula);
    expect(computed.length).toBeGreaterThanOrEqual(2);
    const refs = (f: string) => [...f.matchAll(/#\{([^}]+)\}/g)].map((m) => m[1]!);
    const formulas = [
      ...leaves(plan).map((l) => l.formula),
      ...computed.map((e) => e.formula!),
      ...(plan.bonus ?? []).map((b) => b.formula),
      ...(plan.deduction ?? []).map((d) => d.formula),
      ...(plan.veto ?? []).map((v) => v.condition),
    ];
    for (const f of formulas) for (const r of refs(f)) expect(codes.has(r), `${f} reads ${r}`).toBe(true);
    // And nothing unused is declared.
    const read = new Set(formulas.flatMap(refs));
    for (const e of plan.elements) expect(read.has(e.code), e.code).toBe(true);
  });

  it('has bonus, deduction and veto items, grades A≥90/B≥80/C≥60/D with an A quota of 20%', () => {
    const plan = build(20);
    expect(plan.bonus!.length).toBeGreaterThan(0);
    expect(plan.bonusCap).toBe(3);
    expect(plan.deduction!.length).toBeGreaterThan(0);
    expect(plan.deductionCap).toBe(5);
    for (const item of [...plan.bonus!, ...plan.deduction!]) expect(item.cap).toBeGreaterThan(0);
    expect(plan.veto!.map((v) => v.condition)).toEqual([
      '#{safety.majorAccidents} > 0',
      '#{datasec.majorIncidents} > 0',
    ]);
    expect(plan.grading).toEqual({
      thresholds: [
        { grade: 'A', min: 90, label: '优秀' },
        { grade: 'B', min: 80, label: '良好' },
        { grade: 'C', min: 60, label: '一般' },
        { grade: 'D', label: '较差' },
      ],
      quotas: { A: 0.2 },
      tieRule: 'strict',
    });
    expect(plan.elasticity).toEqual({ min: 0.8, max: 1.2 });
  });

  it('assesses classes differently: own dimension weights and leaves that do not apply left out', () => {
    const plan = build(80);
    const cls = new Map(plan.classes.map((c) => [c.code, c]));
    expect([...cls.keys()]).toEqual([...CLASS_CODES]);
    expect(cls.get('dept-enforcement')!.weights!.D5).toBe(0.3);
    expect(cls.get('county')!.weights).toBeUndefined();
    const villageLeaves = [...leafWeights(plan, 'village').keys()];
    const countyLeaves = [...leafWeights(plan, 'county').keys()];
    expect(villageLeaves.length).toBeLessThan(countyLeaves.length);
    const names = new Map(leaves(plan).map((l) => [l.code, l.name]));
    expect(villageLeaves.map((c) => names.get(c))).not.toContain('审批时限压减率');
    expect(villageLeaves.map((c) => names.get(c))).toContain('便民服务站帮办代办完成率');
    // Every class keeps all five dimensions.
    for (const c of CLASS_CODES) {
      const dims = new Set([...leafWeights(plan, c).keys()].map((k) => k.slice(0, 2)));
      expect(dims.size, c).toBe(5);
    }
  });

  it('does not depend on anything but the options', () => {
    expect(build(33)).toEqual(build(33));
    expect(buildPlan({ indicators: 20, year: 2030, provinceName: '东海省' }).plan).toMatchObject({
      id: 'demo-2030',
      name: '东海省2030年度政府效能考核方案',
    });
  });
});
