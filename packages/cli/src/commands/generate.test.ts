import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xn } from '../test/run-xn.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xn-gen-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('xn generate', () => {
  it('writes a province that xn score reads without a single problem, the same for the same seed', async () => {
    const args = ['--units', '40', '--indicators', '10', '--periods', '2', '--seed', '5'];
    const r = await xn('generate', ...args, '--out', join(dir, 'a'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Generated 40 units, 10 indicators, \d+ value rows \(periods 2025, 2026\)/);
    for (const f of ['plan.json', 'units.csv', 'values.csv', 'README.txt'])
      expect(existsSync(join(dir, 'a', f))).toBe(true);
    await xn('generate', ...args, '--out', join(dir, 'b'));
    expect(await readFile(join(dir, 'b', 'values.csv'), 'utf8')).toBe(
      await readFile(join(dir, 'a', 'values.csv'), 'utf8'),
    );

    const scored = await xn(
      'score',
      '--plan',
      join(dir, 'a', 'plan.json'),
      '--units',
      join(dir, 'a', 'units.csv'),
      '--values',
      join(dir, 'a', 'values.csv'),
      '--period',
      '2026',
      '--out',
      join(dir, 'a', 'result.csv'),
    );
    expect(scored.stderr).toMatch(/Scored 40 units/);
    expect(scored.code).toBe(0);
    const rows = (await readFile(join(dir, 'a', 'result.csv'), 'utf8')).trim().split('\n');
    expect(rows).toHaveLength(41);
  });

  it('names the option that is out of range and exits 2', async () => {
    const r = await xn('generate', '--units', '0', '--indicators', '10', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Bad generator options:\n.*\(--units\) must lie between 1 and/);
  });

  it('refuses a number that is not whole', async () => {
    const r = await xn('generate', '--units', '1.5', '--indicators', '10', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"1\.5" is not a whole number/);
  });
});
