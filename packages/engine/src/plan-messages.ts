import type { FormulaError } from './formula/formula-error.js';
import { type EngineIssue, type LocalisedText, text } from './localised.js';

/**
 * Every message `validatePlan` produces, keyed by its stable code, in zh-CN and en side by side so that the
 * two languages cannot drift apart. Each message names the thing at fault (code and name) and says what to do.
 */

export type SubjectKind =
  | 'plan'
  | 'element'
  | 'dimension'
  | 'indicator'
  | 'class'
  | 'bonus'
  | 'deduction'
  | 'veto'
  | 'grading';

/** The part of a plan an issue is about. */
export interface Subject {
  kind: SubjectKind;
  code?: string;
  name?: string;
}

const KIND: Record<SubjectKind, [zh: string, en: string]> = {
  plan: ['方案', 'the plan'],
  element: ['数据元', 'data element'],
  dimension: ['维度', 'dimension'],
  indicator: ['指标', 'indicator'],
  class: ['单位类别', 'unit class'],
  bonus: ['加分项', 'bonus item'],
  deduction: ['扣分项', 'deduction item'],
  veto: ['否决项', 'veto item'],
  grading: ['等次评定', 'grading'],
};

/** "指标「审批时限」(B1)" / "indicator "审批时限" (B1)". */
export function who(s: Subject): LocalisedText {
  const [zh, en] = KIND[s.kind];
  if (s.code === undefined) return text(zh, en);
  return s.name
    ? text(`${zh}「${s.name}」(${s.code})`, `${en} "${s.name}" (${s.code})`)
    : text(`${zh} (${s.code})`, `${en} (${s.code})`);
}

