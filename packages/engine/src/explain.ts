import { parseFormula } from './formula/parser.js';
import { exprReferences } from './formula/references.js';
import type { Locale, LocalisedText } from './localised.js';
import { bandIndex } from './normalise.js';
import { parsePeriod, previousPeriod, sameLastYear } from './period.js';
import { GRADES, type Grade, type LeafNode, type Plan, SOURCES, type Source } from './plan.js';
import {
  type ClassLeafStats,
  cell,
  type FlagName,
  flagNames,
  type InputColumn,
  pointsAt,
  type ResultSet,
  type UnitInfo,
  unitFlagNames,
} from './result.js';
import { resultIndex } from './result-index.js';
import { unitIndexOf } from './unit-result.js';

/**
 * A unit's score explained from data to rank: for every indicator the element values read (with their
 * source), the raw value, how the method turned it into a fraction (with the class figures it compared
 * against), the weight and points, what was imputed or capped; then bonus, deduction, veto, rank among its
 * class and the grade with the reason for it.
 */
export interface Explanation {
  planId: string;
  planVersion: number;
  period: string;
  unit: UnitInfo;
  className: string;
  total: number;
  base: number;
  bonus: ExplainedAdjustment[];
  deduction: ExplainedAdjustment[];
  vetoes: { code: string; name: string; condition: string }[];
  rank: number;
  classSize: number;
  overallRank?: number;
  grade: Grade;
  gradeByScore: Grade;
  gradeReason: 'threshold' | 'veto' | 'quota';
  /** Units ranked just above and below in the class, for "me ± neighbours". */
  neighbours: { code: string; name: string; total: number; rank: number }[];
  tree: ExplainedNode[];
}

export interface ExplainedAdjustment {
  code: string;
  name: string;
  points: number;
  cap: number;
}

export interface ExplainedNode {
  code: string;
  name: string;
  /** Weight among its siblings in the unit's class. */
  weight: number;
  fullPoints: number;
  points: number;
  /** Points not earned: fullPoints − points. */
  lost: number;
  fraction: number | null;
  flags: FlagName[];
  children?: ExplainedNode[];
  leaf?: ExplainedLeaf;
}

export interface ExplainedLeaf {
  kind: 'result' | 'process';
  direction: 'up' | 'down';
  formula: string;
  unit?: string;
  inputs: { element: string; name: string; period: string; value: number | null; source: Source | null }[];
  raw: number | null;
  target?: number;
  baseline?: number;
  /** Distance to target in the indicator's direction (positive = still to go). */
  gapToTarget?: number;
  method: LeafNode['method'];
  stats?: ClassLeafStats;
  /** The method applied to this unit's value, in words and figures. */
  how: LocalisedText;
}

export interface ExplainOptions {
  /**
   * Round the tree's figures (weights, points, fractions, raw values, targets, class figures) to this many
   * decimals; totals, bonus, deduction and input values stay exact. A unit page read by people does not
   * need 17 digits, and writing them is most of the cost of serialising a page. Default: exact.
   */
  decimals?: number;
}

/** What explaining any unit of a class needs, worked out once per result set and class. */
interface ClassFrame {
  name: string;
  size: number;
  weightOf: ReadonlyMap<number, number>;
  roots: readonly number[];
  childrenOf: ReadonlyMap<number, readonly number[]>;
  /** Per leaf node: its definition, its class figures and the input columns its formula reads. */
  leaves: ReadonlyMap<number, LeafFrame>;
}

interface LeafFrame {
  leaf: LeafNode;
  /** The class figures as the explanation shows them (rounded if asked) and as the method used them. */
  stats: ClassLeafStats | undefined;
  exactStats: ClassLeafStats | undefined;
  inputs: readonly { column: InputColumn; name: string }[];
}

const frames = new WeakMap<ResultSet, Map<string, ClassFrame>>();

type Rounding = (x: number) => number;
const exact: Rounding = (x) => x;
function rounding(decimals: number | undefined): Rounding {
  if (decimals === undefined) return exact;
  const f = 10 ** decimals;
  // k / 10^d is the double nearest that decimal, so it prints as the short decimal.
  return (x) => Math.round(x * f) / f;
}

/**
 * A server explains unit after unit of the same result set: the plan's leaves, element names, weights,
 * children, class figures and the input columns of each formula are looked up once per class, so that a
 * unit page costs only the reading of that unit's cells.
 */
