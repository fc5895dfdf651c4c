import { describe, expect, it } from 'vitest';
import {
  auditActions,
  FAST_HASHING,
  makeApp,
  PASSWORD,
  seedUser,
  signIn,
  TestClock,
} from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { recoverAdministrator } from './recover-admin.js';

describe.each(DIALECTS)('recoverAdministrator on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  it('gives a locked-out auditor a temporary password, ends its sessions, and records it', async () => {
    const province = await seedProvince(ctx.db);
    const auditor = await seedUser(ctx.db, province, ['auditor']);
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    const old = await signIn(app, auditor.username);
    for (let i = 0; i < 5; i++)
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: auditor.username, password: 'Wrong-Password-1' },
      });
    const result = await recoverAdministrator(ctx.db, {
      username: auditor.username,
      clock: clock.now,
      passwordHashing: FAST_HASHING,
    });
    expect(result.generated).toBe(true);
    expect(result.user).toMatchObject({ mustChangePassword: true, lockedUntil: null, version: 2 });
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: old.cookie } })).statusCode,
    ).toBe(401);
    const s = await signIn(app, auditor.username, result.password);
    const audit = await app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: s.cookie } });
    expect(audit.json().code).toBe('password_change_required');
    expect((await auditActions(ctx.db, province)).at(-2)).toBe('user.password_recovery');
  });

  it('refuses ordinary accounts, unknown names and weak passwords', async () => {
    const province = await seedProvince(ctx.db);
    const office = await seedUser(ctx.db, province, ['office']);
    const admin = await seedUser(ctx.db, province, ['secadmin']);
    const opts = { passwordHashing: FAST_HASHING };
    await expect(recoverAdministrator(ctx.db, { ...opts, username: office.username })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(recoverAdministrator(ctx.db, { ...opts, username: 'nobody-at-all' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      recoverAdministrator(ctx.db, { ...opts, username: admin.username, password: 'weak' }),
    ).rejects.toMatchObject({
      code: 'password_policy',
    });
    const row = await ctx.db
      .selectFrom('user_account')
      .select('version')
      .where('id', '=', admin.id)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
    const given = await recoverAdministrator(ctx.db, {
      ...opts,
      username: admin.username,
      password: PASSWORD + 'x',
    });
    expect(given).toMatchObject({ password: `${PASSWORD}x`, generated: false });
  });
});
