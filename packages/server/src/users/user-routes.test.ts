import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles.js';
import {
  auditActions,
  makeApp,
  PASSWORD,
  type Session,
  seedUser,
  signIn,
  TestClock,
} from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

describe.each(DIALECTS)('account management on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const province = await seedProvince(ctx.db);
    const sysadmin = await seedUser(ctx.db, province, ['sysadmin']);
    const secadmin = await seedUser(ctx.db, province, ['secadmin']);
    const auditor = await seedUser(ctx.db, province, ['auditor']);
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    const sys = await signIn(app, sysadmin.username);
    const sec = await signIn(app, secadmin.username);
    const call = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload }) });
    const writes = async () =>
      (await ctx.db.selectFrom('audit_entry').select('seq').where('province_code', '=', province).execute())
        .length;
    return { province, sysadmin, secadmin, auditor, clock, app, sys, sec, call, writes };
  }

  it('lets the system administrator create an account without roles, audited without the password hash', async () => {
    const w = await world();
    const res = await w.call(w.sys, 'POST', '/api/users', {
      username: 'Li.Si',
      displayName: '李四',
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      username: 'li.si',
      displayName: '李四',
      roles: [],
      unitCode: null,
      mustChangePassword: true,
      disabled: false,
      version: 1,
      province: w.province,
    });
    expect(user).not.toHaveProperty('passwordHash');
    const entry = await ctx.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('province_code', '=', w.province)
      .where('action', '=', 'user.create')
      .where('entity_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor: w.sysadmin.username,
      role: 'sysadmin',
      request_id: res.headers['x-request-id'],
    });
    expect(entry.after_json).not.toContain('argon2');
    expect(JSON.parse(entry.after_json ?? '{}')).toMatchObject({ username: 'li.si', roles: [] });
  });

  it('refuses a taken username, a weak password and bad fields with problems at their paths, writing nothing', async () => {
    const w = await world();
    await w.call(w.sys, 'POST', '/api/users', {
      username: 'wangwu',
      displayName: '王五',
      password: PASSWORD,
    });
    const before = await w.writes();

    const taken = await w.call(w.sys, 'POST', '/api/users', {
      username: 'WangWu',
      displayName: 'x',
      password: PASSWORD,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'username_taken',
      errors: [{ path: 'body.username', message: '已被占用' }],
    });

    const weak = await w.call(w.sys, 'POST', '/api/users', {
      username: 'zhaoliu',
      displayName: 'x',
      password: 'zhaoliu-abc',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { path: 'body.password', message: '密码至少需要 12 个字符（现有 11 个）' },
      {
        path: 'body.password',
        message: '密码须包含小写字母、大写字母、数字、其他字符中的至少 3 类（现有 2 类）',
      },
      { path: 'body.password', message: '密码不得包含用户名' },
    ]);

    const bad = await w.call(w.sys, 'POST', '/api/users', {
      username: '-bad name',
      displayName: '',
      roles: ['office'],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.displayName', 'body.password', 'body.roles', 'body.username']);
    expect(await w.writes()).toBe(before);
    const count = await ctx.db
      .selectFrom('user_account')
      .select('id')
      .where('province_code', '=', w.province)
      .execute();
    expect(count).toHaveLength(4);
  });

  it('lets exactly one of two simultaneous creations of a name through', async () => {
    const w = await world();
    const create = () =>
      w.call(w.sys, 'POST', '/api/users', {
        username: `race${w.province}`,
        displayName: 'r',
        password: PASSWORD,
      });
    const results = await Promise.all([create(), create(), create()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual([
      'username_taken',
      'username_taken',
    ]);
    const created = await ctx.db
      .selectFrom('audit_entry')
      .select('seq')
      .where('province_code', '=', w.province)
      .where('action', '=', 'user.create')
      .execute();
    expect(created).toHaveLength(4);
  });

  it('updates with optimistic concurrency: a stale version gets 409 with the current one and changes nothing', async () => {
    const w = await world();
    const created = (
      await w.call(w.sys, 'POST', '/api/users', { username: 'sun', displayName: '孙', password: PASSWORD })
    ).json();
    const first = await w.call(w.sys, 'PUT', `/api/users/${created.id}`, { displayName: '孙七', version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ displayName: '孙七', version: 2 });
    const before = await w.writes();
    const stale = await w.call(w.sys, 'PUT', `/api/users/${created.id}`, { displayName: '孙八', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    expect(stale.json().detail).toBe('账户已被他人修改（提交的版本 1，当前版本 2）：请刷新后重试');
    expect(await w.writes()).toBe(before);
    const missing = await w.call(w.sys, 'PUT', '/api/users/no-such-id', { displayName: 'x', version: 1 });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
  });

  it('disables an account: its sessions end and it cannot sign in until enabled', async () => {
    const w = await world();
    const target = await seedUser(ctx.db, w.province, ['viewer']);
    const s = await signIn(w.app, target.username);
    const res = await w.call(w.sys, 'PUT', `/api/users/${target.id}`, {
      disabled: true,
      version: target.version,
    });
    expect(res.json()).toMatchObject({ disabled: true });
    expect(
      (await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(401);
    const login = () =>
      w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: target.username, password: PASSWORD },
      });
    expect((await login()).statusCode).toBe(401);
    await w.call(w.sys, 'PUT', `/api/users/${target.id}`, { disabled: false, version: target.version + 1 });
    expect((await login()).statusCode).toBe(200);
    expect((await auditActions(ctx.db, w.province)).filter((a) => a.startsWith('user.'))).toEqual([
      'user.create',
      'user.create',
      'user.create',
      'user.create',
      'user.disable',
      'user.enable',
    ]);
  });

  it('keeps the system administrator off administrator accounts (三员分立)', async () => {
    const w = await world();
    for (const [url, payload] of [
      [`/api/users/${w.auditor.id}`, { disabled: true, version: 1 }],
      [`/api/users/${w.secadmin.id}/password-reset`, { newPassword: 'Brand-New-Pass-2', version: 1 }],
    ] as const) {
      const res = await w.call(w.sys, url.endsWith('reset') ? 'POST' : 'PUT', url, payload);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('admin_account_protected');
    }
  });

  it('lets only the security administrator assign roles and scope, audited before and after', async () => {
    const w = await world();
    const target = await seedUser(ctx.db, w.province, []);
    const body = { roles: ['office', 'viewer'], unitCode: '330100', version: 1 };
    const bySys = await w.call(w.sys, 'PUT', `/api/users/${target.id}/roles`, body);
    expect(bySys.statusCode).toBe(403);
    expect(bySys.json().code).toBe('forbidden');
    const bySec = await w.call(w.sec, 'PUT', `/api/users/${target.id}/roles`, body);
    expect(bySec.statusCode).toBe(200);
    expect(bySec.json()).toMatchObject({ roles: ['office', 'viewer'], unitCode: '330100', version: 2 });
    const entry = await ctx.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('province_code', '=', w.province)
      .where('action', '=', 'user.roles')
      .executeTakeFirstOrThrow();
    expect(entry.role).toBe('secadmin');
    expect(JSON.parse(entry.before_json ?? '')).toMatchObject({ roles: [], unitCode: null, version: 1 });
    expect(JSON.parse(entry.after_json ?? '')).toMatchObject({
      roles: ['office', 'viewer'],
      unitCode: '330100',
      version: 2,
    });
    const create = await w.call(w.sec, 'POST', '/api/users', {
      username: 'x1',
      displayName: 'x',
      password: PASSWORD,
    });
    expect(create.statusCode).toBe(403);
  });

  it('refuses role sets the rules forbid, unknown units and self-assignment, writing nothing', async () => {
    const w = await world();
    const target = await seedUser(ctx.db, w.province, []);
    const before = await w.writes();
    const assign = (roles: Role[], unitCode: string | null, id = target.id) =>
      w.call(w.sec, 'PUT', `/api/users/${id}/roles`, { roles, unitCode, version: 1 });
    const cases: [Role[], string | null, string, string][] = [
      [['sysadmin', 'auditor'], null, 'roles_invalid', 'body.roles'],
      [['secadmin', 'office'], null, 'roles_invalid', 'body.roles'],
      [['reporter', 'leader'], '330106', 'roles_invalid', 'body.roles'],
      [['reporter'], null, 'roles_invalid', 'body.unitCode'],
      [['office'], '999999', 'unit_unknown', 'body.unitCode'],
    ];
    for (const [roles, unit, code, path] of cases) {
      const res = await assign(roles, unit);
      expect(res.statusCode, `${roles} ${unit}`).toBe(400);
      expect(res.json()).toMatchObject({ code, errors: [{ path }] });
    }
    const self = await assign(['secadmin'], null, w.secadmin.id);
    expect(self.statusCode).toBe(403);
    const unknownRole = await w.call(w.sec, 'PUT', `/api/users/${target.id}/roles`, {
      roles: ['root'],
      unitCode: null,
      version: 1,
    });
    expect(unknownRole.json().errors).toEqual([
      {
        path: 'body.roles[0]',
        message:
          '应为以下之一："office"、"reporter"、"leader"、"thirdParty"、"inspector"、"viewer"、"sysadmin"、"secadmin"、"auditor"',
      },
    ]);
    expect(await w.writes()).toBe(before);
  });

  it('never leaves the province without an auditor', async () => {
    const w = await world();
    const demote = (id: string, version: number) =>
      w.call(w.sec, 'PUT', `/api/users/${id}/roles`, { roles: [], unitCode: null, version });
    const refused = await demote(w.auditor.id, 1);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('last_admin');
    const second = await seedUser(ctx.db, w.province, ['auditor']);
    expect((await demote(w.auditor.id, 1)).statusCode).toBe(200);
    expect((await demote(second.id, 1)).json().code).toBe('last_admin');
  });

  it('resets a password: a temporary one that must be changed, sessions ended, lock lifted', async () => {
    const w = await world();
    const target = await seedUser(ctx.db, w.province, ['reporter'], { unitCode: '330106' });
    const s = await signIn(w.app, target.username);
    const res = await w.call(w.sys, 'POST', `/api/users/${target.id}/password-reset`, {
      newPassword: 'Temporary-Pass-7',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mustChangePassword: true, version: 2 });
    expect(
      (await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(401);
    const login = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: target.username, password: 'Temporary-Pass-7' },
    });
    expect(login.json().mustChangePassword).toBe(true);
    const stale = await w.call(w.sys, 'POST', `/api/users/${target.id}/password-reset`, {
      newPassword: 'Temporary-Pass-8',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const entry = await ctx.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('province_code', '=', w.province)
      .where('action', '=', 'user.password_reset')
      .executeTakeFirstOrThrow();
    expect(`${entry.before_json}${entry.after_json}`).not.toMatch(/argon2|Temporary/);
    expect(JSON.parse(entry.after_json ?? '')).toMatchObject({ mustChangePassword: true, sessionsEnded: 1 });
  });

  it('unlocks a locked account at once', async () => {
    const w = await world();
    const target = await seedUser(ctx.db, w.province, ['viewer']);
    const login = (password: string) =>
      w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: target.username, password },
      });
    for (let i = 0; i < 5; i++) await login('Wrong-Password-1');
    expect((await login(PASSWORD)).statusCode).toBe(401);
    const res = await w.call(w.sys, 'POST', `/api/users/${target.id}/unlock`);
    expect(res.json()).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
    expect((await login(PASSWORD)).statusCode).toBe(200);
    const actions = await auditActions(ctx.db, w.province);
    expect(actions.filter((a) => a === 'user.lock' || a === 'user.unlock')).toEqual([
      'user.lock',
      'user.unlock',
    ]);
  });

  it("lists and reads only the administrator's own province, with a role filter and paging", async () => {
    const w = await world();
    const elsewhere = await seedProvince(ctx.db);
    const stranger = await seedUser(ctx.db, elsewhere, ['office']);
    await seedUser(ctx.db, w.province, ['office']);
    await seedUser(ctx.db, w.province, ['office', 'viewer']);
    const all = (await w.call(w.sec, 'GET', '/api/users')).json();
    expect(all.total).toBe(5);
    expect(all.items.map((u: { province: string }) => u.province)).toEqual(Array(5).fill(w.province));
    const offices = (await w.call(w.sec, 'GET', '/api/users?role=office&limit=1&offset=1')).json();
    expect(offices.total).toBe(2);
    expect(offices.items).toHaveLength(1);
    const badQuery = await w.call(w.sec, 'GET', '/api/users?limit=0&role=root');
    expect(
      badQuery
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['query.limit', 'query.role']);
    expect((await w.call(w.sys, 'GET', `/api/users/${stranger.id}`)).statusCode).toBe(404);
    expect((await w.call(w.sys, 'GET', `/api/users/${w.auditor.id}`)).json().roles).toEqual(['auditor']);
  });
});