/** "指标「x」(B1) 的" but "方案的": a space only after a code. */
function zhOf(s: Subject): string {
  return `${who(s)['zh-CN']}${s.code === undefined ? '' : ' '}的`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Numbers as people write them: no binary noise such as 0.30000000000000004. */
export function fmt(n: number): string {
  return String(Number(n.toPrecision(12)));
}

function pct(share: number): string {
  return `${fmt(Math.round(share * 1000) / 10)}%`;
}

function quote(s: string): string {
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/** "A1 0.3、A2 0.3" / "A1 0.3, A2 0.3": the weights behind a sum, so that the fix is obvious. */
export interface WeightEntry {
  code: string;
  weight: number;
}
function weightList(list: readonly WeightEntry[]): LocalisedText {
  const shown = list.slice(0, 12).map((e) => `${e.code} ${fmt(e.weight)}`);
  const more = list.length > 12 ? ` …` : '';
  return text(shown.join('、') + more, shown.join(', ') + more);
}

/** Where a sibling level sits: under a group, or the top of the plan's or a class's tree. */
function level(parent: Subject | undefined, tree: Subject): LocalisedText {
  if (parent) return who(parent);
  if (tree.kind === 'class') {
    const w = who(tree);
    return text(`${w['zh-CN']} 的指标树顶层（各维度）`, `the top level (dimensions) of the tree of ${w.en}`);
  }
  return text('方案指标树顶层（各维度）', 'the top level (dimensions) of the plan tree');
}

function dirText(direction: string): LocalisedText {
  return direction === 'down'
    ? text('逆向指标（越小越好）', 'lower-is-better')
    : text('正向指标（越大越好）', 'higher-is-better');
}

const TYPE_NAMES: Record<string, [zh: string, en: string]> = {
  number: ['数字', 'a number'],
  int: ['整数', 'a whole number'],
  string: ['字符串', 'a string'],
  boolean: ['布尔值（true 或 false）', 'true or false'],
  array: ['数组', 'an array'],
  object: ['对象', 'an object'],
  null: ['null', 'null'],
};
/** A JSON type or a literal value, as people call it. */
export function typeName(t: string): LocalisedText {
  const n = TYPE_NAMES[t];
  return n ? text(n[0], n[1]) : text(t, t);
}
export function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

interface Entry<P> {
  severity: EngineIssue['severity'];
  text: (p: P) => LocalisedText;
}
function error<P>(f: (p: P) => LocalisedText): Entry<P> {
  return { severity: 'error', text: f };
}
function warning<P>(f: (p: P) => LocalisedText): Entry<P> {
  return { severity: 'warning', text: f };
}

/** `at`: the subject the field belongs to; `field`: the rest of the path, e.g. `method.cap`. */
interface At {
  at: Subject;
  field: string;
}
function of(at: Subject, field: string): LocalisedText {
  const w = who(at);
  if (field === '') return text(w['zh-CN'], cap(w.en));
  return text(`${zhOf(at)} ${field}`, `The field ${field} of ${w.en}`);
}

export const planMessages = {
  // ── shape (translated from the schema) ─────────────────────────────────────────────────────────────
  missing_field: error((p: At & { expected?: LocalisedText }) => {
    const w = who(p.at);
    const zhType = p.expected ? `（${p.expected['zh-CN']}）` : '';
    const enType = p.expected ? ` (${p.expected.en})` : '';
    return text(
      `${w['zh-CN']}${p.at.code === undefined ? '' : ' '}缺少必填字段 ${p.field}${zhType}。请补上该字段。`,
      `${cap(w.en)} lacks the required field ${p.field}${enType}. Add it.`,
    );
  }),
  wrong_type: error((p: At & { expected: LocalisedText; received: string }) => {
    const o = of(p.at, p.field);
    const r = typeName(p.received);
    return text(
      `${o['zh-CN']} 应为${p.expected['zh-CN']}，实际为${r['zh-CN']}。请更正。`,
      `${o.en} must be ${p.expected.en}, not ${r.en}. Correct it.`,
    );
  }),
  unknown_field: error((p: At & { key: string; suggestion?: string; allowed?: readonly string[] }) => {
    const o = of(p.at, p.field);
    if (p.allowed) {
      return text(
        `${o['zh-CN']} 中的 "${p.key}" 无效，只能是 ${p.allowed.join('、')}。请更正或删除。`,
        `${o.en} has an invalid key "${p.key}"; allowed: ${p.allowed.join(', ')}. Correct or remove it.`,
      );
    }
    return text(
      `${o['zh-CN']} 中有未知字段 "${p.key}"${p.suggestion ? `，是否应为 "${p.suggestion}"？` : '。'}请更正拼写或删除该字段。`,
      `${o.en} has an unknown field "${p.key}"${p.suggestion ? ` (did you mean "${p.suggestion}"?)` : ''}. Correct the spelling or remove it.`,
    );
  }),
  invalid_value: error((p: At & { value: unknown; allowed: readonly unknown[] }) => {
    const o = of(p.at, p.field);
    const allowed = p.allowed.map((v) => JSON.stringify(v));
    return text(
      `${o['zh-CN']} 为 ${JSON.stringify(p.value)}，不是允许的值；可选：${allowed.join('、')}。`,
      `${o.en} is ${JSON.stringify(p.value)}, which is not allowed; use one of ${allowed.join(', ')}.`,
    );
  }),
  too_small: error((p: At & { minimum: number; origin: string; inclusive: boolean }) => {
    const o = of(p.at, p.field);
    if (p.origin === 'string')
      return text(`${o['zh-CN']} 不能为空。请填写。`, `${o.en} must not be empty. Fill it in.`);
    if (p.origin === 'array') {
      return text(`${o['zh-CN']} 至少需要 ${p.minimum} 项。`, `${o.en} needs at least ${p.minimum} entries.`);
    }
    return p.inclusive
      ? text(`${o['zh-CN']} 应不小于 ${fmt(p.minimum)}。`, `${o.en} must be at least ${fmt(p.minimum)}.`)
      : text(`${o['zh-CN']} 应大于 ${fmt(p.minimum)}。`, `${o.en} must be greater than ${fmt(p.minimum)}.`);
  }),
  too_big: error((p: At & { maximum: number; inclusive: boolean }) => {
    const o = of(p.at, p.field);
    return p.inclusive
      ? text(`${o['zh-CN']} 应不大于 ${fmt(p.maximum)}。`, `${o.en} must be at most ${fmt(p.maximum)}.`)
      : text(`${o['zh-CN']} 应小于 ${fmt(p.maximum)}。`, `${o.en} must be less than ${fmt(p.maximum)}.`);
  }),
  invalid_shape: error((p: At & { detail: string }) => {
    const o = of(p.at, p.field);
    return text(`${o['zh-CN']} 格式不正确（${p.detail}）。`, `${o.en} is malformed (${p.detail}).`);
  }),

  // ── codes and structure ───────────────────────────────────────────────────────────────────────────
  duplicate_code: error((p: { subject: Subject; first: string }) => {
    const w = who(p.subject);
    return text(
      `${w['zh-CN']} 的代码与 ${p.first} 重复。代码必须唯一，请改用另一个代码。`,
      `The code of ${w.en} is already used at ${p.first}. Codes must be unique; choose another one.`,
    );
  }),
  node_code_conflict: error((p: { node: Subject; other: string }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 与 ${p.other} 代码相同但定义不同。不同指标树中的同一代码必须指同一指标（除权重和说明外完全相同）；请改用新代码或统一两处定义。`,
      `${cap(w.en)} has the code of ${p.other} but a different definition. A code repeated in another tree must denote the same indicator (identical apart from weight and description); use a new code or make the two definitions agree.`,
    );
  }),
  classes_empty: error(() =>
    text(
      '方案没有单位类别（classes 为空）。每个被考核单位都属于一个类别，请至少添加一个类别。',
      'The plan has no unit classes (classes is empty). Every assessed unit belongs to a class; add at least one.',
    ),
  ),
  tree_empty: error((p: { tree: Subject }) =>
    p.tree.kind === 'class'
      ? text(
          `${who(p.tree)['zh-CN']} 的指标树 tree 为空。请添加维度和指标，或删除 tree 以使用方案的指标树。`,
          `The tree of ${who(p.tree).en} is empty. Add dimensions and indicators, or remove tree to use the plan's tree.`,
        )
      : text(
          '方案的指标树 tree 为空，而有单位类别使用它。请添加维度和指标，或为每个类别设置自己的 tree。',
          "The plan's tree is empty but a unit class uses it. Add dimensions and indicators, or give every class a tree of its own.",
        ),
  ),
  group_empty: error((p: { node: Subject }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 没有下级指标（children 为空）。请添加下级指标，或把它改为计分指标（去掉 children，补上 kind、direction、formula、method）。`,
      `${cap(w.en)} has no children. Add indicators under it, or turn it into a scored indicator (drop children, add kind, direction, formula and method).`,
    );
  }),

  // ── weights ───────────────────────────────────────────────────────────────────────────────────────
  weight_not_positive: error((p: { node: Subject; weight: number }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 的权重为 ${fmt(p.weight)}，权重必须大于 0。不考核的指标请删除，或在单位类别中用 exclude 排除。`,
      `The weight of ${w.en} is ${fmt(p.weight)}; weights must be greater than 0. Remove an indicator that is not assessed, or leave it out of a class with exclude.`,
    );
  }),
  weights_sum: error((p: { parent?: Subject; tree: Subject; sum: number; weights: WeightEntry[] }) => {
    const l = level(p.parent, p.tree);
    const list = weightList(p.weights);
    const under = p.parent
      ? text(`${l['zh-CN']} 的下级指标`, `The children of ${l.en}`)
      : text(l['zh-CN'], cap(l.en));
    return text(
      `${under['zh-CN']}权重合计为 ${fmt(p.sum)}（${list['zh-CN']}），应为 1。请调整这些权重使其合计为 1。`,
      `${under.en} have weights adding up to ${fmt(p.sum)} (${list.en}) instead of 1. Adjust them to add up to 1.`,
    );
  }),
  class_weight_unknown: error((p: { cls: Subject; code: string }) => {
    const w = who(p.cls);
    return text(
      `${w['zh-CN']} 的 weights 中的节点代码 ${p.code} 不在其指标树中。请更正代码或删除该项。`,
      `The weights of ${w.en} name the node ${p.code}, which is not in its tree. Correct the code or remove the entry.`,
    );
  }),
  class_weight_not_positive: error((p: { cls: Subject; node: Subject; weight: number }) => {
    const w = who(p.cls);
    const n = who(p.node);
    return text(
      `${w['zh-CN']} 给 ${n['zh-CN']} 的权重为 ${fmt(p.weight)}，权重必须大于 0。不考核请改用 exclude。`,
      `${cap(w.en)} gives ${n.en} the weight ${fmt(p.weight)}; weights must be greater than 0. Use exclude to leave it out.`,
    );
  }),
  class_weights_sum: error(
    (p: { cls: Subject; parent?: Subject; tree: Subject; sum: number; weights: WeightEntry[] }) => {
      const w = who(p.cls);
      const l = level(p.parent, p.tree);
      const list = weightList(p.weights);
      const under = p.parent ? text(`${l['zh-CN']} 的下级指标`, `the children of ${l.en}`) : l;
      return text(
        `按${w['zh-CN']} 的 weights 调整后，${under['zh-CN']}权重合计为 ${fmt(p.sum)}（${list['zh-CN']}），应为 1。请同时调整同级的其他权重。`,
        `With the weights of ${w.en}, ${under.en} add up to ${fmt(p.sum)} (${list.en}) instead of 1. Adjust their siblings too.`,
      );
    },
  ),
  class_exclude_unknown: error((p: { cls: Subject; code: string }) => {
    const w = who(p.cls);
    return text(
      `${w['zh-CN']} 的 exclude 中的节点代码 ${p.code} 不在其指标树中。请更正代码或删除该项。`,
      `The exclude list of ${w.en} names the node ${p.code}, which is not in its tree. Correct the code or remove it.`,
    );
  }),
  class_excludes_all: error((p: { cls: Subject; parent?: Subject; tree: Subject }) => {
    const w = who(p.cls);
    if (!p.parent) {
      return text(
        `${w['zh-CN']} 排除了全部维度，没有可考核的指标。请至少保留一个维度。`,
        `${cap(w.en)} excludes every dimension and has nothing left to assess. Keep at least one.`,
      );
    }
    const n = who(p.parent);
    return text(
      `${w['zh-CN']} 排除了 ${n['zh-CN']} 的全部下级指标。请改为排除 ${p.parent.code ?? ''} 本身。`,
      `${cap(w.en)} excludes every child of ${n.en}. Exclude ${p.parent.code ?? 'it'} itself instead.`,
    );
  }),
  class_weight_excluded: warning((p: { cls: Subject; code: string }) => {
    const w = who(p.cls);
    return text(
      `${w['zh-CN']} 既排除了节点 ${p.code}，又在 weights 中为它设了权重；该权重不起作用，请删除。`,
      `${cap(w.en)} both excludes ${p.code} and sets its weight; the weight has no effect, remove it.`,
    );
  }),
  result_share_low: warning((p: { tree: Subject; share: number }) => {
    const where =
      p.tree.kind === 'class'
        ? text(`${who(p.tree)['zh-CN']} 的指标体系中`, `In the indicators of ${who(p.tree).en}, result`)
        : text('方案指标体系中', 'In the plan tree, result');
    return text(
      `${where['zh-CN']}结果指标的权重合计为 ${pct(p.share)}，低于 60%。结果指标应占 60% 以上、过程指标不超过 40%；请提高结果指标的权重，或检查指标的 kind。`,
      `${where.en} indicators carry ${pct(p.share)} of the weight, below 60%. Results should carry at least 60% and process indicators at most 40%; raise the result weights or check the indicators' kind.`,
    );
  }),

  // ── formulas ──────────────────────────────────────────────────────────────────────────────────────
  formula_cycle: error((p: { cycle: readonly string[] }) => {
    const chain = p.cycle.join(' → ');
    return text(
      `计算数据元循环引用：${chain}。计算数据元不能直接或间接引用自身；请修改其中一个公式。`,
      `Computed elements refer to each other in a circle: ${chain}. A computed element must not depend on itself, directly or through others; change one of the formulas.`,
    );
  }),

  // ── scoring method parameters ─────────────────────────────────────────────────────────────────────
  target_missing: error((p: { node: Subject; method: string }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 使用 ${p.method} 方法计分，需要目标值 target。请填写 target。`,
      `${cap(w.en)} is scored by ${p.method}, which needs a target. Fill in target.`,
    );
  }),
  target_not_positive: error((p: { node: Subject; target: number }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 按目标完成率（target）计分，目标值必须大于 0，当前为 ${fmt(p.target)}。目标为 0 的指标请改用 binary 或 bands。`,
      `${cap(w.en)} is scored by achievement ratio (target), so its target must be greater than 0, not ${fmt(p.target)}. For a target of 0 use binary or bands.`,
    );
  }),
  baseline_missing: error((p: { node: Subject }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 按线性插值（linear）计分，需要基线值 baseline。请填写 baseline。`,
      `${cap(w.en)} is scored by linear, which needs a baseline. Fill in baseline.`,
    );
  }),
  baseline_equals_target: error((p: { node: Subject; value: number }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 的基线值与目标值相同（${fmt(p.value)}），无法线性插值。请更正其中之一，或改用 binary。`,
      `${cap(w.en)} has equal baseline and target (${fmt(p.value)}), so linear cannot interpolate. Correct one of them, or use binary.`,
    );
  }),
  direction_inconsistent: error(
    (p: { node: Subject; direction: string; baseline: number; target: number }) => {
      const w = who(p.node);
      const d = dirText(p.direction);
      const up = p.direction !== 'down';
      return text(
        `${w['zh-CN']} 是${d['zh-CN']}，目标值 ${fmt(p.target)} 却${up ? '小于' : '大于'}基线值 ${fmt(p.baseline)}。请检查 direction、baseline 和 target。`,
        `${cap(w.en)} is ${d.en}, yet its target ${fmt(p.target)} is ${up ? 'below' : 'above'} its baseline ${fmt(p.baseline)}. Check direction, baseline and target.`,
      );
    },
  ),
  stretch_wrong_side: error((p: { node: Subject; direction: string; target: number; stretch: number }) => {
    const w = who(p.node);
    const d = dirText(p.direction);
    const up = p.direction !== 'down';
    return text(
      `${w['zh-CN']} 是${d['zh-CN']}，挑战值 ${fmt(p.stretch)} 应${up ? '大于' : '小于'}目标值 ${fmt(p.target)}。请更正 stretch。`,
      `${cap(w.en)} is ${d.en}, so its stretch value ${fmt(p.stretch)} must be ${up ? 'above' : 'below'} its target ${fmt(p.target)}. Correct stretch.`,
    );
  }),
  stretch_without_cap: warning((p: { node: Subject; stretch: number }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 设了挑战值 ${fmt(p.stretch)}，但 cap 为 1（默认），超过目标的部分不会多得分。若要奖励超额完成，请把 method.cap 设为大于 1，例如 1.2。`,
      `${cap(w.en)} has a stretch value ${fmt(p.stretch)} but cap is 1 (the default), so exceeding the target earns nothing. Set method.cap above 1 (e.g. 1.2) to reward it.`,
    );
  }),
  cap_below_one: error((p: { node: Subject; cap: number }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 的 cap 为 ${fmt(p.cap)}，不能小于 1（1 表示以满分封顶）。`,
      `The cap of ${w.en} is ${fmt(p.cap)}; it must be at least 1 (1 caps at full marks).`,
    );
  }),
  param_not_positive: error((p: { node: Subject; param: string; value: number }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 的 ${p.param} 为 ${fmt(p.value)}，应大于 0。`,
      `The ${p.param} of ${w.en} is ${fmt(p.value)}; it must be greater than 0.`,
    );
  }),
  bands_empty: error((p: { node: Subject; field: string }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 的档次列表 ${p.field} 为空。请至少添加一个档次。`,
      `The list ${p.field} of ${w.en} is empty. Add at least one level.`,
    );
  }),
  band_bound: error((p: { node: Subject; index: number; direction: string; need: string; other: string }) => {
    const w = who(p.node);
    const d = dirText(p.direction);
    return text(
      `${w['zh-CN']} 是${d['zh-CN']}，第 ${p.index + 1} 个档次应只设 ${p.need}、不设 ${p.other}。`,
      `${cap(w.en)} is ${d.en}, so level ${p.index + 1} must set ${p.need} and not ${p.other}.`,
    );
  }),
  bands_order: error(
    (p: { node: Subject; index: number; bound: string; value: number; previous: number; up: boolean }) => {
      const w = who(p.node);
      return text(
        `${w['zh-CN']} 的档次应从好到差排列：第 ${p.index + 1} 个档次的 ${p.bound} ${fmt(p.value)} 应${p.up ? '小于' : '大于'}前一个档次的 ${fmt(p.previous)}，否则它永远不会适用。`,
        `The levels of ${w.en} must be listed best first: the ${p.bound} ${fmt(p.value)} of level ${p.index + 1} must be ${p.up ? 'below' : 'above'} the previous level's ${fmt(p.previous)}, or it never applies.`,
      );
    },
  ),
  points_range: error((p: { node: Subject; what: LocalisedText; points: number; outOf: number }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 的${p.what['zh-CN']}得分 ${fmt(p.points)} 应在 0 至 ${fmt(p.outOf)}（满分 outOf）之间。`,
      `${cap(p.what.en)} of ${w.en} scores ${fmt(p.points)}; it must lie within 0 … ${fmt(p.outOf)} (outOf).`,
    );
  }),
  band_points_order: warning((p: { node: Subject; index: number; points: number; previous: number }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 的第 ${p.index + 1} 个档次（较差）得分 ${fmt(p.points)}，高于前一个档次的 ${fmt(p.previous)}。请确认。`,
      `Level ${p.index + 1} of ${w.en} is worse than the one before but scores more (${fmt(p.points)} > ${fmt(p.previous)}). Please check.`,
    );
  }),
  rank_points_empty: error((p: { node: Subject }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 的按名次赋分列表 points 为空。请按名次填写分数，如 60、57、54、51、48。`,
      `The points of ${w.en} by rank are empty. List the points per rank, e.g. 60, 57, 54, 51, 48.`,
    );
  }),
  rank_points_order: error((p: { node: Subject; rank: number; points: number; previous: number }) => {
    const w = who(p.node);
    return text(
      `${w['zh-CN']} 的按名次赋分应随名次不增：第 ${p.rank} 名 ${fmt(p.points)} 分高于第 ${p.rank - 1} 名的 ${fmt(p.previous)} 分。`,
      `The points of ${w.en} must not increase down the ranks: rank ${p.rank} gets ${fmt(p.points)}, more than rank ${p.rank - 1} (${fmt(p.previous)}).`,
    );
  }),
  element_range: error((p: { element: Subject; min: number; max: number }) => {
    const w = who(p.element);
    return text(
      `${w['zh-CN']} 的合理范围下限 min ${fmt(p.min)} 大于上限 max ${fmt(p.max)}。请对调或更正。`,
      `The plausible range of ${w.en} has min ${fmt(p.min)} above max ${fmt(p.max)}. Swap or correct them.`,
    );
  }),

  // ── sources ───────────────────────────────────────────────────────────────────────────────────────
  source_weight_negative: error((p: { subject: Subject; source: string; weight: number }) => {
    const w = who(p.subject);
    return text(
      `${zhOf(p.subject)}多源加权规则中来源 ${p.source} 的权重为 ${fmt(p.weight)}，不能为负数。`,
      `The source rule of ${w.en} gives ${p.source} the weight ${fmt(p.weight)}; weights must not be negative.`,
    );
  }),
  source_weights_zero: error((p: { subject: Subject }) => {
    const w = who(p.subject);
    return text(
      `${zhOf(p.subject)}多源加权规则中没有正的权重。请至少给一个来源大于 0 的权重，例如 thirdParty 0.35、survey 0.4。`,
      `The weighted source rule of ${w.en} has no positive weight. Give at least one source a weight above 0, e.g. thirdParty 0.35, survey 0.4.`,
    );
  }),
  source_order_empty: error((p: { subject: Subject }) => {
    const w = who(p.subject);
    return text(
      `${zhOf(p.subject)}来源优先顺序 order 为空。请列出来源，如 inspection、thirdParty、survey、self。`,
      `The source order of ${w.en} is empty. List the sources, e.g. inspection, thirdParty, survey, self.`,
    );
  }),
  source_order_duplicate: error((p: { subject: Subject; source: string }) => {
    const w = who(p.subject);
    return text(
      `${zhOf(p.subject)}来源优先顺序中 ${p.source} 出现了不止一次。请删除重复项。`,
      `The source order of ${w.en} lists ${p.source} more than once. Remove the duplicate.`,
    );
  }),

  // ── plan-wide numbers, grading ────────────────────────────────────────────────────────────────────
  full_marks_not_positive: error((p: { value: number }) =>
    text(
      `方案的满分 fullMarks 为 ${fmt(p.value)}，应大于 0（默认 100）。`,
      `The plan's fullMarks is ${fmt(p.value)}; it must be greater than 0 (default 100).`,
    ),
  ),
  cap_negative: error((p: { subject: Subject; field: string; value: number }) => {
    const w = who(p.subject);
    return text(
      `${zhOf(p.subject)}上限 ${p.field} 为 ${fmt(p.value)}，不能为负数。`,
      `The cap ${p.field} of ${w.en} is ${fmt(p.value)}; it must not be negative.`,
    );
  }),
  elasticity_bounds: error((p: { min: number; max: number }) =>
    text(
      `弹性系数范围 ${fmt(p.min)}–${fmt(p.max)} 无效：应满足 0 < min ≤ 1 ≤ max，例如 0.8–1.2。`,
      `The elasticity bounds ${fmt(p.min)}–${fmt(p.max)} are invalid: they must satisfy 0 < min ≤ 1 ≤ max, e.g. 0.8–1.2.`,
    ),
  ),
  grading_empty: error(() =>
    text(
      '等次评定没有等次线（thresholds 为空）。请至少设置一个等次，例如 A ≥ 90、B ≥ 80、C ≥ 60、D。',
      'The grading has no thresholds. Set at least one grade, e.g. A ≥ 90, B ≥ 80, C ≥ 60, D.',
    ),
  ),
  grade_duplicate: error((p: { grade: string; index: number; first: number }) =>
    text(
      `等次 ${p.grade} 在 thresholds 中出现了两次（第 ${p.first + 1} 和第 ${p.index + 1} 个）。每个等次只能出现一次。`,
      `Grade ${p.grade} appears twice in thresholds (entries ${p.first + 1} and ${p.index + 1}). Each grade may appear once.`,
    ),
  ),
  grade_order: error((p: { grade: string; previous: string }) =>
    text(
      `等次线应从好到差排列（A、B、C、D）：${p.grade} 不应排在 ${p.previous} 之后。`,
      `Thresholds must be listed best first (A, B, C, D): ${p.grade} cannot follow ${p.previous}.`,
    ),
  ),
  grade_min_missing: error((p: { grade: string }) =>
    text(
      `等次 ${p.grade} 不是最低等次，必须设置最低总分 min。`,
      `Grade ${p.grade} is not the lowest, so it needs a minimum total (min).`,
    ),
  ),
  grade_last_min: error((p: { grade: string; min: number }) =>
    text(
      `最低等次 ${p.grade} 不应设置 min（当前 ${fmt(p.min)}）：低于上一等次线的单位都属于它。请删除 min。`,
      `The lowest grade ${p.grade} must not have a min (it has ${fmt(p.min)}): every unit below the grade above belongs to it. Remove min.`,
    ),
  ),
  grade_min_order: error((p: { grade: string; min: number; previousGrade: string; previousMin: number }) =>
    text(
      `等次 ${p.grade} 的最低总分 ${fmt(p.min)} 应小于等次 ${p.previousGrade} 的 ${fmt(p.previousMin)}。`,
      `The min ${fmt(p.min)} of grade ${p.grade} must be below the min ${fmt(p.previousMin)} of grade ${p.previousGrade}.`,
    ),
  ),
  grade_min_range: error((p: { grade: string; min: number; max: number }) =>
    text(
      `等次 ${p.grade} 的最低总分 ${fmt(p.min)} 应在 0 至 ${fmt(p.max)}（满分加加分上限）之间，否则没有单位能达到或人人都能达到。`,
      `The min ${fmt(p.min)} of grade ${p.grade} must lie within 0 … ${fmt(p.max)} (full marks plus the bonus cap); otherwise no unit, or every unit, reaches it.`,
    ),
  ),
  quota_range: error((p: { grade: string; quota: number }) =>
    text(
      `等次 ${p.grade} 的名额比例为 ${fmt(p.quota)}，应大于 0 且不超过 1，例如 0.2 表示至多 20%。`,
      `The quota of grade ${p.grade} is ${fmt(p.quota)}; it must be above 0 and at most 1, e.g. 0.2 for at most 20%.`,
    ),
  ),
  quota_unknown_grade: error((p: { grade: string }) =>
    text(
      `等次 ${p.grade} 设置了名额比例，但 thresholds 中没有该等次。请删除该比例或补上等次线。`,
      `Grade ${p.grade} has a quota but no threshold. Remove the quota or add the threshold.`,
    ),
  ),
  quota_lowest_grade: warning((p: { grade: string }) =>
    text(
      `最低等次 ${p.grade} 设置了名额比例，但最低等次无法再降，该比例不起作用。请删除。`,
      `The lowest grade ${p.grade} has a quota, but nobody can be moved below the lowest grade; the quota has no effect. Remove it.`,
    ),
  ),
} satisfies Record<string, Entry<never>>;

