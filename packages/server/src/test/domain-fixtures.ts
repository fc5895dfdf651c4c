import type { Plan } from '@xiaoneng/engine';
import type { Db } from '../db/database.js';
import { prepareDocument } from '../plans/plan-document.js';

/**
 * The smallest valid quarterly plan the domain tests use: two reported elements feed a computed rate, a
 * satisfaction score stands alone. `cases.done` has the plausible range 0–1000, `satisfaction` 0–100.
 */
export function testPlanDocument(): Plan {
  return {
    format: 1,
    id: 'P2026',
    name: '测试方案',
    version: 1,
    periodType: 'quarter',
    elements: [
      { code: 'cases.done', name: '办结件数', unit: '件', rollup: 'sum', min: 0, max: 1000 },
      { code: 'cases.total', name: '受理件数', unit: '件', rollup: 'sum', min: 0 },
      { code: 'cases.rate', name: '办结率', rollup: 'last', formula: '#{cases.done} / #{cases.total}' },
      { code: 'satisfaction', name: '满意度', unit: '分', rollup: 'avg', min: 0, max: 100 },
    ],
    tree: [
      {
        code: 'rate',
        name: '办结率',
        weight: 0.6,
        kind: 'result',
        direction: 'up',
        formula: '#{cases.rate}',
        method: { type: 'linear' },
        baseline: 0.5,
        target: 1,
      },
      {
        code: 'sat',
        name: '满意度',
        weight: 0.4,
        kind: 'process',
        direction: 'up',
        formula: '#{satisfaction}',
        method: { type: 'linear' },
        baseline: 60,
        target: 90,
      },
    ],
    classes: [{ code: 'county', name: '县区' }],
    grading: { thresholds: [{ grade: 'A', min: 90 }, { grade: 'B', min: 75 }, { grade: 'C' }] },
  };
}

/** Publishes `testPlanDocument()` as version 1 of the fixture province's plan P2026 (no HTTP, no audit). */
export async function seedPublishedPlan(db: Db, province: string): Promise<void> {
  const stored = prepareDocument(testPlanDocument(), 'P2026', 1);
  await db
    .insertInto('plan_version')
    .values({
      province_code: province,
      plan_code: 'P2026',
      number: 1,
      document: stored.text,
      hash: stored.hash,
      status: 'published',
      reason: null,
      created_by: 'test',
      created_at: '2026-11-23T00:00:00.000Z',
      published_by: 'test',
      published_at: '2026-11-23T00:00:00.000Z',
    })
    .execute();
}
