import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Run, xn } from '../test/run-xn.js';

let dir: string;
let en: Run;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xn-demo-'));
  en = await xn('demo', '--dir', join(dir, 'en'), '--units', '60', '--indicators', '12', '--seed', '3');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('xn demo', () => {
  it('generates, scores and shows top and bottom units, grades per class and warnings', () => {
    expect(en.code).toBe(0);
    const out = en.stdout;
    expect(out).toMatch(
      /^xiaoneng demo: .*, 60 units, 12 indicators, \d+ value rows, period 2026 \(seed 3\)/,
    );
    const top = out.split('Top 10 by total\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(top[0]).toMatch(/Code +Name +Class +Total +Rank in class +Grade/);
    expect(top).toHaveLength(11);
    const totals = top.slice(1).map((l) => Number(/ (\d+\.\d\d) /.exec(l)![1]));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(out).toMatch(/Bottom 10 by total\n/);
    expect(out).toMatch(/Grades per class\n +Class +A excellent +B good +C fair +D poor +Total/);
    expect(out).toMatch(
      /Warnings\n {2}Veto: \d+ units?\n {2}Red lights \(indicators below 60% of full marks\): \d+ across \d+ units/,
    );
    expect(out).toMatch(/Inflated self-reports: \d+ units/);
    for (const f of ['plan.json', 'units.csv', 'values.csv', 'result.csv', 'result.xlsx'])
      expect(existsSync(join(dir, 'en', f))).toBe(true);
  });

  it('ends with an xn explain command that works as printed', async () => {
    const line = en.stdout.trim().split('\n').at(-1)!;
    expect(line).toMatch(/^ {2}npx xn explain --plan .* --unit \S+ --lang en$/);
    const args = line.trim().split(/\s+/).slice(2);
    const r = await xn(...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: total \d+\.\d\d, rank \d+ of \d+ in /);
  });

  it('speaks Chinese with --lang zh-CN', async () => {
    const zh = await xn(
      'demo',
      '--dir',
      join(dir, 'zh'),
      '--units',
      '30',
      '--indicators',
      '8',
      '--lang',
      'zh-CN',
    );
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^效能演示：/);
    expect(zh.stdout).toMatch(/总分前 10 名/);
    expect(zh.stdout).toMatch(/各类别等次分布/);
    expect(zh.stdout).toMatch(/红灯指标（得分率低于 60%）/);
    expect(zh.stdout).toMatch(/下一步：/);
  });
});
