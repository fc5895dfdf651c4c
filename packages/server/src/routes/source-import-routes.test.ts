import { describe, expect, it } from 'vitest';
import { makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedPublishedPlan } from '../test/domain-fixtures.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

const BOUNDARY = '----xn-source-import';
const HEADER = '单位代码,单位名称,办结件数（cases.done）,受理件数（cases.total）,满意度（satisfaction）';

function multipart(content: string) {
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="v.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(content),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'accept-language': 'en' },
  };
}

describe.each(DIALECTS)('source imports on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const province = await seedProvince(ctx.db);
    await seedPublishedPlan(ctx.db, province);
    await ctx.db
      .updateTable('period')
      .set({ deadline: null })
      .where('province_code', '=', province)
      .execute();
    const app = await makeApp(ctx.db, new TestClock());
    const session = async (role: string) =>
      signIn(
        app,
        (
          await seedUser(
            ctx.db,
            province,
            [role as 'thirdParty'],
            role === 'reporter' ? { unitCode: '330106' } : {},
          )
        ).username,
      );
    return {
      province,
      app,
      thirdParty: await session('thirdParty'),
      inspector: await session('inspector'),
      reporter: await session('reporter'),
    };
  }
  type World = Awaited<ReturnType<typeof world>>;
  const send = (w: World, headers: Record<string, string>, source: string, csv: string) => {
    const m = multipart(csv);
    return w.app.inject({
      method: 'POST',
      url: `/api/source-imports/P2026/2026Q1?source=${source}`,
      headers: { ...headers, ...m.headers },
      payload: m.payload,
    });
  };

  it('gives the third party a template and stores its import as source thirdParty, nothing else', async () => {
    const w = await world();
    const template = await w.app.inject({
      method: 'GET',
      url: '/api/source-imports/P2026/2026Q1/template?format=csv',
      headers: w.thirdParty.headers,
    });
    expect(template.statusCode).toBe(200);
    expect(template.body).toBe(`\ufeff${HEADER}\r\n330100,杭州市,,,\r\n330106,西湖区,,,\r\n`);

    const res = await send(w, w.thirdParty.headers, 'thirdParty', `${HEADER}\r\n330106,西湖区,,,88.5\r\n`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ units: 1, values: 1 });
    const rows = await ctx.db
      .selectFrom('data_value')
      .select(['unit_code', 'element_code', 'source', 'value'])
      .where('province_code', '=', w.province)
      .execute();
    expect(rows).toEqual([
      { unit_code: '330106', element_code: 'satisfaction', source: 'thirdParty', value: 88.5 },
    ]);
    // The third party's import sends nothing to review: no submission appears.
    expect(
      await ctx.db.selectFrom('submission').selectAll().where('province_code', '=', w.province).execute(),
    ).toEqual([]);
  });

  it('refuses another role’s source, the units’ own source and reporters, storing nothing', async () => {
    const w = await world();
    const csv = `${HEADER}\r\n330106,西湖区,1,2,3\r\n`;
    const wrongSource = await send(w, w.inspector.headers, 'thirdParty', csv);
    expect(wrongSource.statusCode).toBe(403);
    expect(wrongSource.json().code).toBe('source_not_allowed');
    expect((await send(w, w.thirdParty.headers, 'self', csv)).statusCode).toBe(400);
    const reporter = await send(w, w.reporter.headers, 'thirdParty', csv);
    expect(reporter.statusCode).toBe(403);
    const template = await w.app.inject({
      method: 'GET',
      url: '/api/source-imports/P2026/2026Q1/template?format=csv',
      headers: w.reporter.headers,
    });
    expect(template.statusCode).toBe(403);
    expect(template.json().code).toBe('source_not_allowed');
    expect(
      await ctx.db.selectFrom('data_value').selectAll().where('province_code', '=', w.province).execute(),
    ).toEqual([]);
  });

  it('reports a bad cell with its row and column', async () => {
    const w = await world();
    const res = await send(w, w.inspector.headers, 'inspection', `${HEADER}\r\n330106,西湖区,abc,,\r\n`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('import_failed');
    expect(res.json().errors[0]).toMatchObject({ row: 2, column: '办结件数（cases.done）' });
  });
});
