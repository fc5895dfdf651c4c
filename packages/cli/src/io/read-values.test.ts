import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { valueAt } from '@xiaoneng/engine';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPlan, UNITS_CSV, VALUES_CSV } from '../test/fixtures.js';
import { formatProblem, InputProblems } from './input-problems.js';
import { readUnits } from './read-units.js';
import { readValues } from './read-values.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xn-values-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let n = 0;
async function file(content: string | Buffer, ext = '.csv'): Promise<string> {
  const path = join(dir, `f${n++}${ext}`);
  await writeFile(path, content);
  return path;
}

const plan = cliPlan();

async function units(csv = UNITS_CSV) {
  const problems = new InputProblems();
  const list = await readUnits(await file(csv), plan, {}, problems);
  return { list, problems: problems.shown.map((p) => formatProblem(p).en), count: problems.count };
}

async function values(csv: string, unitsCsv = UNITS_CSV) {
  const problems = new InputProblems();
  const u = await readUnits(await file(unitsCsv), plan, {}, new InputProblems());
  const path = await file(csv);
  const r = await readValues(path, plan, u, {}, problems);
  const shown = problems.sorted().map((p) => formatProblem(p).en.replace(path, 'values.csv'));
  return { ...r, problems: shown, count: problems.count };
}

describe('readUnits', () => {
  it('reads codes, names, classes, parents, levels and elasticity', async () => {
    const r = await units();
    expect(r.problems).toEqual([]);
    expect(r.list).toEqual([
      { code: '370101', name: '历下区', class: 'county', parent: '3701', level: 'county', elasticity: 1 },
      { code: '370102', name: '市中区', class: 'county', parent: '3701', level: 'county' },
      { code: '370103', name: '槐荫区', class: 'county', parent: '3701', level: 'county', elasticity: 1.1 },
    ]);
  });

  it('accepts Chinese headers in any order, a class given by name, and extra columns', async () => {
    const r = await units('备注,类别,单位名称,单位代码,弹性系数\n无,县（市、区）,历下区,370101,0.9\n');
    expect(r.problems).toEqual([]);
    expect(r.list).toEqual([{ code: '370101', name: '历下区', class: 'county', elasticity: 0.9 }]);
  });

  it('reports each bad row with its row number and column', async () => {
    const r = await units(
      [
        'code,name,class,elasticity',
        '370101,历下区,county,1',
        '370101,重复区,county,1',
        ',无代码,county,',
        '370104,天桥区,town,',
        '370105,,county,',
        '370106,长清区,county,1.5',
        '370107,章丘区,county,高',
      ].join('\n'),
    );
    expect(r.problems).toEqual([
      expect.stringMatching(/, row 3, column "code": unit code 370101 appears twice \(first on row 2\)$/),
      expect.stringMatching(/, row 4, column "code": the unit code is empty$/),
      expect.stringMatching(
        /, row 5, column "class": the plan has no unit class "town"; its classes are: county/,
      ),
      expect.stringMatching(/, row 6, column "name": the unit name is empty$/),
      expect.stringMatching(
        /, row 7, column "elasticity": elasticity coefficient 1\.5 is outside the plan's bounds 0\.8–1\.2$/,
      ),
      expect.stringMatching(/, row 8, column "elasticity": "高" is not a number/),
    ]);
    expect(r.list.map((u) => u.code)).toEqual(['370101']);
  });

  it('reports a missing required column on row 1', async () => {
    const r = await units('code,name\n370101,历下区\n');
    expect(r.problems).toEqual([
      expect.stringMatching(
        /, row 1, column "class": the required column "class" is missing \(also accepted: 类别, 单位类别\)/,
      ),
    ]);
  });
});

