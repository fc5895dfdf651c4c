import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir } from './test/fixtures.js';

// The launcher runs the compiled CLI, which `npm run build` (part of `npm test`) produces first.
const bin = fileURLToPath(new URL('../bin/xn.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url)));

let fx: Awaited<ReturnType<typeof fixtureDir>>;
beforeAll(async () => {
  fx = await fixtureDir();
});
afterAll(() => fx?.cleanup());

function run(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8' },
  });
}

describe.skipIf(!built)('bin/xn.js (built CLI, separate process)', () => {
  it('scores to CSV and exits 0', async () => {
    const r = run(
      'score',
      '--plan',
      fx.path('plan.json'),
      '--units',
      fx.path('units.csv'),
      '--values',
      fx.path('values.csv'),
      '--period',
      '2026',
      '--out',
      fx.path('r.csv'),
    );
    expect(r.stderr).toMatch(/已评分 3 个单位/);
    expect(r.status).toBe(0);
    expect((await readFile(fx.path('r.csv'), 'utf8')).split('\n')[1]).toMatch(
      /^370101,100,1,A,60,40,历下区,/,
    );
  });

  it('sets the process exit code: 1 for an invalid plan, 2 for a usage error', async () => {
    const bad = run('validate', '--plan', fx.path('units.csv'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/不是有效的 JSON：第 1 行第 1 列/);
    expect(run('nosuch').status).toBe(2);
  });
});
