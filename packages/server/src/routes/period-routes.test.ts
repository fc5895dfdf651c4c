import { describe, expect, it } from 'vitest';
import { auditActions, makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

describe.each(DIALECTS)('periods on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  it('creates periods from engine codes, opens and closes them with versions, and lists them', async () => {
    const province = await seedProvince(ctx.db);
    const app = await makeApp(ctx.db, new TestClock());
    const office = await signIn(app, (await seedUser(ctx.db, province, ['office'])).username);
    const reporter = await signIn(
      app,
      (await seedUser(ctx.db, province, ['reporter'], { unitCode: '330106' })).username,
    );
    const post = (payload: object, s = office) =>
      app.inject({ method: 'POST', url: '/api/periods', headers: s.headers, payload });

    const month = await post({ code: '2026M03', deadline: '2026-04-10T18:00:00+08:00' });
    expect(month.statusCode).toBe(201);
    expect(month.json()).toEqual({
      code: '2026M03',
      type: 'month',
      status: 'open',
      deadline: '2026-04-10T10:00:00.000Z',
      version: 1,
    });
    expect((await post({ code: '2026H2', status: 'closed' })).json()).toMatchObject({
      type: 'half',
      status: 'closed',
    });
    expect((await post({ code: '2026' })).json().type).toBe('year');
    const bad = await post({ code: '2026Q5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'period_invalid', errors: [{ path: 'body.code' }] });
    expect((await post({ code: '2026Q1' })).statusCode).toBe(409);
    expect((await post({ code: '2026Q2' }, reporter)).statusCode).toBe(403);

    const close = await app.inject({
      method: 'PUT',
      url: '/api/periods/2026M03',
      headers: office.headers,
      payload: { status: 'closed', version: 1 },
    });
    expect(close.json()).toMatchObject({ status: 'closed', version: 2 });
    const stale = await app.inject({
      method: 'PUT',
      url: '/api/periods/2026M03',
      headers: office.headers,
      payload: { status: 'open', version: 1 },
    });
    expect(stale.statusCode).toBe(409);

    const open = await app.inject({
      method: 'GET',
      url: '/api/periods?status=open',
      headers: reporter.headers,
    });
    expect(open.json().items.map((p: { code: string }) => p.code)).toEqual(['2026', '2026Q1']);
    expect(await auditActions(ctx.db, province)).toEqual(
      expect.arrayContaining(['period.create', 'period.close']),
    );
  });
});
