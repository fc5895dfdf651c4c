import type { Plan } from '@xiaoneng/engine';

/**
 * The example plan of docs/plan-format.md (every kind of field: computed elements, weighted sources, bands,
 * rank points, deviation, class weights and exclusions, bonus, deduction, veto, quotas), plus a class with a
 * tree of its own: what the workbook round trip must carry unchanged.
 */
export function examplePlan(): Plan {
  return {
    format: 1,
    id: 'province-efficiency',
    name: '省直部门和区县政务服务效能考核方案',
    version: 1,
    periodType: 'year',
    fullMarks: 100,
    elements: [
      {
        code: 'approval.days',
        name: '平均审批时长',
        unit: '个工作日',
        rollup: 'avg',
        min: 0,
        max: 60,
      },
      {
        code: 'hotline.timely',
        name: '热线及时响应件数',
        unit: '件',
        rollup: 'sum',
      },
      {
        code: 'hotline.total',
        name: '热线受理件数',
        unit: '件',
        rollup: 'sum',
      },
      {
        code: 'hotline.rate',
        name: '热线及时响应率',
        rollup: 'last',
        formula: '#{hotline.timely} / #{hotline.total}',
      },
      {
        code: 'satisfaction',
        name: '群众满意度',
        unit: '分',
        rollup: 'avg',
        min: 0,
        max: 100,
      },
      {
        code: 'response.hours',
        name: '首次响应时长',
        unit: '小时',
        rollup: 'avg',
      },
      {
        code: 'business.score',
        name: '营商环境评价得分',
        unit: '分',
        rollup: 'last',
      },
      {
        code: 'staff.age',
        name: '干部平均年龄',
        unit: '岁',
        rollup: 'last',
      },
      {
        code: 'tasks.done',
        name: '重点改革任务完成数',
        unit: '项',
        rollup: 'sum',
      },
      {
        code: 'tasks.total',
        name: '重点改革任务数',
        unit: '项',
        rollup: 'sum',
      },
      {
        code: 'award.count',
        name: '获国家级表彰次数',
        unit: '次',
        rollup: 'sum',
      },
      {
        code: 'incident.count',
        name: '被省级通报批评次数',
        unit: '次',
        rollup: 'sum',
      },
      {
        code: 'safety.major',
        name: '重大安全事故起数',
        unit: '起',
        rollup: 'sum',
      },
      {
        code: 'data.breach',
        name: '重大数据安全事件起数',
        unit: '起',
        rollup: 'sum',
      },
    ],
    tree: [
      {
        code: 'service',
        name: '政务服务效能',
        weight: 0.6,
        children: [
          {
            code: 'approval',
            name: '审批时限压缩',
            weight: 0.3,
            description: '平均审批时长由 15.3 个工作日压缩至 6 个工作日（−60%）。',
            kind: 'result',
            direction: 'down',
            formula: '#{approval.days}',
            method: {
              type: 'linear',
            },
            unit: '个工作日',
            baseline: 15.3,
            target: 6,
          },
          {
            code: 'hotline',
            name: '12345热线及时响应率',
            weight: 0.3,
            kind: 'result',
            direction: 'up',
            formula: '#{hotline.rate}',
            method: {
              type: 'linear',
            },
            baseline: 0.75,
            target: 0.98,
            core: true,
            dataSources: ['12345热线系统'],
          },
          {
            code: 'satisfaction',
            name: '群众满意度',
            weight: 0.25,
            kind: 'result',
            direction: 'up',
            formula: '#{satisfaction}',
            method: {
              type: 'linear',
              cap: 1.1,
            },
            unit: '分',
            baseline: 78.6,
            target: 90,
            stretch: 95,
            sources: {
              combine: 'weighted',
              weights: {
                thirdParty: 0.35,
                survey: 0.4,
                self: 0.25,
              },
            },
          },
          {
            code: 'response',
            name: '诉求首次响应时效',
            weight: 0.15,
            kind: 'process',
            direction: 'down',
            formula: '#{response.hours}',
            method: {
              type: 'anchored',
              outOf: 5,
              levels: [
                {
                  atMost: 1,
                  points: 5,
                  label: '1小时内响应',
                },
                {
                  atMost: 2,
                  points: 3,
                  label: '2小时内响应',
                },
              ],
              otherwise: 0,
            },
            unit: '小时',
          },
        ],
      },
      {
        code: 'governance',
        name: '营商环境与队伍建设',
        weight: 0.25,
        children: [
          {
            code: 'business',
            name: '营商环境评价',
            weight: 0.5,
            kind: 'result',
            direction: 'up',
            formula: '#{business.score}',
            method: {
              type: 'rankPoints',
              points: [60, 57, 54, 51, 48],
              rest: 45,
            },
          },
          {
            code: 'age',
            name: '干部队伍年龄结构',
            weight: 0.5,
            description: '每超平均年龄1岁扣0.5分。',
            kind: 'process',
            direction: 'down',
            formula: '#{staff.age}',
            method: {
              type: 'deviation',
              outOf: 5,
              reference: 'classMean',
              per: 1,
              deduct: 0.5,
              stepwise: true,
            },
            unit: '岁',
          },
        ],
      },
      {
        code: 'reform',
        name: '重点改革任务',
        weight: 0.15,
        children: [
          {
            code: 'tasks',
            name: '重点改革任务完成率',
            weight: 1,
            kind: 'process',
            direction: 'up',
            formula: '#{tasks.done} / #{tasks.total}',
            method: {
              type: 'target',
            },
            target: 1,
          },
        ],
      },
    ],
    classes: [
      {
        code: 'district',
        name: '区县',
      },
      {
        code: 'department',
        name: '省直部门',
        weights: {
          service: 0.75,
          governance: 0.1,
          reform: 0.15,
        },
        exclude: ['business'],
      },
      {
        code: 'street',
        name: '街道',
        tree: [
          {
            code: 'service',
            name: '政务服务效能',
            weight: 0.7,
            children: [
              {
                code: 'hotline',
                name: '12345热线及时响应率',
                weight: 1,
                kind: 'result',
                direction: 'up',
                formula: '#{hotline.rate}',
                method: {
                  type: 'linear',
                },
                baseline: 0.75,
                target: 0.98,
                core: true,
                dataSources: ['12345热线系统'],
              },
            ],
          },
          {
            code: 'reform',
            name: '重点改革任务',
            weight: 0.3,
            children: [
              {
                code: 'tasks',
                name: '重点改革任务完成率',
                weight: 1,
                kind: 'process',
                direction: 'up',
                formula: '#{tasks.done} / #{tasks.total}',
                method: {
                  type: 'target',
                },
                target: 1,
              },
            ],
          },
        ],
      },
    ],
    bonus: [
      {
        code: 'award',
        name: '国家级表彰',
        formula: '#{award.count}',
        pointsPer: 1,
        cap: 2,
      },
    ],
    bonusCap: 3,
    deduction: [
      {
        code: 'criticism',
        name: '省级通报批评',
        formula: '#{incident.count}',
        pointsPer: 2,
        cap: 6,
      },
    ],
    deductionCap: 10,
    veto: [
      {
        code: 'safety',
        name: '重大安全事故',
        condition: '#{safety.major} > 0',
      },
      {
        code: 'data',
        name: '重大数据安全事件',
        condition: '#{data.breach} > 0',
      },
    ],
    grading: {
      thresholds: [
        {
          grade: 'A',
          min: 90,
          label: '优秀',
        },
        {
          grade: 'B',
          min: 80,
          label: '良好',
        },
        {
          grade: 'C',
          min: 60,
          label: '一般',
        },
        {
          grade: 'D',
          label: '较差',
        },
      ],
      quotas: {
        A: 0.2,
      },
      tieRule: 'strict',
    },
    rankAcrossClasses: false,
    elasticity: {
      min: 0.8,
      max: 1.2,
    },
    sources: {
      combine: 'precedence',
      order: ['inspection', 'thirdParty', 'survey', 'self'],
    },
    missing: 'zero',
  } as Plan;
}
