import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error.js';
import { pathToString } from './localised.js';
import type { IndicatorNode, Plan } from './plan.js';
import { planMessages } from './plan-messages.js';
import { score } from './score.js';
import { countyPlan } from './test-fixtures.js';
import { unitResult } from './unit-result.js';
import { examplePlan } from './validate-plan.fixture.js';
import { assertValidPlan, findCycles, PlanValidationError, validatePlan } from './validate-plan.js';
import { type DataValue, valueTable } from './value-table.js';

type Path = (string | number)[];

/** The example plan with values replaced at paths (undefined deletes), as a raw document. */
function patched(...patches: [Path, unknown][]): unknown {
  const doc: unknown = structuredClone(examplePlan());
  for (const [path, value] of patches) {
    let parent = doc as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return doc;
}

/** "code path", prefixed by "warning" for warnings: what the tables below pin. */
function brief(doc: unknown): string[] {
  return validatePlan(doc).issues.map((i) =>
    `${i.severity === 'warning' ? 'warning ' : ''}${i.code} ${pathToString(i.path)}`.trim(),
  );
}

const A: Path = ['tree', 0, 'children', 0]; // 审批时限压缩: linear, down, 15.3 → 6
const H: Path = ['tree', 0, 'children', 1]; // 热线及时响应率: linear, up, 0.75 → 0.98
const S: Path = ['tree', 0, 'children', 2]; // 群众满意度: linear with stretch, weighted sources
const R: Path = ['tree', 0, 'children', 3]; // 诉求首次响应时效: anchored, down
const BIZ: Path = ['tree', 1, 'children', 0]; // 营商环境评价: rankPoints 60…48, rest 45
const AGE: Path = ['tree', 1, 'children', 1]; // 干部队伍年龄结构: deviation from the class mean
const T: Path = ['tree', 2, 'children', 0]; // 重点改革任务完成率: target 1

describe('validatePlan on valid plans', () => {
  it('accepts the documented example and the scoring fixture with no issue at all', () => {
    for (const plan of [examplePlan(), countyPlan()]) {
      const r = validatePlan(plan);
      expect(r.issues).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.plan).toEqual(plan);
    }
  });

  it('returns a copy, not the input', () => {
    const plan = examplePlan();
    const r = validatePlan(plan);
    expect(r.plan).not.toBe(plan);
  });

  it('assertValidPlan returns the plan, or throws an EngineError carrying every issue', () => {
    expect(assertValidPlan(examplePlan())).toEqual(examplePlan());
    const bad = patched([[...T, 'target'], undefined], [['periodType'], 'week']);
    let thrown: unknown;
    try {
      assertValidPlan(bad);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PlanValidationError);
    expect(thrown).toBeInstanceOf(EngineError);
    const err = thrown as PlanValidationError;
    expect(err.name).toBe('PlanValidationError');
    expect(err.issues.map((i) => i.code)).toEqual(['invalid_value', 'target_missing']);
    expect(err.message).toContain('tree[2].children[0].target');
  });

  it('keeps a plan with warnings only valid', () => {
    const r = validatePlan(patched([[...H, 'kind'], 'process']));
    expect(r.ok).toBe(true);
    expect(r.plan).toBeDefined();
    expect(r.issues.every((i) => i.severity === 'warning')).toBe(true);
  });
});

