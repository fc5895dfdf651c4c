import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../audit/canonical-json.js';
import { examplePlan } from '../plans/example-plan.fixture.js';
import { addValue, count, handPlan, seedResultsWorld } from '../results/results-fixture.js';
import { auditActions, makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

/** A multipart body with one file, as a browser sends it. */
function multipart(content: Buffer, fileName = 'plan.xlsx') {
  const boundary = '----xn-plan-workbook';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function editBook(bytes: Buffer, edit: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The 1-based column of a header on a sheet's first row. */
function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  for (let c = 1; c <= sheet.columnCount; c++) if (sheet.getRow(1).getCell(c).value === header) return c;
  throw new Error(`no column ${header}`);
}

/** The row of a code (first column named 代码 / code) on a sheet. */
function rowOf(sheet: ExcelJS.Worksheet, code: string): number {
  const c = columnOf(sheet, '代码 / code');
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(c).value === code) return r;
  throw new Error(`no row ${code}`);
}

/** The row of a node on the 类别权重 sheet. */
function weightRow(sheet: ExcelJS.Worksheet, node: string): number {
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(2).value === node) return r;
  throw new Error(`no weight of ${node}`);
}

describe.each(DIALECTS)('plan designer tools on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  describe('preview', () => {
    async function world() {
      const w = await seedResultsWorld(ctx.db);
      const app = await makeApp(ctx.db, new TestClock());
      const office = await signIn(app, (await seedUser(ctx.db, w.province, ['office'])).username);
      // handPlan: a unit's total is its value (target 100, capped at 1). Approved values only: D01's
      // submission still waits for review, so it scores as missing (zero).
      await addValue(ctx.db, w.province, '330100', 95);
      await addValue(ctx.db, w.province, '330102', 85);
      await addValue(ctx.db, w.province, '330106', 70);
      await addValue(ctx.db, w.province, '330108', 50);
      await addValue(ctx.db, w.province, 'D01', 92, { status: 'submitted' });
      return { ...w, app, office };
    }

    it('scores a draft on the approved values beside the published version, and stores nothing', async () => {
      const w = await world();
      // Version 2 halves every total: the target doubles to 200.
      const draft = handPlan();
      const leaf = draft.tree[0]!;
      if (!('children' in leaf)) throw new Error('handPlan has a group');
      draft.tree[0] = { ...leaf, children: [{ ...leaf.children[0]!, target: 200 } as never] };
      const started = await w.app.inject({
        method: 'POST',
        url: '/api/plans/P/versions',
        headers: w.office.headers,
        payload: { reason: '目标值翻倍', document: draft },
      });
      expect(started.statusCode).toBe(201);
      const snapshotsBefore = await count(ctx.db, 'result_snapshot', w.province);
      const auditBefore = (await auditActions(ctx.db, w.province)).length;

      const res = await w.app.inject({
        method: 'POST',
        url: '/api/plans/P/versions/2/preview',
        headers: w.office.headers,
        payload: {},
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        planCode: 'P',
        planVersion: 2,
        period: '2026',
        comparedWith: 1,
        values: 4,
      });
      const county = body.classes.find((c: { code: string }) => c.code === 'county');
      expect(county).toMatchObject({
        units: 4,
        mean: 37.5, // (47.5 + 42.5 + 35 + 25) / 4
        min: 25,
        max: 47.5,
        grades: { A: 0, B: 0, C: 0, D: 4 },
      });
      expect(county.top.map((u: { code: string }) => u.code)).toEqual([
        '330100',
        '330102',
        '330106',
        '330108',
      ]);
      expect(county.bottom.map((u: { total: number }) => u.total)).toEqual([25, 35, 42.5, 47.5]);
      expect(county.columns).toEqual({
        code: ['330100', '330102', '330106', '330108'],
        name: ['杭州市', '上城区', '西湖区', '滨江区'],
        total: [47.5, 42.5, 35, 25],
        rank: [1, 2, 3, 4],
        grade: ['D', 'D', 'D', 'D'],
        publishedTotal: [95, 85, 70, 50],
        publishedRank: [1, 2, 3, 4],
      });
      const dept = body.classes.find((c: { code: string }) => c.code === 'dept');
      expect(dept).toMatchObject({ units: 1, mean: 0, grades: { D: 1 } });
      expect(dept.columns.publishedTotal).toEqual([0]);

      expect(await count(ctx.db, 'result_snapshot', w.province)).toBe(snapshotsBefore);
      expect((await auditActions(ctx.db, w.province)).length).toBe(auditBefore);
    });

    it('previews a document sent with the request, and refuses a bad one, a bad period and other roles', async () => {
      const w = await world();
      const plan = handPlan();
      const res = await w.app.inject({
        method: 'POST',
        url: '/api/plans/P/versions/1/preview',
        headers: w.office.headers,
        payload: {
          document: { ...plan, grading: { thresholds: [{ grade: 'A', min: 60 }, { grade: 'B' }] } },
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const county = res.json().classes.find((c: { code: string }) => c.code === 'county');
      expect(county.grades).toEqual({ A: 3, B: 1 });
      expect(county.columns.publishedTotal).toEqual([95, 85, 70, 50]);

      const bad = await w.app.inject({
        method: 'POST',
        url: '/api/plans/P/versions/1/preview',
        headers: { ...w.office.headers, 'accept-language': 'en' },
        payload: { document: { ...plan, tree: [{ ...plan.tree[0]!, weight: 0.5 }] } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('plan_invalid');
      expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('body.document.tree');

      const unknownPeriod = await w.app.inject({
        method: 'POST',
        url: '/api/plans/P/versions/1/preview',
        headers: w.office.headers,
        payload: { period: '2025' },
      });
      expect(unknownPeriod.statusCode).toBe(404);
      await ctx.db
        .insertInto('period')
        .values({
          province_code: w.province,
          code: '2026Q1',
          type: 'quarter',
          status: 'open',
          deadline: null,
        })
        .execute();
      const wrongType = await w.app.inject({
        method: 'POST',
        url: '/api/plans/P/versions/1/preview',
        headers: w.office.headers,
        payload: { period: '2026Q1' },
      });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().errors[0].path).toBe('body.period');

      const viewer = await signIn(w.app, (await seedUser(ctx.db, w.province, ['viewer'])).username);
      const denied = await w.app.inject({
        method: 'POST',
        url: '/api/plans/P/versions/1/preview',
        headers: viewer.headers,
        payload: {},
      });
      expect(denied.statusCode).toBe(403);
    });
  });

  describe('workbook', () => {
    async function world() {
      const province = await seedProvince(ctx.db);
      const app = await makeApp(ctx.db, new TestClock());
      const office = await signIn(app, (await seedUser(ctx.db, province, ['office'])).username);
      const created = await app.inject({
        method: 'POST',
        url: '/api/plans',
        headers: office.headers,
        payload: { code: 'E', name: '示例方案', document: examplePlan() },
      });
      expect(created.statusCode, created.body).toBe(201);
      const exported = await app.inject({
        method: 'GET',
        url: '/api/plans/E/versions/1/workbook',
        headers: office.headers,
      });
      expect(exported.statusCode).toBe(200);
      return { province, app, office, created: created.json(), workbook: exported.rawPayload };
    }

    const upload = (w: Awaited<ReturnType<typeof world>>, bytes: Buffer, version: number, lang = 'zh-CN') => {
      const body = multipart(bytes);
      return w.app.inject({
        method: 'POST',
        url: `/api/plans/E/versions/1/workbook?version=${version}`,
        headers: { ...w.office.headers, ...body.headers, 'accept-language': lang },
        payload: body.payload,
      });
    };

    it('exports every sheet and imports it back to the same canonical document', async () => {
      const w = await world();
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(w.workbook as unknown as ArrayBuffer);
      expect(book.worksheets.map((s) => s.name)).toEqual([
        '方案',
        '指标体系',
        '数据元',
        '单位类别',
        '类别权重',
        '加分扣分否决',
        '等次',
      ]);
      const tree = book.getWorksheet('指标体系')!;
      const approval = tree.getRow(rowOf(tree, 'approval'));
      expect(approval.getCell(columnOf(tree, '上级代码 / parent')).value).toBe('service');
      expect(approval.getCell(columnOf(tree, '权重 / weight')).value).toBe(0.3);
      expect(approval.getCell(columnOf(tree, '计分方法 / method')).value).toBe('linear');
      const response = tree.getRow(rowOf(tree, 'response'));
      expect(
        JSON.parse(String(response.getCell(columnOf(tree, '方法参数 / method parameters')).value)),
      ).toEqual({
        outOf: 5,
        levels: [
          { atMost: 1, points: 5, label: '1小时内响应' },
          { atMost: 2, points: 3, label: '2小时内响应' },
        ],
        otherwise: 0,
      });
      const weights = book.getWorksheet('类别权重')!;
      expect(weights.getRow(weightRow(weights, 'service')).values).toEqual([
        undefined,
        'department',
        'service',
        0.75,
      ]);

      const res = await upload(w, w.workbook, 1);
      expect(res.statusCode, res.body).toBe(200);
      expect(canonicalJson(res.json().document)).toBe(canonicalJson(w.created.document));
      expect(res.json().hash).toBe(w.created.hash);
      expect(res.json().version).toBe(2);
    });

    it('reads Chinese words, a header in Chinese alone, and edited class weights', async () => {
      const w = await world();
      const edited = await editBook(w.workbook, (book) => {
        const tree = book.getWorksheet('指标体系')!;
        const kind = columnOf(tree, '指标类型 / kind');
        tree.getRow(rowOf(tree, 'approval')).getCell(kind).value = '结果';
        tree.getRow(1).getCell(kind).value = '指标类型';
        const adj = book.getWorksheet('加分扣分否决')!;
        adj.getRow(rowOf(adj, 'safety')).getCell(columnOf(adj, '类型 / type')).value = '否决';
        const cls = book.getWorksheet('类别权重')!;
        cls.getRow(weightRow(cls, 'service')).getCell(3).value = 0.7;
        cls.getRow(weightRow(cls, 'governance')).getCell(3).value = 0.15; // 0.7 + 0.15 + 0.15 = 1
      });
      const res = await upload(w, edited, 1);
      expect(res.statusCode, res.body).toBe(200);
      const department = res.json().document.classes.find((c: { code: string }) => c.code === 'department');
      expect(department.weights).toEqual({ service: 0.7, governance: 0.15, reform: 0.15 });
      expect(res.json().document.tree[0].children[0].kind).toBe('result');
    });

    it('reports every bad cell and every engine error at its sheet, row and column, and changes nothing', async () => {
      const w = await world();
      let weightCell = '';
      let parentCell = '';
      let hotlineRow = 0;
      const edited = await editBook(w.workbook, (book) => {
        const tree = book.getWorksheet('指标体系')!;
        const weight = columnOf(tree, '权重 / weight');
        hotlineRow = rowOf(tree, 'hotline');
        // Not a number; and the hotline weight 0.35 breaks the service dimension's sum (1.05).
        tree.getRow(rowOf(tree, 'age')).getCell(weight).value = '半';
        tree.getRow(hotlineRow).getCell(weight).value = 0.35;
        weightCell = `指标体系!${String.fromCharCode(64 + weight)}${rowOf(tree, 'age')}`;
        const parent = columnOf(tree, '上级代码 / parent');
        tree.getRow(rowOf(tree, 'tasks')).getCell(parent).value = 'nowhere';
        parentCell = `指标体系!${String.fromCharCode(64 + parent)}${rowOf(tree, 'tasks')}`;
      });
      const res = await upload(w, edited, 1, 'en');
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe('plan_workbook_invalid');
      expect(body.errors).toEqual([
        {
          path: weightCell,
          row: Number(weightCell.slice(6)),
          column: '权重 / weight',
          message: '"半" is not a number',
        },
        {
          path: parentCell,
          row: Number(parentCell.slice(6)),
          column: '上级代码 / parent',
          message: 'parent "nowhere" must be a node of the same tree on an earlier row',
        },
      ]);

      // Cells fixed, the engine's error comes back at the rows it concerns.
      const engineError = await editBook(w.workbook, (book) => {
        const tree = book.getWorksheet('指标体系')!;
        tree.getRow(rowOf(tree, 'hotline')).getCell(columnOf(tree, '权重 / weight')).value = 0.35;
      });
      const res2 = await upload(w, engineError, 1, 'en');
      expect(res2.statusCode).toBe(400);
      const errors = res2.json().errors as { path: string; row: number; message: string }[];
      expect(errors).toHaveLength(1);
      expect(errors[0]!.row).toBe(rowOf((await load(engineError)).getWorksheet('指标体系')!, 'service'));
      expect(errors[0]!.path).toBe(`指标体系!${errors[0]!.row}:${errors[0]!.row}`);
      expect(errors[0]!.message).toContain('adding up to 1.05');

      const after = await w.app.inject({
        method: 'GET',
        url: '/api/plans/E/versions/1',
        headers: w.office.headers,
      });
      expect(after.json()).toMatchObject({ hash: w.created.hash, version: 1 });
    });

    it('refuses a missing sheet, an unknown column, a file that is no workbook, a stale version and a published version', async () => {
      const w = await world();
      const noSheet = await editBook(w.workbook, (book) =>
        book.removeWorksheet(book.getWorksheet('等次')!.id),
      );
      const r1 = await upload(w, noSheet, 1, 'en');
      expect(r1.statusCode).toBe(400);
      expect(r1.json().errors).toEqual([{ path: '等次', message: 'the sheet "等次" (grading) is missing' }]);

      const extraColumn = await editBook(w.workbook, (book) => {
        const sheet = book.getWorksheet('数据元')!;
        sheet.getRow(1).getCell(sheet.columnCount + 1).value = '备注';
      });
      const r2 = await upload(w, extraColumn, 1);
      expect(r2.statusCode).toBe(400);
      expect(r2.json().errors[0]).toMatchObject({ path: '数据元!I1', row: 1 });
      expect(r2.json().errors[0].message).toContain('未知的列“备注”');

      const r3 = await upload(w, Buffer.from('code,name\n'), 1);
      expect(r3.statusCode).toBe(400);
      expect(r3.json().code).toBe('plan_workbook_invalid');

      const r4 = await upload(w, w.workbook, 7);
      expect(r4.statusCode).toBe(409);
      expect(r4.json().code).toBe('version_conflict');

      const published = await w.app.inject({
        method: 'POST',
        url: '/api/plans/E/versions/1/publish',
        headers: w.office.headers,
        payload: { version: 1 },
      });
      expect(published.statusCode).toBe(200);
      const r5 = await upload(w, w.workbook, 2);
      expect(r5.statusCode).toBe(409);
      expect(r5.json().code).toBe('plan_state');
    });
  });
});

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}
