import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../io/csv-parser.js';
import { cliPlan, EXPECTED, fixtureDir, UNITS_CSV, VALUES_CSV } from '../test/fixtures.js';
import { xn } from '../test/run-xn.js';

let fx: Awaited<ReturnType<typeof fixtureDir>>;
beforeEach(async () => {
  fx = await fixtureDir();
});
afterEach(() => fx.cleanup());

const score = (out: string, ...extra: string[]) =>
  xn(
    'score',
    '--plan',
    fx.path('plan.json'),
    '--units',
    fx.path('units.csv'),
    '--values',
    fx.path('values.csv'),
    '--period',
    '2026',
    '--out',
    fx.path(out),
    ...extra,
  );

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  parseCsv(text, { record: (r) => rows.push(r.texts()), error: () => rows.push(['ERROR']) });
  return rows;
}

describe('xn score', () => {
  it('writes the ranking as CSV: unit,total,rank,grade, then dimensions, then the extras', async () => {
    const r = await score('result.csv');
    expect(r.stderr).toMatch(/Scored 3 units \(12 value rows\)/);
    expect(r.stderr).toMatch(/Grades: A excellent 1 · B good 0 · C fair 1 · D poor 1/);
    expect(r.code).toBe(0);
    const rows = csvRows(await readFile(fx.path('result.csv'), 'utf8'));
    expect(rows[0]).toEqual([
      'unit',
      'total',
      'rank',
      'grade',
      'svc',
      'gov',
      'name',
      'class',
      'base',
      'bonus',
      'deduction',
      'veto',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['370101', '370103', '370102']);
    for (const row of rows.slice(1)) {
      const e = EXPECTED[row[0] as keyof typeof EXPECTED];
      expect(Number(row[1])).toBeCloseTo(e.total, 9);
      expect(Number(row[2])).toBe(e.rank);
      expect(row[3]).toBe(e.grade);
      expect(Number(row[4])).toBeCloseTo(e.svc, 9);
      expect(Number(row[5])).toBeCloseTo(e.gov, 9);
    }
    expect(rows[2]!.slice(6)).toEqual(['槐荫区', 'county', '92', '0', '0', 'accident']);
    expect(rows[3]!.slice(10)).toEqual(['2', '']);
  });

  it('starts the CSV with a BOM only when asked', async () => {
    await score('plain.csv');
    await score('bom.csv', '--bom');
    expect((await readFile(fx.path('plain.csv')))[0]).toBe(0x75);
    expect([...(await readFile(fx.path('bom.csv'))).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes the whole result set as plain, deterministic JSON', async () => {
    expect((await score('a.json')).code).toBe(0);
    expect((await score('b.json')).code).toBe(0);
    const text = await readFile(fx.path('a.json'), 'utf8');
    expect(await readFile(fx.path('b.json'), 'utf8')).toBe(text);
    const rs = JSON.parse(text);
    expect(rs.units.map((u: { code: string }) => u.code)).toEqual(['370101', '370102', '370103']);
    expect(rs.total[0]).toBe(100);
    expect(rs.total[1]).toBeCloseTo(EXPECTED['370102'].total, 9);
    expect(rs.rank).toEqual([1, 3, 2]);
    expect(rs.grade).toEqual([0, 2, 3]);
    // Groups have no raw value: NaN in the engine, null in JSON.
    expect(rs.raw[rs.nodes.findIndex((n: { code: string }) => n.code === 'svc')]).toBeNull();
    expect(Object.keys(rs)).toEqual([...Object.keys(rs)].sort());
  });

  it('writes a workbook with a Chinese ranking sheet and indicator details', async () => {
    expect((await score('result.xlsx', '--lang', 'zh-CN')).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fx.path('result.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '指标得分']);
    const ranking = wb.worksheets[0]!;
    expect((ranking.getRow(1).values as unknown[]).slice(1, 8)).toEqual([
      '单位代码',
      '单位名称',
      '总分',
      '排名',
      '等次',
      '服务',
      '治理',
    ]);
    expect(ranking.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ranking.getRow(2).getCell(3).numFmt).toBe('0.00');
    const second = ranking.getRow(3).values as unknown[];
    expect(second.slice(1, 6)).toEqual(['370103', '槐荫区', 92, 2, 'D']);
    expect(second[8]).toBe('较差');
    expect(second.at(-1)).toBe('重大安全事故');
    const points = wb.worksheets[1]!;
    expect((points.getRow(1).values as unknown[]).slice(1)).toEqual([
      '单位代码',
      '单位名称',
      '办结率',
      '满意度',
    ]);
    expect((points.getRow(2).values as unknown[]).slice(3)).toEqual(['rate', 'sat']);
    const third = points.getRow(5).values as unknown[];
    expect(third[1]).toBe('370102');
    expect(third[3] as number).toBeCloseTo(60 * (0.8 / 0.9), 9);
    expect(third[4]).toBe(20);
  });

  it('uses English headers in the workbook with --lang en', async () => {
    expect((await score('en.xlsx', '--lang', 'en')).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fx.path('en.xlsx'));
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 6)).toEqual([
      'Unit code',
      'Unit name',
      'Total',
      'Rank',
      'Grade',
    ]);
  });

  it('scores GBK files with Chinese headers and names exactly like UTF-8 ones', async () => {
    await score('utf8.csv');
    const units = UNITS_CSV.replace(
      'code,name,class,parent,level,elasticity',
      '单位代码,单位名称,类别,上级,层级,弹性系数',
    );
    await writeFile(fx.path('units.csv'), iconv.encode(units, 'gbk'));
    await writeFile(fx.path('values.csv'), iconv.encode(VALUES_CSV.replace(',self,', ',自评,'), 'gbk'));
    const r = await score('gbk.csv');
    expect(r.stderr).not.toMatch(/problem/);
    expect(r.code).toBe(0);
    expect(await readFile(fx.path('gbk.csv'), 'utf8')).toBe(await readFile(fx.path('utf8.csv'), 'utf8'));
  });

  it('reads units and values from .xlsx workbooks with Chinese headers', async () => {
    await score('from-csv.csv');
    const sheet = async (file: string, csv: string, header: string[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sheet1');
      const rows = csvRows(csv);
      ws.addRow(header);
      for (const row of rows.slice(1))
        ws.addRow(row.map((c) => (c !== '' && !Number.isNaN(Number(c)) ? Number(c) : c)));
      await wb.xlsx.writeFile(fx.path(file));
    };
    await sheet('units.xlsx', UNITS_CSV, ['单位代码', '单位名称', '类别', '上级', '层级', '弹性系数']);
    await sheet('values.xlsx', VALUES_CSV, ['单位代码', '数据元', '周期', '来源', '数值']);
    const r = await xn(
      'score',
      '--plan',
      fx.path('plan.json'),
      '--units',
      fx.path('units.xlsx'),
      '--values',
      fx.path('values.xlsx'),
      '--period',
      '2026',
      '--out',
      fx.path('from-xlsx.csv'),
    );
    expect(r.code).toBe(0);
    expect(await readFile(fx.path('from-xlsx.csv'), 'utf8')).toBe(
      await readFile(fx.path('from-csv.csv'), 'utf8'),
    );
  });

  it('obeys --encoding and refuses an encoding it does not know', async () => {
    await writeFile(fx.path('units.csv'), iconv.encode(UNITS_CSV, 'gbk'));
    // Forced to UTF-8, the GBK names arrive garbled rather than guessed right: the flag decides.
    expect((await score('forced.csv', '--encoding', 'utf8')).code).toBe(0);
    expect(await readFile(fx.path('forced.csv'), 'utf8')).not.toMatch(/历下区/);
    expect((await score('gbk.csv', '--encoding', 'gb18030')).code).toBe(0);
    expect(await readFile(fx.path('gbk.csv'), 'utf8')).toMatch(/历下区/);
    const bad = await score('bad.csv', '--encoding', 'latin9');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unsupported encoding "latin9"/);
  });

  it('refuses an output it cannot name a format for, before reading anything', async () => {
    const r = await score('result.txt');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/use a \.csv, \.json or \.xlsx extension/);
  });
});

describe('xn score with bad input: message with file, row and column, exit 2, no output file', () => {
  async function bad(file: 'units.csv' | 'values.csv' | 'plan.json', content: string, out = 'result.csv') {
    await writeFile(fx.path(file), content);
    const r = await score(out);
    expect(existsSync(fx.path(out))).toBe(false);
    // Nor a temporary file left behind.
    expect((await readdir(fx.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    return r;
  }

  it.each([
    [
      'unterminated quote',
      `${VALUES_CSV}370101,incident,2026,self,"1\n`,
      /values\.csv, row 14: the quote that opens field 5 is never closed/,
    ],
    [
      'wrong number of fields',
      `${VALUES_CSV}370101,incident,2026,self\n`,
      /values\.csv, row 14: this row has 4 fields but the header has 5 columns/,
    ],
    [
      'missing column',
      'unit,element,period,value\n370101,done,2026,1\n',
      /values\.csv, row 1, column "source": the required column "source" is missing/,
    ],
    [
      'unknown unit',
      `${VALUES_CSV}999999,done,2026,self,1\n`,
      /values\.csv, row 14, column "unit": unit 999999 is not in the units file/,
    ],
    [
      'unknown element',
      `${VALUES_CSV}370101,nosuch,2026,self,1\n`,
      /values\.csv, row 14, column "element": the plan has no data element nosuch/,
    ],
    [
      'bad period',
      `${VALUES_CSV}370101,incident,26年,self,1\n`,
      /values\.csv, row 14, column "period": period "26年" is not valid/,
    ],
    [
      'unknown source',
      `${VALUES_CSV}370101,incident,2026,audit,1\n`,
      /values\.csv, row 14, column "source": source "audit" is not valid/,
    ],
    [
      'decimal comma',
      `${VALUES_CSV}370101,incident,2026,self,"12,5"\n`,
      /values\.csv, row 14, column "value": "12,5" is not a number: use "\." as the decimal point/,
    ],
    [
      'dash',
      `${VALUES_CSV}370101,incident,2026,self,—\n`,
      /values\.csv, row 14, column "value": "—" is not a number/,
    ],
  ])('values file: %s', async (_, content, message) => {
    const r = await bad('values.csv', content);
    expect(r.stderr).toMatch(/1 problem in the input:/);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  });

  it.each([
    [
      'duplicate unit code',
      `${UNITS_CSV}370101,又一个,county,,,\n`,
      /units\.csv, row 5, column "code": unit code 370101 appears twice \(first on row 2\)/,
    ],
    [
      'unknown class',
      `${UNITS_CSV}370104,天桥区,city,,,\n`,
      /units\.csv, row 5, column "class": the plan has no unit class "city"/,
    ],
    [
      'elasticity outside the bounds',
      `${UNITS_CSV}370104,天桥区,county,,,0.5\n`,
      /units\.csv, row 5, column "elasticity": elasticity coefficient 0\.5 is outside the plan's bounds 0\.8–1\.2/,
    ],
    [
      'missing column',
      'code,class\n370101,county\n',
      /units\.csv, row 1, column "name": the required column "name" is missing/,
    ],
  ])('units file: %s', async (_, content, message) => {
    const r = await bad('units.csv', content);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  });

  it('reports problems of both files in one go, in Chinese by default', async () => {
    await writeFile(fx.path('units.csv'), `${UNITS_CSV}370104,天桥区,city,,,\n`);
    const r0 = await bad('values.csv', `${VALUES_CSV}370101,done,2026,self,85%\n`);
    expect(r0.stderr).toMatch(/2 problems in the input:\n.*units\.csv, row 5.*\n.*values\.csv, row 14/);
    const r = await score('zh.csv', '--lang', 'zh-CN');
    expect(r.stderr).toMatch(/输入数据有 2 处问题：/);
    expect(r.stderr).toMatch(/units\.csv，第 5 行，列“class”：方案中没有单位类别“city”/);
    expect(r.stderr).toMatch(/values\.csv，第 14 行，列“value”：“85%”带有百分号/);
  });

  it('names line and column when the plan is not JSON', async () => {
    const r = await bad('plan.json', '{\n  "format": 1,\n  "id": "x"\n  "name": "y"\n}\n');
    expect(r.stderr).toMatch(/plan\.json is not valid JSON: line 4, column 3/);
    expect(r.code).toBe(2);
  });

  it('exits 1 and lists the issues when the plan is invalid', async () => {
    const plan = cliPlan();
    plan.tree[0]!.weight = 0.7;
    const r = await bad('plan.json', JSON.stringify(plan));
    expect(r.stderr).toMatch(/has \d+ error/);
    expect(r.stderr).toMatch(/error {3}tree/);
    expect(r.code).toBe(1);
  });

  it('refuses a period the plan does not assess', async () => {
    const r = await xn(
      'score',
      '--plan',
      fx.path('plan.json'),
      '--units',
      fx.path('units.csv'),
      '--values',
      fx.path('values.csv'),
      '--period',
      '2026Q1',
      '--out',
      fx.path('q.csv'),
    );
    expect(r.stderr).toMatch(/is assessed yearly; period 2026Q1 is quarterly/);
    expect(r.code).toBe(2);
    expect(existsSync(fx.path('q.csv'))).toBe(false);
  });

  it('names a file that does not exist', async () => {
    const r = await xn(
      'score',
      '--plan',
      fx.path('plan.json'),
      '--units',
      fx.path('nosuch.csv'),
      '--values',
      fx.path('values.csv'),
      '--period',
      '2026',
      '--out',
      fx.path('x.csv'),
    );
    expect(r.stderr).toMatch(/File not found: .*nosuch\.csv/);
    expect(r.code).toBe(2);
  });

  it('leaves an existing output file untouched when the input is bad', async () => {
    await writeFile(fx.path('keep.csv'), 'old');
    await writeFile(fx.path('values.csv'), `${VALUES_CSV}370101,done,2026,self,x\n`);
    expect((await score('keep.csv')).code).toBe(2);
    expect(await readFile(fx.path('keep.csv'), 'utf8')).toBe('old');
  });
});

describe('xn score notes', () => {
  it('warns when the values file has nothing within the scored period', async () => {
    await writeFile(fx.path('values.csv'), VALUES_CSV.replaceAll(',2026,', ',2025,'));
    const r = await score('r.csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Note: the values file has no data within period 2026 \(only 2025\)/);
  });

  it('does not warn when months or quarters of the year are there', async () => {
    await writeFile(fx.path('values.csv'), VALUES_CSV.replaceAll(',2026,', ',2026M03,'));
    const r = await score('r.csv');
    expect(r.stderr).not.toMatch(/Note:/);
  });
});
