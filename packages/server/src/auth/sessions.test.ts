import { describe, expect, it } from 'vitest';
import {
  auditActions,
  makeApp,
  PASSWORD,
  seedUser,
  sessionOf,
  signIn,
  TestClock,
} from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

describe.each(DIALECTS)('sign-in and sessions on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world(roles: Parameters<typeof seedUser>[2] = ['office']) {
    const province = await seedProvince(ctx.db);
    const user = await seedUser(ctx.db, province, roles);
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    const login = (password = PASSWORD, username = user.username) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    return { province, user, clock, app, login, me };
  }

  it('signs in: an httpOnly SameSite=Lax cookie, the account, a CSRF token, and an audit entry with the request id', async () => {
    const w = await world();
    const res = await w.login();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: w.user.id,
      username: w.user.username,
      roles: ['office'],
      unitCode: null,
      mustChangePassword: false,
    });
    expect(res.json().permissions).toContain('values.import');
    expect(res.json().permissions).not.toContain('users.read');
    const cookie = res.cookies.find((c) => c.name === 'xn_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeUndefined();
    expect(cookie?.maxAge).toBeUndefined();
    expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const entry = await ctx.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('province_code', '=', w.province)
      .where('action', '=', 'login.success')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor: w.user.username,
      role: 'office',
      request_id: res.headers['x-request-id'],
    });
    expect(entry.at).toBe('2026-11-23T08:00:00.000Z');
    const me = await w.me(sessionOf(res).cookie);
    expect(me.json().csrfToken).toBe(res.json().csrfToken);
  });

  it('marks the cookie Secure when configured', async () => {
    const province = await seedProvince(ctx.db);
    const user = await seedUser(ctx.db, province, ['viewer']);
    const app = await makeApp(ctx.db, new TestClock(), { cookieSecure: true });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: PASSWORD },
    });
    expect(res.cookies.find((c) => c.name === 'xn_session')?.secure).toBe(true);
  });

  it('matches usernames in any case', async () => {
    const w = await world();
    expect((await w.login(PASSWORD, ` ${w.user.username.toUpperCase()} `)).statusCode).toBe(200);
  });

  it('gives the same answer for a wrong password and an unknown username', async () => {
    const w = await world();
    const wrong = await w.login('Wrong-Password-1');
    const unknown = await w.login(PASSWORD, 'nobody-here');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json()).toMatchObject({
      code: 'login_failed',
      detail: '用户名或密码错误，或账户已被暂时锁定或停用',
    });
    expect(wrong.cookies).toEqual([]);
    expect(await auditActions(ctx.db, w.province)).toEqual(['user.create', 'login.failure']);
  });

  it('locks after 5 failures within 15 minutes, refuses even the right password while locked, and unlocks after 15 minutes', async () => {
    const w = await world();
    for (let i = 0; i < 4; i++) {
      expect((await w.login('Wrong-Password-1')).statusCode).toBe(401);
      w.clock.advanceMinutes(3);
    }
    // The fifth failure, 12 minutes after the first: locks.
    expect((await w.login('Wrong-Password-1')).statusCode).toBe(401);
    const locked = await ctx.db
      .selectFrom('user_account')
      .selectAll()
      .where('id', '=', w.user.id)
      .executeTakeFirstOrThrow();
    expect(locked.locked_until).toBe('2026-11-23T08:27:00.000Z');
    const whileLocked = await w.login();
    expect(whileLocked.statusCode).toBe(401);
    expect(whileLocked.json().code).toBe('login_failed');
    w.clock.advanceMinutes(14);
    expect((await w.login()).statusCode).toBe(401);
    w.clock.advanceMinutes(1);
    expect((await w.login()).statusCode).toBe(200);
    expect(await auditActions(ctx.db, w.province)).toEqual([
      'user.create',
      ...Array(5).fill('login.failure'),
      'user.lock',
      'login.failure',
      'login.failure',
      'login.success',
    ]);
    const after = await ctx.db
      .selectFrom('user_account')
      .selectAll()
      .where('id', '=', w.user.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ failed_attempts: 0, failed_since: null, locked_until: null });
  });

  it('does not count failures that fall outside the window, and a success starts the count again', async () => {
    const w = await world();
    for (let i = 0; i < 4; i++) await w.login('Wrong-Password-1');
    w.clock.advanceMinutes(15);
    for (let i = 0; i < 4; i++) await w.login('Wrong-Password-1');
    expect((await w.login()).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await w.login('Wrong-Password-1');
    expect((await w.login()).statusCode).toBe(200);
    expect(await auditActions(ctx.db, w.province)).not.toContain('user.lock');
  });

  it('refuses a disabled account with the same answer', async () => {
    const w = await world();
    await ctx.db.updateTable('user_account').set({ disabled: 1 }).where('id', '=', w.user.id).execute();
    const res = await w.login();
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('login_failed');
  });

  it('ends a session after 30 idle minutes; use keeps it alive', async () => {
    const w = await world();
    const s = await signIn(w.app, w.user.username);
    w.clock.advanceMinutes(29);
    expect((await w.me(s.cookie)).statusCode).toBe(200);
    w.clock.advanceMinutes(29);
    expect((await w.me(s.cookie)).statusCode).toBe(200);
    w.clock.advanceMinutes(30);
    const expired = await w.me(s.cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('session_expired');
    expect(expired.cookies.find((c) => c.name === 'xn_session')?.value).toBe('');
  });

  it('ends a session 12 hours after sign-in however busy', async () => {
    const w = await world();
    const s = await signIn(w.app, w.user.username);
    for (let minutes = 20; minutes < 720; minutes += 20) {
      w.clock.advanceMinutes(20);
      expect((await w.me(s.cookie)).statusCode, `at ${minutes} minutes`).toBe(200);
    }
    w.clock.advanceMinutes(20);
    expect((await w.me(s.cookie)).json().code).toBe('session_expired');
  });

  it('applies a shorter idle timeout to open sessions at once', async () => {
    const w = await world();
    const s = await signIn(w.app, w.user.username);
    await ctx.db
      .insertInto('security_policy')
      .values({
        province_code: w.province,
        password_min_length: 12,
        password_min_classes: 3,
        lockout_threshold: 5,
        lockout_window_minutes: 15,
        lockout_duration_minutes: 15,
        session_idle_minutes: 5,
        session_absolute_minutes: 60,
        updated_at: '2026-11-23T08:00:00.000Z',
      })
      .execute();
    w.clock.advanceMinutes(6);
    expect((await w.me(s.cookie)).statusCode).toBe(401);
  });

  it('logs out: the session ends and the cookie is cleared', async () => {
    const w = await world();
    const s = await signIn(w.app, w.user.username);
    const res = await w.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'xn_session')?.value).toBe('');
    expect((await w.me(s.cookie)).json().code).toBe('session_expired');
    expect((await auditActions(ctx.db, w.province)).at(-1)).toBe('logout');
  });

  it('logs out everywhere: every session of the account ends, other accounts keep theirs', async () => {
    const w = await world();
    const other = await seedUser(ctx.db, w.province, ['viewer']);
    const a = await signIn(w.app, w.user.username);
    const b = await signIn(w.app, w.user.username);
    const c = await signIn(w.app, other.username);
    const res = await w.app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: a.headers });
    expect(res.json()).toEqual({ sessionsEnded: 2 });
    expect((await w.me(a.cookie)).statusCode).toBe(401);
    expect((await w.me(b.cookie)).statusCode).toBe(401);
    expect((await w.me(c.cookie)).statusCode).toBe(200);
  });

  it('refuses a cookie-authenticated write without the CSRF token, or with a wrong one, and changes nothing', async () => {
    const w = await world();
    const s = await signIn(w.app, w.user.username);
    const before = await auditActions(ctx.db, w.province);
    for (const headers of [
      { cookie: s.cookie },
      { cookie: s.cookie, 'x-csrf-token': `${s.csrf.slice(0, -1)}A` },
    ]) {
      const res = await w.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf_failed');
    }
    // Another session's token does not fit this one.
    const other = await signIn(w.app, w.user.username);
    const crossed = await w.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': other.csrf },
    });
    expect(crossed.json().code).toBe('csrf_failed');
    expect((await w.me(s.cookie)).statusCode).toBe(200);
    expect((await auditActions(ctx.db, w.province)).slice(before.length)).toEqual(['login.success']);
  });

  it('changes the password: current one required, policy enforced, other sessions end', async () => {
    const w = await world();
    const s = await signIn(w.app, w.user.username);
    const other = await signIn(w.app, w.user.username);
    const change = (currentPassword: string, newPassword: string) =>
      w.app.inject({
        method: 'PUT',
        url: '/api/auth/password',
        headers: s.headers,
        payload: { currentPassword, newPassword },
      });

    const wrong = await change('Not-The-Password-1', 'Brand-New-Pass-2');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'password_wrong',
      errors: [{ path: 'body.currentPassword', message: '不正确' }],
    });

    const weak = await change(PASSWORD, 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('password_policy');
    expect(weak.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.newPassword',
      'body.newPassword',
    ]);

    expect((await change(PASSWORD, PASSWORD)).json().errors).toEqual([
      { path: 'body.newPassword', message: '新密码不得与当前密码相同' },
    ]);

    expect((await change(PASSWORD, 'Brand-New-Pass-2')).statusCode).toBe(204);
    expect((await w.me(s.cookie)).statusCode).toBe(200);
    expect((await w.me(other.cookie)).statusCode).toBe(401);
    expect((await w.login()).statusCode).toBe(401);
    expect((await w.login('Brand-New-Pass-2')).statusCode).toBe(200);
    const actions = await auditActions(ctx.db, w.province);
    expect(actions.filter((a) => a === 'user.password_change')).toHaveLength(1);
    expect(actions).toContain('login.failure');
  });

  it('holds an account with a temporary password to the password change', async () => {
    const province = await seedProvince(ctx.db);
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    const admin = await seedUser(ctx.db, province, ['sysadmin']);
    await ctx.db
      .updateTable('user_account')
      .set({ must_change_password: 1 })
      .where('id', '=', admin.id)
      .execute();
    const s = await signIn(app, admin.username);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.json().mustChangePassword).toBe(true);
    const blocked = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: s.cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/auth/password',
      headers: s.headers,
      payload: { currentPassword: PASSWORD, newPassword: 'Brand-New-Pass-2' },
    });
    expect(changed.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(200);
  });
});
