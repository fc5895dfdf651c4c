import { createHash } from 'node:crypto';
import type { Plan, Source } from '@xiaoneng/engine';
import type { Db } from '../db/database.js';
import type { SubmissionStatus } from '../db/tables/submission.table.js';

/**
 * A plan whose scores are worked out by hand: one dimension, one indicator `#{score}` scored against a
 * target of 100 (fraction = value / 100, capped at 1), full marks 100, so a unit's total is its value.
 * Grades: A ≥ 90, B ≥ 80, C ≥ 60, else D. Missing values score zero.
 */
export function handPlan(): Plan {
  return {
    format: 1,
    id: 'P',
    name: '手算方案',
    version: 1,
    periodType: 'year',
    elements: [{ code: 'score', name: '得分', rollup: 'avg' }],
    tree: [
      {
        code: 'work',
        name: '工作',
        weight: 1,
        children: [
          {
            code: 'x',
            name: '指标',
            weight: 1,
            kind: 'result',
            direction: 'up',
            formula: '#{score}',
            method: { type: 'target' },
            target: 100,
          },
        ],
      },
    ],
    classes: [
      { code: 'county', name: '县区' },
      { code: 'dept', name: '部门' },
    ],
    grading: {
      thresholds: [{ grade: 'A', min: 90 }, { grade: 'B', min: 80 }, { grade: 'C', min: 60 }, { grade: 'D' }],
    },
  };
}

export interface ResultsWorld {
  province: string;
  plan: Plan;
}

let worlds = 0;

export const AT = '2026-11-23T00:00:00.000Z';

/**
 * A province with a city (330100) over three counties (330102, 330106, 330108) and one department (D01),
 * plan `P` version 1 published, the year 2026 open. No values yet: tests add them with {@link addValue}.
 */
export async function seedResultsWorld(db: Db): Promise<ResultsWorld> {
  const province = `8${String(++worlds).padStart(2, '0')}${String(process.pid % 1000).padStart(3, '0')}`;
  const plan = handPlan();
  const document = JSON.stringify(plan);
  await db
    .insertInto('province')
    .values({ code: province, name: `结果省 ${province}`, created_at: AT })
    .execute();
  await db
    .insertInto('unit_class')
    .values([
      { province_code: province, code: 'county', name: '县区' },
      { province_code: province, code: 'dept', name: '部门' },
    ])
    .execute();
  const unit = (code: string, name: string, cls: string, parent: string | null, level: string) => ({
    province_code: province,
    code,
    name,
    class_code: cls,
    parent_code: parent,
    level,
    elasticity: null,
  });
  await db
    .insertInto('unit')
    .values([
      unit('330100', '杭州市', 'county', null, 'city'),
      unit('330102', '上城区', 'county', '330100', 'county'),
      unit('330106', '西湖区', 'county', '330100', 'county'),
      unit('330108', '滨江区', 'county', '330100', 'county'),
      unit('D01', '发改委', 'dept', null, 'department'),
    ])
    .execute();
  await db
    .insertInto('plan')
    .values({ province_code: province, code: 'P', name: plan.name, created_at: AT })
    .execute();
  await db
    .insertInto('plan_version')
    .values({
      province_code: province,
      plan_code: 'P',
      number: 1,
      document,
      hash: createHash('sha256').update(document).digest('hex'),
      status: 'published',
      reason: null,
      approved_by: null,
      approved_at: null,
      published_by: 'office',
      created_by: 'office',
      created_at: AT,
      published_at: AT,
    })
    .execute();
  await db
    .insertInto('period')
    .values({ province_code: province, code: '2026', type: 'year', status: 'open', deadline: null })
    .execute();
  return { province, plan };
}

/** Stores one value, and for a self-reported one the unit's submission in `status` (approved by default). */
export async function addValue(
  db: Db,
  province: string,
  unitCode: string,
  value: number,
  options: { source?: Source; status?: SubmissionStatus } = {},
): Promise<void> {
  const source = options.source ?? 'self';
  await db
    .insertInto('data_value')
    .values({
      province_code: province,
      plan_code: 'P',
      unit_code: unitCode,
      element_code: 'score',
      period_code: '2026',
      source,
      value,
      evidence_hash: null,
      entered_by: 'test',
      entered_at: AT,
    })
    .execute();
  if (source !== 'self') return;
  await db
    .insertInto('submission')
    .values({
      province_code: province,
      plan_code: 'P',
      period_code: '2026',
      unit_code: unitCode,
      plan_version: 1,
      status: options.status ?? 'approved',
      comment: null,
      submitted_by: null,
      submitted_at: null,
      reviewed_by: null,
      reviewed_at: null,
      created_at: AT,
    })
    .execute();
}

/** Sets a stored value (after the office corrects it) without touching its submission. */
export async function setValue(db: Db, province: string, unitCode: string, value: number): Promise<void> {
  await db
    .updateTable('data_value')
    .set({ value })
    .where('province_code', '=', province)
    .where('unit_code', '=', unitCode)
    .where('source', '=', 'self')
    .execute();
}

export async function count(
  db: Db,
  table: 'result_snapshot' | 'result_unit' | 'appeal' | 'audit_entry',
  province: string,
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where('province_code', '=', province)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
