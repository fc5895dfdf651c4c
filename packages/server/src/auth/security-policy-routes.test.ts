import { describe, expect, it } from 'vitest';
import { makeApp, PASSWORD, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { DEFAULT_SECURITY_POLICY } from './security-policy.js';

describe.each(DIALECTS)('security policy on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const province = await seedProvince(ctx.db);
    const secadmin = await seedUser(ctx.db, province, ['secadmin']);
    const sysadmin = await seedUser(ctx.db, province, ['sysadmin']);
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    const sec = await signIn(app, secadmin.username);
    const sys = await signIn(app, sysadmin.username);
    const put = (s = sec, body: object = {}) =>
      app.inject({
        method: 'PUT',
        url: '/api/security-policy',
        headers: s.headers,
        payload: { ...DEFAULT_SECURITY_POLICY, ...body },
      });
    return { province, app, sec, sys, put, clock };
  }

  it('shows the defaults as version 0 until the security administrator sets a policy', async () => {
    const w = await world();
    const res = await w.app.inject({
      method: 'GET',
      url: '/api/security-policy',
      headers: { cookie: w.sec.cookie },
    });
    expect(res.json()).toEqual({
      province: w.province,
      ...DEFAULT_SECURITY_POLICY,
      version: 0,
      updatedAt: null,
    });
  });

  it('replaces the policy with optimistic concurrency, audited, and the system administrator may not', async () => {
    const w = await world();
    const first = await w.put(w.sec, { passwordMinLength: 14, version: 0 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      passwordMinLength: 14,
      version: 1,
      updatedAt: '2026-11-23T08:00:00.000Z',
    });
    const second = await w.put(w.sec, { passwordMinLength: 16, version: 1 });
    expect(second.json().version).toBe(2);
    const stale = await w.put(w.sec, { passwordMinLength: 8, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    const bySys = await w.put(w.sys, { version: 2 });
    expect(bySys.statusCode).toBe(403);
    const entries = await ctx.db
      .selectFrom('audit_entry')
      .select(['action', 'before_json', 'after_json'])
      .where('province_code', '=', w.province)
      .where('action', '=', 'policy.update')
      .orderBy('seq')
      .execute();
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[0]?.before_json ?? '')).toMatchObject({
      defaults: true,
      passwordMinLength: 12,
    });
    expect(JSON.parse(entries[1]?.after_json ?? '')).toMatchObject({ passwordMinLength: 16 });
    const stored = await w.app.inject({
      method: 'GET',
      url: '/api/security-policy',
      headers: { cookie: w.sec.cookie },
    });
    expect(stored.json().passwordMinLength).toBe(16);
  });

  it('refuses settings out of bounds, naming each field', async () => {
    const w = await world();
    const res = await w.put(w.sec, {
      passwordMinLength: 4,
      sessionIdleMinutes: 2,
      lockoutThreshold: 'five',
      version: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.passwordMinLength', message: '不得小于 8' },
      { path: 'body.lockoutThreshold', message: '应为整数' },
      { path: 'body.sessionIdleMinutes', message: '不得小于 5' },
    ]);
    const inverted = await w.put(w.sec, { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 30, version: 0 });
    expect(inverted.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'body.sessionAbsoluteMinutes', message: '不得小于 sessionIdleMinutes（60）' }],
    });
    const missing = await w.app.inject({
      method: 'PUT',
      url: '/api/security-policy',
      headers: w.sec.headers,
      payload: { passwordMinLength: 12 },
    });
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toContain('body.version');
  });

  it('enforces the new policy: longer passwords, and a lower lockout threshold', async () => {
    const w = await world();
    await w.put(w.sec, { passwordMinLength: 16, lockoutThreshold: 3, version: 0 });
    const short = await w.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: w.sys.headers,
      payload: { username: 'newbie', displayName: 'n', password: PASSWORD },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].message).toBe('密码至少需要 16 个字符（现有 15 个）');
    // The policy holds for accounts made outside HTTP too: the fixture's default password is now too short.
    await expect(seedUser(ctx.db, w.province, ['viewer'])).rejects.toMatchObject({ code: 'password_policy' });
    const viewer = await seedUser(ctx.db, w.province, ['viewer'], { password: 'A-much-longer-pass-1' });
    for (let i = 0; i < 3; i++)
      await w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: viewer.username, password: 'Wrong-Password-1' },
      });
    const row = await ctx.db
      .selectFrom('user_account')
      .select('locked_until')
      .where('id', '=', viewer.id)
      .executeTakeFirstOrThrow();
    expect(row.locked_until).toBe('2026-11-23T08:15:00.000Z');
  });
});
