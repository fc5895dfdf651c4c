import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliPlan, fixtureDir } from '../test/fixtures.js';
import { xn } from '../test/run-xn.js';

let fx: Awaited<ReturnType<typeof fixtureDir>>;
beforeEach(async () => {
  fx = await fixtureDir();
});
afterEach(() => fx.cleanup());

describe('xn validate', () => {
  it('says a valid plan is valid and exits 0', async () => {
    const r = await xn('validate', '--plan', fx.path('plan.json'));
    expect(r.stdout).toMatch(/The plan .*plan\.json is valid\n$/);
    expect(r.code).toBe(0);
  });

  it('lists every issue with its path and exits 1 on errors', async () => {
    const plan = cliPlan();
    plan.tree[0]!.weight = 0.5;
    (plan.tree[1] as { children: { method: unknown }[] }).children[0]!.method = { type: 'nosuch' };
    await writeFile(fx.path('bad.json'), JSON.stringify(plan));
    const r = await xn('validate', '--plan', fx.path('bad.json'));
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^error {3}tree: .*adding up to 0\.9 \(svc 0\.5, gov 0\.4\) instead of 1/);
    expect(lines[1]).toMatch(/^error {3}tree\[1\]\.children\[0\]\.method\.type: .*"nosuch"/);
    expect(lines[2]).toMatch(/is invalid: 2 error\(s\), 0 warning\(s\)$/);
  });

  it('passes with warnings and exits 0', async () => {
    const plan = cliPlan();
    // Result indicators under 60% of the weight is a warning, not an error.
    const sat = (plan.tree[1] as { children: { kind: string }[] }).children[0]!;
    sat.kind = 'process';
    plan.tree[0]!.weight = 0.5;
    plan.tree[1]!.weight = 0.5;
    await writeFile(fx.path('warn.json'), JSON.stringify(plan));
    const r = await xn('validate', '--plan', fx.path('warn.json'));
    expect(r.stdout).toMatch(/^warning /m);
    expect(r.stdout).toMatch(/is valid \(\d+ warning\(s\)\)/);
    expect(r.code).toBe(0);
  });

  it('prints issues as JSON with --json', async () => {
    const plan = cliPlan();
    plan.grading.thresholds = [];
    await writeFile(fx.path('bad.json'), JSON.stringify(plan));
    const r = await xn('validate', '--plan', fx.path('bad.json'), '--json');
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.errors).toBeGreaterThan(0);
    expect(out.issues[0]).toHaveProperty('path');
    expect(out.issues[0].message).toHaveProperty('zh-CN');
    expect(r.code).toBe(1);
  });

  it('names line and column of a JSON syntax error and exits 2', async () => {
    await writeFile(fx.path('broken.json'), '{\n  "format": 1,\n  "id": "x",\n}\n');
    const r = await xn('validate', '--plan', fx.path('broken.json'));
    expect(r.stderr).toMatch(/broken\.json is not valid JSON: line 4, column 1/);
    expect(r.code).toBe(2);
  });

  it('speaks Chinese with --lang zh-CN', async () => {
    const r = await xn('validate', '--plan', fx.path('plan.json'), '--lang', 'zh-CN');
    expect(r.stdout).toMatch(/方案 .*plan\.json 有效/);
  });
});

describe('xn schema', () => {
  it('prints the plan JSON Schema', async () => {
    const r = await xn('schema');
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.properties).toHaveProperty('tree');
    expect(r.code).toBe(0);
  });

  it('writes it to a file with --out', async () => {
    const r = await xn('schema', '--out', fx.path('schema.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(await readFile(fx.path('schema.json'), 'utf8')).properties).toHaveProperty('grading');
  });
});
