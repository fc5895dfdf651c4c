/**
 * Small plans and inputs whose scores can be worked out by hand, shared by the engine's tests.
 * Not exported from the package.
 */
import type { LeafNode, Plan, ScoringMethod } from './plan.js';
import type { Unit } from './unit.js';
import { type DataValue, valueTable } from './value-table.js';

/**
 * Two dimensions, four indicators, three counties:
 * - 服务 (0.6): hotline completion rate (target 0.9) and approval-time reduction vs last year (target 0.6);
 * - 治理 (0.4): satisfaction (min–max, third party 35% / survey 40% / self 25%) and complaints (lower is
 *   better, proportional to the best, excluded when missing).
 * Bonus: awards (1 point each, cap 2); deduction: incidents (2 points each); veto: a major accident.
 */
export function countyPlan(): Plan {
  return {
    format: 1,
    id: 'demo',
    name: '示范方案',
    version: 1,
    periodType: 'year',
    elements: [
      { code: 'hotline.closed', name: '热线办结件数', unit: '件', rollup: 'sum' },
      { code: 'hotline.total', name: '热线受理件数', unit: '件', rollup: 'sum' },
      { code: 'approval.days', name: '平均审批时长', unit: '个工作日', rollup: 'avg' },
      { code: 'satisfaction', name: '满意度', unit: '分', rollup: 'avg' },
      { code: 'complaints', name: '投诉件数', unit: '件', rollup: 'sum' },
      { code: 'award.count', name: '获省级以上表彰次数', rollup: 'sum' },
      { code: 'incident.count', name: '通报批评次数', rollup: 'sum' },
      { code: 'major.accident', name: '重大安全事故', rollup: 'sum' },
    ],
    tree: [
      {
        code: 'service',
        name: '服务',
        weight: 0.6,
        children: [
          leaf(
            'hotline',
            '热线按时办结率',
            0.5,
            '#{hotline.closed} / #{hotline.total}',
            { type: 'target' },
            { target: 0.9 },
          ),
          leaf(
            'approval',
            '审批时限压缩率',
            0.5,
            '1 - #{approval.days} / lastYear(#{approval.days})',
            { type: 'target' },
            { target: 0.6 },
          ),
        ],
      },
      {
        code: 'governance',
        name: '治理',
        weight: 0.4,
        children: [
          leaf(
            'sat',
            '群众满意度',
            0.5,
            '#{satisfaction}',
            { type: 'minmax' },
            {
              sources: { combine: 'weighted', weights: { thirdParty: 0.35, survey: 0.4, self: 0.25 } },
            },
          ),
          leaf(
            'complaints',
            '投诉量',
            0.5,
            '#{complaints}',
            { type: 'frontier' },
            {
              direction: 'down',
              kind: 'process',
              missing: 'exclude',
            },
          ),
        ],
      },
    ],
    classes: [{ code: 'county', name: '县（市、区）' }],
    bonus: [{ code: 'award', name: '表彰加分', formula: '#{award.count}', pointsPer: 1, cap: 2 }],
    bonusCap: 3,
    deduction: [{ code: 'incident', name: '通报扣分', formula: '#{incident.count}', pointsPer: 2, cap: 10 }],
    veto: [{ code: 'accident', name: '重大安全事故', condition: '#{major.accident} > 0' }],
    grading: {
      thresholds: [{ grade: 'A', min: 90 }, { grade: 'B', min: 80 }, { grade: 'C', min: 60 }, { grade: 'D' }],
    },
  };
}

export function leaf(
  code: string,
  name: string,
  weight: number,
  formula: string,
  method: ScoringMethod,
  extra: Partial<LeafNode> = {},
): LeafNode {
  return { code, name, weight, kind: 'result', direction: 'up', formula, method, ...extra };
}

export const countyUnits: Unit[] = [
  { code: '370102', name: '历下区', class: 'county' },
  { code: '370103', name: '市中区', class: 'county' },
  { code: '370104', name: '槐荫区', class: 'county' },
];

export function countyValues(extra: DataValue[] = []) {
  const v = (
    unit: string,
    element: string,
    value: number,
    source: DataValue['source'] = 'self',
    period = '2026',
  ) => ({ unit, element, period, source, value }) satisfies DataValue;
  return valueTable([
    v('370102', 'hotline.closed', 90),
    v('370102', 'hotline.total', 100),
    v('370102', 'approval.days', 15.3, 'self', '2025'),
    v('370102', 'approval.days', 6),
    v('370102', 'satisfaction', 80, 'thirdParty'),
    v('370102', 'satisfaction', 90, 'survey'),
    v('370102', 'satisfaction', 95, 'self'),
    v('370102', 'complaints', 2),
    v('370102', 'award.count', 3),
    v('370103', 'hotline.closed', 72),
    v('370103', 'hotline.total', 100),
    v('370103', 'approval.days', 10, 'self', '2025'),
    v('370103', 'approval.days', 8),
    v('370103', 'satisfaction', 90),
    v('370103', 'complaints', 4),
    v('370103', 'incident.count', 1),
    v('370104', 'hotline.closed', 45),
    v('370104', 'hotline.total', 50),
    v('370104', 'approval.days', 12, 'self', '2025'),
    v('370104', 'satisfaction', 70, 'survey'),
    v('370104', 'satisfaction', 100, 'self'),
    v('370104', 'major.accident', 1),
    ...extra,
  ]);
}
