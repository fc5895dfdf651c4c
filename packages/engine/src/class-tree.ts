import { type IndicatorNode, isLeaf, type LeafNode, type Plan, type UnitClass } from './plan.js';
import type { NodeInfo } from './result.js';

/**
 * A unit class's indicator tree flattened for scoring: nodes in post-order (children before their parent),
 * each with the weight the class uses — its own override if any, and re-normalised over the siblings that
 * remain when the class excludes some.
 */
export interface ClassTree {
  cls: UnitClass;
  /** Post-order positions → index into the global node list. */
  node: Int32Array;
  weight: Float64Array;
  /** Position of the parent, -1 for dimensions. */
  parent: Int32Array;
  leaf: Uint8Array;
  /** For group positions, their children's positions in order. */
  children: Int32Array[];
  /** Positions of the dimensions in order. */
  roots: Int32Array;
}

export interface PlanNodes {
  /** Every node of every class tree, unique by code, in tree order (plan tree first). */
  infos: NodeInfo[];
  /** Leaf definitions by global node index (undefined for groups). */
  leaves: (LeafNode | undefined)[];
  index: Map<string, number>;
}

export function collectNodes(plan: Plan): PlanNodes {
  const infos: NodeInfo[] = [];
  const leaves: (LeafNode | undefined)[] = [];
  const index = new Map<string, number>();
  const visit = (nodes: readonly IndicatorNode[], depth: number, parent: number, dimension: string) => {
    for (const n of nodes) {
      const dim = depth === 0 ? n.code : dimension;
      let i = index.get(n.code);
      if (i === undefined) {
        i = infos.length;
        index.set(n.code, i);
        infos.push(nodeInfo(n, depth, parent, dim));
        leaves.push(isLeaf(n) ? n : undefined);
      }
      if (!isLeaf(n)) visit(n.children, depth + 1, i, dim);
    }
  };
  visit(plan.tree, 0, -1, '');
  for (const c of plan.classes) if (c.tree) visit(c.tree, 0, -1, '');
  return { infos, leaves, index };
}

function nodeInfo(n: IndicatorNode, depth: number, parent: number, dimension: string): NodeInfo {
  const base = { code: n.code, name: n.name, depth, parent, dimension };
  if (!isLeaf(n)) return { ...base, leaf: false };
  const info: NodeInfo = {
    ...base,
    leaf: true,
    kind: n.kind,
    direction: n.direction,
    method: n.method.type,
    formula: n.formula,
  };
  if (n.unit !== undefined) info.unit = n.unit;
  if (n.target !== undefined) info.target = n.target;
  if (n.baseline !== undefined) info.baseline = n.baseline;
  if (n.stretch !== undefined) info.stretch = n.stretch;
  if (n.core !== undefined) info.core = n.core;
  return info;
}

export function classTree(plan: Plan, cls: UnitClass, nodes: PlanNodes): ClassTree {
  const excluded = new Set(cls.exclude ?? []);
  const overrides = cls.weights ?? {};
  const node: number[] = [];
  const weight: number[] = [];
  const parent: number[] = [];
  const leaf: number[] = [];
  const children: Int32Array[] = [];
  const place = (list: readonly IndicatorNode[]): number[] => {
    const kept = list.filter((n) => !excluded.has(n.code));
    const ws = kept.map((n) => overrides[n.code] ?? n.weight);
    // Re-normalise only when the class left siblings out, so untouched levels keep the plan's exact weights.
    if (kept.length < list.length) {
      let sum = 0;
      for (const w of ws) sum += w;
      for (let i = 0; i < ws.length; i++) ws[i] = ws[i]! / sum;
    }
    return kept.map((n, i) => {
      const kids = isLeaf(n) ? [] : place(n.children);
      const pos = node.length;
      node.push(nodes.index.get(n.code)!);
      weight.push(ws[i]!);
      parent.push(-1);
      leaf.push(isLeaf(n) ? 1 : 0);
      children.push(Int32Array.from(kids));
      for (const k of kids) parent[k] = pos;
      return pos;
    });
  };
  const roots = place(cls.tree ?? plan.tree);
  return {
    cls,
    node: Int32Array.from(node),
    weight: Float64Array.from(weight),
    parent: Int32Array.from(parent),
    leaf: Uint8Array.from(leaf),
    children,
    roots: Int32Array.from(roots),
  };
}
