import type { Db } from '../db/database.js';

let provinces = 0;

/**
 * A new province (tenant) with one unit class, a city and a county under it, a plan and an open period:
 * the smallest world a fact row can live in. Every call gets its own province code, so tests sharing one
 * database do not see each other's rows.
 */
export async function seedProvince(db: Db): Promise<string> {
  const code = `9${String(++provinces).padStart(2, '0')}${String(process.pid % 1000).padStart(3, '0')}`;
  await db
    .insertInto('province')
    .values({ code, name: `测试省 ${code}`, created_at: '2026-11-23T00:00:00.000Z' })
    .execute();
  await db.insertInto('unit_class').values({ province_code: code, code: 'county', name: '县区' }).execute();
  await db
    .insertInto('unit')
    .values([
      {
        province_code: code,
        code: '330100',
        name: '杭州市',
        class_code: 'county',
        parent_code: null,
        level: 'city',
        elasticity: null,
      },
      {
        province_code: code,
        code: '330106',
        name: '西湖区',
        class_code: 'county',
        parent_code: '330100',
        level: 'county',
        elasticity: 1.1,
      },
    ])
    .execute();
  await db
    .insertInto('plan')
    .values({
      province_code: code,
      code: 'P2026',
      name: '2026 年度效能考核',
      created_at: '2026-11-23T00:00:00.000Z',
    })
    .execute();
  await db
    .insertInto('period')
    .values({
      province_code: code,
      code: '2026Q1',
      type: 'quarter',
      status: 'open',
      deadline: '2026-04-10T16:00:00.000Z',
    })
    .execute();
  return code;
}