function classFrame(rs: ResultSet, classCode: string, decimals: number | undefined): ClassFrame {
  let byClass = frames.get(rs);
  if (byClass === undefined) {
    byClass = new Map();
    frames.set(rs, byClass);
  }
  const key = `${classCode}\u0000${decimals ?? ''}`;
  const known = byClass.get(key);
  if (known !== undefined) return known;
  const cls = rs.classes.find((c) => c.code === classCode)!;
  const plan = rs.plan;
  const r = rounding(decimals);
  const leafByCode = new Map<string, LeafNode>();
  const collect = (nodes: Plan['tree']) => {
    for (const n of nodes) {
      if ('children' in n) collect(n.children);
      else if (!leafByCode.has(n.code)) leafByCode.set(n.code, n);
    }
  };
  collect(plan.tree);
  for (const c of plan.classes) if (c.tree) collect(c.tree);
  const elementNames = new Map(plan.elements.map((e) => [e.code, e.name]));
  const columns = resultIndex(rs).inputsByElement;
  const childrenOf = new Map<number, number[]>();
  const roots: number[] = [];
  const leaves = new Map<number, LeafFrame>();
  for (const g of cls.nodes) {
    const info = rs.nodes[g]!;
    if (info.depth === 0) roots.push(g);
    else {
      const siblings = childrenOf.get(info.parent);
      if (siblings === undefined) childrenOf.set(info.parent, [g]);
      else siblings.push(g);
    }
    if (!info.leaf) continue;
    const leaf = leafByCode.get(info.code)!;
    const inputs = formulaReferences(leaf.formula).flatMap((ref) =>
      (columns.get(ref.element) ?? [])
        .filter((c) => periodMatches(rs.period, c.period, ref.shift))
        .map((column) => ({ column, name: elementNames.get(column.element) ?? column.element })),
    );
    const found = rs.classStats.find((s) => s.class === classCode && s.node === leaf.code);
    const stats =
      found === undefined || decimals === undefined
        ? found
        : {
            ...found,
            min: r(found.min),
            max: r(found.max),
            mean: r(found.mean),
            sd: r(found.sd),
            best: r(found.best),
          };
    leaves.set(g, { leaf, stats, exactStats: found, inputs });
  }
  const frame: ClassFrame = {
    name: cls.name,
    size: cls.size,
    weightOf: new Map(cls.nodes.map((g, i) => [g, r(cls.weights[i]!)])),
    roots,
    childrenOf,
    leaves,
  };
  byClass.set(key, frame);
  return frame;
}

export function explain(rs: ResultSet, unitCode: string, options: ExplainOptions = {}): Explanation {
  const u = unitIndexOf(rs, unitCode);
  if (u < 0) throw new RangeError(`unknown unit ${unitCode}`);
  const info = rs.units[u]!;
  const frame = classFrame(rs, info.class, options.decimals);
  const r = rounding(options.decimals);

  const node = (g: number): ExplainedNode => {
    const at = cell(rs, u, g);
    const fraction = Number.isNaN(rs.fraction[at]!) ? null : r(rs.fraction[at]!);
    const points = pointsAt(rs, at);
    const out: ExplainedNode = {
      code: rs.nodes[g]!.code,
      name: rs.nodes[g]!.name,
      weight: frame.weightOf.get(g) ?? 0,
      fullPoints: r(rs.fullPoints[at]!),
      points: r(points),
      lost: r(rs.fullPoints[at]! - points),
      fraction,
      flags: flagNames(rs.flags[at]!),
    };
    const leaf = frame.leaves.get(g);
    if (leaf !== undefined) out.leaf = explainLeaf(rs, leaf, u, at, r);
    else out.children = (frame.childrenOf.get(g) ?? []).map(node);
    return out;
  };
  const tree = frame.roots.map(node);

  // Five above and five below in the class's rank order (ties in input order), from an index built once per
  // result set: a unit page must not scan a class of 24,000 villages.
  const order = resultIndex(rs).classOrder.get(info.class)!;
  const pos = resultIndex(rs).positionInClass[u]!;
  const neighbours = Array.from(order.subarray(Math.max(0, pos - 5), pos + 6))
    .filter((i) => i !== u)
    .map((i) => ({
      code: rs.units[i]!.code,
      name: rs.units[i]!.name,
      total: rs.total[i]!,
      rank: rs.rank[i]!,
    }));

  const adj = (items: ResultSet['bonusItems'], pts: Float64Array): ExplainedAdjustment[] =>
    items
      .map((it, j) => ({ code: it.code, name: it.name, points: pts[u * items.length + j]!, cap: it.cap }))
      .filter((a) => a.points !== 0);
  const flags = unitFlagNames(rs.unitFlags[u]!);
  const nVeto = rs.vetoItems.length;
  const explanation: Explanation = {
    planId: rs.planId,
    planVersion: rs.planVersion,
    period: rs.period,
    unit: info,
    className: frame.name,
    total: rs.total[u]!,
    base: rs.base[u]!,
    bonus: adj(rs.bonusItems, rs.bonusPoints),
    deduction: adj(rs.deductionItems, rs.deductionPoints),
    vetoes: rs.vetoItems.filter((_, j) => rs.vetoHits[u * nVeto + j]),
    rank: rs.rank[u]!,
    classSize: frame.size,
    grade: GRADES[rs.grade[u]!]!,
    gradeByScore: GRADES[rs.gradeByScore[u]!]!,
    gradeReason: flags.includes('veto') ? 'veto' : flags.includes('quotaDemoted') ? 'quota' : 'threshold',
    neighbours,
    tree,
  };
  if (rs.overallRank) explanation.overallRank = rs.overallRank[u]!;
  return explanation;
}

