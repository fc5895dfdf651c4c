import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLAG, type ResultSet, score, UNIT_FLAG, valueTable } from '@xiaoneng/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProvince, writeProvince } from '../../packages/cli/src/generate/index.js';
import { resultCsv } from '../../packages/cli/src/io/write-result-csv.js';
import { compareResults } from '../lib/compare-results.js';
import { referenceProblem, runReference } from '../lib/reference.js';
import { type FeaturesCase, featuresCase } from './features-case.js';

// The pandas reference (bench/reference/score.py) must give every unit the engine's total (within 1e-9),
// rank and grade. No silent skip: without Debian's python3-pandas these tests fail and say how to install it.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xn-agreement-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function requireReference(): void {
  const problem = referenceProblem();
  if (problem) throw new Error(`The pandas reference cannot run: ${problem}`);
}

interface CaseFiles {
  plan: string;
  units: string;
  values: string;
}

async function writeCase(name: string, c: FeaturesCase): Promise<CaseFiles> {
  const files = {
    plan: join(dir, `${name}-plan.json`),
    units: join(dir, `${name}-units.csv`),
    values: join(dir, `${name}-values.csv`),
  };
  await writeFile(files.plan, JSON.stringify(c.plan));
  const units = c.units.map((u) => `${u.code},${u.name},${u.class},${u.elasticity ?? ''}`);
  await writeFile(files.units, `code,name,class,elasticity\n${units.join('\n')}\n`);
  const values = c.values.map((v) => `${v.unit},${v.element},${v.period},${v.source},${v.value}`);
  await writeFile(files.values, `unit,element,period,source,value\n${values.join('\n')}\n`);
  return files;
}

/** Runs score.py on the files and compares its CSV with ours (the engine's result as `xn score` writes it). */
async function compareWithReference(files: CaseFiles, rs: ResultSet, period: string) {
  const out = `${files.plan}.reference.csv`;
  await runReference({ ...files, period, out });
  return compareResults(resultCsv(rs), await readFile(out, 'utf8'));
}

function countUnits(rs: ResultSet, flag: number): number {
  return rs.unitFlags.filter((f) => (f & flag) !== 0).length;
}

