import { z } from 'zod';
import { SOURCES } from './plan.js';

/**
 * The run-time shape of a Plan document. It checks types, required fields, allowed values and unknown keys
 * (a typo such as `weigth` is an error, not silently dropped); rules between values (weights adding up to 1,
 * ordered thresholds, formulas, cycles …) live in `validate-plan.ts`, whose messages can name the node at
 * fault. Numeric bounds those rules enforce are also written into the JSON Schema (as `minimum`,
 * `exclusiveMinimum` …) so that editors flag them early; zod itself does not repeat them, which keeps one
 * issue per problem.
 */

const PERIOD_TYPES = ['month', 'quarter', 'half', 'year'] as const;
const GRADE_VALUES = ['A', 'B', 'C', 'D'] as const;

/** Metadata with the description in both languages: zh-CN first, then English. */
function about(title: string, zh: string, en: string) {
  return { id: title, title, description: `${zh}\n${en}` };
}
function describe(zh: string, en: string, extra: Record<string, unknown> = {}) {
  return { description: `${zh}\n${en}`, ...extra };
}

const code = (zh: string, en: string) => z.string().min(1).meta(describe(zh, en));
const name = () => z.string().min(1).meta(describe('名称，显示给人看。', 'Name people see.'));
const description = () =>
  z.string().optional().meta(describe('说明，可选。', 'Optional explanation for people.'));

const sourceEnum = z
  .enum(SOURCES)
  .meta(
    about(
      'Source',
      '数据来源：self 自评、thirdParty 第三方评估、inspection 实地核查、survey 群众评议。',
      'Data source: self-assessment, third-party evaluation, on-site inspection, public survey.',
    ),
  );

export const sourceRuleSchema = z
  .discriminatedUnion('combine', [
    z.strictObject({
      combine: z.literal('precedence').meta(describe('按优先顺序取值。', 'Take values by precedence.')),
      order: z
        .array(sourceEnum)
        .meta(
          describe(
            '来源的优先顺序，排在前面且有值的来源胜出；不能为空，不能重复。',
            'Sources in order of precedence; the first one with a value wins. Non-empty, no duplicates.',
            { minItems: 1, uniqueItems: true },
          ),
        ),
    }),
    z.strictObject({
      combine: z.literal('weighted').meta(describe('按权重加权平均。', 'Weighted mean of the sources.')),
      weights: z
        .partialRecord(sourceEnum, z.number().meta({ minimum: 0 }))
        .meta(
          describe(
            '各来源的权重（≥ 0，合计须大于 0），只在有值的来源之间重新归一，例如第三方 0.35、问卷 0.4。',
            'Weight per source (≥ 0, positive sum), re-normalised over the sources that have a value, e.g. thirdParty 0.35, survey 0.4.',
          ),
        ),
    }),
  ])
  .meta(
    about(
      'SourceRule',
      '多个来源的值如何合成一个值（多源数据）。',
      'How values of one element from several sources become one value.',
    ),
  );

const missingSchema = z
  .enum(['zero', 'exclude', 'carry', 'classMean'])
  .meta(
    about(
      'MissingPolicy',
      '缺失值处理：zero 记 0 分、exclude 不计入并对兄弟指标重新归一权重、carry 沿用上期值、classMean 取同类均值。',
      'Missing value: zero scores 0, exclude leaves it out and re-weights its siblings, carry uses the previous period, classMean imputes the class mean.',
    ),
  );

export const dataElementSchema = z
  .strictObject({
    code: code(
      '数据元代码，在公式中写作 #{代码}；全方案唯一。',
      'Element code, written #{code} in formulas; unique in the plan.',
    ),
    name: name(),
    unit: z
      .string()
      .optional()
      .meta(describe('计量单位，如“件”“%”“个工作日”。', 'Unit of measure, e.g. "件", "%", "个工作日".')),
    rollup: z
      .enum(['sum', 'avg', 'last', 'max', 'min'])
      .meta(
        describe(
          '短周期的值如何汇总为长周期（月保季、季保年）：求和、平均、取最后、最大、最小。',
          'How values of shorter periods roll up into a longer one: sum, avg, last, max, min.',
        ),
      ),
    min: z
      .number()
      .optional()
      .meta(describe('合理范围下限；超出仍接受但会标记。', 'Plausible minimum; values outside are flagged.')),
    max: z
      .number()
      .optional()
      .meta(describe('合理范围上限；不小于 min。', 'Plausible maximum; not below min.')),
    help: z.string().optional().meta(describe('填报说明。', 'Help text shown in forms.')),
    formula: z
      .string()
      .optional()
      .meta(
        describe(
          '计算数据元的公式，如 #{hotline.closed} / #{hotline.total}；单位不填报。不得直接或间接引用自身。',
          'Formula of a computed element, e.g. #{hotline.closed} / #{hotline.total}; never reported by units. Must not refer to itself, directly or through others.',
        ),
      ),
  })
  .meta(
    about(
      'DataElement',
      '数据元：单位填报或从其他系统接入的原始数据。',
      'A raw figure units report or that flows in from other systems.',
    ),
  );

