import type { EngineIssue, IndicatorNode, LeafNode, Plan, UnitClass } from '@xiaoneng/engine';

/**
 * Pure edits and sums of a plan document's indicator trees, for the designer. A node is addressed by its
 * path in the document, as the engine's issues are: ['tree', 0, 'children', 2] or ['classes', 1, 'tree', 0].
 * Every edit returns a new document; the one given is never changed.
 */

export type DocPath = (string | number)[];

export function pathKey(path: readonly (string | number)[]): string {
  return path.join('/');
}

export function isGroup(node: IndicatorNode): node is IndicatorNode & { children: IndicatorNode[] } {
  return 'children' in node;
}

/** The list a tree path's nodes live in: ['tree'] is the plan's dimensions, [..., 'children'] a group's. */
function listAt(plan: Plan, listPath: DocPath): IndicatorNode[] | undefined {
  let v: unknown = plan;
  for (const k of listPath) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return Array.isArray(v) ? (v as IndicatorNode[]) : undefined;
}

export function nodeAt(plan: Plan, path: DocPath): IndicatorNode | undefined {
  const list = listAt(plan, path.slice(0, -1));
  const i = path[path.length - 1];
  return typeof i === 'number' ? list?.[i] : undefined;
}

function edit(plan: Plan, change: (copy: Plan) => void): Plan {
  const copy = structuredClone(plan);
  change(copy);
  return copy;
}

export function replaceNode(plan: Plan, path: DocPath, node: IndicatorNode): Plan {
  return edit(plan, (copy) => {
    const list = listAt(copy, path.slice(0, -1));
    const i = path[path.length - 1] as number;
    if (list !== undefined) list[i] = node;
  });
}

/** A new leaf with sensible defaults and a code not used in the plan yet. */
export function newLeaf(plan: Plan, weight: number): LeafNode {
  const element = plan.elements.find((e) => e.formula === undefined) ?? plan.elements[0];
  return {
    code: freeCode(plan, 'indicator'),
    name: '',
    weight,
    kind: 'result',
    direction: 'up',
    formula: element === undefined ? '' : `#{${element.code}}`,
    method: { type: 'minmax' },
  };
}

export function freeCode(plan: Plan, stem: string): string {
  const used = new Set<string>();
  walkAll(plan, (n) => used.add(n.code));
  for (let i = 1; ; i++) if (!used.has(`${stem}${i}`)) return `${stem}${i}`;
}

/**
 * Adds `node` as the last child of the group at `parent`, or as a new dimension of the tree at `treePath`
 * (['tree'] or ['classes', i, 'tree']) when `parent` is null. A leaf that gets a child becomes a group: its
 * scoring fields go, as a group has none.
 */
export function addNode(plan: Plan, treePath: DocPath, parent: DocPath | null, node: IndicatorNode): Plan {
  return edit(plan, (copy) => {
    if (parent === null) {
      listAt(copy, treePath)?.push(node);
      return;
    }
    const list = listAt(copy, parent.slice(0, -1));
    const i = parent[parent.length - 1] as number;
    const at = list?.[i];
    if (list === undefined || at === undefined) return;
    if (isGroup(at)) at.children.push(node);
    else list[i] = groupOf(at, [node]);
  });
}

function groupOf(node: IndicatorNode, children: IndicatorNode[]): IndicatorNode {
  const { code, name, weight, description } = node;
  return { code, name, weight, ...(description === undefined ? {} : { description }), children };
}

export function removeNode(plan: Plan, path: DocPath): Plan {
  return edit(plan, (copy) => {
    listAt(copy, path.slice(0, -1))?.splice(path[path.length - 1] as number, 1);
  });
}

