import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { auditActions, makeApp, type Session, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

const BOUNDARY = '----xn-units-boundary';
const HEADER = '单位代码,单位名称,单位类别,上级单位代码,层级,弹性系数,停用';

describe.each(DIALECTS)('unit files on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const province = await seedProvince(ctx.db);
    const app = await makeApp(ctx.db, new TestClock());
    const admin = await signIn(app, (await seedUser(ctx.db, province, ['sysadmin'])).username);
    const office = await signIn(app, (await seedUser(ctx.db, province, ['office'])).username);
    return { province, app, admin, office };
  }
  type World = Awaited<ReturnType<typeof world>>;

  const upload = (w: World, s: Session, file: Buffer) =>
    w.app.inject({
      method: 'POST',
      url: '/api/units/import',
      headers: {
        ...s.headers,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'accept-language': 'en',
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="units.csv"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        file,
        Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
      ]),
    });

  it('exports the units in scope as GBK CSV, and imports a GBK file that adds children before or after parents', async () => {
    const w = await world();
    const exported = await w.app.inject({
      method: 'GET',
      url: '/api/units/export?charset=gbk',
      headers: w.office.headers,
    });
    expect(exported.statusCode).toBe(200);
    expect(iconv.decode(exported.rawPayload, 'gbk')).toBe(
      `${HEADER}\r\n330100,杭州市,county,,city,,\r\n330106,西湖区,county,330100,county,1.1,\r\n`,
    );
    const file = iconv.encode(
      [
        HEADER,
        '330106001001,翠苑一村,county,330106001,village,,',
        '330106001,西溪街道,county,330106,town,0.9,',
        '330106,西湖区（新名）,county,330100,county,1.1,',
        '330100,杭州市,county,,city,,',
      ].join('\r\n'),
      'gbk',
    );
    const res = await upload(w, w.admin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 2, updated: 1, unchanged: 1 });
    const tree = await w.app.inject({ method: 'GET', url: '/api/units/tree', headers: w.office.headers });
    const district = tree.json().roots[0].children[0];
    expect(district).toMatchObject({ name: '西湖区（新名）', version: 2 });
    expect(district.children[0]).toMatchObject({ code: '330106001', elasticity: 0.9 });
    expect(district.children[0].children[0].code).toBe('330106001001');
    expect(await auditActions(ctx.db, w.province)).toContain('unit.import');
  });

  it('reports each bad row and column and adds nothing', async () => {
    const w = await world();
    const file = Buffer.from(
      [
        HEADER,
        '330106002,留下街道,county,330106,town,,',
        '330106003,,nope,330106,town,-1,maybe',
        '330106002,重复,county,330106,town,,',
        'A1,孤儿,county,999,town,,',
        '330106,西湖区,county,,county,1.1,',
        'L1,甲,county,L2,town,,',
        'L2,乙,county,L1,town,,',
      ].join('\n'),
    );
    const res = await upload(w, w.admin, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('import_failed');
    expect(
      res
        .json()
        .errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message]),
    ).toEqual([
      [3, '单位名称', 'is required'],
      [3, '单位类别', 'unit class "nope" does not exist'],
      [3, '弹性系数', 'must be a number above 0 and at most 10'],
      [3, '停用', 'must be 是 (yes) or empty'],
      [4, '单位代码', 'repeats row 2'],
      [5, '上级单位代码', 'parent unit "999" does not exist'],
      [6, '上级单位代码', 'the parent cannot change by import (it is "330100"): update the unit on its own'],
      [7, '上级单位代码', 'the parents form a loop'],
      [8, '上级单位代码', 'the parents form a loop'],
    ]);
    const units = await ctx.db
      .selectFrom('unit')
      .select('code')
      .where('province_code', '=', w.province)
      .execute();
    expect(units.map((u) => u.code).sort()).toEqual(['330100', '330106']);
    expect((await upload(w, w.office, file)).statusCode).toBe(403);
  });
});
