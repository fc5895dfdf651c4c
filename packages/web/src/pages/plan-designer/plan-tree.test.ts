import { type Plan, validatePlan } from '@xiaoneng/engine';
import { describe, expect, it } from 'vitest';
import { diffPlans } from './plan-diff';
import {
  addNode,
  classLevels,
  issuesByNode,
  moveAmongSiblings,
  moveNode,
  nodeAt,
  nodeKeyOf,
  removeNode,
  resultShare,
  weightSum,
} from './plan-tree';

function plan(): Plan {
  const leaf = (code: string, weight: number, kind: 'result' | 'process') => ({
    code,
    name: code,
    weight,
    kind,
    direction: 'up' as const,
    formula: '#{x}',
    method: { type: 'minmax' as const },
  });
  return {
    format: 1,
    id: 'P',
    name: 'P',
    version: 1,
    periodType: 'year',
    elements: [{ code: 'x', name: 'x', rollup: 'sum' }],
    tree: [
      {
        code: 'A',
        name: 'A',
        weight: 0.6,
        children: [leaf('a1', 0.5, 'result'), leaf('a2', 0.5, 'process')],
      },
      { code: 'B', name: 'B', weight: 0.4, children: [leaf('b1', 1, 'result')] },
    ],
    classes: [
      { code: 'c', name: 'c' },
      { code: 'd', name: 'd', weights: { A: 0.5, B: 0.5 }, exclude: ['a2'] },
    ],
    grading: { thresholds: [{ grade: 'A', min: 90 }, { grade: 'B' }] },
  };
}

describe('plan tree edits', () => {
  it('adds, removes, reorders and moves nodes without touching the plan given', () => {
    const p = plan();
    const before = JSON.stringify(p);
    const added = addNode(p, ['tree'], ['tree', 1], {
      ...nodeAt(p, ['tree', 1, 'children', 0])!,
      code: 'b2',
    });
    expect(nodeAt(added, ['tree', 1, 'children', 1])?.code).toBe('b2');
    expect(removeNode(p, ['tree', 0, 'children', 0]).tree[0]).toMatchObject({ children: [{ code: 'a2' }] });
    expect(moveAmongSiblings(p, ['tree', 1], -1).tree.map((n) => n.code)).toEqual(['B', 'A']);
    expect(moveAmongSiblings(p, ['tree', 0], -1).tree.map((n) => n.code)).toEqual(['A', 'B']);
    // a2 into B, after b1.
    const moved = moveNode(p, ['tree'], ['tree', 0, 'children', 1], ['tree', 1], 1);
    expect(moved.tree.map((n) => ('children' in n ? n.children.map((c) => c.code) : []))).toEqual([
      ['a1'],
      ['b1', 'a2'],
    ]);
    // A node cannot move into itself.
    expect(moveNode(p, ['tree'], ['tree', 0], ['tree', 0, 'children', 0], 0)).toBe(p);
    // A leaf that gets a child becomes a group and loses its scoring fields.
    const grouped = addNode(p, ['tree'], ['tree', 1, 'children', 0], {
      ...nodeAt(p, ['tree', 1, 'children', 0])!,
      code: 'b1x',
    });
    expect(nodeAt(grouped, ['tree', 1, 'children', 0])).toEqual({
      code: 'b1',
      name: 'b1',
      weight: 1,
      children: [expect.objectContaining({ code: 'b1x' })],
    });
    expect(JSON.stringify(p)).toBe(before);
  });

  it('sums weights, the result share and a class’s levels as the engine does', () => {
    const p = plan();
    expect(weightSum([{ weight: 0.1 }, { weight: 0.2 }, { weight: 0.7 }] as never)).toBe(1);
    // 0.6 × 0.5 + 0.4 × 1 = 0.7
    expect(resultShare(p.tree)).toBeCloseTo(0.7, 12);
    // Class d: a2 excluded, so a1 carries A alone: 0.5 × 1 + 0.5 × 1 = 1.
    expect(resultShare(p.tree, p.classes[1])).toBeCloseTo(1, 12);
    const levels = classLevels(p, p.classes[1]!);
    expect(levels.map((l) => [l.parent, l.sum, l.renormalised])).toEqual([
      ['', 1, false],
      ['A', 0.5, true],
      ['B', 1, false],
    ]);
  });

  it('puts each engine issue at the node it concerns', () => {
    const p = plan();
    const broken = structuredClone(p);
    (broken.tree[0] as { children: { weight: number }[] }).children[0]!.weight = 0.7;
    const issues = validatePlan(broken).issues;
    const byNode = issuesByNode(issues);
    expect(byNode.get('tree/0')?.map((i) => i.code)).toEqual(['weights_sum']);
    expect(nodeKeyOf(['tree'])).toBe('tree');
    expect(nodeKeyOf(['tree', 0, 'children', 1, 'method', 'bands', 0])).toBe('tree/0/children/1');
    expect(nodeKeyOf(['classes', 2, 'tree', 0, 'weight'])).toBe('classes/2/tree/0');
    expect(nodeKeyOf(['classes', 2, 'weights'])).toBeUndefined();
  });
});

describe('plan diff', () => {
  it('lists nodes added, removed, moved and changed field by field, then classes', () => {
    const a = plan();
    let b = moveNode(a, ['tree'], ['tree', 0, 'children', 1], ['tree', 1], 1);
    b = removeNode(b, ['tree', 0, 'children', 0]);
    b = structuredClone(b);
    b.tree[1]!.weight = 0.5;
    b.classes[0] = { ...b.classes[0]!, exclude: ['b1'] };
    expect(diffPlans(a, b)).toEqual([
      { area: 'node', change: 'removed', code: 'a1', name: 'a1' },
      { area: 'node', change: 'moved', code: 'a2', name: 'a2', field: 'parent', before: 'A', after: 'B' },
      { area: 'node', change: 'changed', code: 'B', name: 'B', field: 'weight', before: '0.4', after: '0.5' },
      {
        area: 'class',
        change: 'changed',
        code: 'c',
        name: 'c',
        field: 'exclude',
        before: '—',
        after: '["b1"]',
      },
    ]);
    expect(diffPlans(a, a)).toEqual([]);
  });
});