function explainLeaf(rs: ResultSet, frame: LeafFrame, u: number, at: number, r: Rounding): ExplainedLeaf {
  const { leaf, stats } = frame;
  const raw = rs.raw[at]!;
  const inputs = frame.inputs.map(({ column: c, name }) => ({
    element: c.element,
    name,
    period: c.period,
    value: Number.isNaN(c.value[u]!) ? null : c.value[u]!,
    source: c.source[u]! < SOURCES.length ? SOURCES[c.source[u]!]! : null,
  }));
  const out: ExplainedLeaf = {
    kind: leaf.kind,
    direction: leaf.direction,
    formula: leaf.formula,
    inputs,
    raw: Number.isNaN(raw) ? null : r(raw),
    method: leaf.method,
    // In words from the exact figures: the text rounds for itself.
    how: describeMethod(leaf, raw, frame.exactStats, rs.fraction[at]!),
  };
  if (leaf.unit !== undefined) out.unit = leaf.unit;
  if (leaf.target !== undefined) {
    out.target = leaf.target;
    if (!Number.isNaN(raw))
      out.gapToTarget = r(leaf.direction === 'up' ? leaf.target - raw : raw - leaf.target);
  }
  if (leaf.baseline !== undefined) out.baseline = leaf.baseline;
  if (stats) out.stats = stats;
  return out;
}

const referencesByFormula = new Map<string, ReturnType<typeof exprReferences>>();

/** A formula's element references, parsed once per formula text (every unit page explains the same leaves). */
function formulaReferences(formula: string): ReturnType<typeof exprReferences> {
  let refs = referencesByFormula.get(formula);
  if (refs === undefined) {
    const parsed = parseFormula(formula);
    refs = parsed.ok ? exprReferences(parsed.expr) : [];
    if (referencesByFormula.size >= 10_000) referencesByFormula.clear();
    referencesByFormula.set(formula, refs);
  }
  return refs;
}

/** Whether an input column read for `period` is the one a reference with `shift` means. */
function periodMatches(scored: string, period: string, shift: 'current' | 'prev' | 'lastYear'): boolean {
  const p = parsePeriod(scored)!;
  const target = shift === 'current' ? p : shift === 'prev' ? previousPeriod(p) : sameLastYear(p);
  return target.code === period;
}

const fmt = (x: number) =>
  Number.isNaN(x) ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(4).replace(/0+$/, '');
