import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Act } from '../app/act.js';
import { createApiToken } from '../auth/api-token-repository.js';
import { auditActions, makeApp, type Session, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedPublishedPlan } from '../test/domain-fixtures.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

const BOUNDARY = '----xn-import-boundary';
const HEADER = '单位代码,单位名称,办结件数（cases.done）,受理件数（cases.total）,满意度（satisfaction）';

function multipart(fileName: string, content: Buffer) {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

describe.each(DIALECTS)('imports on %s', (dialect) => {
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
    const office = await signIn(app, (await seedUser(ctx.db, province, ['office'])).username);
    const reporter = await signIn(
      app,
      (await seedUser(ctx.db, province, ['reporter'], { unitCode: '330106' })).username,
    );
    return { province, app, office, reporter };
  }

  type World = Awaited<ReturnType<typeof world>>;
  const send = (w: World, headers: Record<string, string>, file: Buffer, query = '') => {
    const m = multipart('values.csv', file);
    return w.app.inject({
      method: 'POST',
      url: `/api/imports/P2026/2026Q1${query}`,
      headers: { ...headers, ...m.headers, 'accept-language': 'en' },
      payload: m.payload,
    });
  };
  const stored = (w: World) =>
    ctx.db
      .selectFrom('data_value')
      .select(['unit_code', 'element_code', 'source', 'value'])
      .where('province_code', '=', w.province)
      .orderBy('unit_code')
      .orderBy('element_code')
      .execute();

  it('generates CSV (GBK) and XLSX templates with Chinese headers and a row per unit in scope', async () => {
    const w = await world();
    const csv = await w.app.inject({
      method: 'GET',
      url: '/api/imports/P2026/2026Q1/template?format=csv&charset=gbk',
      headers: w.office.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=gbk');
    expect(iconv.decode(csv.rawPayload, 'gbk')).toBe(`${HEADER}\r\n330100,杭州市,,,\r\n330106,西湖区,,,\r\n`);
    const xlsx = await w.app.inject({
      method: 'GET',
      url: '/api/imports/P2026/2026Q1/template',
      headers: w.office.headers,
    });
    expect(xlsx.headers['content-disposition']).toBe("attachment; filename*=UTF-8''P2026-v1-2026Q1.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe('2026Q1');
    expect(sheet?.getRow(1).values).toEqual([undefined, ...HEADER.split(',')]);
    expect(sheet?.getRow(3).getCell(1).value).toBe('330106');
    const denied = await w.app.inject({
      method: 'GET',
      url: '/api/imports/P2026/2026Q1/template',
      headers: w.reporter.headers,
    });
    expect(denied.statusCode).toBe(403);
  });

  it('imports a GBK CSV in one go: values stored, submissions sent to review, one audit entry', async () => {
    const w = await world();
    const file = iconv.encode(
      `${HEADER}\r\n330100,杭州市,"1,200",1500,91.5\r\n330106,西湖区,80,,\r\n`,
      'gbk',
    );
    const res = await send(w, w.office.headers, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ format: 'csv', charset: 'gbk', planVersion: 1, units: 2, values: 4 });
    expect(await stored(w)).toEqual([
      { unit_code: '330100', element_code: 'cases.done', source: 'self', value: 1200 },
      { unit_code: '330100', element_code: 'cases.total', source: 'self', value: 1500 },
      { unit_code: '330100', element_code: 'satisfaction', source: 'self', value: 91.5 },
      { unit_code: '330106', element_code: 'cases.done', source: 'self', value: 80 },
    ]);
    const subs = await ctx.db
      .selectFrom('submission')
      .select(['unit_code', 'status'])
      .where('province_code', '=', w.province)
      .orderBy('unit_code')
      .execute();
    expect(subs).toEqual([
      { unit_code: '330100', status: 'submitted' },
      { unit_code: '330106', status: 'submitted' },
    ]);
    expect((await auditActions(ctx.db, w.province)).filter((a) => a === 'values.import')).toHaveLength(1);

    // Submitted units cannot be overwritten until they are returned.
    const again = await send(w, w.office.headers, file);
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([
      {
        path: 'file[2]["单位代码"]',
        row: 2,
        column: '单位代码',
        message: 'the submission of unit "330100" is already submitted: return it first',
      },
      {
        path: 'file[3]["单位代码"]',
        row: 3,
        column: '单位代码',
        message: 'the submission of unit "330106" is already submitted: return it first',
      },
    ]);
  });

  it('reports every bad row and column and stores nothing when any row is bad', async () => {
    const w = await world();
    const file = Buffer.from(
      [
        '单位代码,办结件数（cases.done）,办结率（cases.rate）,nope',
        '330100,12,,',
        '999999,1,,',
        '330106,abc,,',
        '330100,3,,',
        ',4,,',
      ].join('\n'),
    );
    const headerErrors = await send(w, w.office.headers, file);
    expect(headerErrors.statusCode).toBe(400);
    expect(headerErrors.json()).toMatchObject({
      code: 'import_failed',
      errors: [
        { row: 1, column: '办结率（cases.rate）', message: 'computed elements cannot be imported' },
        { row: 1, column: 'nope', message: 'version 1 of the plan has no such data element' },
      ],
    });
    const rows = Buffer.from(
      ['单位代码,办结件数（cases.done）', '330100,12', '999999,1', '330106,abc', '330100,3', ',4'].join('\n'),
    );
    const rowErrors = await send(w, w.office.headers, rows);
    expect(rowErrors.statusCode).toBe(400);
    expect(
      rowErrors
        .json()
        .errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message]),
    ).toEqual([
      [3, '单位代码', 'unit "999999" does not exist'],
      [4, '办结件数（cases.done）', '"abc" is not a number'],
      [5, '单位代码', 'unit "330100" repeats row 2'],
      [6, '单位代码', 'the unit code is missing'],
    ]);
    expect(await stored(w)).toEqual([]);
    expect((await auditActions(ctx.db, w.province)).filter((a) => a === 'values.import')).toEqual([]);
  });

  it('takes a filled XLSX template from an API token with the import scope, within its unit scope', async () => {
    const w = await world();
    const act: Act = {
      province: w.province,
      actor: 'test',
      role: 'test',
      requestId: undefined,
      at: '2026-11-23T07:00:00.000Z',
      auditAlgorithm: 'sha256',
    };
    const { secret } = await createApiToken(ctx.db, act, {
      name: '12345 热线系统',
      scopes: ['values.import'],
      unitCode: '330106',
      expiresInDays: 30,
    });
    const bearer = { authorization: `Bearer ${secret}` };
    const template = await w.app.inject({
      method: 'GET',
      url: '/api/imports/P2026/2026Q1/template?format=xlsx',
      headers: bearer,
    });
    expect(template.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (sheet === undefined) throw new Error('no sheet');
    expect(sheet.rowCount).toBe(2); // the token sees its own unit only
    sheet.getRow(2).getCell(5).value = 88.25;
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    const res = await send(w, bearer, filled, '?source=thirdParty');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ format: 'xlsx', charset: null, units: 1, values: 1 });
    expect(await stored(w)).toEqual([
      { unit_code: '330106', element_code: 'satisfaction', source: 'thirdParty', value: 88.25 },
    ]);
    const outside = Buffer.from('单位代码,满意度（satisfaction）\n330100,70\n');
    const refused = await send(w, bearer, outside, '?source=thirdParty');
    expect(refused.json().errors).toMatchObject([
      { row: 2, message: 'unit "330100" is outside your data scope' },
    ]);
    const reporter = await send(w, (w.reporter as Session).headers, outside);
    expect(reporter.statusCode).toBe(403);
  });
});
