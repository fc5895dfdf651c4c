/**
 * A plan small enough to score by hand, with its units and values as files, for the CLI's tests.
 *
 * 服务 svc (0.6): 办结率 rate = done / total, target method, target 0.9.
 * 治理 gov (0.4): 满意度 sat, linear from baseline 60 to target 90.
 * Deduction: 2 points per incident. Veto: any accident. Grades A ≥ 90, B ≥ 80, C ≥ 60, D.
 *
 * 370101 历下区: rate 90/100 = 0.9 → 1 → 60; sat 90 → 1 → 40; total 100, rank 1, A.
 * 370102 市中区: rate 80/100 = 0.8 → 0.8/0.9 → 53.33…; sat 75 → 0.5 → 20; one incident −2;
 *                total 71.33…, rank 3, C.
 * 370103 槐荫区: rate 45/50 = 0.9 → 60; sat: self 95 but third party 84 wins → 0.8 → 32; total 92,
 *                rank 2, an accident → vetoed to D.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '@xiaoneng/engine';

export function cliPlan(): Plan {
  return {
    format: 1,
    id: 'cli-test',
    name: '命令行测试方案',
    version: 1,
    periodType: 'year',
    elements: [
      { code: 'done', name: '办结件数', unit: '件', rollup: 'sum' },
      { code: 'total', name: '受理件数', unit: '件', rollup: 'sum' },
      { code: 'sat', name: '满意度', unit: '分', rollup: 'avg' },
      { code: 'incident', name: '通报批评次数', rollup: 'sum' },
      { code: 'accident', name: '重大安全事故', rollup: 'sum' },
      { code: 'rate.calc', name: '办结率（计算）', rollup: 'avg', formula: '#{done} / #{total}' },
    ],
    tree: [
      {
        code: 'svc',
        name: '服务',
        weight: 0.6,
        children: [
          {
            code: 'rate',
            name: '办结率',
            weight: 1,
            kind: 'result',
            direction: 'up',
            formula: '#{done} / #{total}',
            method: { type: 'target' },
            target: 0.9,
          },
        ],
      },
      {
        code: 'gov',
        name: '治理',
        weight: 0.4,
        children: [
          {
            code: 'sat',
            name: '满意度',
            weight: 1,
            kind: 'result',
            direction: 'up',
            formula: '#{sat}',
            method: { type: 'linear' },
            baseline: 60,
            target: 90,
          },
        ],
      },
    ],
    classes: [{ code: 'county', name: '县（市、区）' }],
    deduction: [{ code: 'incident', name: '通报扣分', formula: '#{incident}', pointsPer: 2, cap: 10 }],
    veto: [{ code: 'accident', name: '重大安全事故', condition: '#{accident} > 0' }],
    grading: {
      thresholds: [{ grade: 'A', min: 90 }, { grade: 'B', min: 80 }, { grade: 'C', min: 60 }, { grade: 'D' }],
    },
  };
}

export const UNITS_CSV = `code,name,class,parent,level,elasticity
370101,历下区,county,3701,county,1
370102,市中区,county,3701,county,
370103,槐荫区,county,3701,county,1.1
`;

export const VALUES_CSV = `unit,element,period,source,value
370101,done,2026,self,90
370101,total,2026,self,100
370101,sat,2026,self,90
370102,done,2026,self,80
370102,total,2026,self,100
370102,sat,2026,self,75
370102,incident,2026,self,1
370103,done,2026,self,45
370103,total,2026,self,50
370103,sat,2026,self,95
370103,sat,2026,thirdParty,84
370103,accident,2026,inspection,1
`;

/** Expected totals, worked out by hand above. */
export const EXPECTED = {
  '370101': { total: 100, rank: 1, grade: 'A', svc: 60, gov: 40 },
  '370102': { total: 60 * (0.8 / 0.9) + 40 * 0.5 - 2, rank: 3, grade: 'C', svc: 60 * (0.8 / 0.9), gov: 20 },
  '370103': { total: 92, rank: 2, grade: 'D', svc: 60, gov: 32 },
} as const;

/** A temporary directory with the fixture files (plan.json, units.csv, values.csv). */
export async function fixtureDir(): Promise<{
  dir: string;
  path: (f: string) => string;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'xn-test-'));
  await writeFile(join(dir, 'plan.json'), JSON.stringify(cliPlan(), null, 2));
  await writeFile(join(dir, 'units.csv'), UNITS_CSV);
  await writeFile(join(dir, 'values.csv'), VALUES_CSV);
  return { dir, path: (f) => join(dir, f), cleanup: () => rm(dir, { recursive: true, force: true }) };
}
