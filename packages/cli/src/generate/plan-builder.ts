import type { DataElement, IndicatorNode, LeafNode, Plan, UnitClass } from '@xiaoneng/engine';
import { DEFAULT_SOURCE_RULE, isLeaf } from '@xiaoneng/engine';
import { elementRefs, shiftedRefs } from './element-refs.js';
import {
  ALL_ELEMENTS,
  BONUS,
  BONUS_CAP,
  DEDUCTION,
  DEDUCTION_CAP,
  DIMENSIONS,
  type ElementSpec,
  FAMILY_LEAVES,
  LEAVES,
  type LeafTemplate,
  SELECTION_ORDER,
  VETO,
} from './indicator-catalog.js';
import { CLASSES, type ClassCode } from './unit-classes.js';

export interface BuiltPlan {
  plan: Plan;
  /** The chosen leaves with their node codes, in tree order. */
  leaves: { code: string; template: LeafTemplate }[];
  /** Specs of the plan's elements, in plan order (computed ones included). */
  elements: ElementSpec[];
  /** Per class: the elements its units report (those its leaves, computed elements and items read). */
  reported: Map<ClassCode, ElementSpec[]>;
  /** Elements some formula reads for the period before (lastYear/prev), or whose leaf carries missing values. */
  needsPrevious: Set<string>;
}

export interface PlanOptions {
  indicators: number;
  year: number;
  provinceName: string;
}

/** Minimum result-indicator share the generator keeps, a little above the 60% rule so rounding never breaks it. */
const RESULT_SHARE_FLOOR = 0.62;

const SPEC_BY_CODE = new Map(ALL_ELEMENTS.map((e) => [e.code, e]));

/** Integer parts of 10000 in proportion to `raw` (largest remainder), so siblings add up to exactly 1. */
export function tenThousandths(raw: readonly number[]): number[] {
  const sum = raw.reduce((a, b) => a + b, 0);
  const exact = raw.map((x) => (x / sum) * 10000);
  const out = exact.map(Math.floor);
  const left = 10000 - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < left; k++) out[order[k]![1]]! += 1;
  return out;
}

interface Slot {
  /** A group of leaves, or one leaf standing alone under the dimension. */
  group?: string;
  leaves: LeafTemplate[];
}

function slotsOfDimension(dim: number, chosen: ReadonlySet<string>): Slot[] {
  const slots: Slot[] = [];
  const byGroup = new Map<string, Slot>();
  for (const t of [...LEAVES, ...FAMILY_LEAVES]) {
    if (t.dim !== dim || !chosen.has(t.key)) continue;
    const key = t.group ?? t.key;
    let slot = byGroup.get(key);
    if (!slot) {
      slot = t.group === undefined ? { leaves: [] } : { group: t.group, leaves: [] };
      byGroup.set(key, slot);
      slots.push(slot);
    }
    slot.leaves.push(t);
  }
  // A group of one is just its leaf: no level that says nothing.
  return slots.map((s) => (s.leaves.length === 1 ? { leaves: s.leaves } : s));
}

function leafNode(t: LeafTemplate, code: string, weight: number): LeafNode {
  const n: LeafNode = {
    code,
    name: t.name,
    weight,
    kind: t.kind,
    direction: t.direction,
    formula: t.formula,
    method: t.method,
  };
  if (t.description !== undefined) n.description = t.description;
  if (t.unit !== undefined) n.unit = t.unit;
  if (t.baseline !== undefined) n.baseline = t.baseline;
  if (t.target !== undefined) n.target = t.target;
  if (t.stretch !== undefined) n.stretch = t.stretch;
  if (t.core) n.core = true;
  if (t.missing !== undefined) n.missing = t.missing;
  if (t.sources !== undefined) n.sources = t.sources;
  if (t.dataSources !== undefined) n.dataSources = t.dataSources;
  return n;
}

