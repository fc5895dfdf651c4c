import { describe, expect, it } from 'vitest';
import { auditActions, makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

describe.each(DIALECTS)('units and classes on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const province = await seedProvince(ctx.db);
    const app = await makeApp(ctx.db, new TestClock());
    const admin = await seedUser(ctx.db, province, ['sysadmin']);
    const office = await seedUser(ctx.db, province, ['office']);
    const reporter = await seedUser(ctx.db, province, ['reporter'], { unitCode: '330106' });
    return {
      province,
      app,
      admin: await signIn(app, admin.username),
      office: await signIn(app, office.username),
      reporter: await signIn(app, reporter.username),
    };
  }

  it('creates, lists as a tree and filters units; a reporter sees only its own unit', async () => {
    const w = await world();
    const created = await w.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: w.admin.headers,
      payload: {
        code: '330106001',
        name: '西溪街道',
        classCode: 'county',
        parentCode: '330106',
        level: 'town',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      code: '330106001',
      name: '西溪街道',
      classCode: 'county',
      parentCode: '330106',
      level: 'town',
      elasticity: null,
      disabled: false,
      version: 1,
    });

    const tree = await w.app.inject({ method: 'GET', url: '/api/units/tree', headers: w.office.headers });
    expect(tree.statusCode).toBe(200);
    const roots = tree.json().roots;
    expect(roots.map((r: { code: string }) => r.code)).toEqual(['330100']);
    expect(roots[0].children[0].code).toBe('330106');
    expect(roots[0].children[0].children[0].code).toBe('330106001');

    const towns = await w.app.inject({
      method: 'GET',
      url: '/api/units?level=town',
      headers: w.office.headers,
    });
    expect(towns.json()).toMatchObject({ total: 1, items: [{ code: '330106001' }] });
    const top = await w.app.inject({
      method: 'GET',
      url: '/api/units?parentCode=',
      headers: w.office.headers,
    });
    expect(top.json().items.map((u: { code: string }) => u.code)).toEqual(['330100']);

    const mine = await w.app.inject({ method: 'GET', url: '/api/units', headers: w.reporter.headers });
    expect(mine.json()).toMatchObject({ total: 1, items: [{ code: '330106' }] });
    const other = await w.app.inject({
      method: 'GET',
      url: '/api/units/330100',
      headers: w.reporter.headers,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('out_of_scope');
    expect(await auditActions(ctx.db, w.province)).toContain('unit.create');
  });

  it('refuses unknown classes and parents, duplicates, and writes by the office', async () => {
    const w = await world();
    const bad = await w.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { ...w.admin.headers, 'accept-language': 'en' },
      payload: { code: 'X1', name: 'x', classCode: 'nope', parentCode: null, level: 'department' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'unit_class_unknown',
      errors: [{ path: 'body.classCode', message: 'is not a unit class of this province' }],
    });
    const orphan = await w.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: w.admin.headers,
      payload: { code: 'X1', name: 'x', classCode: 'county', parentCode: '999', level: 'town' },
    });
    expect(orphan.json()).toMatchObject({ code: 'unit_unknown', errors: [{ path: 'body.parentCode' }] });
    const dup = await w.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: w.admin.headers,
      payload: { code: '330106', name: 'x', classCode: 'county', parentCode: null, level: 'county' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('unit_exists');
    const byOffice = await w.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: w.office.headers,
      payload: { code: 'X2', name: 'x', classCode: 'county', parentCode: null, level: 'department' },
    });
    expect(byOffice.statusCode).toBe(403);
    const list = await w.app.inject({ method: 'GET', url: '/api/units', headers: w.office.headers });
    expect(list.json().total).toBe(2);
  });

  it('updates with version checks, refuses loops, and disables without deleting', async () => {
    const w = await world();
    const loop = await w.app.inject({
      method: 'PUT',
      url: '/api/units/330100',
      headers: w.admin.headers,
      payload: { parentCode: '330106', version: 1 },
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json()).toMatchObject({ code: 'unit_cycle', errors: [{ path: 'body.parentCode' }] });
    const ok = await w.app.inject({
      method: 'PUT',
      url: '/api/units/330106',
      headers: w.admin.headers,
      payload: { disabled: true, elasticity: 1.2, version: 1 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ disabled: true, elasticity: 1.2, version: 2 });
    const stale = await w.app.inject({
      method: 'PUT',
      url: '/api/units/330106',
      headers: w.admin.headers,
      payload: { name: '新名', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    const active = await w.app.inject({ method: 'GET', url: '/api/units', headers: w.office.headers });
    expect(active.json().total).toBe(1);
    const all = await w.app.inject({
      method: 'GET',
      url: '/api/units?includeDisabled=true',
      headers: w.office.headers,
    });
    expect(all.json().total).toBe(2);
    expect(await auditActions(ctx.db, w.province)).toContain('unit.disable');
  });

  it('lists and adds unit classes', async () => {
    const w = await world();
    const add = await w.app.inject({
      method: 'POST',
      url: '/api/unit-classes',
      headers: w.admin.headers,
      payload: { code: 'dept', name: '省直部门' },
    });
    expect(add.statusCode).toBe(201);
    const again = await w.app.inject({
      method: 'POST',
      url: '/api/unit-classes',
      headers: w.admin.headers,
      payload: { code: 'dept', name: '重复' },
    });
    expect(again.statusCode).toBe(409);
    const list = await w.app.inject({ method: 'GET', url: '/api/unit-classes', headers: w.reporter.headers });
    expect(list.json().items).toEqual([
      { code: 'county', name: '县区' },
      { code: 'dept', name: '省直部门' },
    ]);
  });
});
