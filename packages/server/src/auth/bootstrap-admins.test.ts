import { describe, expect, it } from 'vitest';
import { FAST_HASHING, makeApp, signIn, TestClock } from '../test/app-fixture.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { bootstrapAdmins, randomPassword } from './bootstrap-admins.js';
import { passwordIssues } from './password-policy.js';
import { DEFAULT_SECURITY_POLICY } from './security-policy.js';

let n = 0;
const provinceCode = () => `8${String(++n).padStart(2, '0')}${String(process.pid % 1000).padStart(3, '0')}`;
/** Usernames are unique across provinces, and the tests of both dialects share nothing but this counter. */
const names = (code: string) => ({ sysadmin: `sys${code}`, secadmin: `sec${code}`, auditor: `aud${code}` });

describe('randomPassword', () => {
  it('meets the default policy and avoids look-alike characters', () => {
    for (let i = 0; i < 50; i++) {
      const p = randomPassword('sysadmin');
      expect(p).toHaveLength(20);
      expect(p).not.toMatch(/[0O1lI]/);
      expect(passwordIssues(p, DEFAULT_SECURITY_POLICY, { username: 'sysadmin', path: 'p' })).toEqual([]);
    }
  });
});

describe.each(DIALECTS)('bootstrapAdmins on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  it('creates the province, its policy and the three administrators once, with passwords that sign in', async () => {
    const code = provinceCode();
    const clock = new TestClock();
    const result = await bootstrapAdmins(ctx.db, {
      province: { code, name: '演示省' },
      usernames: names(code),
      passwords: { auditor: 'Ledger-Check-2026' },
      mustChangePassword: false,
      clock: clock.now,
      passwordHashing: FAST_HASHING,
    });
    expect(result.bootstrapped).toBe(true);
    expect(result.accounts.map(({ role, username, generated }) => ({ role, username, generated }))).toEqual([
      { role: 'sysadmin', username: `sys${code}`, generated: true },
      { role: 'secadmin', username: `sec${code}`, generated: true },
      { role: 'auditor', username: `aud${code}`, generated: false },
    ]);
    expect(result.accounts[2]?.password).toBe('Ledger-Check-2026');
    const app = await makeApp(ctx.db, clock);
    for (const a of result.accounts) {
      const s = await signIn(app, a.username, a.password);
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
      expect(me.json()).toMatchObject({ roles: [a.role], province: code, mustChangePassword: false });
    }
    const actions = await ctx.db
      .selectFrom('audit_entry')
      .select(['action', 'actor'])
      .where('province_code', '=', code)
      .orderBy('seq')
      .execute();
    expect(actions.slice(0, 5)).toEqual([
      { action: 'province.create', actor: 'system' },
      { action: 'policy.update', actor: 'system' },
      { action: 'user.create', actor: 'system' },
      { action: 'user.create', actor: 'system' },
      { action: 'user.create', actor: 'system' },
    ]);
    const policy = await ctx.db
      .selectFrom('security_policy')
      .selectAll()
      .where('province_code', '=', code)
      .executeTakeFirstOrThrow();
    expect(policy).toMatchObject({ password_min_length: 12, version: 1 });

    const second = await bootstrapAdmins(ctx.db, {
      province: { code, name: '演示省' },
      passwordHashing: FAST_HASHING,
    });
    expect(second).toEqual({ bootstrapped: false, accounts: [] });
    const admins = await ctx.db
      .selectFrom('user_account')
      .select('id')
      .where('province_code', '=', code)
      .execute();
    expect(admins).toHaveLength(3);
  });

  it('requires a password change at first sign-in by default', async () => {
    const code = provinceCode();
    const result = await bootstrapAdmins(ctx.db, {
      province: { code, name: '省' },
      usernames: { ...names(code), sysadmin: `Admin.Sys${code}` },
      passwordHashing: FAST_HASHING,
    });
    const app = await makeApp(ctx.db, new TestClock());
    const sys = result.accounts[0]!;
    expect(sys.username).toBe(`admin.sys${code}`);
    const s = await signIn(app, sys.username, sys.password);
    const res = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: s.cookie } });
    expect(res.json().code).toBe('password_change_required');
  });

  it('refuses a given password the policy rejects, and leaves nothing behind', async () => {
    const code = provinceCode();
    await expect(
      bootstrapAdmins(ctx.db, {
        province: { code, name: '省' },
        usernames: names(code),
        passwords: { secadmin: 'short' },
        passwordHashing: FAST_HASHING,
      }),
    ).rejects.toMatchObject({ code: 'password_policy' });
    expect(await ctx.db.selectFrom('province').select('code').where('code', '=', code).execute()).toEqual([]);
    expect(
      await ctx.db.selectFrom('user_account').select('id').where('province_code', '=', code).execute(),
    ).toEqual([]);
  });
});