function buildTree(chosen: ReadonlySet<string>, resultBoost: number) {
  const importance = (t: LeafTemplate) => t.weight * (t.kind === 'result' ? resultBoost : 1);
  const leaves: { code: string; template: LeafTemplate }[] = [];
  const groupCodes = new Map<string, { code: string; templates: LeafTemplate[] }>();
  const tree: IndicatorNode[] = DIMENSIONS.map((d, di) => {
    const slots = slotsOfDimension(di + 1, chosen);
    const slotWeights = tenThousandths(slots.map((s) => s.leaves.reduce((a, t) => a + importance(t), 0)));
    const children: IndicatorNode[] = slots.map((slot, si) => {
      const code = `${d.code}.${String(si + 1).padStart(2, '0')}`;
      const weight = slotWeights[si]! / 10000;
      if (slot.group === undefined) {
        const t = slot.leaves[0]!;
        leaves.push({ code, template: t });
        return leafNode(t, code, weight);
      }
      const inner = tenThousandths(slot.leaves.map(importance));
      groupCodes.set(code, { code, templates: slot.leaves });
      return {
        code,
        name: slot.group,
        weight,
        children: slot.leaves.map((t, li) => {
          const leafCode = `${code}.${li + 1}`;
          leaves.push({ code: leafCode, template: t });
          return leafNode(t, leafCode, inner[li]! / 10000);
        }),
      };
    });
    return { code: d.code, name: d.name, weight: d.weight / 10000, children };
  });
  return { tree, leaves, groupCodes };
}

