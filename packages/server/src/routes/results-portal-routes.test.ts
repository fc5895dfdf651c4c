import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { addValue, seedResultsWorld } from '../results/results-fixture.js';
import { makeApp, type Session, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('申诉佐证'.repeat(10)),
]);
const BOUNDARY = '----xn-appeal-boundary';

function multipart(fileName: string, type: string, content: Buffer) {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

describe.each(DIALECTS)('unit advice, legends, public search and Excel, appeal files on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'xn-appeal-evidence-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Totals equal values (target 100): 杭州市 95 A, 上城区 80 B, 西湖区 70 C, 滨江区 none → 0 D; 发改委 60 C. */
  async function world() {
    const w = await seedResultsWorld(ctx.db);
    await addValue(ctx.db, w.province, '330100', 95);
    await addValue(ctx.db, w.province, '330102', 80);
    await addValue(ctx.db, w.province, '330106', 70);
    await addValue(ctx.db, w.province, 'D01', 60);
    const app = await makeApp(ctx.db, new TestClock(), { evidence: { directory: dir } });
    const as = async (roles: Parameters<typeof seedUser>[2], unitCode: string | null = null) =>
      signIn(app, (await seedUser(ctx.db, w.province, roles, { unitCode })).username);
    const office = await as(['office']);
    const leader = await as(['leader'], '330106');
    const otherLeader = await as(['leader'], '330102');
    const run = await app.inject({
      method: 'POST',
      url: '/api/results',
      headers: office.headers,
      payload: { plan: 'P', period: '2026' },
    });
    expect(run.statusCode, run.body).toBe(201);
    const snapshot = run.json().snapshot as { id: string; version: number };
    const publish = async () => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/results/${snapshot.id}/publish`,
        headers: office.headers,
        payload: { version: snapshot.version },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    return { ...w, app, office, leader, otherLeader, snapshot, publish };
  }

  it('advises a unit: lights, warnings, gaps by points recoverable, next rank and grade', async () => {
    const { app, office, leader, otherLeader, snapshot, publish } = await world();
    const url = `/api/results/${snapshot.id}/units/330106/advice`;
    // A draft is the office's: the leader does not learn that it exists.
    expect((await app.inject({ url, headers: leader.headers })).statusCode).toBe(404);
    expect((await app.inject({ url, headers: office.headers })).statusCode).toBe(200);
    await publish();
    const res = await app.inject({ url, headers: leader.headers });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ unitCode: '330106', total: 70, rank: 3, classSize: 4, grade: 'C' });
    // 70 of target 100: achievement 0.7, more than 20 % short → red; 30 points to win back.
    expect(a.indicators).toEqual([
      expect.objectContaining({
        code: 'x',
        dimension: { code: 'work', name: '工作' },
        points: 70,
        fullPoints: 100,
        recoverable: 30,
        light: 'red',
        raw: 70,
        target: 100,
        gapToTarget: 30,
        achievement: 0.7,
      }),
    ]);
    expect(a.lights).toEqual({ red: 1, yellow: 0, green: 0 });
    expect(a.dimensions).toEqual([
      { code: 'work', name: '工作', points: 70, fullPoints: 100, light: 'yellow' },
    ]);
    expect(a.warnings).toEqual([
      { level: 'red', code: 'behindTarget', subject: { code: 'x', name: '指标' }, points: 30 },
    ]);
    expect(a.nextSteps).toEqual([
      {
        kind: 'reachTarget',
        subject: { code: 'x', name: '指标' },
        points: 30,
        raw: 70,
        target: 100,
        gapToTarget: 30,
      },
    ]);
    // 上城区 ranks 2nd with 80; grade B starts at 80.
    expect(a.toNextRank).toEqual({ rank: 2, unitName: '上城区', points: 10 });
    expect(a.toNextGrade).toEqual({ grade: 'B', min: 80, points: 10 });

    // 上城区 at 80: 20 % short exactly is not red; the top unit has no one above it; a missing value is red.
    const b = (
      await app.inject({ url: `/api/results/${snapshot.id}/units/330102/advice`, headers: office.headers })
    ).json();
    expect(b.indicators[0]).toMatchObject({ light: 'yellow', achievement: 0.8 });
    const top = (
      await app.inject({ url: `/api/results/${snapshot.id}/units/330100/advice`, headers: office.headers })
    ).json();
    expect(top.toNextRank).toBeNull();
    expect(top.toNextGrade).toBeNull();
    const none = (
      await app.inject({ url: `/api/results/${snapshot.id}/units/330108/advice`, headers: office.headers })
    ).json();
    expect(none.indicators[0]).toMatchObject({ light: 'red', raw: null, recoverable: 100 });
    expect(none.warnings).toEqual([{ level: 'red', code: 'missing', subject: { code: 'x', name: '指标' } }]);
    expect(none.nextSteps[0]).toMatchObject({ kind: 'supplyData', points: 100 });

    // Another unit's leader may not read this unit's advice; a unit code that names nothing is in no one's scope.
    expect((await app.inject({ url, headers: otherLeader.headers })).statusCode).toBe(403);
    const unknown = await app.inject({
      url: `/api/results/${snapshot.id}/units/999999/advice`,
      headers: office.headers,
    });
    expect(unknown.statusCode).toBe(403);
  });

  it('gives legends, searches by name and code, sorts by pinyin, and serves Excel — published only', async () => {
    const { app, office, snapshot, publish } = await world();
    const id = snapshot.id;
    const publicUrls = [
      `/api/public/results/${id}/legend`,
      `/api/public/results/${id}/search`,
      `/api/public/results/${id}/rankings.xlsx`,
    ];
    for (const u of publicUrls) {
      const res = await app.inject({ url: u });
      expect(res.statusCode, u).toBe(404);
      expect(res.body).not.toContain('西湖区');
    }
    const legend = {
      planName: '手算方案',
      classes: [
        { code: 'county', name: '县区', size: 4 },
        { code: 'dept', name: '部门', size: 1 },
      ],
      dimensions: [{ code: 'work', name: '工作' }],
      grades: [
        { grade: 'A', min: 90, label: null },
        { grade: 'B', min: 80, label: null },
        { grade: 'C', min: 60, label: null },
        { grade: 'D', min: null, label: null },
      ],
    };
    // The office sees the draft's legend; nobody signed out does.
    expect((await app.inject({ url: `/api/results/${id}/legend`, headers: office.headers })).json()).toEqual(
      legend,
    );
    expect((await app.inject({ url: `/api/results/${id}/legend` })).statusCode).toBe(401);
    await publish();
    for (const u of publicUrls) expect((await app.inject({ url: u })).statusCode, u).toBe(200);
    expect((await app.inject({ url: `/api/public/results/${id}/legend` })).json()).toEqual(legend);

    const search = async (qs: string) => {
      const res = await app.inject({ url: `/api/public/results/${id}/search?${qs}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as {
        items: { unitName: string; unitCode: string; rank: number }[];
        total: number;
      };
      return { names: body.items.map((r) => r.unitName), total: body.total, items: body.items };
    };
    // Pinyin: bin, hang, shang, xi — code-point order would put 上 first.
    expect(await search('class=county&order=name')).toMatchObject({
      names: ['滨江区', '杭州市', '上城区', '西湖区'],
      total: 4,
    });
    expect((await search('order=name')).names).toEqual(['滨江区', '发改委', '杭州市', '上城区', '西湖区']);
    expect((await search('class=county')).names).toEqual(['杭州市', '上城区', '西湖区', '滨江区']);
    expect(await search('q=%E6%B9%96')).toMatchObject({ names: ['西湖区'], total: 1 });
    expect((await search('q=3301&limit=2&offset=1')).names).toEqual(['上城区', '西湖区']);
    expect((await search('q=3301&limit=2&offset=1')).total).toBe(4);
    expect((await search('q=d01')).items).toEqual([expect.objectContaining({ unitCode: 'D01', rank: 1 })]);
    expect(await search('q=%E6%B2%A1%E6%9C%89')).toEqual({ names: [], total: 0, items: [] });
    const bad = await app.inject({ url: `/api/public/results/${id}/search?order=pinyin` });
    expect(bad.statusCode).toBe(400);

    const xlsx = await app.inject({
      url: `/api/public/results/${id}/rankings.xlsx`,
      headers: { 'accept-language': 'en' },
    });
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="P-2026.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Ranking');
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual([
      'unit code',
      'unit',
      'class',
      'total',
      'rank',
      'class size',
      'grade',
      'grade name',
      '工作',
    ]);
    expect(values(2)).toEqual(['330100', '杭州市', '县区', 95, 1, 4, 'A', 'excellent', 95]);
    expect(values(5)).toEqual(['330108', '滨江区', '县区', 0, 4, 4, 'D', 'poor', 0]);
    expect(values(6)).toEqual(['D01', '发改委', '部门', 60, 1, 1, 'C', 'fair', 60]);
    expect(sheet.rowCount).toBe(6);
    const zh = await app.inject({ url: `/api/public/results/${id}/rankings.xlsx` });
    const zhBook = new ExcelJS.Workbook();
    await zhBook.xlsx.load(zh.rawPayload as unknown as ArrayBuffer);
    expect(zhBook.worksheets[0]!.name).toBe('排名');
  });

  it("uploads a leader's appeal file, lets the office read it through the appeal, and no one else", async () => {
    const { app, office, leader, otherLeader, snapshot, publish } = await world();
    await publish();
    const upload = (s: Session, content: Buffer, name = '说明.png', type = 'image/png') => {
      const m = multipart(name, type, content);
      return app.inject({
        method: 'POST',
        url: '/api/appeals/evidence',
        headers: { ...s.headers, ...m.headers },
        payload: m.payload,
      });
    };
    // Only a leader files appeals; the office uploads through /api/evidence.
    expect((await upload(office, PNG)).statusCode).toBe(403);
    const up = await upload(leader, PNG);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ mediaType: 'image/png', fileName: '说明.png', duplicate: false });
    expect((await upload(leader, PNG)).statusCode).toBe(200);
    const wrongType = await upload(leader, Buffer.from('just text'), 'a.txt', 'text/plain');
    expect(wrongType.statusCode).toBe(415);
    const hash = up.json().hash as string;

    const filed = await app.inject({
      method: 'POST',
      url: `/api/results/${snapshot.id}/appeals`,
      headers: leader.headers,
      payload: { reasons: '指标数据漏报', evidence: [hash] },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const appealId = filed.json().id as string;
    const fileUrl = `/api/appeals/${appealId}/evidence/${hash}`;
    const read = await app.inject({ url: fileUrl, headers: office.headers });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(read.rawPayload, PNG)).toBe(0);
    expect((await app.inject({ url: fileUrl, headers: leader.headers })).statusCode).toBe(200);
    // Not the appeal's unit: out of scope. A file the appeal does not cite: not found.
    expect((await app.inject({ url: fileUrl, headers: otherLeader.headers })).statusCode).toBe(403);
    const other = `/api/appeals/${appealId}/evidence/${'0'.repeat(64)}`;
    expect((await app.inject({ url: other, headers: office.headers })).statusCode).toBe(404);
    expect((await app.inject({ url: fileUrl })).statusCode).toBe(401);
  });
});
