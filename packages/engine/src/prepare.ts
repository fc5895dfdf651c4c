import { type ClassTree, classTree, collectNodes, type PlanNodes } from './class-tree.js';
import { ElementStore, type Selection } from './element-store.js';
import { EngineError } from './engine-error.js';
import { type CompiledFormula, compileFormula } from './formula/compile.js';
import { parseFormulaOrThrow } from './formula/parser.js';
import { type EngineIssue, text } from './localised.js';
import { type Period, parsePeriod, previousPeriod } from './period.js';
import {
  DEFAULT_ELASTICITY,
  DEFAULT_SOURCE_RULE,
  type LeafNode,
  type Plan,
  SOURCES,
  type Source,
  type SourceRule,
} from './plan.js';
import type { UnitInfo } from './result.js';
import type { Unit } from './unit.js';
import { validatePlan } from './validate-plan.js';
import { SOURCE_INDEX, type ValueTable } from './value-table.js';

export interface ScoreOptions {
  /** The period to score, e.g. '2026' or '2026Q1'; must be of the plan's period type. */
  period: string;
}

/**
 * Everything scoring needs that does not depend on weights, methods or missing policies: the validated
 * plan, units and classes, the element store and each leaf's raw value per unit. Sensitivity analysis
 * prepares once and re-scores many times from here.
 */
export interface Prepared {
  plan: Plan;
  period: Period;
  units: UnitInfo[];
  /** Per unit elasticity coefficient (1 when none), as a column: read once per unit × core indicator. */
  elasticity: Float64Array;
  nodes: PlanNodes;
  trees: ClassTree[];
  /** Per class (plan order), member unit indexes in unit order. */
  members: Int32Array[];
  store: ElementStore;
  /** Raw value per leaf (global node index) per unit; NaN where missing. */
  raw: Map<number, Float64Array>;
  /** Units × leaves where several sources were combined by weights. */
  combined: Map<number, Uint8Array>;
  fullMarks: number;
  /** Raw values of the previous period, computed on demand for the 'carry' policy. */
  previousRaw(leaf: number): Float64Array;
}

export function prepare(
  plan: Plan,
  units: readonly Unit[],
  values: ValueTable,
  options: ScoreOptions,
): Prepared {
  const checked = validatePlan(plan);
  const issues: EngineIssue[] = checked.issues.filter((i) => i.severity === 'error');
  const period = parsePeriod(options.period);
  if (!period) {
    issues.push({
      severity: 'error',
      code: 'bad_period',
      path: ['period'],
      message: text(
        `考核周期“${options.period}”格式不正确，应为 2026、2026H1、2026Q1 或 2026M03`,
        `Period "${options.period}" is not valid; use 2026, 2026H1, 2026Q1 or 2026M03`,
      ),
    });
  } else if (period.type !== plan.periodType) {
    issues.push({
      severity: 'error',
      code: 'period_type',
      path: ['period'],
      message: text(
        `方案按“${plan.periodType}”考核，不能对周期 ${period.code}（${period.type}）评分`,
        `The plan assesses by ${plan.periodType}; period ${period.code} is a ${period.type}`,
      ),
    });
  }
  issues.push(...unitIssues(plan, units));
  if (issues.length > 0 || !period) throw new EngineError(issues);

  const unitInfos: UnitInfo[] = units.map((u) => {
    const info: UnitInfo = { code: u.code, name: u.name, class: u.class, elasticity: u.elasticity ?? 1 };
    if (u.parent !== undefined) info.parent = u.parent;
    return info;
  });
  const unitIndex = new Map(units.map((u, i) => [u.code, i]));
  const nodes = collectNodes(plan);
  const trees = plan.classes.map((c) => classTree(plan, c, nodes));
  const members = plan.classes.map((c) => {
    const m: number[] = [];
    unitInfos.forEach((u, i) => {
      if (u.class === c.code) m.push(i);
    });
    return Int32Array.from(m);
  });
  const store = new ElementStore(plan, unitIndex, values);
  const compiled = new Map<number, CompiledFormula>();
  const raw = new Map<number, Float64Array>();
  const combined = new Map<number, Uint8Array>();
  const usedLeaves = new Set<number>();
  for (const t of trees) for (let p = 0; p < t.node.length; p++) if (t.leaf[p]) usedLeaves.add(t.node[p]!);
  const formulaOf = (g: number): CompiledFormula => {
    let f = compiled.get(g);
    if (!f) {
      f = compileFormula(parseFormulaOrThrow(nodes.leaves[g]!.formula));
      compiled.set(g, f);
    }
    return f;
  };
  const evaluate = (g: number, asOf: Period) =>
    leafValues(store, nodes.leaves[g]!, plan.sources ?? DEFAULT_SOURCE_RULE, formulaOf(g), asOf);
  for (const g of [...usedLeaves].sort((a, b) => a - b)) {
    const r = evaluate(g, period);
    raw.set(g, r.value);
    if (r.combined) combined.set(g, r.combined);
  }
  const previous = new Map<number, Float64Array>();
  return {
    plan,
    period,
    units: unitInfos,
    elasticity: Float64Array.from(unitInfos, (u) => u.elasticity),
    nodes,
    trees,
    members,
    store,
    raw,
    combined,
    fullMarks: plan.fullMarks ?? 100,
    previousRaw(g) {
      let r = previous.get(g);
      if (!r) {
        r = evaluate(g, previousPeriod(period)).value;
        previous.set(g, r);
      }
      return r;
    },
  };
}

