import { describe, expect, it } from 'vitest';
import { makeApp, PASSWORD, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

let runs = 0;

describe.each(DIALECTS)('GET /api/audit/search on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  /** Three account writes 20 minutes apart (the session idles out after 30) by the system administrator, then the auditor signs in. */
  async function world() {
    const province = await seedProvince(ctx.db);
    const p = `a${++runs}x${process.pid % 1000}`;
    const sysadmin = await seedUser(ctx.db, province, ['sysadmin'], { username: `${p}-sys` });
    const auditor = await seedUser(ctx.db, province, ['auditor'], { username: `${p}-aud` });
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    const sys = await signIn(app, sysadmin.username);
    const created: { id: string; requestId: string }[] = [];
    for (const name of ['one', 'two', 'three']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: sys.headers,
        payload: { username: `${p}-${name}`, displayName: name, password: PASSWORD },
      });
      expect(res.statusCode).toBe(201);
      created.push({ id: res.json().id, requestId: String(res.headers['x-request-id']) });
      clock.advanceMinutes(20);
    }
    const aud = await signIn(app, auditor.username);
    const search = (query: string, headers = aud.headers) =>
      app.inject({ method: 'GET', url: `/api/audit/search?${query}`, headers });
    return { p, app, sys, aud, created, search, sysadmin };
  }

  it('pages newest first by seq and filters by action, actor, entity, request and time', async () => {
    const w = await world();
    const all = (await w.search('')).json();
    // seedUser's own creations are by `test`; the three through the API are by the system administrator.
    const creations = all.items.filter(
      (e: { action: string; actor: string }) => e.action === 'user.create' && e.actor === w.sysadmin.username,
    );
    expect(creations.map((e: { entityId: string }) => e.entityId)).toEqual(
      w.created.map((c) => c.id).reverse(),
    );
    const seqs: number[] = all.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const mine = `action=user.create&actor=${w.sysadmin.username}`;
    const first = (await w.search(`${mine}&limit=2`)).json();
    expect(first.items.map((e: { entityId: string }) => e.entityId)).toEqual([
      w.created[2]!.id,
      w.created[1]!.id,
    ]);
    expect(first.nextBeforeSeq).toBe(first.items[1].seq);
    const second = (await w.search(`${mine}&limit=2&beforeSeq=${first.nextBeforeSeq}`)).json();
    expect(second.items.map((e: { entityId: string }) => e.entityId)).toEqual([w.created[0]!.id]);
    expect(second.nextBeforeSeq).toBeNull();

    const byRequest = (await w.search(`requestId=${w.created[1]!.requestId}`)).json();
    expect(byRequest.items).toHaveLength(1);
    expect(byRequest.items[0]).toMatchObject({
      action: 'user.create',
      actor: w.sysadmin.username,
      role: 'sysadmin',
      entity: 'user',
      entityId: w.created[1]!.id,
      beforeJson: null,
    });
    expect(JSON.parse(byRequest.items[0].afterJson)).toMatchObject({ displayName: 'two' });

    // The clock started at 08:00: the creations are at 08:00, 08:20 and 08:40.
    const window = (
      await w.search(
        `action=user.create&from=${encodeURIComponent('2026-11-23T08:20:00Z')}&to=${encodeURIComponent('2026-11-23T08:40:00.000Z')}`,
      )
    ).json();
    expect(window.items.map((e: { entityId: string }) => e.entityId)).toEqual([w.created[1]!.id]);
    const byEntity = (await w.search(`entity=user&entityId=${w.created[0]!.id}`)).json();
    expect(byEntity.items.map((e: { action: string }) => e.action)).toEqual(['user.create']);
    expect((await w.search(`actor=${w.p}-nobody`)).json()).toEqual({ items: [], nextBeforeSeq: null });
  });

  it('is for the auditor only, and rejects a bad instant at its path', async () => {
    const w = await world();
    const refused = await w.search('', w.sys.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    const bad = await w.search('from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.from');
  });
});