const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)}%`);

function describeMethod(
  leaf: LeafNode,
  raw: number,
  stats: ClassLeafStats | undefined,
  fraction: number,
): LocalisedText {
  const m = leaf.method;
  const v = fmt(raw);
  const f = pct(fraction);
  const up = leaf.direction === 'up';
  if (Number.isNaN(raw)) return { 'zh-CN': `无数据，得分率 ${f}`, en: `no value; scored ${f}` };
  switch (m.type) {
    case 'target':
      return up
        ? {
            'zh-CN': `达成率 = 实际值 ${v} ÷ 目标值 ${fmt(leaf.target!)}，封顶 ${pct(m.cap ?? 1)} → ${f}`,
            en: `achievement = ${v} ÷ target ${fmt(leaf.target!)}, capped at ${pct(m.cap ?? 1)} → ${f}`,
          }
        : {
            'zh-CN': `达成率 = 目标值 ${fmt(leaf.target!)} ÷ 实际值 ${v}，封顶 ${pct(m.cap ?? 1)} → ${f}`,
            en: `achievement = target ${fmt(leaf.target!)} ÷ ${v}, capped at ${pct(m.cap ?? 1)} → ${f}`,
          };
    case 'linear':
      return {
        'zh-CN': `基线 ${fmt(leaf.baseline!)} → 目标 ${fmt(leaf.target!)} 线性计分，实际 ${v} → ${f}`,
        en: `linear from baseline ${fmt(leaf.baseline!)} to target ${fmt(leaf.target!)}; value ${v} → ${f}`,
      };
    case 'minmax':
      return {
        'zh-CN': `同类最小 ${fmt(stats?.min ?? Number.NaN)}、最大 ${fmt(stats?.max ?? Number.NaN)} 间标准化，实际 ${v} → ${f}`,
        en: `min–max within the class (min ${fmt(stats?.min ?? Number.NaN)}, max ${fmt(stats?.max ?? Number.NaN)}); value ${v} → ${f}`,
      };
    case 'zscore':
      return {
        'zh-CN': `Z 分数：同类均值 ${fmt(stats?.mean ?? Number.NaN)}、标准差 ${fmt(stats?.sd ?? Number.NaN)}，实际 ${v} → ${f}`,
        en: `z-score against class mean ${fmt(stats?.mean ?? Number.NaN)}, sd ${fmt(stats?.sd ?? Number.NaN)}; value ${v} → ${f}`,
      };
    case 'rank':
      return {
        'zh-CN': `同类 ${stats?.n ?? 0} 个单位中按位次计分，实际 ${v} → ${f}`,
        en: `percentile of rank among ${stats?.n ?? 0} units of the class; value ${v} → ${f}`,
      };
    case 'frontier':
      return {
        'zh-CN': `按同类最优值 ${fmt(stats?.best ?? Number.NaN)} 的比例计分，实际 ${v} → ${f}`,
        en: `in proportion to the class's best ${fmt(stats?.best ?? Number.NaN)}; value ${v} → ${f}`,
      };
    case 'bands':
    case 'anchored': {
      const bands = m.type === 'bands' ? m.bands : m.levels;
      const i = bandIndex(bands, raw, up);
      const label =
        i >= 0 ? (bands[i]!.label ?? (up ? `≥ ${bands[i]!.atLeast}` : `≤ ${bands[i]!.atMost}`)) : undefined;
      const pts = i >= 0 ? bands[i]!.points : (m.otherwise ?? 0);
      return label
        ? {
            'zh-CN': `实际 ${v} 属于“${label}”档，得 ${fmt(pts)}/${fmt(m.outOf)} 分 → ${f}`,
            en: `value ${v} falls in "${label}": ${fmt(pts)}/${fmt(m.outOf)} points → ${f}`,
          }
        : {
            'zh-CN': `实际 ${v} 未达任何档次，得 ${fmt(pts)}/${fmt(m.outOf)} 分 → ${f}`,
            en: `value ${v} meets no level: ${fmt(pts)}/${fmt(m.outOf)} points → ${f}`,
          };
    }
    case 'binary':
      return {
        'zh-CN': `达标即得满分：实际 ${v}${leaf.target !== undefined ? `，标准 ${up ? '≥' : '≤'} ${fmt(leaf.target)}` : ''} → ${f}`,
        en: `full marks when met: value ${v}${leaf.target !== undefined ? `, required ${up ? '≥' : '≤'} ${fmt(leaf.target)}` : ''} → ${f}`,
      };
    case 'rankPoints':
      return {
        'zh-CN': `按同类排名赋分（${m.points.join('、')}…），实际 ${v} → ${f}`,
        en: `points by rank in the class (${m.points.join(', ')}…); value ${v} → ${f}`,
      };
    case 'deviation': {
      const ref = m.reference === 'classMean' ? (stats?.mean ?? Number.NaN) : m.reference;
      return {
        'zh-CN': `每${up ? '低于' : '超过'}参照值 ${fmt(ref)} ${fmt(m.per)} 扣 ${fmt(m.deduct)} 分（满分 ${fmt(m.outOf)}），实际 ${v} → ${f}`,
        en: `${fmt(m.deduct)} points off per ${fmt(m.per)} ${up ? 'below' : 'above'} the reference ${fmt(ref)} (out of ${fmt(m.outOf)}); value ${v} → ${f}`,
      };
    }
  }
}