export function precedence(rule: { order: readonly Source[] }): Selection {
  return { kind: 'precedence', order: rule.order.map((s) => SOURCE_INDEX[s]) };
}

/** Selection used for formulas outside leaves (bonus, deduction, veto): the plan's precedence. */
export function defaultSelection(plan: Plan): Selection {
  const rule = plan.sources ?? DEFAULT_SOURCE_RULE;
  return precedence(rule.combine === 'precedence' ? rule : DEFAULT_SOURCE_RULE);
}

/**
 * A leaf's value per unit. Precedence: each element comes from the first source that has it. Weighted:
 * the formula is evaluated on each source's values alone and the results averaged with the rule's weights,
 * re-normalised over the sources that gave a value.
 */
function leafValues(
  store: ElementStore,
  leaf: LeafNode,
  planRule: SourceRule,
  formula: CompiledFormula,
  asOf: Period,
): { value: Float64Array; combined?: Uint8Array } {
  const rule = leaf.sources ?? planRule;
  if (rule.combine === 'precedence') {
    return { value: Float64Array.from(formula(store.context(asOf, precedence(rule)))) };
  }
  const n = store.length;
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  const count = new Uint8Array(n);
  for (const s of SOURCES) {
    const w = rule.weights[s];
    if (w === undefined || w <= 0) continue;
    const v = formula(store.context(asOf, { kind: 'source', source: SOURCE_INDEX[s] }));
    for (let u = 0; u < n; u++) {
      const x = v[u]!;
      if (Number.isNaN(x)) continue;
      num[u]! += w * x;
      den[u]! += w;
      count[u]!++;
    }
  }
  const value = new Float64Array(n);
  const combined = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    value[u] = den[u]! > 0 ? num[u]! / den[u]! : Number.NaN;
    combined[u] = count[u]! > 1 ? 1 : 0;
  }
  return { value, combined };
}

function unitIssues(plan: Plan, units: readonly Unit[]): EngineIssue[] {
  const issues: EngineIssue[] = [];
  const classes = new Set(plan.classes.map((c) => c.code));
  const bounds = plan.elasticity ?? DEFAULT_ELASTICITY;
  const seen = new Set<string>();
  units.forEach((u, i) => {
    const issue = (code: string, field: string, zh: string, en: string) =>
      issues.push({ severity: 'error', code, path: ['units', i, field], message: text(zh, en) });
    if (seen.has(u.code))
      issue('duplicate_unit', 'code', `单位代码 ${u.code} 重复`, `Unit code ${u.code} appears twice`);
    seen.add(u.code);
    if (!classes.has(u.class)) {
      issue(
        'unknown_class',
        'class',
        `单位 ${u.code}（${u.name}）的类别“${u.class}”不在方案中`,
        `Unit ${u.code} (${u.name}) has class "${u.class}", which the plan does not define`,
      );
    }
    const e = u.elasticity;
    if (e !== undefined && !(e >= bounds.min && e <= bounds.max)) {
      issue(
        'elasticity_bounds',
        'elasticity',
        `单位 ${u.code} 的弹性系数 ${e} 超出方案允许的范围 ${bounds.min}–${bounds.max}`,
        `Unit ${u.code} has elasticity ${e}, outside the plan's bounds ${bounds.min}–${bounds.max}`,
      );
    }
  });
  return issues;
}
