import { describe, expect, it } from 'vitest';
import { appendAudit } from '../audit/append-audit.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

describe.each(DIALECTS)('rows on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  it('round-trip through every table with their defaults', async () => {
    const p = await seedProvince(ctx.db);
    const units = await ctx.db
      .selectFrom('unit')
      .selectAll()
      .where('province_code', '=', p)
      .orderBy('code')
      .execute();
    expect(units).toEqual([
      {
        province_code: p,
        code: '330100',
        name: '杭州市',
        class_code: 'county',
        parent_code: null,
        level: 'city',
        elasticity: null,
        disabled: 0,
        version: 1,
      },
      {
        province_code: p,
        code: '330106',
        name: '西湖区',
        class_code: 'county',
        parent_code: '330100',
        level: 'county',
        elasticity: 1.1,
        disabled: 0,
        version: 1,
      },
    ]);

    const document = '{"code":"P2026","name":"示例","tree":[]}';
    const planVersion = {
      province_code: p,
      plan_code: 'P2026',
      number: 1,
      document,
      hash: 'a'.repeat(64),
      status: 'draft' as const,
      reason: null,
      approved_by: null,
      created_by: 'office-1',
      created_at: '2026-11-23T01:02:03.004Z',
      published_at: null,
    };
    await ctx.db.insertInto('plan_version').values(planVersion).execute();
    expect(
      await ctx.db.selectFrom('plan_version').selectAll().where('province_code', '=', p).execute(),
    ).toEqual([{ ...planVersion, approved_at: null, published_by: null, version: 1 }]);

    const value = {
      province_code: p,
      plan_code: 'P2026',
      unit_code: '330106',
      element_code: 'online_rate',
      period_code: '2026Q1',
      source: 'self' as const,
      value: 0.953,
      evidence_hash: null,
      entered_by: 'reporter-7',
      entered_at: '2026-03-31T09:00:00.000Z',
    };
    await ctx.db.insertInto('data_value').values(value).execute();
    await ctx.db
      .insertInto('data_value')
      .values({ ...value, source: 'thirdParty', value: -12.5e-3 })
      .execute();
    const values = await ctx.db
      .selectFrom('data_value')
      .select(['source', 'value', 'version'])
      .where('province_code', '=', p)
      .orderBy('source')
      .execute();
    expect(values).toEqual([
      { source: 'self', value: 0.953, version: 1 },
      { source: 'thirdParty', value: -0.0125, version: 1 },
    ]);
  });

  it('refuse rows that break keys and checks', async () => {
    const p = await seedProvince(ctx.db);
    const unit = {
      province_code: p,
      code: '330109',
      name: '萧山区',
      class_code: 'county',
      parent_code: '330100',
      level: 'county',
      elasticity: null,
    };
    // Unknown unit class, unknown parent, duplicate key, non-positive elasticity.
    await expect(
      ctx.db
        .insertInto('unit')
        .values({ ...unit, class_code: 'nope' })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    await expect(
      ctx.db
        .insertInto('unit')
        .values({ ...unit, parent_code: '999999' })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    await expect(
      ctx.db
        .insertInto('unit')
        .values({ ...unit, code: '330106' })
        .execute(),
    ).rejects.toThrow(/unique|duplicate/i);
    await expect(
      ctx.db
        .insertInto('unit')
        .values({ ...unit, elasticity: 0 })
        .execute(),
    ).rejects.toThrow(/check/i);
    // The same unit code in another province is another unit: the tenant is part of the key.
    const q = await seedProvince(ctx.db);
    await ctx.db
      .insertInto('unit')
      .values({ ...unit, province_code: q })
      .execute();
    await ctx.db.insertInto('unit').values(unit).execute();

    const value = {
      province_code: p,
      plan_code: 'P2026',
      unit_code: '330106',
      element_code: 'x',
      period_code: '2026Q1',
      source: 'self' as const,
      value: 1,
      evidence_hash: null,
      entered_by: 'r',
      entered_at: '2026-03-31T09:00:00.000Z',
    };
    const bogusSource = { ...value, source: 'gossip' } as unknown as typeof value;
    await expect(ctx.db.insertInto('data_value').values(bogusSource).execute()).rejects.toThrow(/check/i);
    await expect(
      ctx.db
        .insertInto('data_value')
        .values({ ...value, period_code: '2026Q2' })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    await expect(
      ctx.db
        .insertInto('data_value')
        .values({ ...value, province_code: q, unit_code: '330100', plan_code: 'nope' })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    await expect(
      ctx.db
        .insertInto('period')
        .values({ province_code: p, code: '2026', type: 'decade' as 'year', status: 'open', deadline: null })
        .execute(),
    ).rejects.toThrow(/check/i);
  });

  it('keep nothing of a transaction that fails half way, audit entry included', async () => {
    const p = await seedProvince(ctx.db);
    const failure = new Error('crash after the second write');
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('unit')
          .set({ name: '西湖区（改）', version: 2 })
          .where('province_code', '=', p)
          .where('code', '=', '330106')
          .execute();
        await appendAudit(trx, {
          province: p,
          actor: 'a',
          role: 'office',
          action: 'unit.update',
          entity: 'unit',
          entityId: '330106',
          after: { name: '西湖区（改）' },
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    const unit = await ctx.db
      .selectFrom('unit')
      .select(['name', 'version'])
      .where('province_code', '=', p)
      .where('code', '=', '330106')
      .executeTakeFirstOrThrow();
    expect(unit).toEqual({ name: '西湖区', version: 1 });
    expect(
      await ctx.db.selectFrom('audit_entry').select('seq').where('province_code', '=', p).execute(),
    ).toEqual([]);
  });

  it('let a version check turn a stale write into no write', async () => {
    const p = await seedProvince(ctx.db);
    const write = (expected: number) =>
      ctx.db
        .updateTable('unit')
        .set((eb) => ({ name: 'x', version: eb('version', '+', 1) }))
        .where('province_code', '=', p)
        .where('code', '=', '330106')
        .where('version', '=', expected)
        .executeTakeFirst();
    expect((await write(1)).numUpdatedRows).toBe(1n);
    expect((await write(1)).numUpdatedRows).toBe(0n);
    expect((await write(2)).numUpdatedRows).toBe(1n);
  });
});
