import type { IndicatorNode, Plan } from '@xiaoneng/engine';
import { isGroup } from './plan-tree';

/** One difference between two versions of a plan, as the version history lists it. */
export interface PlanChange {
  /** What kind of thing changed. */
  area: 'node' | 'element' | 'class' | 'grading' | 'adjustment' | 'plan';
  change: 'added' | 'removed' | 'changed' | 'moved';
  /** Code of the node, element, class or item ('' for plan settings); a class tree's nodes read `class:code`. */
  code: string;
  name: string;
  /** For `changed`: the field, and its value before and after (as text). */
  field?: string;
  before?: string;
  after?: string;
}

const NODE_FIELDS = [
  'name',
  'weight',
  'kind',
  'direction',
  'formula',
  'method',
  'unit',
  'baseline',
  'target',
  'stretch',
  'core',
  'missing',
  'sources',
  'dataSources',
  'description',
] as const;

/** JSON with object keys sorted: stored documents are canonical, older ones may not be. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

function text(v: unknown): string {
  if (v === undefined) return '—';
  return typeof v === 'string' ? v : stable(v);
}

function flatten(
  tree: readonly IndicatorNode[],
  prefix: string,
): Map<string, { node: IndicatorNode; parent: string }> {
  const out = new Map<string, { node: IndicatorNode; parent: string }>();
  const walk = (nodes: readonly IndicatorNode[], parent: string) => {
    for (const n of nodes) {
      out.set(`${prefix}${n.code}`, { node: n, parent });
      if (isGroup(n)) walk(n.children, n.code);
    }
  };
  walk(tree, '');
  return out;
}

function byCode<T extends { code: string }>(list: readonly T[] | undefined): Map<string, T> {
  return new Map((list ?? []).map((x) => [x.code, x]));
}

function compareFields<T extends object>(
  out: PlanChange[],
  area: PlanChange['area'],
  code: string,
  name: string,
  a: T,
  b: T,
  fields: readonly string[],
): void {
  for (const f of fields) {
    const x = (a as Record<string, unknown>)[f];
    const y = (b as Record<string, unknown>)[f];
    if (stable(x) !== stable(y))
      out.push({ area, change: 'changed', code, name, field: f, before: text(x), after: text(y) });
  }
}

function compareLists<T extends { code: string; name: string }>(
  out: PlanChange[],
  area: PlanChange['area'],
  a: readonly T[] | undefined,
  b: readonly T[] | undefined,
  fields: readonly string[],
): void {
  const before = byCode(a);
  const after = byCode(b);
  for (const [code, x] of before) {
    const y = after.get(code);
    if (y === undefined) out.push({ area, change: 'removed', code, name: x.name });
    else compareFields(out, area, code, y.name, x, y, fields);
  }
  for (const [code, y] of after)
    if (!before.has(code)) out.push({ area, change: 'added', code, name: y.name });
}

/**
 * What changed from `a` to `b`: nodes added, removed, moved (another parent) and changed field by field
 * (weights, methods, formulas …), then elements, classes (weights, exclusions, own trees), bonus, deduction
 * and veto items, grading and plan settings.
 */
export function diffPlans(a: Plan, b: Plan): PlanChange[] {
  const out: PlanChange[] = [];
  const trees: [string, IndicatorNode[] | undefined, IndicatorNode[] | undefined][] = [['', a.tree, b.tree]];
  const classCodes = new Set([...a.classes.map((c) => c.code), ...b.classes.map((c) => c.code)]);
  for (const c of classCodes) {
    const x = a.classes.find((k) => k.code === c)?.tree;
    const y = b.classes.find((k) => k.code === c)?.tree;
    if (x !== undefined || y !== undefined) trees.push([`${c}:`, x, y]);
  }
  for (const [prefix, x, y] of trees) {
    const before = flatten(x ?? [], prefix);
    const after = flatten(y ?? [], prefix);
    for (const [code, was] of before) {
      const now = after.get(code);
      if (now === undefined) {
        out.push({ area: 'node', change: 'removed', code, name: was.node.name });
        continue;
      }
      if (was.parent !== now.parent)
        out.push({
          area: 'node',
          change: 'moved',
          code,
          name: now.node.name,
          field: 'parent',
          before: was.parent || '—',
          after: now.parent || '—',
        });
      compareFields(out, 'node', code, now.node.name, was.node, now.node, NODE_FIELDS);
    }
    for (const [code, now] of after)
      if (!before.has(code)) out.push({ area: 'node', change: 'added', code, name: now.node.name });
  }
  compareLists(out, 'element', a.elements, b.elements, [
    'name',
    'unit',
    'rollup',
    'min',
    'max',
    'help',
    'formula',
  ]);
  compareLists(out, 'class', a.classes, b.classes, ['name', 'weights', 'exclude']);
  for (const key of ['bonus', 'deduction', 'veto'] as const) {
    const items = (p: Plan) => p[key] as readonly { code: string; name: string }[] | undefined;
    compareLists(out, 'adjustment', items(a), items(b), [
      'name',
      'formula',
      'condition',
      'pointsPer',
      'cap',
      'description',
    ]);
  }
  compareFields(out, 'grading', '', '', a.grading, b.grading, ['thresholds', 'quotas', 'tieRule']);
  compareFields(out, 'plan', '', '', a, b, [
    'name',
    'periodType',
    'fullMarks',
    'bonusCap',
    'deductionCap',
    'rankAcrossClasses',
    'elasticity',
    'sources',
    'missing',
  ]);
  return out;
}