const bandSchema = z
  .strictObject({
    atLeast: z
      .number()
      .optional()
      .meta(describe('正向指标：值 ≥ atLeast 时适用本档。', 'Direction up: applies when value ≥ atLeast.')),
    atMost: z
      .number()
      .optional()
      .meta(describe('逆向指标：值 ≤ atMost 时适用本档。', 'Direction down: applies when value ≤ atMost.')),
    points: z
      .number()
      .meta(describe('本档得分，0…outOf。', 'Points of this level, 0…outOf.', { minimum: 0 })),
    label: z
      .string()
      .optional()
      .meta(describe('档次说明，如“1小时内响应”。', 'Label shown in explanations, e.g. "1小时内响应".')),
  })
  .meta(
    about(
      'Band',
      '一个档次。按从好到差排列，取第一个满足的档次。',
      'A stepwise level. Listed best first; the first level that applies wins.',
    ),
  );

const capField = z
  .number()
  .optional()
  .meta(
    describe('得分率上限，≥ 1，默认 1。', 'Cap on the fraction of full marks, ≥ 1, default 1.', {
      minimum: 1,
    }),
  );
const outOfField = z
  .number()
  .meta(describe('满分点数，> 0。', 'Points of a full score, > 0.', { exclusiveMinimum: 0 }));
const otherwiseField = z
  .number()
  .optional()
  .meta(
    describe('没有档次适用时的得分，默认 0。', 'Points when no level applies, default 0.', { minimum: 0 }),
  );

