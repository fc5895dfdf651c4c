import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPECTED, fixtureDir } from '../test/fixtures.js';
import { xn } from '../test/run-xn.js';

let fx: Awaited<ReturnType<typeof fixtureDir>>;
beforeEach(async () => {
  fx = await fixtureDir();
});
afterEach(() => fx.cleanup());

const inputs = () => [
  '--plan',
  fx.path('plan.json'),
  '--units',
  fx.path('units.csv'),
  '--values',
  fx.path('values.csv'),
  '--period',
  '2026',
];

describe('xn explain', () => {
  it('explains a unit in English: total, rank, veto and the third-party value that won', async () => {
    const r = await xn('explain', ...inputs(), '--unit', '370103');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/槐荫区 \(370103\), 2026: total 92\.00, rank 2 of 3/);
    expect(r.stdout).toMatch(/Vetoed by 重大安全事故/);
    expect(r.stdout).toMatch(/= 84 \(thirdParty\)/);
  });

  it('explains in Chinese with --lang zh-CN', async () => {
    const r = await xn('explain', ...inputs(), '--unit', '370102', '--lang', 'zh-CN');
    expect(r.stdout).toMatch(/市中区（370102）2026 考核结果：总分 71\.33/);
  });

  it('prints the explanation as JSON', async () => {
    const r = await xn('explain', ...inputs(), '--unit', '370102', '--json');
    const e = JSON.parse(r.stdout);
    expect(e.unit.code).toBe('370102');
    expect(e.total).toBeCloseTo(EXPECTED['370102'].total, 9);
    expect(e.rank).toBe(3);
    expect(e.grade).toBe('C');
  });

  it('refuses an unknown unit with exit 2 and suggests close ones', async () => {
    const r = await xn('explain', ...inputs(), '--unit', '37010');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/There is no unit 37010 in the units file/);
    expect(r.stderr).toMatch(/Did you mean: 370101 历下区; 370102 市中区; 370103 槐荫区/);
  });
});

describe('xn sensitivity', () => {
  it('reports rank intervals and grade stability, the same for any thread count', async () => {
    const one = await xn(
      'sensitivity',
      ...inputs(),
      '--draws',
      '40',
      '--seed',
      '7',
      '--threads',
      '1',
      '--out',
      fx.path('s1.csv'),
    );
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(
      /^40 draws \(seed 7, weight noise ±20%\): \d+ of 3 units have an unstable grade/,
    );
    const text = await readFile(fx.path('s1.csv'), 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('unit,name,class,rank,median,p05,p95,gradeStability,unstable');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      '370101,历下区,county,1',
      '370102,市中区,county,3',
      '370103,槐荫区,county,2',
    ]);
    const json = await xn(
      'sensitivity',
      ...inputs(),
      '--draws',
      '40',
      '--seed',
      '7',
      '--threads',
      '1',
      '--out',
      fx.path('s.json'),
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(await readFile(fx.path('s.json'), 'utf8')).draws).toBe(40);
  });

  it('checks its options', async () => {
    const r = await xn('sensitivity', ...inputs(), '--draws', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--draws.*must be an integer ≥ 1/);
    const bad = await xn('sensitivity', ...inputs(), '--out', fx.path('s.xlsx'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/must end in \.csv or \.json/);
  });
});