/** [what, document, the issues expected — exactly these, in this order]. */
const cases: [string, unknown, string[]][] = [
  // shape
  [
    'a misspelt key, with the field it replaced',
    patched([[...A, 'weight'], undefined], [[...A, 'weigth'], 0.3]),
    ['unknown_field tree[0].children[0].weigth', 'missing_field tree[0].children[0].weight'],
  ],
  ['a weight given as text', patched([[...BIZ, 'weight'], '0.5']), ['wrong_type tree[1].children[0].weight']],
  ['an unknown period type', patched([['periodType'], 'week']), ['invalid_value periodType']],
  [
    'an unknown scoring method',
    patched([[...R, 'method'], { type: 'percent' }]),
    ['invalid_value tree[0].children[3].method.type'],
  ],
  [
    'a method without type',
    patched([[...R, 'method'], { outOf: 5 }]),
    ['missing_field tree[0].children[3].method.type'],
  ],
  [
    'a leaf without method',
    patched([[...T, 'method'], undefined]),
    ['missing_field tree[2].children[0].method'],
  ],
  ['leaf fields on a group', patched([['tree', 2, 'kind'], 'result']), ['unknown_field tree[2].kind']],
  ['a node that is not an object', patched([['tree', 3], 5]), ['wrong_type tree[3]']],
  ['another document format', patched([['format'], 2]), ['invalid_value format']],
  ['a fractional version', patched([['version'], 1.5]), ['wrong_type version']],
  ['version 0', patched([['version'], 0]), ['too_small version']],
  ['a version beyond safe integers', patched([['version'], 2 ** 60]), ['too_big version']],
  ['an empty name', patched([['elements', 5, 'name'], '']), ['too_small elements[5].name']],
  [
    'a quota for a grade that does not exist',
    patched([['grading', 'quotas'], { A: 0.2, E: 0.1 }]),
    ['unknown_field grading.quotas.E'],
  ],
  [
    'a deviation reference that is neither a number nor classMean',
    patched([[...AGE, 'method', 'reference'], 'mean']),
    ['wrong_type tree[1].children[1].method.reference'],
  ],
  [
    'an unknown source in source weights',
    patched([[...S, 'sources', 'weights'], { thirdParty: 0.35, press: 0.4 }]),
    ['unknown_field tree[0].children[2].sources.weights.press'],
  ],
  ['a document that is not an object', null, ['wrong_type']],

  // codes and structure
  [
    'a duplicated element code (the formula that used the lost code breaks too)',
    patched([['elements', 1, 'code'], 'approval.days']),
    ['duplicate_code elements[1].code', 'unknown_element elements[3].formula'],
  ],
  [
    'a duplicated node code',
    patched([[...T, 'code'], 'approval']),
    ['duplicate_code tree[2].children[0].code'],
  ],
  [
    'a duplicated class code',
    patched([['classes', 1, 'code'], 'district']),
    ['duplicate_code classes[1].code'],
  ],
  [
    'duplicated bonus, deduction and veto codes',
    patched(
      [['bonus', 1], { code: 'award', name: '省级表彰', formula: '#{award.count}', pointsPer: 0.5, cap: 1 }],
      [
        ['deduction', 1],
        { code: 'criticism', name: '市级通报', formula: '#{incident.count}', pointsPer: 1, cap: 2 },
      ],
      [['veto', 1, 'code'], 'safety'],
    ),
    ['duplicate_code bonus[1].code', 'duplicate_code deduction[1].code', 'duplicate_code veto[1].code'],
  ],
  ['no unit class', patched([['classes'], []]), ['classes_empty classes']],
  [
    'an empty plan tree that a class uses (the class overrides now point nowhere)',
    patched([['tree'], []]),
    [
      'tree_empty tree',
      'class_weight_unknown classes[1].weights.service',
      'class_weight_unknown classes[1].weights.governance',
      'class_weight_unknown classes[1].weights.reform',
      'class_exclude_unknown classes[1].exclude[0]',
    ],
  ],
  ['a group without children', patched([['tree', 2, 'children'], []]), ['group_empty tree[2].children']],
  [
    'a class tree reusing a code for a different indicator',
    patched([
      ['classes', 2],
      { code: 'special', name: '特殊', tree: [{ ...leafAt(A), weight: 1, target: 5 }] },
    ]),
    ['node_code_conflict classes[2].tree[0].code'],
  ],
  [
    'a class tree reusing a code for the same indicator with another weight is fine',
    patched([
      ['classes', 2],
      {
        code: 'special',
        name: '特殊',
        tree: [
          { ...leafAt(A), weight: 0.5 },
          { ...leafAt(H), weight: 0.5 },
        ],
      },
    ]),
    [],
  ],

  // weights
  [
    'a zero weight',
    patched([['tree', 2, 'weight'], 0]),
    ['weights_sum tree', 'weight_not_positive tree[2].weight'],
  ],
  ['siblings adding up to 1.05', patched([[...H, 'weight'], 0.35]), ['weights_sum tree[0].children']],
  [
    'sums within 1e-9 of 1 pass (0.1 + 0.2 + 0.55 + 0.15 is not exactly 1 in binary)',
    patched([[...A, 'weight'], 0.1], [[...H, 'weight'], 0.2], [[...S, 'weight'], 0.55]),
    [],
  ],
  ['a sum 1e-8 away from 1 fails', patched([[...A, 'weight'], 0.3 + 1e-8]), ['weights_sum tree[0].children']],
  [
    'a class override that breaks its level',
    patched([['classes', 0, 'weights'], { service: 0.7 }]),
    ['class_weights_sum classes[0].weights'],
  ],
  [
    'a class override naming no node',
    patched([['classes', 1, 'weights', 'nope'], 0.1]),
    ['class_weight_unknown classes[1].weights.nope'],
  ],
  [
    'a class override of 0',
    patched([['classes', 1, 'weights'], { service: 0.85, governance: 0, reform: 0.15 }]),
    ['class_weight_not_positive classes[1].weights.governance'],
  ],
  [
    'excluding a code that does not exist',
    patched([
      ['classes', 1, 'exclude'],
      ['business', 'nope'],
    ]),
    ['class_exclude_unknown classes[1].exclude[1]'],
  ],
  [
    'excluding every child of a dimension',
    patched([
      ['classes', 0, 'exclude'],
      ['approval', 'hotline', 'satisfaction', 'response'],
    ]),
    ['warning result_share_low classes[0]', 'class_excludes_all classes[0].exclude'],
  ],
  [
    'a weight for an excluded node',
    patched([['classes', 1, 'weights', 'business'], 1]),
    ['warning class_weight_excluded classes[1].weights.business'],
  ],
  [
    'exclusion re-normalises, so the remaining siblings need not add up to 1',
    patched([['classes', 0, 'exclude'], ['response']]),
    [],
  ],
  [
    "a class's own tree is checked like the plan's",
    patched([
      ['classes', 2],
      {
        code: 'x',
        name: '乡镇',
        tree: [
          { ...leafAt(T), code: 'x1', weight: 0.5, kind: 'result' },
          { ...leafAt(T), code: 'x2', weight: 0.6, kind: 'result', formula: '#{tasks.don}' },
        ],
      },
    ]),
    ['weights_sum classes[2].tree', 'unknown_element classes[2].tree[1].formula'],
  ],
  [
    'result indicators below 60%, in the plan tree and in a class that re-weights it',
    patched([[...H, 'kind'], 'process']),
    ['warning result_share_low tree', 'warning result_share_low classes[1]'],
  ],

  // formulas
  [
    'a syntax error in a leaf formula',
    patched([[...A, 'formula'], '#{approval.days} *']),
    ['unexpected_end tree[0].children[0].formula'],
  ],
  [
    'an unknown element in a leaf formula',
    patched([[...A, 'formula'], '#{approval.dayz}']),
    ['unknown_element tree[0].children[0].formula'],
  ],
  [
    'an unknown element in a computed element',
    patched([['elements', 3, 'formula'], '#{hotline.timely} / #{hotline.totl}']),
    ['unknown_element elements[3].formula'],
  ],
  [
    'bad bonus, deduction and veto formulas',
    patched(
      [['bonus', 0, 'formula'], ''],
      [['deduction', 0, 'formula'], '#{incident.count'],
      [['veto', 1, 'condition'], '#{data.breach} >'],
    ),
    ['empty bonus[0].formula', 'unclosed_reference deduction[0].formula', 'unexpected_end veto[1].condition'],
  ],
  [
    'computed elements referring to each other',
    patched(
      [['elements', 14], { code: 'a', name: 'A', rollup: 'sum', formula: '#{b} + 1' }],
      [['elements', 15], { code: 'b', name: 'B', rollup: 'sum', formula: '#{a} * 2' }],
    ),
    ['formula_cycle elements[14].formula'],
  ],
  [
    'a computed element reading its own previous period',
    patched([['elements', 14], { code: 'c', name: 'C', rollup: 'sum', formula: 'prev(#{c}) + 1' }]),
    ['formula_cycle elements[14].formula'],
  ],

  // method parameters
  [
    'target without a target value',
    patched([[...T, 'target'], undefined]),
    ['target_missing tree[2].children[0].target'],
  ],
  [
    'target with a target of 0',
    patched([[...T, 'target'], 0]),
    ['target_not_positive tree[2].children[0].target'],
  ],
  [
    'a cap below 1',
    patched([[...T, 'method'], { type: 'target', cap: 0.9 }]),
    ['cap_below_one tree[2].children[0].method.cap'],
  ],
  [
    'linear without a baseline',
    patched([[...A, 'baseline'], undefined]),
    ['baseline_missing tree[0].children[0].baseline'],
  ],
  [
    'linear without a target',
    patched([[...A, 'target'], undefined]),
    ['target_missing tree[0].children[0].target'],
  ],
  [
    'linear with baseline = target',
    patched([[...A, 'baseline'], 6]),
    ['baseline_equals_target tree[0].children[0].target'],
  ],
  [
    'a lower-is-better target above its baseline',
    patched([[...A, 'target'], 20]),
    ['direction_inconsistent tree[0].children[0].target'],
  ],
  [
    'a higher-is-better target below its baseline',
    patched([[...H, 'target'], 0.7]),
    ['direction_inconsistent tree[0].children[1].target'],
  ],
  [
    'a stretch value short of the target',
    patched([[...S, 'stretch'], 85]),
    ['stretch_wrong_side tree[0].children[2].stretch'],
  ],
  [
    'a stretch value without a cap above 1',
    patched([[...S, 'method'], { type: 'linear' }]),
    ['warning stretch_without_cap tree[0].children[2].method.cap'],
  ],
  [
    'a zscore span of 0',
    patched([[...R, 'method'], { type: 'zscore', span: 0 }]),
    ['param_not_positive tree[0].children[3].method.span'],
  ],
  ['no levels', patched([[...R, 'method', 'levels'], []]), ['bands_empty tree[0].children[3].method.levels']],
  [
    'a level with the bound of the other direction',
    patched([[...R, 'method', 'levels', 1], { atLeast: 2, points: 3 }]),
    ['band_bound tree[0].children[3].method.levels[1].atLeast'],
  ],
  [
    'a level with no bound',
    patched([[...R, 'method', 'levels', 1], { points: 3 }]),
    ['band_bound tree[0].children[3].method.levels[1].atMost'],
  ],
  [
    'levels not best first',
    patched([[...R, 'method', 'levels', 1, 'atMost'], 0.5]),
    ['bands_order tree[0].children[3].method.levels[1].atMost'],
  ],
  [
    'bands of a higher-is-better indicator not best first',
    patched([
      [...BIZ, 'method'],
      {
        type: 'bands',
        outOf: 10,
        bands: [
          { atLeast: 80, points: 10 },
          { atLeast: 90, points: 5 },
        ],
      },
    ]),
    ['bands_order tree[1].children[0].method.bands[1].atLeast'],
  ],
  [
    'points above outOf',
    patched([[...R, 'method', 'levels', 0, 'points'], 6]),
    ['points_range tree[0].children[3].method.levels[0].points'],
  ],
  [
    'otherwise above outOf',
    patched([[...R, 'method', 'otherwise'], 7]),
    ['points_range tree[0].children[3].method.otherwise'],
  ],
  [
    'a worse level scoring more',
    patched([[...R, 'method', 'levels', 0, 'points'], 2]),
    ['warning band_points_order tree[0].children[3].method.levels[1].points'],
  ],
  [
    'no rank points',
    patched([[...BIZ, 'method', 'points'], []]),
    ['rank_points_empty tree[1].children[0].method.points'],
  ],
  [
    'rank points rising',
    patched([
      [...BIZ, 'method', 'points'],
      [60, 57, 58, 51, 48],
    ]),
    ['rank_points_order tree[1].children[0].method.points[2]'],
  ],
  [
    'rest above the last rank',
    patched([[...BIZ, 'method', 'rest'], 50]),
    ['rank_points_order tree[1].children[0].method.rest'],
  ],
  [
    'rank points above outOf',
    patched([[...BIZ, 'method', 'outOf'], 52]),
    [
      'points_range tree[1].children[0].method.points[0]',
      'points_range tree[1].children[0].method.points[1]',
      'points_range tree[1].children[0].method.points[2]',
    ],
  ],
  [
    'rank points outOf 0',
    patched([[...BIZ, 'method', 'outOf'], 0]),
    ['param_not_positive tree[1].children[0].method.outOf'],
  ],
  [
    'deviation steps and deductions that are not positive',
    patched(
      [[...AGE, 'method', 'per'], 0],
      [[...AGE, 'method', 'deduct'], -1],
      [[...AGE, 'method', 'outOf'], 0],
    ),
    [
      'param_not_positive tree[1].children[1].method.outOf',
      'param_not_positive tree[1].children[1].method.per',
      'param_not_positive tree[1].children[1].method.deduct',
    ],
  ],

  // sources
  [
    'a negative source weight',
    patched([[...S, 'sources', 'weights'], { thirdParty: -0.35, survey: 0.4 }]),
    ['source_weight_negative tree[0].children[2].sources.weights.thirdParty'],
  ],
  [
    'source weights adding up to 0',
    patched([[...S, 'sources', 'weights'], { thirdParty: 0 }]),
    ['source_weights_zero tree[0].children[2].sources.weights'],
  ],
  ['an empty precedence order', patched([['sources', 'order'], []]), ['source_order_empty sources.order']],
  [
    'a source listed twice',
    patched([
      ['sources', 'order'],
      ['self', 'survey', 'self'],
    ]),
    ['source_order_duplicate sources.order[2]'],
  ],

  // plan-wide numbers
  [
    'full marks of 0 (the grade lines are now out of reach too)',
    patched([['fullMarks'], 0]),
    [
      'full_marks_not_positive fullMarks',
      'grade_min_range grading.thresholds[0].min',
      'grade_min_range grading.thresholds[1].min',
      'grade_min_range grading.thresholds[2].min',
    ],
  ],
  ['a negative bonus cap', patched([['bonusCap'], -1]), ['cap_negative bonusCap']],
  ['a negative item cap', patched([['deduction', 0, 'cap'], -1]), ['cap_negative deduction[0].cap']],
  [
    'elasticity bounds not around 1',
    patched([['elasticity'], { min: 1.1, max: 1.2 }]),
    ['elasticity_bounds elasticity'],
  ],
  [
    'elasticity bounds with min 0',
    patched([['elasticity'], { min: 0, max: 1.2 }]),
    ['elasticity_bounds elasticity'],
  ],
  ['an element range upside down', patched([['elements', 0, 'min'], 70]), ['element_range elements[0].min']],

  // grading
  ['no thresholds', patched([['grading', 'thresholds'], []]), ['grading_empty grading.thresholds']],
  [
    'a grade twice',
    patched([['grading', 'thresholds', 1, 'grade'], 'A']),
    ['grade_duplicate grading.thresholds[1].grade'],
  ],
  [
    'grades not best first',
    patched([['grading', 'thresholds', 0, 'grade'], 'B'], [['grading', 'thresholds', 1, 'grade'], 'A']),
    ['grade_order grading.thresholds[1].grade'],
  ],
  [
    'a grade above the lowest without min',
    patched([['grading', 'thresholds', 1, 'min'], undefined]),
    ['grade_min_missing grading.thresholds[1]'],
  ],
  [
    'the lowest grade with a min',
    patched([['grading', 'thresholds', 3, 'min'], 0]),
    ['grade_last_min grading.thresholds[3].min'],
  ],
  [
    'mins not decreasing',
    patched([['grading', 'thresholds', 2, 'min'], 85]),
    ['grade_min_order grading.thresholds[2].min'],
  ],
  [
    'a min equal to the one above',
    patched([['grading', 'thresholds', 2, 'min'], 80]),
    ['grade_min_order grading.thresholds[2].min'],
  ],
  [
    'a min above full marks plus the bonus cap (100 + 3)',
    patched([['grading', 'thresholds', 0, 'min'], 103.5]),
    ['grade_min_range grading.thresholds[0].min'],
  ],
  [
    'a min exactly at full marks plus the bonus cap is reachable',
    patched([['grading', 'thresholds', 0, 'min'], 103]),
    [],
  ],
  [
    'a negative min',
    patched([['grading', 'thresholds', 2, 'min'], -1]),
    ['grade_min_range grading.thresholds[2].min'],
  ],
  ['a quota of 0', patched([['grading', 'quotas'], { A: 0 }]), ['quota_range grading.quotas.A']],
  ['a quota above 1', patched([['grading', 'quotas'], { A: 1.2 }]), ['quota_range grading.quotas.A']],
  [
    'a quota for a grade without threshold',
    patched(
      [
        ['grading', 'thresholds'],
        [{ grade: 'A', min: 90 }, { grade: 'B', min: 80 }, { grade: 'D' }],
      ],
      [['grading', 'quotas'], { A: 0.2, C: 0.3 }],
    ),
    ['quota_unknown_grade grading.quotas.C'],
  ],
  [
    'a quota on the lowest grade',
    patched([['grading', 'quotas'], { A: 0.2, D: 0.1 }]),
    ['warning quota_lowest_grade grading.quotas.D'],
  ],
];

