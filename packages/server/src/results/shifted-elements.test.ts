import { describe, expect, it } from 'vitest';
import { handPlan } from './results-fixture.js';
import { shiftedElements } from './shifted-elements.js';

describe('shiftedElements', () => {
  it('is empty when no formula reads an earlier period', () => {
    expect([...shiftedElements(handPlan())]).toEqual([]);
  });

  it('collects elements read shifted, and what computed ones among them are made of', () => {
    const plan = handPlan();
    plan.elements.push(
      { code: 'days', name: '天数', rollup: 'avg' },
      { code: 'cases', name: '件数', rollup: 'sum' },
      { code: 'closed', name: '办结', rollup: 'sum' },
      { code: 'rate', name: '办结率', rollup: 'avg', formula: '#{closed} / #{cases}' },
      { code: 'awards', name: '表彰', rollup: 'sum' },
    );
    const leaf = plan.tree[0]!;
    if (!('children' in leaf)) throw new Error('fixture changed');
    leaf.children.push({
      code: 'y',
      name: '压缩率',
      weight: 1,
      kind: 'result',
      direction: 'up',
      formula: '1 - #{days} / lastYear(#{days}) + #{rate} - prev(#{rate})',
      method: { type: 'target' },
      target: 1,
    });
    plan.bonus = [{ code: 'b', name: '加分', formula: '#{awards}', pointsPer: 1, cap: 2 }];
    expect([...shiftedElements(plan)].sort()).toEqual(['cases', 'closed', 'days', 'rate']);
  });

  it("reads every element of a leaf that carries last period's value forward", () => {
    const plan = handPlan();
    expect([...shiftedElements({ ...plan, missing: 'carry' })]).toEqual(['score']);
  });
});