export const scoringMethodSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({ type: z.literal('target'), cap: capField })
      .meta(
        describe(
          '目标完成率：值/目标（逆向：目标/值），以 cap 封顶。',
          'Achievement ratio value/target (down: target/value), capped at cap.',
        ),
      ),
    z
      .strictObject({ type: z.literal('linear'), cap: capField })
      .meta(
        describe(
          '线性插值：基线 → 目标对应 0 → 1；有挑战值时目标 → 挑战值对应 1 → cap。',
          'Baseline → target is 0 → 1, clamped; with a stretch value, target → stretch is 1 → cap.',
        ),
      ),
    z
      .strictObject({ type: z.literal('minmax') })
      .meta(
        describe('极差标准化：(值 − 同类最小)/(最大 − 最小)。', '(v − min)/(max − min) across the class.'),
      ),
    z
      .strictObject({
        type: z.literal('zscore'),
        span: z
          .number()
          .optional()
          .meta(
            describe('标准分映射区间 ±span，> 0，默认 3。', 'z-scores in ±span map to 0…1; > 0, default 3.', {
              exclusiveMinimum: 0,
            }),
          ),
      })
      .meta(describe('标准分：同类内 z 分数线性映射到 0…1。', 'z-score across the class mapped to 0…1.')),
    z
      .strictObject({ type: z.literal('rank') })
      .meta(describe('名次百分位：(n − 名次)/(n − 1)。', 'Percentile of the rank: (n − rank)/(n − 1).')),
    z
      .strictObject({ type: z.literal('frontier') })
      .meta(
        describe(
          '第1名得满分，其余按比例：值/最优（逆向：最优/值）。',
          'Proportional to the best unit: v/best (down: best/v).',
        ),
      ),
    z
      .strictObject({
        type: z.literal('bands'),
        outOf: outOfField,
        bands: z
          .array(bandSchema)
          .meta(describe('档次，从好到差，不能为空。', 'Levels, best first, non-empty.', { minItems: 1 })),
        otherwise: otherwiseField,
      })
      .meta(describe('分档计分。', 'Stepwise thresholds → points.')),
    z
      .strictObject({
        type: z.literal('anchored'),
        outOf: outOfField,
        levels: z.array(bandSchema).meta(
          describe('行为锚定档次，从好到差，不能为空。', 'Anchored levels, best first, non-empty.', {
            minItems: 1,
          }),
        ),
        otherwise: otherwiseField,
      })
      .meta(
        describe(
          '行为锚定评分，如 ≤1小时=5、≤2小时=3、超时=0。',
          'Behaviour-anchored scale, e.g. ≤1 h = 5, ≤2 h = 3, late = 0.',
        ),
      ),
    z
      .strictObject({ type: z.literal('binary') })
      .meta(
        describe(
          '达标与否：正向 值 ≥ 目标，逆向 值 ≤ 目标；无目标时值非 0 即达标。',
          'Met or not: up value ≥ target, down value ≤ target; without a target, value ≠ 0.',
        ),
      ),
    z
      .strictObject({
        type: z.literal('rankPoints'),
        points: z
          .array(z.number())
          .meta(
            describe(
              '第 r 名得 points[r-1] 分，非递增，不能为空。',
              'Rank r earns points[r-1]; non-increasing, non-empty.',
              { minItems: 1 },
            ),
          ),
        rest: z
          .number()
          .optional()
          .meta(
            describe('名次超出列表时的得分，默认 0。', 'Points beyond the list, default 0.', { minimum: 0 }),
          ),
        outOf: z
          .number()
          .optional()
          .meta(
            describe('满分点数，默认 points[0]。', 'Points of a full score, default points[0].', {
              exclusiveMinimum: 0,
            }),
          ),
      })
      .meta(
        describe(
          '按名次赋分，如“排名1-5名依次赋予60、57、54、51、48分”。',
          'Points by rank position, e.g. 60, 57, 54, 51, 48.',
        ),
      ),
    z
      .strictObject({
        type: z.literal('deviation'),
        outOf: outOfField,
        reference: z
          .union([z.number(), z.literal('classMean')])
          .meta(describe('参照值：一个数，或 "classMean" 同类均值。', 'Reference: a number or "classMean".')),
        per: z.number().meta(
          describe('每偏离多少算一步，> 0。', 'Size of one step of deviation, > 0.', {
            exclusiveMinimum: 0,
          }),
        ),
        deduct: z
          .number()
          .meta(describe('每步扣分，> 0。', 'Points deducted per step, > 0.', { exclusiveMinimum: 0 })),
        stepwise: z.boolean().optional().meta(describe('只按整步扣分。', 'Count whole steps only.')),
      })
      .meta(
        describe(
          '偏离扣分，如“每超平均年龄1岁扣0.5分”：从 outOf 起，值每在不利一侧偏离参照 per 扣 deduct，最低 0。',
          'Deduct per step of deviation on the bad side of the reference, e.g. 0.5 per year above the mean age; floors at 0.',
        ),
      ),
  ])
  .meta(
    about(
      'ScoringMethod',
      '计分方法：把指标原始值换算为满分的比例（0…1，或至 cap）。',
      'Scoring method: turns the raw value into a fraction of full marks (0…1, or up to cap).',
    ),
  );

// Node fields are repeated in both node shapes instead of spread from one object: a spread defeats the
// type inference of the recursive `children` getter.
const nodeCode = () =>
  code(
    '指标代码；同一棵树内唯一，不同树中重复时须指同一指标。',
    'Node code; unique within a tree, and the same indicator when repeated in another tree.',
  );
const nodeWeight = () =>
  z
    .number()
    .meta(
      describe(
        '在兄弟节点中的相对权重，> 0；同级权重合计为 1。',
        'Relative weight among siblings, > 0; siblings add up to 1.',
        { exclusiveMinimum: 0, maximum: 1 },
      ),
    );

export const leafNodeSchema = z.strictObject({
  code: nodeCode(),
  name: name(),
  weight: nodeWeight(),
  description: description(),
  kind: z
    .enum(['result', 'process'])
    .meta(
      describe(
        '结果指标或过程指标；结果指标合计权重宜 ≥ 60%。',
        'Result or process indicator; results should carry ≥ 60% of the weight.',
      ),
    ),
  direction: z
    .enum(['up', 'down'])
    .meta(
      describe(
        'up 正向（越大越好），down 逆向（越小越好）。',
        'up: higher is better; down: lower is better.',
      ),
    ),
  formula: z
    .string()
    .meta(
      describe(
        '指标值的公式，通常就是 #{数据元代码}。',
        'Formula of the value, commonly one element reference #{code}.',
      ),
    ),
  method: scoringMethodSchema,
  unit: z.string().optional().meta(describe('计量单位。', 'Unit of measure.')),
  baseline: z.number().optional().meta(describe('基线值。', 'Baseline value.')),
  target: z.number().optional().meta(describe('目标值。', 'Target value.')),
  stretch: z
    .number()
    .optional()
    .meta(
      describe(
        '挑战值，须在目标值之外（正向更大，逆向更小）。',
        'Stretch value, beyond the target in the good direction.',
      ),
    ),
  core: z
    .boolean()
    .optional()
    .meta(
      describe(
        '核心指标：得分乘以单位的弹性系数。',
        "Core indicator: the unit's elasticity coefficient applies.",
      ),
    ),
  missing: missingSchema.optional(),
  sources: sourceRuleSchema.optional(),
  dataSources: z
    .array(z.string())
    .optional()
    .meta(
      describe(
        '数据来源说明（如“12345热线系统”），仅供展示。',
        'Data sources shown in the designer, informative only.',
      ),
    ),
});
leafNodeSchema.register(
  z.globalRegistry,
  about('LeafNode', '计分的指标（叶子节点）。', 'A scored indicator (leaf).'),
);