/** Moves a node one place up (-1) or down (+1) among its siblings. */
export function moveAmongSiblings(plan: Plan, path: DocPath, by: -1 | 1): Plan {
  return edit(plan, (copy) => {
    const list = listAt(copy, path.slice(0, -1));
    const i = path[path.length - 1] as number;
    const j = i + by;
    if (list === undefined || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
  });
}

/**
 * Moves the node at `from` to become the child number `index` of the group at `to` (null: a dimension of
 * the tree at `treePath`). Refused (the plan comes back unchanged) when `to` lies inside the node itself.
 */
export function moveNode(
  plan: Plan,
  treePath: DocPath,
  from: DocPath,
  to: DocPath | null,
  index: number,
): Plan {
  if (to !== null && pathKey(to).startsWith(`${pathKey(from)}/`)) return plan;
  if (to !== null && pathKey(to) === pathKey(from)) return plan;
  const node = nodeAt(plan, from);
  if (node === undefined) return plan;
  return edit(plan, (copy) => {
    const target = to === null ? listAt(copy, treePath) : childrenOf(copy, to);
    if (target === undefined) return;
    // Insert first, then remove the original by identity: indices of `from` may shift.
    const original = nodeAt(copy, from)!;
    const moved = structuredClone(node);
    target.splice(Math.max(0, Math.min(index, target.length)), 0, moved);
    for (const list of allLists(copy)) {
      const k = list.indexOf(original);
      if (k >= 0) list.splice(k, 1);
    }
  });
}

function childrenOf(plan: Plan, path: DocPath): IndicatorNode[] | undefined {
  const list = listAt(plan, path.slice(0, -1));
  const i = path[path.length - 1] as number;
  const at = list?.[i];
  if (list === undefined || at === undefined) return undefined;
  if (!isGroup(at)) list[i] = groupOf(at, []);
  return (list[i] as IndicatorNode & { children: IndicatorNode[] }).children;
}

function allLists(plan: Plan): IndicatorNode[][] {
  const out: IndicatorNode[][] = [];
  const visit = (list: IndicatorNode[]) => {
    out.push(list);
    for (const n of list) if (isGroup(n)) visit(n.children);
  };
  visit(plan.tree);
  for (const c of plan.classes) if (c.tree !== undefined) visit(c.tree);
  return out;
}

export function walkAll(plan: Plan, visit: (node: IndicatorNode, path: DocPath) => void): void {
  const walk = (list: readonly IndicatorNode[], path: DocPath) =>
    list.forEach((n, i) => {
      visit(n, [...path, i]);
      if (isGroup(n)) walk(n.children, [...path, i, 'children']);
    });
  walk(plan.tree ?? [], ['tree']);
  (plan.classes ?? []).forEach((c, ci) => {
    if (c.tree !== undefined) walk(c.tree, ['classes', ci, 'tree']);
  });
}

/** Σ of sibling weights, rounded to hide binary noise (0.1 + 0.2). */
export function weightSum(nodes: readonly IndicatorNode[]): number {
  return Number(nodes.reduce((s, n) => s + (Number.isFinite(n.weight) ? n.weight : 0), 0).toPrecision(12));
}

export const WEIGHT_TOLERANCE = 1e-9;

export function sumsToOne(sum: number): boolean {
  return Math.abs(sum - 1) <= WEIGHT_TOLERANCE;
}

/**
 * The share of result indicators in a tree: the product of weights down to each result leaf, summed, with a
 * class's overrides and exclusions applied (a level that lost nodes is re-normalised over the rest, as the
 * engine does).
 */
export function resultShare(
  tree: readonly IndicatorNode[],
  cls?: Pick<UnitClass, 'weights' | 'exclude'>,
): number {
  const excluded = new Set(cls?.exclude ?? []);
  const share = (nodes: readonly IndicatorNode[], factor: number): number => {
    const kept = nodes.filter((n) => !excluded.has(n.code));
    const weights = kept.map((n) => cls?.weights?.[n.code] ?? n.weight);
    const lost = kept.length < nodes.length;
    const total = weights.reduce((a, b) => a + b, 0);
    let out = 0;
    kept.forEach((n, i) => {
      const w = lost && total > 0 ? weights[i]! / total : weights[i]!;
      if (isGroup(n)) out += share(n.children, factor * w);
      else if (n.kind === 'result') out += factor * w;
    });
    return out;
  };
  return share(tree, 1);
}

/** Per level of a class's tree: its weights after overrides and exclusions, and whether they must add up to 1. */
export interface ClassLevel {
  /** Code of the group the level belongs to; '' for the dimensions. */
  parent: string;
  nodes: { code: string; name: string; weight: number; overridden: boolean; excluded: boolean }[];
  sum: number;
  /** A level that lost nodes is re-normalised by the engine and need not add up to 1. */
  renormalised: boolean;
}

export function classLevels(plan: Plan, cls: UnitClass): ClassLevel[] {
  const excluded = new Set(cls.exclude ?? []);
  const out: ClassLevel[] = [];
  const visit = (nodes: readonly IndicatorNode[], parent: string) => {
    const level: ClassLevel = {
      parent,
      nodes: nodes.map((n) => ({
        code: n.code,
        name: n.name,
        weight: cls.weights?.[n.code] ?? n.weight,
        overridden: cls.weights?.[n.code] !== undefined,
        excluded: excluded.has(n.code),
      })),
      sum: 0,
      renormalised: false,
    };
    level.renormalised = level.nodes.some((n) => n.excluded);
    level.sum = weightSum(
      level.nodes.filter((n) => !n.excluded).map((n) => ({ weight: n.weight }) as IndicatorNode),
    );
    out.push(level);
    for (const n of nodes) if (isGroup(n) && !excluded.has(n.code)) visit(n.children, n.code);
  };
  visit(cls.tree ?? plan.tree, '');
  return out;
}

/**
 * The engine's issues by the node they concern: an issue at a node's field belongs to the node; a sum of
 * a group's children (`[…, 'children']`) to the group; a sum of the dimensions (`['tree']`) to the key
 * 'tree' (and 'classes/i/tree' for a class's own tree).
 */
export function issuesByNode(issues: readonly EngineIssue[]): Map<string, EngineIssue[]> {
  const out = new Map<string, EngineIssue[]>();
  for (const issue of issues) {
    const key = nodeKeyOf(issue.path);
    if (key === undefined) continue;
    out.set(key, [...(out.get(key) ?? []), issue]);
  }
  return out;
}

export function nodeKeyOf(path: readonly (string | number)[]): string | undefined {
  let start: number;
  if (path[0] === 'tree') start = 1;
  else if (path[0] === 'classes' && path[2] === 'tree') start = 3;
  else return undefined;
  let end = start;
  // Follow index, 'children', index, … as deep as the path goes.
  while (typeof path[end] === 'number') {
    if (path[end + 1] === 'children' && typeof path[end + 2] === 'number') end += 2;
    else break;
  }
  if (typeof path[end] !== 'number') return pathKey(path.slice(0, start));
  return pathKey(path.slice(0, end + 1));
}
