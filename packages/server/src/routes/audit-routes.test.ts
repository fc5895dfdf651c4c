import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY } from '../auth/security-policy.js';
import { makeApp, PASSWORD, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

let runs = 0;

describe.each(DIALECTS)('audit log over HTTP on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  /** A morning of administration through the API; returns what an auditor should then see. */
  async function runOfWrites() {
    const province = await seedProvince(ctx.db);
    const sysadmin = await seedUser(ctx.db, province, ['sysadmin']);
    const secadmin = await seedUser(ctx.db, province, ['secadmin']);
    const auditor = await seedUser(ctx.db, province, ['auditor']);
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    // Usernames are unique across provinces: each run its own.
    const username = `zhou${++runs}`;
    const sys = await signIn(app, sysadmin.username);
    const sec = await signIn(app, secadmin.username);
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: sys.headers,
      payload: { username, displayName: '周', password: PASSWORD },
    });
    const id = created.json().id;
    await app.inject({
      method: 'PUT',
      url: `/api/users/${id}/roles`,
      headers: sec.headers,
      payload: { roles: ['reporter'], unitCode: '330106', version: 1 },
    });
    await app.inject({
      method: 'PUT',
      url: '/api/security-policy',
      headers: sec.headers,
      payload: { ...DEFAULT_SECURITY_POLICY, lockoutThreshold: 3, version: 0 },
    });
    const token = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: sec.headers,
      payload: { name: 'import', scopes: ['values.import'], expiresInDays: 7 },
    });
    await app.inject({ method: 'DELETE', url: `/api/tokens/${token.json().token.id}`, headers: sec.headers });
    for (let i = 0; i < 3; i++)
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'Wrong-Password-1' },
      });
    await app.inject({ method: 'POST', url: `/api/users/${id}/unlock`, headers: sys.headers });
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: sys.headers });
    const aud = await signIn(app, auditor.username);
    return { province, app, aud, secret: token.json().secret as string, auditor, username };
  }

  it('records every write, in order, with actor, role and request id, and never a password hash or token secret', async () => {
    const w = await runOfWrites();
    const res = await w.app.inject({
      method: 'GET',
      url: '/api/audit?limit=1000',
      headers: { cookie: w.aud.cookie },
    });
    expect(res.statusCode).toBe(200);
    const { items, nextAfterSeq } = res.json();
    expect(nextAfterSeq).toBeNull();
    expect(items.map((e: { action: string }) => e.action)).toEqual([
      'user.create',
      'user.create',
      'user.create',
      'login.success',
      'login.success',
      'user.create',
      'user.roles',
      'policy.update',
      'token.create',
      'token.revoke',
      'login.failure',
      'login.failure',
      'login.failure',
      'user.lock',
      'user.unlock',
      'logout',
      'login.success',
    ]);
    expect(items[6]).toMatchObject({ role: 'secadmin', entity: 'user' });
    expect(items[6].requestId).toMatch(/^[0-9a-f-]{36}$/);
    const everything = JSON.stringify(items);
    expect(everything).not.toContain('$argon2');
    expect(everything).not.toContain(w.secret.slice(4));
    const hashes = await ctx.db
      .selectFrom('api_token')
      .select('secret_hash')
      .where('province_code', '=', w.province)
      .execute();
    for (const h of hashes) expect(everything).not.toContain(h.secret_hash);
  });

  it('pages and filters', async () => {
    const w = await runOfWrites();
    const page = (q: string) =>
      w.app.inject({ method: 'GET', url: `/api/audit?${q}`, headers: { cookie: w.aud.cookie } });
    const first = (await page('limit=2')).json();
    expect(first.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    expect(first.nextAfterSeq).toBe(2);
    const second = (await page('limit=2&afterSeq=2')).json();
    expect(second.items.map((e: { seq: number }) => e.seq)).toEqual([3, 4]);
    const failures = (await page('action=login.failure')).json();
    expect(failures.items).toHaveLength(3);
    expect(failures.items.every((e: { actor: string }) => e.actor === w.username)).toBe(true);
    expect((await page('limit=5000')).json().errors).toEqual([
      { path: 'query.limit', message: '不得大于 1000' },
    ]);
  });

  it('verifies the chain after the run, records the check, and names the first tampered entry', async () => {
    const w = await runOfWrites();
    const verify = (lang = 'zh-CN') =>
      w.app.inject({
        method: 'POST',
        url: '/api/audit/verify',
        headers: { ...w.aud.headers, 'accept-language': lang },
      });
    const ok = await verify();
    expect(ok.json()).toMatchObject({
      ok: true,
      province: w.province,
      entries: 17,
      headSeq: 17,
      break: null,
    });
    const again = (await verify()).json();
    expect(again).toMatchObject({ ok: true, entries: 18 });
    const last = await ctx.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('province_code', '=', w.province)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'audit.verify', actor: w.auditor.username, role: 'auditor' });

    // Someone with superuser access to the database rewrites entry 7 past the append-only triggers.
    await ctx.db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`set local session_replication_role = replica`.execute(trx);
      else await sql`drop trigger audit_entry_no_update`.execute(trx);
      await trx
        .updateTable('audit_entry')
        .set({ after_json: '{"roles":["office"]}' })
        .where('province_code', '=', w.province)
        .where('seq', '=', 7)
        .execute();
      if (dialect === 'sqlite')
        await sql`create trigger audit_entry_no_update before update on audit_entry
          begin select raise(abort, 'audit_entry is append-only: UPDATE refused'); end`.execute(trx);
    });
    const broken = (await verify('en')).json();
    expect(broken).toMatchObject({
      ok: false,
      entries: 7,
      headSeq: 6,
      break: {
        seq: 7,
        reason: 'hash_mismatch',
        message: `audit entry 7 of province ${w.province} does not match its hash: it was changed`,
      },
    });
  });
});
