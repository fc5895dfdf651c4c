import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { IndicatorNode, LeafNode, Plan, ScoringMethod, SourceRule } from './plan.js';
import {
  indicatorNodeSchema,
  type leafNodeSchema,
  planJsonSchema,
  planSchema,
  type scoringMethodSchema,
  type sourceRuleSchema,
} from './plan-schema.js';
import { countyPlan } from './test-fixtures.js';
import { examplePlan } from './validate-plan.fixture.js';

describe('planSchema and the Plan type agree', () => {
  it('in both directions, down to the recursive tree', () => {
    expectTypeOf<z.infer<typeof planSchema>>().toExtend<Plan>();
    expectTypeOf<Plan>().toExtend<z.infer<typeof planSchema>>();
    expectTypeOf<z.infer<typeof indicatorNodeSchema>>().toExtend<IndicatorNode>();
    expectTypeOf<IndicatorNode>().toExtend<z.infer<typeof indicatorNodeSchema>>();
    expectTypeOf<z.infer<typeof leafNodeSchema>>().toExtend<LeafNode>();
    expectTypeOf<LeafNode>().toExtend<z.infer<typeof leafNodeSchema>>();
    expectTypeOf<z.infer<typeof scoringMethodSchema>>().toExtend<ScoringMethod>();
    expectTypeOf<ScoringMethod>().toExtend<z.infer<typeof scoringMethodSchema>>();
    expectTypeOf<z.infer<typeof sourceRuleSchema>>().toExtend<SourceRule>();
    expectTypeOf<SourceRule>().toExtend<z.infer<typeof sourceRuleSchema>>();
    // The checks can fail: a plan of another format is not what the schema yields.
    expectTypeOf<Omit<Plan, 'format'> & { format: 2 }>().not.toExtend<z.infer<typeof planSchema>>();
  });
});

describe('planSchema', () => {
  it('accepts the fixtures unchanged', () => {
    for (const plan of [examplePlan(), countyPlan()]) expect(planSchema.parse(plan)).toEqual(plan);
  });

  it('rejects unknown keys at every depth instead of dropping them', () => {
    const plan = examplePlan() as unknown as { tree: { children: Record<string, unknown>[] }[] };
    plan.tree[0]!.children[1]!.weigth = 0.3;
    const r = planSchema.safeParse(plan);
    expect(r.success).toBe(false);
  });

  it('tells a group from a leaf by its children', () => {
    const group = { code: 'g', name: 'G', weight: 1, children: [] };
    const leaf = {
      code: 'l',
      name: 'L',
      weight: 1,
      kind: 'result',
      direction: 'up',
      formula: '#{x}',
      method: { type: 'rank' },
    };
    expect(indicatorNodeSchema.safeParse(group).success).toBe(true);
    expect(indicatorNodeSchema.safeParse(leaf).success).toBe(true);
    expect(indicatorNodeSchema.safeParse({ ...leaf, children: [] }).success).toBe(false);
  });
});

describe('planJsonSchema', () => {
  const schema = planJsonSchema() as {
    $schema: string;
    additionalProperties: boolean;
    required: string[];
    properties: Record<string, { description?: string }>;
    $defs: Record<string, Record<string, unknown>>;
  };

  it('is draft 2020-12, strict, and serialisable', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual([
      'format',
      'id',
      'name',
      'version',
      'periodType',
      'elements',
      'tree',
      'classes',
      'grading',
    ]);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('names the shared shapes and refers to the recursive tree', () => {
    expect(Object.keys(schema.$defs).sort()).toEqual([
      'AdjustmentItem',
      'Band',
      'DataElement',
      'Grading',
      'GroupNode',
      'IndicatorNode',
      'LeafNode',
      'MissingPolicy',
      'ScoringMethod',
      'Source',
      'SourceRule',
      'UnitClass',
      'VetoItem',
    ]);
    expect(schema.$defs.IndicatorNode!.anyOf).toEqual([
      { $ref: '#/$defs/GroupNode' },
      { $ref: '#/$defs/LeafNode' },
    ]);
    const group = schema.$defs.GroupNode as {
      properties: { children: unknown };
      additionalProperties: boolean;
    };
    expect(group.properties.children).toEqual({
      type: 'array',
      items: { anyOf: [{ $ref: '#/$defs/GroupNode' }, { $ref: '#/$defs/LeafNode' }] },
    });
    expect(group.additionalProperties).toBe(false);
  });

  it('states the bounds validatePlan enforces, so editors flag them early', () => {
    const leaf = schema.$defs.LeafNode as { properties: { weight: Record<string, unknown> } };
    expect(leaf.properties.weight).toMatchObject({ type: 'number', exclusiveMinimum: 0, maximum: 1 });
    expect(schema.properties.classes).toMatchObject({ minItems: 1 });
  });

  it('describes every field in Chinese and English', () => {
    const descriptions: string[] = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'description' && typeof x === 'string') descriptions.push(x);
          else visit(x);
        }
      }
    };
    visit(schema);
    expect(descriptions.length).toBeGreaterThan(80);
    for (const d of descriptions) {
      const [zh, en, ...rest] = d.split('\n');
      expect(rest).toEqual([]);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[A-Za-z"(]/);
    }
    // Every property of the plan itself carries one.
    for (const [k, p] of Object.entries(schema.properties)) {
      expect({ k, has: typeof p.description === 'string' || '$ref' in p }).toEqual({ k, has: true });
    }
  });
});
