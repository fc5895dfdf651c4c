import { describe, expect, it } from 'vitest';
import { makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

let runs = 0;

describe.each(DIALECTS)('GET /api/users/search on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const province = await seedProvince(ctx.db);
    // Usernames are unique across provinces: each run its own prefix.
    const p = `s${++runs}x${process.pid % 1000}`;
    const sysadmin = await seedUser(ctx.db, province, ['sysadmin'], { username: `${p}-sys` });
    const secadmin = await seedUser(ctx.db, province, ['secadmin'], { username: `${p}-sec` });
    const auditor = await seedUser(ctx.db, province, ['auditor'], { username: `${p}-aud` });
    const zhang = await seedUser(ctx.db, province, ['reporter'], {
      username: `${p}-zhang`,
      unitCode: '330106',
    });
    const wang = await seedUser(ctx.db, province, ['leader'], {
      username: `${p}-wang_li`,
      unitCode: '330106',
    });
    const city = await seedUser(ctx.db, province, ['office'], {
      username: `${p}-hz%office`,
      unitCode: '330100',
    });
    await ctx.db
      .updateTable('user_account')
      .set({ display_name: '张三 Zhang' })
      .where('id', '=', zhang.id)
      .execute();
    await ctx.db.updateTable('user_account').set({ disabled: 1 }).where('id', '=', wang.id).execute();
    const clock = new TestClock();
    // Locked until 08:10; the clock reads 08:00.
    await ctx.db
      .updateTable('user_account')
      .set({ locked_until: '2026-11-23T08:10:00.000Z' })
      .where('id', '=', city.id)
      .execute();
    const app = await makeApp(ctx.db, clock);
    const sys = await signIn(app, sysadmin.username);
    const sec = await signIn(app, secadmin.username);
    const aud = await signIn(app, auditor.username);
    const search = async (headers: Record<string, string>, query: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/users/search?${query}`, headers });
      return res;
    };
    const names = async (query: string) => {
      const res = await search(sys.headers, query);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { username: string }[]; total: number };
      return { names: body.items.map((u) => u.username.slice(p.length + 1)), total: body.total };
    };
    return { p, clock, sys, sec, aud, search, names };
  }

  it('finds accounts by part of the username or display name in any case, by role, unit and state', async () => {
    const w = await world();
    expect(await w.names('')).toEqual({
      names: ['aud', 'hz%office', 'sec', 'sys', 'wang_li', 'zhang'],
      total: 6,
    });
    expect(await w.names('q=ZHANG')).toEqual({ names: ['zhang'], total: 1 });
    expect(await w.names(`q=${encodeURIComponent('张三')}`)).toEqual({ names: ['zhang'], total: 1 });
    expect(await w.names('q=zhang%20')).toEqual({ names: ['zhang'], total: 1 });
    expect(await w.names('role=leader')).toEqual({ names: ['wang_li'], total: 1 });
    expect(await w.names('unitCode=330106')).toEqual({ names: ['wang_li', 'zhang'], total: 2 });
    expect(await w.names('state=disabled')).toEqual({ names: ['wang_li'], total: 1 });
    expect(await w.names('state=locked')).toEqual({ names: ['hz%office'], total: 1 });
    expect(await w.names('state=enabled&unitCode=330106')).toEqual({ names: ['zhang'], total: 1 });
    expect(await w.names('limit=2&offset=2')).toEqual({ names: ['sec', 'sys'], total: 6 });
    w.clock.advanceMinutes(10);
    expect(await w.names('state=locked')).toEqual({ names: [], total: 0 });
  });

  it('matches % and _ literally, not as wildcards', async () => {
    const w = await world();
    expect(await w.names('q=%25')).toEqual({ names: ['hz%office'], total: 1 });
    expect(await w.names('q=_')).toEqual({ names: ['wang_li'], total: 1 });
    expect(await w.names('q=g_l')).toEqual({ names: ['wang_li'], total: 1 });
    expect(await w.names('q=gxl')).toEqual({ names: [], total: 0 });
  });

  it('lets both account administrators search, refuses the auditor, and rejects bad filters at their path', async () => {
    const w = await world();
    expect((await w.search(w.sec.headers, 'q=zhang')).statusCode).toBe(200);
    const refused = await w.search(w.aud.headers, 'q=zhang');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    const bad = await w.search({ ...w.sys.headers, 'accept-language': 'en' }, 'state=asleep');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.state');
  });
});