export type PlanIssueCode = keyof typeof planMessages;
type Params<C extends PlanIssueCode> = Parameters<(typeof planMessages)[C]['text']>[0];

/** Builds an issue from the catalogue. */
export function planIssue<C extends PlanIssueCode>(
  code: C,
  path: readonly (string | number)[],
  ...params: [Params<C>] extends [never] ? [] : undefined extends Params<C> ? [] : [Params<C>]
): EngineIssue {
  const entry = planMessages[code] as Entry<unknown>;
  return { severity: entry.severity, code, path: [...path], message: entry.text(params[0]) };
}

/** A formula problem keeps the formula checker's own code; the message says which formula and where. */
export function formulaIssue(
  subject: Subject,
  path: readonly (string | number)[],
  src: string,
  error: FormulaError,
): EngineIssue {
  const w = who(subject);
  const en = error.message.en;
  // The checker's sentence continues ours after a colon: lower-case its first word, not an acronym.
  const inner = /^[A-Z][a-z]/.test(en) ? en.charAt(0).toLowerCase() + en.slice(1) : en;
  return {
    severity: 'error',
    code: error.code,
    path: [...path],
    message: text(
      `${w['zh-CN']} 的公式 ${quote(src)} 有误：${error.message['zh-CN']}。请修改公式。`,
      `The formula ${quote(src)} of ${w.en} is wrong: ${inner}. Correct the formula.`,
    ),
  };
}
