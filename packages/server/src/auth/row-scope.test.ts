import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import type { UserPrincipal } from './principal.js';
import type { Role } from './roles.js';
import {
  isUnitInScope,
  requireUnitInScope,
  unitCodesInScope,
  unitInScope,
  unitScopeOf,
} from './row-scope.js';

/** The fixture's city 330100 and county 330106, plus a second county and a town under 330106. */
async function hierarchy(db: Db): Promise<string> {
  const p = await seedProvince(db);
  const unit = (code: string, parent: string, level: string) => ({
    province_code: p,
    code,
    name: code,
    class_code: 'county',
    parent_code: parent,
    level,
    elasticity: null,
  });
  await db
    .insertInto('unit')
    .values([unit('330108', '330100', 'county'), unit('330106001', '330106', 'town')])
    .execute();
  await db
    .insertInto('unit')
    .values({ ...unit('330200', '330100', 'city'), parent_code: null })
    .execute();
  return p;
}

const principal = (province: string, roles: Role[], unitCode: string | null): UserPrincipal => ({
  kind: 'user',
  userId: 'u',
  username: 'u',
  displayName: 'u',
  province,
  roles,
  unitCode,
  mustChangePassword: false,
  sessionIdHash: 'h',
  csrfToken: 'c',
});

describe.each(DIALECTS)('row scope on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  it('binds a reporter to exactly its unit', async () => {
    const p = await hierarchy(ctx.db);
    const scope = unitScopeOf(principal(p, ['reporter'], '330106'));
    expect(scope).toEqual({ kind: 'unit', province: p, unitCode: '330106' });
    expect(await isUnitInScope(ctx.db, scope, '330106')).toBe(true);
    expect(await isUnitInScope(ctx.db, scope, '330106001')).toBe(false);
    expect(await isUnitInScope(ctx.db, scope, '330100')).toBe(false);
    expect(await unitCodesInScope(ctx.db, scope)).toEqual(['330106']);
  });

  it("shows a city office its city's subtree and nothing beside it", async () => {
    const p = await hierarchy(ctx.db);
    const scope = unitScopeOf(principal(p, ['office'], '330100'));
    expect(scope.kind).toBe('subtree');
    for (const code of ['330100', '330106', '330108', '330106001'])
      expect(await isUnitInScope(ctx.db, scope, code), code).toBe(true);
    expect(await isUnitInScope(ctx.db, scope, '330200')).toBe(false);
    expect(await isUnitInScope(ctx.db, scope, 'nope')).toBe(false);
    expect(await unitCodesInScope(ctx.db, scope)).toEqual(['330100', '330106', '330106001', '330108']);
    const county = unitScopeOf(principal(p, ['viewer'], '330106'));
    expect(await unitCodesInScope(ctx.db, county)).toEqual(['330106', '330106001']);
  });

  it("gives an unscoped office the whole province, and no other province's units", async () => {
    const p = await hierarchy(ctx.db);
    const other = await hierarchy(ctx.db);
    const scope = unitScopeOf(principal(p, ['office'], null));
    expect(await unitCodesInScope(ctx.db, scope)).toBe('all');
    expect(await isUnitInScope(ctx.db, scope, '330200')).toBe(true);
    await ctx.db
      .insertInto('unit')
      .values({
        province_code: other,
        code: '440100',
        name: 'x',
        class_code: 'county',
        parent_code: null,
        level: 'city',
        elasticity: null,
      })
      .execute();
    expect(await isUnitInScope(ctx.db, scope, '440100')).toBe(false);
  });

  it('filters a list in the database by the same scope, for every kind of scope', async () => {
    const p = await hierarchy(ctx.db);
    const listed = async (roles: Role[], unitCode: string | null) => {
      const cond = unitInScope(unitScopeOf(principal(p, roles, unitCode)), 'unit.code');
      let q = ctx.db.selectFrom('unit').select('code').where('province_code', '=', p);
      if (cond !== undefined) q = q.where(cond);
      return (await q.orderBy('code').execute()).map((r) => r.code);
    };
    expect(await listed(['office'], '330100')).toEqual(['330100', '330106', '330106001', '330108']);
    expect(await listed(['viewer'], '330106')).toEqual(['330106', '330106001']);
    expect(await listed(['reporter'], '330106')).toEqual(['330106']);
    expect(await listed(['office'], null)).toEqual(['330100', '330106', '330106001', '330108', '330200']);
  });

  it('throws a 403 problem naming the unit out of scope', async () => {
    const p = await hierarchy(ctx.db);
    await expect(
      requireUnitInScope(ctx.db, principal(p, ['leader'], '330106'), '330108'),
    ).rejects.toMatchObject({
      status: 403,
      code: 'out_of_scope',
      text: { 'zh-CN': '单位“330108”不在您的数据范围内', en: 'unit "330108" is outside your data scope' },
    });
    await expect(
      requireUnitInScope(ctx.db, principal(p, ['leader'], '330106'), '330106'),
    ).resolves.toBeUndefined();
  });
});