export const groupNodeSchema = z.strictObject({
  code: nodeCode(),
  name: name(),
  weight: nodeWeight(),
  description: description(),
  get children() {
    return z.array(z.union([groupNodeSchema, leafNodeSchema]));
  },
});
groupNodeSchema.register(
  z.globalRegistry,
  about(
    'GroupNode',
    '维度或中间节点，含下级指标 children（不能为空）。',
    'A dimension or inner node with its children (non-empty).',
  ),
);

export const indicatorNodeSchema = z
  .union([groupNodeSchema, leafNodeSchema])
  .meta(
    about(
      'IndicatorNode',
      '指标树节点：有 children 的是分组，否则是计分指标。',
      'A node of the indicator tree: a group when it has children, otherwise a scored indicator.',
    ),
  );

const adjustmentItemSchema = z
  .strictObject({
    code: code('代码；加分项之间、扣分项之间唯一。', 'Code; unique among bonus (or deduction) items.'),
    name: name(),
    formula: z
      .string()
      .meta(
        describe(
          '公式，结果乘以 pointsPer 即为分数。',
          'Formula; its value times pointsPer gives the points.',
        ),
      ),
    pointsPer: z.number().meta(describe('每单位公式值的分数。', 'Points per unit of the formula value.')),
    cap: z.number().meta(describe('本项分数上限，≥ 0。', 'Cap on this item, ≥ 0.', { minimum: 0 })),
    description: description(),
  })
  .meta(about('AdjustmentItem', '加分项 / 扣分项。', 'A bonus or deduction item.'));

const vetoItemSchema = z
  .strictObject({
    code: code('代码；否决项之间唯一。', 'Code; unique among veto items.'),
    name: name(),
    condition: z
      .string()
      .meta(describe('条件公式，结果非 0 即触发否决。', 'Condition formula; non-zero triggers the veto.')),
    description: description(),
  })
  .meta(
    about(
      'VetoItem',
      '一票否决：条件成立时单位定为最低等次。',
      'Veto: when the condition holds the unit gets the lowest grade.',
    ),
  );

const gradeEnum = z
  .enum(GRADE_VALUES)
  .meta(describe('等次：A 优秀、B 良好、C 一般、D 较差。', 'Grade: A excellent, B good, C fair, D poor.'));

const gradingSchema = z
  .strictObject({
    thresholds: z
      .array(
        z.strictObject({
          grade: gradeEnum,
          min: z
            .number()
            .optional()
            .meta(
              describe(
                '获得该等次的最低总分；最低等次不设。',
                'Lowest total that earns the grade; absent on the lowest grade.',
                { minimum: 0 },
              ),
            ),
          label: z.string().optional().meta(describe('显示名，如“优秀”。', 'Label, e.g. "优秀".')),
        }),
      )
      .meta(
        describe(
          '等次线，从好到差；min 严格递减，最后一个不设 min。',
          'Thresholds best first; mins strictly decreasing, the last has none.',
          { minItems: 1 },
        ),
      ),
    quotas: z
      .partialRecord(gradeEnum, z.number().meta({ exclusiveMinimum: 0, maximum: 1 }))
      .optional()
      .meta(
        describe(
          '强制分布：每类中获得该等次的最大比例，(0, 1]，如 { "A": 0.2 }。',
          'Forced distribution: largest share of a class that may hold the grade, (0, 1].',
        ),
      ),
    tieRule: z
      .enum(['strict', 'lenient'])
      .optional()
      .meta(
        describe(
          '名额边界并列：strict 并列者都不得该等次，lenient 都得。',
          'Ties at a quota boundary: strict gives none of them the grade, lenient gives all of them.',
        ),
      ),
  })
  .meta(about('Grading', '等次评定。', 'Grading.'));

