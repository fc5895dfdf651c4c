import { describe, expect, it } from 'vitest';
import type { AppInstance } from '../app/app-instance.js';
import { principalOf } from '../http/request-principal.js';
import { makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { TOKEN_SCOPES } from './permissions.js';
import { requireUnitInScope } from './row-scope.js';

/** A route of the kind the import endpoints will be: token-usable, scoped, row-checked. */
function addImportRoute(app: AppInstance, db: Parameters<typeof requireUnitInScope>[0]) {
  app.post('/api/test/import/:unit', { config: { permission: 'values.import' } }, async (request) => {
    const p = principalOf(request);
    await requireUnitInScope(db, p, (request.params as { unit: string }).unit);
    return { by: p.kind === 'token' ? p.name : p.username };
  });
}

describe.each(DIALECTS)('API tokens on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const province = await seedProvince(ctx.db);
    const secadmin = await seedUser(ctx.db, province, ['secadmin']);
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    addImportRoute(app, ctx.db);
    const sec = await signIn(app, secadmin.username);
    const issue = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/tokens', headers: sec.headers, payload });
    const bearer = (secret: string, url = '/api/test/import/330106', method: 'POST' | 'GET' = 'POST') =>
      app.inject({ method, url, headers: { authorization: `Bearer ${secret}` } });
    return { province, secadmin, clock, app, sec, issue, bearer };
  }

  it('issues a token whose secret is shown once and stored only as a hash', async () => {
    const w = await world();
    const res = await w.issue({
      name: '12345 热线',
      scopes: ['values.import'],
      unitCode: '330100',
      expiresInDays: 30,
    });
    expect(res.statusCode).toBe(201);
    const { token, secret } = res.json();
    expect(secret).toMatch(/^xnt_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      name: '12345 热线',
      scopes: ['values.import'],
      unitCode: '330100',
      createdBy: w.secadmin.username,
      expiresAt: '2026-12-23T08:00:00.000Z',
      revokedAt: null,
    });
    const list = await w.app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie: w.sec.cookie } });
    expect(list.json()).toEqual([token]);
    expect(list.body).not.toContain(secret.slice(4));
    const row = await ctx.db
      .selectFrom('api_token')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await ctx.db
      .selectFrom('audit_entry')
      .select('after_json')
      .where('action', '=', 'token.create')
      .where('province_code', '=', w.province)
      .executeTakeFirstOrThrow();
    expect(audit.after_json).not.toContain(secret.slice(4));
    expect(audit.after_json).not.toContain(row.secret_hash);
  });

  it('authenticates by Bearer without CSRF, within its scopes and unit subtree only', async () => {
    const w = await world();
    const { secret } = (
      await w.issue({ name: 'import', scopes: ['values.import'], unitCode: '330100', expiresInDays: 1 })
    ).json();
    const ok = await w.bearer(secret);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ by: 'import' });
    const elsewhere = await w.bearer(secret, '/api/test/import/999999');
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().code).toBe('out_of_scope');
    for (const url of ['/api/users', '/api/auth/me', '/api/audit']) {
      const res = await w.bearer(secret, url, 'GET');
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    const unscoped = (await w.issue({ name: 'read', scopes: ['units.read'], expiresInDays: 1 })).json();
    expect((await w.bearer(unscoped.secret)).json().detail).toBe('API 令牌没有权限范围“values.import”');
  });

  it('stops working when revoked or expired, and is never read from a cookie', async () => {
    const w = await world();
    const { token, secret } = (
      await w.issue({ name: 'import', scopes: ['values.import'], expiresInDays: 2 })
    ).json();
    expect(
      (
        await w.app.inject({
          method: 'POST',
          url: '/api/test/import/330106',
          headers: { cookie: `xn_session=${secret}` },
        })
      ).statusCode,
    ).toBe(401);
    w.clock.advanceMinutes(2 * 24 * 60 - 1);
    expect((await w.bearer(secret)).statusCode).toBe(200);
    w.clock.advanceMinutes(1);
    expect((await w.bearer(secret)).json().code).toBe('unauthenticated');
    // The security administrator's session has long timed out: a new one.
    const sec = await signIn(w.app, w.secadmin.username);
    const fresh = (
      await w.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: sec.headers,
        payload: { name: 'again', scopes: ['values.import'], expiresInDays: 2 },
      })
    ).json();
    const revoked = await w.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${fresh.token.id}`,
      headers: sec.headers,
    });
    expect(revoked.json().revokedAt).toBe(w.clock.now().toISOString());
    expect((await w.bearer(fresh.secret)).statusCode).toBe(401);
    const twice = await w.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${fresh.token.id}`,
      headers: sec.headers,
    });
    expect(twice.statusCode).toBe(200);
    const revocations = await ctx.db
      .selectFrom('audit_entry')
      .select('seq')
      .where('province_code', '=', w.province)
      .where('action', '=', 'token.revoke')
      .execute();
    expect(revocations).toHaveLength(1);
    expect(
      (await w.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}x`, headers: sec.headers }))
        .statusCode,
    ).toBe(404);
  });

  it('answers a malformed Authorization header or an unknown token with 401', async () => {
    const w = await world();
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer xnt_unknown']) {
      const res = await w.app.inject({
        method: 'POST',
        url: '/api/test/import/330106',
        headers: { authorization },
      });
      expect(res.statusCode, authorization).toBe(401);
    }
  });

  it('refuses scopes a token may not carry and units that do not exist', async () => {
    const w = await world();
    const bad = await w.issue({ name: 'x', scopes: ['users.write'], expiresInDays: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toEqual({
      path: 'body.scopes[0]',
      message: `应为以下之一：${TOKEN_SCOPES.map((s) => `"${s}"`).join('、')}`,
    });
    expect(TOKEN_SCOPES).toContain('values.import');
    expect(TOKEN_SCOPES).not.toContain('users.write');
    expect(
      (await w.issue({ name: 'x', scopes: [], expiresInDays: 400 }))
        .json()
        .errors.map((e: { path: string }) => e.path),
    ).toEqual(['body.scopes', 'body.expiresInDays']);
    const unit = await w.issue({ name: 'x', scopes: ['units.read'], unitCode: '000000', expiresInDays: 1 });
    expect(unit.json()).toMatchObject({ code: 'unit_unknown', errors: [{ path: 'body.unitCode' }] });
    expect(
      await ctx.db.selectFrom('api_token').select('id').where('province_code', '=', w.province).execute(),
    ).toEqual([]);
  });
});
