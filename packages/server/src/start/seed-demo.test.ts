import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { valueTable } from '@xiaoneng/engine';
import { describe, expect, it } from 'vitest';
import { handPlan } from '../results/results-fixture.js';
import { FAST_HASHING, makeApp, signIn, TestClock } from '../test/app-fixture.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { DEMO_PASSWORD, type DemoProvince, seedDemo } from './seed-demo.js';
import { serveDemo } from './serve-demo.js';

let n = 0;

/** A city (parent listed after its children, on purpose) with two counties and a department; 2025 and 2026. */
function tinyDemo(): DemoProvince {
  const code = `7${String(++n).padStart(2, '0')}${String(process.pid % 1000).padStart(3, '0')}`;
  const v = (unit: string, period: string, value: number) => ({
    unit,
    element: 'score',
    period,
    source: 'self' as const,
    value,
  });
  return {
    province: { code, name: '小省' },
    plan: handPlan(),
    units: [
      { code: '110101', name: '东城区', class: 'county', parent: '110100', level: 'county' },
      { code: '110102', name: '西城区', class: 'county', parent: '110100', level: 'county' },
      { code: '110100', name: '京市', class: 'county', level: 'city' },
      { code: 'D01', name: '发改委', class: 'dept', level: 'department' },
    ],
    periods: ['2025', '2026'],
    values: valueTable([
      v('110100', '2025', 95),
      v('110101', '2025', 85),
      v('110102', '2025', 75),
      v('D01', '2025', 65),
      v('110100', '2026', 90),
      v('110101', '2026', 80),
    ]),
  };
}

describe.each(DIALECTS)('demo seeding on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  it('seeds accounts for every role, units, values, pending submissions and a published result', async () => {
    const demo = tinyDemo();
    const clock = new TestClock();
    const result = await seedDemo(ctx.db, demo, {
      clock: clock.now,
      passwordHashing: FAST_HASHING,
      pendingShare: 0,
    });
    expect(result.logins.map((l) => l.role)).toEqual([
      'sysadmin',
      'secadmin',
      'auditor',
      'office',
      'reporter',
      'leader',
      'thirdParty',
      'inspector',
      'viewer',
    ]);
    expect(result.logins.find((l) => l.role === 'leader')?.unitCode).toBe('110101');
    // Only the bound unit's 2026 submission waits for review when no share is asked for.
    expect(result.pending).toBe(1);
    const pending = await ctx.db
      .selectFrom('submission')
      .select(['unit_code', 'period_code'])
      .where('province_code', '=', demo.province.code)
      .where('status', '=', 'submitted')
      .execute();
    expect(pending).toEqual([{ unit_code: '110101', period_code: '2026' }]);

    const app = await makeApp(ctx.db, clock);
    for (const l of result.logins) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: l.username, password: DEMO_PASSWORD },
      });
      expect(res.statusCode, `${l.username}: ${res.body}`).toBe(200);
    }
    // 2025 is scored and published (hand values: the target is 100, so a unit's total is its value).
    const ranking = (await app.inject({ url: `/api/public/results/${result.snapshotId}/rankings` })).json();
    expect(
      ranking.items.map((r: { unitCode: string; total: number; rank: number }) => [
        r.unitCode,
        r.total,
        r.rank,
      ]),
    ).toEqual([
      ['110100', 95, 1],
      ['110101', 85, 2],
      ['110102', 75, 3],
      ['D01', 65, 1],
    ]);
    const office = await signIn(app, 'office', DEMO_PASSWORD);
    const snap = (
      await app.inject({ url: `/api/results/${result.snapshotId}`, headers: office.headers })
    ).json();
    expect(snap).toMatchObject({ period: '2025', status: 'published' });
  });
});

describe('serveDemo', () => {
  it('creates the database, seeds it once, serves it, and on a restart only serves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xn-serve-'));
    const file = join(dir, 'data', 'xn.db');
    const lines: string[] = [];
    let made = 0;
    const options = {
      port: 0,
      databaseUrl: file,
      config: { passwordHashing: FAST_HASHING },
      demo: () => {
        made++;
        return tinyDemo();
      },
      log: (l: string) => lines.push(l),
    };
    try {
      const first = await serveDemo(options);
      expect(first.seeded?.snapshotId).toBeDefined();
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${first.url}/api/health`);
      expect(health.status).toBe(200);
      const pub = await fetch(`${first.url}/api/public/results`);
      expect(((await pub.json()) as { items: unknown[] }).items).toHaveLength(1);
      await first.close();
      expect(lines.join('\n')).toMatch(/api\/docs/);
      expect(lines.join('\n')).toMatch(/leader +leader +\(unit 110101\)/);

      lines.length = 0;
      const second = await serveDemo(options);
      expect(second.seeded).toBeUndefined();
      expect(made).toBe(1);
      expect(lines.join('\n')).toMatch(/viewer +viewer/);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a PORT that is not a port number', async () => {
    const saved = process.env.PORT;
    process.env.PORT = 'eighty';
    try {
      await expect(serveDemo({ databaseUrl: ':memory:' })).rejects.toThrow(/PORT.*eighty/);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});