describe('readValues', () => {
  it('reads the fixture into a value table with units in units-file order', async () => {
    const r = await values(VALUES_CSV);
    expect(r.problems).toEqual([]);
    expect(r.rows).toBe(12);
    expect(r.table.length).toBe(12);
    expect(r.table.unitCodes).toEqual(['370101', '370102', '370103']);
    expect(valueAt(r.table, 10)).toEqual({
      unit: '370103',
      element: 'sat',
      period: '2026',
      source: 'thirdParty',
      value: 84,
    });
  });

  it('takes Chinese headers, Chinese source names, thousands separators, lower-case periods; empty values are no value', async () => {
    const r = await values(
      '数值,来源,周期,数据元,单位代码\n"1,234.5",第三方评估,2026,done,370101\n,自评,2026q1,total,370101\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.table.length).toBe(1);
    expect(r.empty).toBe(1);
    expect(valueAt(r.table, 0)).toEqual({
      unit: '370101',
      element: 'done',
      period: '2026',
      source: 'thirdParty',
      value: 1234.5,
    });
  });

  it('reads GBK-encoded files with Chinese names the same as UTF-8', async () => {
    const csv = '单位代码,数据元,周期,来源,数值\n370101,done,2026,自评,90\n370102,sat,2026,群众评议,75.5\n';
    const gbkUnits = iconv.encode(
      '单位代码,单位名称,类别\n370101,历下区,县（市、区）\n370102,市中区,county\n',
      'gbk',
    );
    const problems = new InputProblems();
    const u = await readUnits(await file(gbkUnits), plan, {}, problems);
    const fromGbk = await readValues(await file(iconv.encode(csv, 'gbk')), plan, u, {}, problems);
    const fromUtf8 = await readValues(await file(csv), plan, u, {}, problems);
    expect(problems.count).toBe(0);
    expect(u.map((x) => x.name)).toEqual(['历下区', '市中区']);
    expect(fromGbk.table).toEqual(fromUtf8.table);
    expect(fromGbk.table.length).toBe(2);
  });

  it('reports every kind of bad row with file, row and column', async () => {
    const r = await values(
      [
        'unit,element,period,source,value',
        '370101,done,2026,self,90',
        '999999,done,2026,self,1',
        '370101,nosuch,2026,self,1',
        '370101,done,2026-01,self,1',
        '370101,done,2026,boss,1',
        '370101,total,2026,self,12,5',
        '370101,total,2026,self,—',
        '370101,total,2026,self,85%',
        '370101,done,2026,self,91',
        '370101,rate.calc,2026,self,0.9',
        '370101,sat,2026,self,"unterminated',
      ].join('\n'),
    );
    expect(r.problems).toEqual([
      'values.csv, row 3, column "unit": unit 999999 is not in the units file',
      'values.csv, row 4, column "element": the plan has no data element nosuch',
      'values.csv, row 5, column "period": period "2026-01" is not valid; use 2026, 2026H1, 2026Q1 or 2026M03',
      'values.csv, row 6, column "source": source "boss" is not valid; use self, thirdParty, inspection or survey',
      'values.csv, row 7: this row has 6 fields but the header has 5 columns (a missing separator, or a comma inside an unquoted field?)',
      'values.csv, row 8, column "value": "—" is not a number (leave the cell empty when there is no value)',
      'values.csv, row 9, column "value": "85%" has a percent sign; write the number in the element\'s unit of measure (85 for an element in %, 0.85 for a ratio)',
      'values.csv, row 10: duplicate value: unit 370101, element done, period 2026, source self already has a value on row 2',
      'values.csv, row 11, column "element": element rate.calc is computed by a formula and cannot be reported',
      'values.csv, row 12: the quote that opens field 5 is never closed (everything up to the end of the file would be this one field)',
    ]);
  });

  it('reports a repeated unknown code once with the number of rows', async () => {
    const rows = ['unit,element,period,source,value'];
    for (let i = 0; i < 5; i++) rows.push(`370101,nosuch,2026,self,${i}`);
    const r = await values(rows.join('\n'));
    expect(r.problems).toEqual([
      'values.csv, row 2, column "element": the plan has no data element nosuch (and on 4 more rows)',
    ]);
  });

  it('lists at most 20 problems and counts the rest', async () => {
    const rows = ['unit,element,period,source,value'];
    for (let i = 0; i < 30; i++) rows.push(`370101,done,2026,self,x${i}`);
    const problems = new InputProblems();
    const u = await readUnits(await file(UNITS_CSV), plan, {}, problems);
    await readValues(await file(rows.join('\n')), plan, u, {}, problems);
    expect(problems.count).toBe(30);
    expect(problems.shown).toHaveLength(20);
    expect(() => problems.throwIfAny()).toThrow(/30 problems in the input/);
    try {
      problems.throwIfAny();
    } catch (err) {
      const details = (err as { details: { en: string }[] }).details;
      expect(details).toHaveLength(21);
      expect(details[20]!.en).toBe('…and 10 more');
    }
  });

  it('reads .xlsx with the same columns, reporting spreadsheet row numbers', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['单位代码', '数据元', '周期', '来源', '数值']);
    ws.addRow(['370101', 'done', 2026, 'self', 90]);
    ws.addRow([370102, 'sat', '2026', '自评', { formula: '70+5', result: 75 }]);
    ws.addRow([]);
    ws.addRow(['370103', 'sat', '2026', 'self', 'abc']);
    const path = join(dir, 'values.xlsx');
    await wb.xlsx.writeFile(path);
    const problems = new InputProblems();
    const u = await readUnits(await file(UNITS_CSV), plan, {}, problems);
    const r = await readValues(path, plan, u, {}, problems);
    expect(r.table.length).toBe(2);
    expect(valueAt(r.table, 1)).toEqual({
      unit: '370102',
      element: 'sat',
      period: '2026',
      source: 'self',
      value: 75,
    });
    expect(problems.shown.map((p) => [p.row, p.column])).toEqual([[5, '数值']]);
  });
});