export const unitClassSchema = z
  .strictObject({
    code: code('单位类别代码，唯一；单位以此归类。', 'Unit class code, unique; units name it.'),
    name: name(),
    tree: z
      .array(indicatorNodeSchema)
      .optional()
      .meta(
        describe(
          '本类专用的指标树；不设则使用方案的指标树。',
          'A tree of its own; the plan tree applies when absent.',
        ),
      ),
    weights: z
      .record(z.string(), z.number().meta({ exclusiveMinimum: 0 }))
      .optional()
      .meta(
        describe(
          '节点代码 → 本类使用的权重（替换原权重，同级仍须合计为 1）。',
          'Node code → weight used by this class (siblings must still add up to 1).',
        ),
      ),
    exclude: z
      .array(z.string())
      .optional()
      .meta(
        describe(
          '本类不考核的节点代码；其兄弟节点权重重新归一。',
          'Node codes left out; their siblings are re-normalised.',
        ),
      ),
  })
  .meta(about('UnitClass', '分类考核的单位类别。', 'A class of units (classified assessment).'));

export const planSchema = z
  .strictObject({
    format: z.literal(1).meta(describe('文档格式版本，目前为 1。', 'Document format version, 1.')),
    id: z.string().min(1).meta(describe('方案标识。', 'Plan identifier.')),
    name: name(),
    version: z
      .int()
      .min(1)
      .meta(
        describe(
          '方案版本号（≥ 1）；发布后不再改变。',
          'Plan version (≥ 1); a published version never changes.',
        ),
      ),
    periodType: z
      .enum(PERIOD_TYPES)
      .meta(
        describe(
          '考核周期类型：month 月、quarter 季、half 半年、year 年。',
          'Period type assessed: month, quarter, half, year.',
        ),
      ),
    fullMarks: z
      .number()
      .optional()
      .meta(
        describe(
          '加减分前的满分，默认 100。',
          'Points of a full score before bonus and deduction, default 100.',
          { exclusiveMinimum: 0 },
        ),
      ),
    elements: z.array(dataElementSchema).meta(describe('数据元。', 'Data elements.')),
    tree: z
      .array(indicatorNodeSchema)
      .meta(describe('指标体系：各维度（一级指标）。', 'Indicator tree: the dimensions.')),
    classes: z
      .array(unitClassSchema)
      .meta(describe('单位类别，至少一个。', 'Unit classes, at least one.', { minItems: 1 })),
    bonus: z.array(adjustmentItemSchema).optional().meta(describe('加分项。', 'Bonus items.')),
    bonusCap: z
      .number()
      .optional()
      .meta(describe('加分合计上限，≥ 0。', 'Cap on the sum of bonus points, ≥ 0.', { minimum: 0 })),
    deduction: z.array(adjustmentItemSchema).optional().meta(describe('扣分项。', 'Deduction items.')),
    deductionCap: z
      .number()
      .optional()
      .meta(describe('扣分合计上限，≥ 0。', 'Cap on the sum of deduction points, ≥ 0.', { minimum: 0 })),
    veto: z.array(vetoItemSchema).optional().meta(describe('一票否决项。', 'Veto items.')),
    grading: gradingSchema,
    rankAcrossClasses: z
      .boolean()
      .optional()
      .meta(
        describe(
          '是否另行跨类别统一排名（默认只在类别内排名）。',
          'Also rank across all classes (default: within a class only).',
        ),
      ),
    elasticity: z
      .strictObject({
        min: z.number().meta({ exclusiveMinimum: 0, maximum: 1 }),
        max: z.number().meta({ minimum: 1 }),
      })
      .optional()
      .meta(
        describe(
          '弹性系数的允许范围，0 < min ≤ 1 ≤ max，默认 0.8–1.2。',
          'Bounds of the elasticity coefficient, 0 < min ≤ 1 ≤ max, default 0.8–1.2.',
        ),
      ),
    sources: sourceRuleSchema
      .optional()
      .meta(
        describe(
          '指标未指定时的多源合成规则；默认优先顺序 inspection > thirdParty > survey > self。',
          'Source rule for indicators that state none; default precedence inspection > thirdParty > survey > self.',
        ),
      ),
    missing: missingSchema
      .optional()
      .meta(
        describe(
          '指标未指定时的缺失值处理，默认 zero。',
          "Missing-value policy for indicators that state none, default 'zero'.",
        ),
      ),
  })
  .meta({
    title: 'Plan',
    description: '考核方案（版本化的 JSON 文档）。\nAssessment plan: a versioned JSON document.',
  });

/** The JSON Schema (draft 2020-12) of a plan document, for editors and `xn schema`. */
export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(planSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