function leafAt(path: Path): IndicatorNode {
  let v: unknown = examplePlan();
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return structuredClone(v as IndicatorNode);
}

describe('validatePlan finds each problem', () => {
  it.each(cases)('%s', (_what, doc, expected) => {
    expect(brief(doc)).toEqual(expected);
  });

  it('exercises every code of the catalogue in the table above', () => {
    const seen = new Set(cases.flatMap(([, , e]) => e.map((s) => s.replace(/^warning /, '').split(' ')[0]!)));
    // invalid_shape is the fallback for zod issues the schema cannot raise today (formats, multiples …).
    const missing = Object.keys(planMessages).filter((c) => !seen.has(c) && c !== 'invalid_shape');
    expect(missing).toEqual([]);
  });
});

describe('validatePlan messages', () => {
  const message = (doc: unknown, n = 0) => validatePlan(doc).issues[n]!.message;

  it('names the indicator and the fix, in both languages', () => {
    expect(message(patched([[...H, 'weight'], 0.35]))).toMatchInlineSnapshot(`
      {
        "en": "The children of dimension "政务服务效能" (service) have weights adding up to 1.05 (approval 0.3, hotline 0.35, satisfaction 0.25, response 0.15) instead of 1. Adjust them to add up to 1.",
        "zh-CN": "维度「政务服务效能」(service) 的下级指标权重合计为 1.05（approval 0.3、hotline 0.35、satisfaction 0.25、response 0.15），应为 1。请调整这些权重使其合计为 1。",
      }
    `);
    expect(message(patched([[...A, 'weight'], undefined], [[...A, 'weigth'], 0.3]))).toMatchInlineSnapshot(`
      {
        "en": "Indicator "审批时限压缩" (approval) has an unknown field "weigth" (did you mean "weight"?). Correct the spelling or remove it.",
        "zh-CN": "指标「审批时限压缩」(approval) 中有未知字段 "weigth"，是否应为 "weight"？请更正拼写或删除该字段。",
      }
    `);
    expect(
      message(patched([[...A, 'weight'], undefined], [[...A, 'weigth'], 0.3]), 1),
    ).toMatchInlineSnapshot(`
      {
        "en": "Indicator "审批时限压缩" (approval) lacks the required field weight (a number). Add it.",
        "zh-CN": "指标「审批时限压缩」(approval) 缺少必填字段 weight（数字）。请补上该字段。",
      }
    `);
    expect(message(patched([[...A, 'formula'], '#{approval.dayz}']))).toMatchInlineSnapshot(`
      {
        "en": "The formula #{approval.dayz} of indicator "审批时限压缩" (approval) is wrong: unknown data element 'approval.dayz' at character 1. Correct the formula.",
        "zh-CN": "指标「审批时限压缩」(approval) 的公式 #{approval.dayz} 有误：第 1 个字符处引用了不存在的数据元 'approval.dayz'。请修改公式。",
      }
    `);
    expect(message(patched([['classes', 0, 'weights'], { service: 0.7 }]))).toMatchInlineSnapshot(`
      {
        "en": "With the weights of unit class "区县" (district), the top level (dimensions) of the plan tree add up to 1.1 (service 0.7, governance 0.25, reform 0.15) instead of 1. Adjust their siblings too.",
        "zh-CN": "按单位类别「区县」(district) 的 weights 调整后，方案指标树顶层（各维度）权重合计为 1.1（service 0.7、governance 0.25、reform 0.15），应为 1。请同时调整同级的其他权重。",
      }
    `);
    expect(message(patched([[...A, 'target'], 20]))).toMatchInlineSnapshot(`
      {
        "en": "Indicator "审批时限压缩" (approval) is lower-is-better, yet its target 20 is above its baseline 15.3. Check direction, baseline and target.",
        "zh-CN": "指标「审批时限压缩」(approval) 是逆向指标（越小越好），目标值 20 却大于基线值 15.3。请检查 direction、baseline 和 target。",
      }
    `);
    expect(message(patched([[...AGE, 'method', 'reference'], 'mean']))).toMatchInlineSnapshot(`
      {
        "en": "The field method.reference of indicator "干部队伍年龄结构" (age) must be a number or "classMean", not a string. Correct it.",
        "zh-CN": "指标「干部队伍年龄结构」(age) 的 method.reference 应为数字或"classMean"，实际为字符串。请更正。",
      }
    `);
  });

  it('shows the cycle path', () => {
    const doc = patched(
      [['elements', 14], { code: 'a', name: 'A', rollup: 'sum', formula: '#{b} + 1' }],
      [['elements', 15], { code: 'b', name: 'B', rollup: 'sum', formula: '#{c}' }],
      [['elements', 16], { code: 'c', name: 'C', rollup: 'sum', formula: 'max(#{a}, #{hotline.total})' }],
    );
    expect(message(doc)).toMatchInlineSnapshot(`
      {
        "en": "Computed elements refer to each other in a circle: a → b → c → a. A computed element must not depend on itself, directly or through others; change one of the formulas.",
        "zh-CN": "计算数据元循环引用：a → b → c → a。计算数据元不能直接或间接引用自身；请修改其中一个公式。",
      }
    `);
  });

  it('says where a formula breaks, counting characters from 1', () => {
    const m = message(patched([[...A, 'formula'], '#{approval.days} *']));
    expect(m['zh-CN']).toContain('第 19 个字符处');
    expect(m.en).toContain('character 19');
  });

  it('gives every message in Chinese and English', () => {
    const doc = patched(
      [['periodType'], 'week'],
      [[...A, 'weight'], 0],
      [[...T, 'target'], undefined],
      [['grading', 'thresholds', 2, 'min'], 85],
      [['classes', 1, 'weights', 'nope'], 0.1],
    );
    const issues = validatePlan(doc).issues;
    // The zero weight also drops the result share to 59.6% (plan tree and department class): two warnings.
    expect(issues.map((i) => i.code)).toEqual([
      'invalid_value',
      'result_share_low',
      'weights_sum',
      'weight_not_positive',
      'target_missing',
      'result_share_low',
      'class_weight_unknown',
      'grade_min_order',
    ]);
    for (const i of issues) {
      expect(i.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(i.message.en).toMatch(/^[A-Z]/);
      expect(i.message.en).not.toBe(i.message['zh-CN']);
    }
  });
});

describe('validatePlan reports everything at once', () => {
  it('lists problems from every part of the plan, in document order', () => {
    const doc = patched(
      [['grading', 'quotas'], { A: 0.2, D: 0.1 }],
      [['grading', 'thresholds', 2, 'min'], 85],
      [['classes', 1, 'weights', 'nope'], 0.1],
      [[...T, 'target'], undefined],
      [[...BIZ, 'weight'], '0.5'],
      [[...H, 'formula'], '#{hotline.rat}'],
      [[...A, 'weight'], undefined],
      [[...A, 'weigth'], 0.3],
      [['elements', 14], { code: 'a', name: 'A', rollup: 'sum', formula: '#{b} + 1' }],
      [['elements', 15], { code: 'b', name: 'B', rollup: 'sum', formula: '#{a} * 2' }],
    );
    const r = validatePlan(doc);
    expect(r.ok).toBe(false);
    expect(r.plan).toBeUndefined();
    expect(brief(doc)).toEqual([
      'formula_cycle elements[14].formula',
      'unknown_field tree[0].children[0].weigth',
      'missing_field tree[0].children[0].weight',
      'unknown_element tree[0].children[1].formula',
      'wrong_type tree[1].children[0].weight',
      'target_missing tree[2].children[0].target',
      'class_weight_unknown classes[1].weights.nope',
      'grade_min_order grading.thresholds[2].min',
      'warning quota_lowest_grade grading.quotas.D',
    ]);
  });
});

describe('findCycles', () => {
  const graph = (edges: Record<string, string[]>) =>
    new Map(Object.entries(edges).map(([k, refs], index) => [k, { index, refs }]));

  it('finds one shortest cycle per group, starting at the element listed first', () => {
    expect(findCycles(graph({ a: ['b'], b: ['c'], c: ['a'], d: ['d'], e: ['a'] }))).toEqual([
      ['a', 'b', 'c', 'a'],
      ['d', 'd'],
    ]);
    expect(findCycles(graph({ x: ['y', 'z'], y: ['x'], z: ['y'] }))).toEqual([['x', 'y', 'x']]);
  });

  it('finds none in a chain, and ignores references to reported elements', () => {
    expect(findCycles(graph({ a: ['b', 'raw'], b: ['c'], c: ['raw'] }))).toEqual([]);
  });
});

/** A random tree shape: a leaf, or a group of 1–4 children; raw weights before normalisation. */
interface Shape {
  w: number;
  result: boolean;
  children?: Shape[];
}
const weightArb = fc.double({ min: 0.001, max: 1000, noNaN: true, noDefaultInfinity: true });
const shapeArb: fc.Memo<Shape> = fc.memo((n) => {
  const leaf = fc.record({ w: weightArb, result: fc.boolean() });
  if (n <= 1) return leaf;
  return fc.oneof(
    leaf,
    fc.record({
      w: weightArb,
      result: fc.boolean(),
      children: fc.array(shapeArb(n - 1), { minLength: 1, maxLength: 4 }),
    }),
  );
});

/** Builds a plan whose sibling weights are the raw weights divided by their sum. */
function planOf(roots: Shape[]): Plan {
  let next = 0;
  const build = (level: Shape[]): IndicatorNode[] => {
    const sum = level.reduce((s, x) => s + x.w, 0);
    return level.map((x) => {
      const code = `n${next++}`;
      const base = { code, name: `指标${code}`, weight: x.w / sum };
      if (x.children) return { ...base, children: build(x.children) };
      return {
        ...base,
        kind: x.result ? 'result' : 'process',
        direction: 'up',
        formula: '#{v}',
        method: { type: 'minmax' },
      } satisfies IndicatorNode;
    });
  };
  return {
    format: 1,
    id: 'random',
    name: '随机方案',
    version: 1,
    periodType: 'year',
    elements: [{ code: 'v', name: 'V', rollup: 'sum' }],
    tree: build(roots),
    classes: [{ code: 'all', name: '全部' }],
    grading: { thresholds: [{ grade: 'A', min: 90 }, { grade: 'D' }] },
  };
}

describe('weights, property-based', () => {
  const rootsArb = fc.array(shapeArb(4), { minLength: 1, maxLength: 5 });

  it('normalised sibling weights always pass the weight check', () => {
    fc.assert(
      fc.property(rootsArb, (roots) => {
        const r = validatePlan(planOf(roots));
        expect(r.ok).toBe(true);
        expect(r.issues.filter((i) => i.code !== 'result_share_low')).toEqual([]);
      }),
    );
  });

  it('raising one weight by 1e-6 or more gives exactly one weights_sum issue, at its level', () => {
    fc.assert(
      fc.property(
        rootsArb,
        fc.nat(),
        fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
        (roots, pick, delta) => {
          const plan = planOf(roots);
          const all: { node: IndicatorNode; level: Path }[] = [];
          const visit = (level: IndicatorNode[], path: Path) =>
            level.forEach((n, i) => {
              all.push({ node: n, level: path });
              if ('children' in n) visit(n.children, [...path, i, 'children']);
            });
          visit(plan.tree, ['tree']);
          const target = all[pick % all.length]!;
          target.node.weight += delta;
          const issues = validatePlan(plan).issues.filter((i) => i.code !== 'result_share_low');
          expect(issues.map((i) => [i.code, i.path])).toEqual([['weights_sum', target.level]]);
        },
      ),
    );
  });
});

describe('the example plan scores as docs/plan-format.md works it out', () => {
  const v = (
    unit: string,
    element: string,
    value: number,
    source: DataValue['source'] = 'self',
  ): DataValue => ({
    unit,
    element,
    period: '2026',
    source,
    value,
  });
  const values = valueTable([
    v('D1', 'approval.days', 8),
    v('D1', 'hotline.timely', 4554),
    v('D1', 'hotline.total', 4600),
    v('D1', 'satisfaction', 92, 'thirdParty'),
    v('D1', 'satisfaction', 88, 'survey'),
    v('D1', 'satisfaction', 96, 'self'),
    v('D1', 'response.hours', 1.5),
    v('D1', 'business.score', 85),
    v('D1', 'staff.age', 42),
    v('D1', 'tasks.done', 9),
    v('D1', 'tasks.total', 10),
    v('D1', 'award.count', 3),
    v('D1', 'incident.count', 1),
    v('D2', 'business.score', 90),
    v('D2', 'staff.age', 45),
    v('D3', 'business.score', 80),
    v('D3', 'staff.age', 39),
    v('D3', 'safety.major', 1),
  ]);
  const units = [
    { code: 'D1', name: '甲区', class: 'district' },
    { code: 'D2', name: '乙区', class: 'district' },
    { code: 'D3', name: '丙区', class: 'district' },
  ];
  const rs = score(examplePlan(), units, values, { period: '2026' });

  it('gives the hand-computed fractions, total, grade and veto', () => {
    const d1 = unitResult(rs, 'D1');
    const fraction = Object.fromEntries(d1.nodes.map((n) => [n.code, n.fraction]));
    expect(fraction.approval).toBeCloseTo(7.3 / 9.3, 12); // (8 − 15.3) / (6 − 15.3)
    expect(fraction.hotline).toBe(1); // 0.99 is past the target 0.98; cap 1
    expect(fraction.satisfaction).toBeCloseTo(1.028, 12); // 91.4 → 1 + 0.1 × (91.4 − 90) / (95 − 90)
    expect(fraction.response).toBe(0.6); // 1.5 h ≤ 2 h → 3 of 5
    expect(fraction.business).toBe(0.95); // rank 2 of 3 → 57 of 60
    expect(fraction.age).toBe(1); // the class mean is 42
    expect(fraction.tasks).toBe(0.9);
    expect(d1.base).toBeCloseTo(90.824032258065, 9);
    expect([d1.bonus, d1.deduction]).toEqual([2, 2]);
    expect(d1.total).toBeCloseTo(90.824032258065, 9);
    expect([d1.gradeByScore, d1.grade, d1.flags]).toEqual(['A', 'B', ['quotaDemoted']]);
    const d2 = unitResult(rs, 'D2');
    expect(d2.nodes.find((n) => n.code === 'age')!.fraction).toBe(0.7); // 3 years above the mean: 5 − 1.5
    const d3 = unitResult(rs, 'D3');
    expect([d3.grade, d3.vetoes]).toEqual(['D', ['safety']]);
  });
});