describe('pandas reference agrees with the engine', () => {
  it('can run: /usr/bin/python3 with pandas (apt-get install -y python3-pandas)', () => {
    requireReference();
  });

  for (const seed of [1, 2]) {
    it(`on a generated province (400 units, 30 indicators, seed ${seed})`, async () => {
      requireReference();
      const p = generateProvince({ units: 400, indicators: 30, periods: 1, seed });
      const sub = join(dir, `province-${seed}`);
      await writeProvince(sub, p);
      const period = p.periods[p.periods.length - 1]!;
      const rs = score(p.plan, p.units, p.values, { period });
      const files = {
        plan: join(sub, 'plan.json'),
        units: join(sub, 'units.csv'),
        values: join(sub, 'values.csv'),
      };
      const r = await compareWithReference(files, rs, period);
      expect(r.examples).toEqual([]);
      expect(r.disagreements).toBe(0);
      expect(r.units).toBe(400);
    }, 120_000);
  }

  // Seeds chosen so that the whole-number cases tie at a quota boundary (strict and lenient differ).
  const variants = [
    { seed: 11, tieRule: 'strict', rankAcrossClasses: false, coarse: false },
    { seed: 12, tieRule: 'lenient', rankAcrossClasses: true, coarse: false, skipC: true },
    { seed: 15, tieRule: 'strict', rankAcrossClasses: true, coarse: true },
    { seed: 14, tieRule: 'lenient', rankAcrossClasses: false, coarse: true },
  ] as const;
  const UNITS = 350;
  for (const v of variants) {
    const what = v.coarse ? 'stepwise methods, whole numbers' : 'every method and policy, roll-ups';
    const ladder = 'skipC' in v ? ', grades A/B/D' : '';
    it(`on the features plan (${what}; ${v.tieRule} ties${ladder}, seed ${v.seed})`, async () => {
      requireReference();
      const c = featuresCase({ ...v, units: UNITS });
      const files = await writeCase(`features-${v.seed}`, c);
      const table = valueTable(c.values);
      const rs = score(c.plan, c.units, table, { period: c.period });
      const r = await compareWithReference(files, rs, c.period);
      expect(r.examples).toEqual([]);
      expect(r.disagreements).toBe(0);
      expect(r.units).toBe(UNITS);

      // The case must reach what it is meant to test, or agreeing would prove little.
      expect(countUnits(rs, UNIT_FLAG.quotaDemoted)).toBeGreaterThan(0);
      expect(countUnits(rs, UNIT_FLAG.veto)).toBeGreaterThan(0);
      expect(countUnits(rs, UNIT_FLAG.bonusCapped)).toBeGreaterThan(0);
      expect(countUnits(rs, UNIT_FLAG.deductionCapped)).toBeGreaterThan(0);
      if (v.coarse) {
        const other = v.tieRule === 'strict' ? 'lenient' : 'strict';
        const alt = score({ ...c.plan, grading: { ...c.plan.grading, tieRule: other } }, c.units, table, {
          period: c.period,
        });
        expect(rs.grade.some((g, i) => g !== alt.grade[i])).toBe(true);
      } else {
        for (const f of [
          'excluded',
          'zeroed',
          'carried',
          'classMean',
          'capped',
          'elasticity',
          'combined',
        ] as const) {
          expect(
            rs.flags.some((x) => (x & FLAG[f]) !== 0),
            f,
          ).toBe(true);
        }
      }
    }, 120_000);
  }

  it('on the features plan with classes of one to three units', async () => {
    requireReference();
    for (const seed of [101, 102, 103]) {
      const c = featuresCase({
        seed,
        units: 7,
        tieRule: 'strict',
        rankAcrossClasses: true,
        coarse: seed === 102,
      });
      const files = await writeCase(`tiny-${seed}`, c);
      const rs = score(c.plan, c.units, valueTable(c.values), { period: c.period });
      const r = await compareWithReference(files, rs, c.period);
      expect(r.examples).toEqual([]);
      expect(r.units).toBe(7);
    }
  }, 120_000);
});

describe('compareResults', () => {
  const header = 'unit,total,rank,grade,D1,name,class,base,bonus,deduction,veto';
  const ours = `${header}\nA,90.5,1,A,50,甲,X,90.5,0,0,\nB,80,2,B,,乙,X,80,0,0,V1\n`;

  it('accepts the same figures written differently', () => {
    const ref = `${header}\nB,80.0,2,B,,乙,X,80,0.0,0,V1\nA,90.50000000000001,1,A,50.0,甲,X,90.5,0,0,\n`;
    expect(compareResults(ours, ref)).toEqual({
      units: 2,
      disagreements: 0,
      maxDifference: 1.4210854715202004e-14,
      examples: [],
    });
  });

  it('reports a total off by more than 1e-9, a rank, a grade, a veto and an empty cell', () => {
    const ref = `${header}\nA,90.500001,2,B,50,甲,X,90.5,0,0,V1\nB,80,2,B,0,乙,X,80,0,0,V1\n`;
    const r = compareResults(ours, ref);
    expect(r.disagreements).toBe(2);
    expect(r.examples).toEqual([
      'unit A: total 90.5 ≠ 90.500001 (Δ 1.00e-6); rank 1 ≠ 2; grade A ≠ B; veto  ≠ V1',
      'unit B: D1 (empty) ≠ 0',
    ]);
  });

  it('reports units missing on either side and a different header', () => {
    const ref = `unit,total,rank,grade,D2,name,class,base,bonus,deduction,veto\nA,90.5,1,A,50,甲,X,90.5,0,0,\nC,1,1,D,1,丙,X,1,0,0,\n`;
    const r = compareResults(ours, ref);
    expect(r.units).toBe(1);
    expect(r.examples).toEqual([
      'header differs: ours unit,total,rank,grade,D1,name,class,base,bonus,deduction,veto / reference unit,total,rank,grade,D2,name,class,base,bonus,deduction,veto',
      'unit B: missing from the reference',
      'unit C: only in the reference',
    ]);
    expect(r.disagreements).toBe(3);
  });
});