const GRADE_NAMES: Record<Grade, LocalisedText> = {
  A: { 'zh-CN': '优秀', en: 'excellent' },
  B: { 'zh-CN': '良好', en: 'good' },
  C: { 'zh-CN': '一般', en: 'fair' },
  D: { 'zh-CN': '较差', en: 'poor' },
};

const FLAG_TEXT: Record<FlagName, LocalisedText> = {
  missing: { 'zh-CN': '缺数据', en: 'missing' },
  excluded: { 'zh-CN': '不计入、权重重新分配', en: 'excluded, weight re-distributed' },
  zeroed: { 'zh-CN': '按零分计', en: 'scored zero' },
  carried: { 'zh-CN': '沿用上期数据', en: 'last period carried forward' },
  classMean: { 'zh-CN': '以同类均值补足', en: 'class mean imputed' },
  capped: { 'zh-CN': '已封顶', en: 'capped' },
  elasticity: { 'zh-CN': '已乘弹性系数', en: 'elasticity applied' },
  combined: { 'zh-CN': '多来源加权', en: 'sources combined by weight' },
};

export function gradeName(g: Grade, locale: Locale): string {
  return GRADE_NAMES[g][locale];
}

/** The explanation as text a person reads, in the given language. */
export function renderExplanation(e: Explanation, locale: Locale = 'zh-CN'): string {
  const zh = locale === 'zh-CN';
  const p = (x: number) => x.toFixed(2);
  const lines: string[] = [];
  lines.push(
    zh
      ? `${e.unit.name}（${e.unit.code}）${e.period} 考核结果：总分 ${p(e.total)}，${e.className}第 ${e.rank}/${e.classSize} 名，等次 ${gradeName(e.grade, locale)}`
      : `${e.unit.name} (${e.unit.code}), ${e.period}: total ${p(e.total)}, rank ${e.rank} of ${e.classSize} in ${e.className}, grade ${gradeName(e.grade, locale)}`,
  );
  if (e.gradeReason === 'veto') {
    lines.push(
      zh
        ? `一票否决：${e.vetoes.map((v) => v.name).join('、')}，等次定为最低档`
        : `Vetoed by ${e.vetoes.map((v) => v.name).join(', ')}: lowest grade`,
    );
  } else if (e.gradeReason === 'quota') {
    lines.push(
      zh
        ? `按分数为${gradeName(e.gradeByScore, locale)}，因等次比例限制调整为${gradeName(e.grade, locale)}`
        : `The score earns ${gradeName(e.gradeByScore, locale)}; the grade quota lowered it to ${gradeName(e.grade, locale)}`,
    );
  }
  lines.push(zh ? `指标得分 ${p(e.base)}` : `Indicator points ${p(e.base)}`);
  const walk = (nodes: ExplainedNode[], depth: number) => {
    for (const n of nodes) {
      const pad = '  '.repeat(depth + 1);
      const flags = n.flags.length
        ? ` [${n.flags.map((f) => FLAG_TEXT[f][locale]).join(zh ? '；' : '; ')}]`
        : '';
      lines.push(
        `${pad}${n.name}：${p(n.points)} / ${p(n.fullPoints)}${zh ? ' 分' : ' pts'}${flags}`.replace(
          '：',
          zh ? '：' : ': ',
        ),
      );
      if (n.leaf) {
        for (const i of n.leaf.inputs) {
          const src = i.source ? ` (${i.source})` : '';
          lines.push(`${pad}    ${i.name} [${i.period}] = ${i.value === null ? '—' : fmt(i.value)}${src}`);
        }
        lines.push(`${pad}    ${n.leaf.how[locale]}`);
      }
      if (n.children) walk(n.children, depth + 1);
    }
  };
  walk(e.tree, 0);
  for (const b of e.bonus)
    lines.push(zh ? `加分 ${b.name}：+${p(b.points)}` : `Bonus ${b.name}: +${p(b.points)}`);
  for (const d of e.deduction)
    lines.push(zh ? `扣分 ${d.name}：−${p(d.points)}` : `Deduction ${d.name}: −${p(d.points)}`);
  if (e.neighbours.length) {
    lines.push(zh ? '相邻单位：' : 'Neighbours:');
    for (const nb of e.neighbours) lines.push(`  ${nb.rank}. ${nb.name} ${p(nb.total)}`);
  }
  return lines.join('\n');
}