function buildClasses(
  leaves: readonly { code: string; template: LeafTemplate }[],
  groupCodes: ReadonlyMap<string, { templates: LeafTemplate[] }>,
): UnitClass[] {
  return CLASSES.map((c) => {
    const uc: UnitClass = { code: c.code, name: c.name };
    if (c.dimensionWeights) {
      uc.weights = Object.fromEntries(DIMENSIONS.map((d, i) => [d.code, c.dimensionWeights![i]! / 10000]));
    }
    const exclude: string[] = [];
    const excludedGroups = new Set<string>();
    for (const [code, g] of groupCodes) {
      if (g.templates.every((t) => !t.classes.includes(c.code))) {
        exclude.push(code);
        excludedGroups.add(code);
      }
    }
    for (const l of leaves) {
      if (l.template.classes.includes(c.code)) continue;
      const parent = l.code.split('.').slice(0, 2).join('.');
      if (parent !== l.code && excludedGroups.has(parent)) continue;
      exclude.push(l.code);
    }
    if (exclude.length > 0) uc.exclude = exclude.sort(compareCodes);
    return uc;
  });
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Absolute weight of every leaf for a class (product of weights along the path, with the class's weight
 * overrides and exclusions, siblings re-normalised). Without a class, the plan's own tree.
 */
export function leafWeights(plan: Plan, classCode?: string): Map<string, number> {
  const cls = plan.classes.find((c) => c.code === classCode);
  const excluded = new Set(cls?.exclude ?? []);
  const out = new Map<string, number>();
  const walk = (nodes: readonly IndicatorNode[], share: number) => {
    const kept = nodes.filter((n) => !excluded.has(n.code));
    const weightOf = (n: IndicatorNode) => cls?.weights?.[n.code] ?? n.weight;
    const sum = kept.reduce((a, n) => a + weightOf(n), 0);
    for (const n of kept) {
      const w = sum > 0 ? (share * weightOf(n)) / sum : 0;
      if (isLeaf(n)) out.set(n.code, w);
      else walk(n.children, w);
    }
  };
  walk(plan.tree, 1);
  return out;
}

/** Share of the total weight on result indicators (结果指标), for a class or the plan's own tree. */
export function resultShare(plan: Plan, classCode?: string): number {
  const kinds = new Map<string, string>();
  const collect = (nodes: readonly IndicatorNode[]) => {
    for (const n of nodes) {
      if (isLeaf(n)) kinds.set(n.code, n.kind);
      else collect(n.children);
    }
  };
  collect(plan.tree);
  let share = 0;
  for (const [code, w] of leafWeights(plan, classCode)) if (kinds.get(code) === 'result') share += w;
  return share;
}

/** Every element a formula needs, computed elements followed to the reported ones they read. */
function closure(formulas: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (code: string) => {
    if (seen.has(code)) return;
    seen.add(code);
    const spec = SPEC_BY_CODE.get(code);
    if (!spec) throw new Error(`catalog formula reads unknown element ${code}`);
    if (spec.formula) for (const r of elementRefs(spec.formula)) visit(r);
  };
  for (const f of formulas) for (const r of elementRefs(f)) visit(r);
  return seen;
}

const ITEM_FORMULAS = [
  ...BONUS.map((b) => b.formula),
  ...DEDUCTION.map((d) => d.formula),
  ...VETO.map((v) => v.condition),
];

function dataElement(s: ElementSpec): DataElement {
  const e: DataElement = { code: s.code, name: s.name, rollup: s.rollup };
  if (s.unit !== undefined) e.unit = s.unit;
  if (s.min !== undefined) e.min = s.min;
  if (s.max !== undefined) e.max = s.max;
  if (s.formula !== undefined) e.formula = s.formula;
  return e;
}

/** The plan of a generated province with `indicators` leaves. Depends on the options only, not the seed. */
export function buildPlan(opts: PlanOptions): BuiltPlan {
  const chosen = new Set(SELECTION_ORDER.slice(0, opts.indicators).map((t) => t.key));
  let boost = 1;
  for (;;) {
    const { tree, leaves, groupCodes } = buildTree(chosen, boost);
    const classes = buildClasses(leaves, groupCodes);
    const used = closure([...leaves.map((l) => l.template.formula), ...ITEM_FORMULAS]);
    const elements = ALL_ELEMENTS.filter((e) => used.has(e.code));
    const plan: Plan = {
      format: 1,
      id: `demo-${opts.year}`,
      name: `${opts.provinceName}${opts.year}年度政府效能考核方案`,
      version: 1,
      periodType: 'year',
      fullMarks: 100,
      elements: elements.map(dataElement),
      tree,
      classes,
      bonus: BONUS.map((b) => ({ ...b })),
      bonusCap: BONUS_CAP,
      deduction: DEDUCTION.map((d) => ({ ...d })),
      deductionCap: DEDUCTION_CAP,
      veto: VETO.map((v) => ({ ...v })),
      grading: {
        thresholds: [
          { grade: 'A', min: 90, label: '优秀' },
          { grade: 'B', min: 80, label: '良好' },
          { grade: 'C', min: 60, label: '一般' },
          { grade: 'D', label: '较差' },
        ],
        quotas: { A: 0.2 },
        tieRule: 'strict',
      },
      rankAcrossClasses: false,
      elasticity: { min: 0.8, max: 1.2 },
      sources: { combine: 'precedence', order: [...DEFAULT_SOURCE_RULE.order] },
      missing: 'zero',
    };
    const shares = [resultShare(plan), ...classes.map((c) => resultShare(plan, c.code))];
    if (Math.min(...shares) < RESULT_SHARE_FLOOR) {
      // Lean on result indicators until every class clears the floor (a few rounds at most).
      if (boost > 50) throw new Error('cannot reach the result-indicator share');
      boost *= 1.25;
      continue;
    }
    return { plan, leaves, elements, ...reportedByClass(plan, leaves) };
  }
}

function reportedByClass(
  plan: Plan,
  leaves: readonly { code: string; template: LeafTemplate }[],
): Pick<BuiltPlan, 'reported' | 'needsPrevious'> {
  const reported = new Map<ClassCode, ElementSpec[]>();
  const needsPrevious = new Set<string>();
  for (const l of leaves) {
    const f = l.template.formula;
    for (const code of shiftedRefs(f)) for (const c of closure([`#{${code}}`])) needsPrevious.add(c);
    if (l.template.missing === 'carry') for (const c of closure([f])) needsPrevious.add(c);
  }
  for (const c of CLASSES) {
    const weights = leafWeights(plan, c.code);
    const formulas = leaves.filter((l) => weights.has(l.code)).map((l) => l.template.formula);
    const used = closure([...formulas, ...ITEM_FORMULAS]);
    reported.set(
      c.code,
      ALL_ELEMENTS.filter((e) => used.has(e.code) && e.model !== undefined),
    );
  }
  // Only reported elements are ever written, for any period.
  for (const code of needsPrevious)
    if (SPEC_BY_CODE.get(code)?.model === undefined) needsPrevious.delete(code);
  return { reported, needsPrevious };
}
