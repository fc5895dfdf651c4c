import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { makeApp, type Session, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { AT, addValue, seedResultsWorld } from './results-fixture.js';

/**
 * The results fixture (one dimension `work` with one indicator `x`, total = value, full marks 100) over two
 * years. Tree: 330100 (city) over 330102, 330106, 330108 (counties); D01 (department) on its own.
 *
 * 2025: 330102 90 (rank 1), 330100 80 (2), 330106 70 (3), 330108 60 (4); D01 50 (1 of 1).
 * 2026: 330100 95 A (1), 330106 85 B (2: third party beats its self 70), 330102 80 B (3), 330108 0 D (4: its
 *       99 is only submitted, so missing and zero); D01 60 C (1).
 * Lights by share of the dimension (as on a unit's advice page): ≥ 0.9 green, ≥ 0.6 yellow, else red.
 */
const YEAR_2025: [string, number][] = [
  ['330100', 80],
  ['330102', 90],
  ['330106', 70],
  ['330108', 60],
  ['D01', 50],
];

async function add2025(db: Db, province: string): Promise<void> {
  await db
    .insertInto('period')
    .values({ province_code: province, code: '2025', type: 'year', status: 'closed', deadline: null })
    .execute();
  for (const [unit, value] of YEAR_2025) {
    await db
      .insertInto('data_value')
      .values({
        province_code: province,
        plan_code: 'P',
        unit_code: unit,
        element_code: 'score',
        period_code: '2025',
        source: 'self',
        value,
        evidence_hash: null,
        entered_by: 'test',
        entered_at: AT,
      })
      .execute();
    await db
      .insertInto('submission')
      .values({
        province_code: province,
        plan_code: 'P',
        period_code: '2025',
        unit_code: unit,
        plan_version: 1,
        status: 'approved',
        comment: null,
        submitted_by: null,
        submitted_at: null,
        reviewed_by: null,
        reviewed_at: null,
        created_at: AT,
      })
      .execute();
  }
}

async function add2026(db: Db, province: string): Promise<void> {
  await addValue(db, province, '330100', 95);
  await addValue(db, province, '330106', 70);
  await addValue(db, province, '330106', 85, { source: 'thirdParty' });
  await addValue(db, province, '330102', 80);
  await addValue(db, province, '330108', 99, { status: 'submitted' });
  await addValue(db, province, 'D01', 60);
}

interface Snap {
  id: string;
  version: number;
}

describe.each(DIALECTS)('dashboard on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const w = await seedResultsWorld(ctx.db);
    await add2025(ctx.db, w.province);
    await add2026(ctx.db, w.province);
    const app = await makeApp(ctx.db, new TestClock());
    const office = await signIn(app, (await seedUser(ctx.db, w.province, ['office'])).username);
    const score = async (period: string): Promise<Snap> => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/results',
        headers: office.headers,
        payload: { plan: 'P', period },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().snapshot;
    };
    const s2025 = await score('2025');
    const s2026 = await score('2026');
    const as = async (roles: ('office' | 'leader' | 'viewer')[], unitCode: string | null = null) =>
      signIn(app, (await seedUser(ctx.db, w.province, roles, { unitCode })).username);
    const get = (s: Session, url: string) => app.inject({ url, headers: s.headers });
    const publish = (id: string) =>
      ctx.db
        .updateTable('result_snapshot')
        .set({ status: 'published', published_at: AT })
        .where('province_code', '=', w.province)
        .where('id', '=', id)
        .execute();
    return { ...w, app, office, s2025, s2026, as, get, publish };
  }

  it('summarises grades, traffic lights per class and dimension, and the histogram of totals', async () => {
    const { office, s2025, s2026, get } = await world();
    const res = await get(office, `/api/results/${s2026.id}/dashboard/summary`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.snapshot).toEqual({ id: s2026.id, plan: 'P', period: '2026' });
    expect(body.units).toBe(5);
    expect(body.lightThresholds).toEqual({ green: 0.9, yellow: 0.6 });
    expect(body.dimensions).toEqual([{ code: 'work', name: '工作' }]);
    expect(body.classes).toEqual([
      {
        code: 'county',
        name: '县区',
        units: 4,
        grades: { A: 1, B: 2, C: 0, D: 1 },
        // 95 green, 85 and 80 yellow, 0 red.
        lights: [{ dimension: 'work', green: 1, yellow: 2, red: 1 }],
      },
      {
        code: 'dept',
        name: '部门',
        units: 1,
        grades: { A: 0, B: 0, C: 1, D: 0 },
        lights: [{ dimension: 'work', green: 0, yellow: 1, red: 0 }],
      },
    ]);
    expect(body.histogram.width).toBe(5);
    const counts = body.histogram.bins.map((b: { count: number }) => b.count);
    expect(counts).toHaveLength(20);
    // 0 → bin 0, 60 → 12, 80 → 16, 85 → 17, 95 → 19.
    expect(counts.flatMap((c: number, i: number) => (c > 0 ? [[i, c]] : []))).toEqual([
      [0, 1],
      [12, 1],
      [16, 1],
      [17, 1],
      [19, 1],
    ]);
    expect(body.histogram.bins[19]).toEqual({ from: 95, to: 100, count: 1 });
    expect(
      [...body.levels].sort((a: { level: string }, b: { level: string }) => a.level.localeCompare(b.level)),
    ).toEqual([
      { level: 'city', units: 1 },
      { level: 'county', units: 3 },
      { level: 'department', units: 1 },
    ]);
    expect(body.indicators).toEqual([
      { code: 'work', name: '工作', depth: 0, parent: null, leaf: false, unit: null },
      { code: 'x', name: '指标', depth: 1, parent: 'work', leaf: true, unit: null },
    ]);

    const counties = (
      await get(office, `/api/results/${s2026.id}/dashboard/summary?level=county&bins=4`)
    ).json();
    expect(counties.units).toBe(3);
    expect(counties.classes).toEqual([
      {
        code: 'county',
        name: '县区',
        units: 3,
        grades: { A: 0, B: 2, C: 0, D: 1 },
        lights: [{ dimension: 'work', green: 0, yellow: 2, red: 1 }],
      },
    ]);
    // Bins of 25: 0 | – | – | 80, 85.
    expect(counties.histogram.bins.map((b: { count: number }) => b.count)).toEqual([1, 0, 0, 2]);
    // On the lines: 2025's 90 is green and 60 yellow; 80, 70 yellow; D01's 50 red.
    const lines = (await get(office, `/api/results/${s2025.id}/dashboard/summary`)).json();
    expect(lines.classes.map((c: { lights: unknown[] }) => c.lights[0])).toEqual([
      { dimension: 'work', green: 1, yellow: 3, red: 0 },
      { dimension: 'work', green: 0, yellow: 0, red: 1 },
    ]);
    const dept = (await get(office, `/api/results/${s2026.id}/dashboard/summary?class=dept`)).json();
    expect(dept.units).toBe(1);
    expect(dept.classes.map((c: { code: string }) => c.code)).toEqual(['dept']);
  });

  it('draws the heat map of the top units, and of a parent’s children when drilled into, with subtree means', async () => {
    const { office, s2026, get } = await world();
    const top = await get(office, `/api/results/${s2026.id}/dashboard/heatmap`);
    expect(top.statusCode, top.body).toBe(200);
    expect(top.json()).toMatchObject({
      path: [],
      parent: null,
      dimensions: [{ code: 'work', name: '工作' }],
    });
    const rows = top.json().rows;
    expect(rows.map((r: { unitCode: string }) => r.unitCode)).toEqual(['330100', 'D01']);
    expect(rows[0]).toMatchObject({ unitName: '杭州市', total: 95, rank: 1, grade: 'A', children: 3 });
    expect(rows[0].shares[0]).toBeCloseTo(0.95, 12);
    // Below the city: (0.80 + 0.85 + 0) / 3.
    expect(rows[0].below.units).toBe(3);
    expect(rows[0].below.shares[0]).toBeCloseTo(0.55, 12);
    expect(rows[1]).toMatchObject({ unitCode: 'D01', children: 0, below: null });
    expect(rows[1].shares[0]).toBeCloseTo(0.6, 12);

    const city = (await get(office, `/api/results/${s2026.id}/dashboard/heatmap?parent=330100`)).json();
    expect(city.path).toEqual([{ code: '330100', name: '杭州市' }]);
    expect(city.parent.unitCode).toBe('330100');
    expect(
      city.rows.map((r: { unitCode: string; shares: number[]; below: unknown }) => [
        r.unitCode,
        Math.round(r.shares[0]! * 100),
        r.below,
      ]),
    ).toEqual([
      ['330102', 80, null],
      ['330106', 85, null],
      ['330108', 0, null],
    ]);
  });

  it('gives the whole ranking as columns with the change since the previous period and rank intervals', async () => {
    const { office, s2025, s2026, get, app } = await world();
    const res = await get(office, `/api/results/${s2026.id}/dashboard/ranking`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.previous).toEqual({ id: s2025.id, plan: 'P', period: '2025' });
    expect(body.sensitivity).toBeNull();
    expect(body.rows).toEqual({
      unitCode: ['330100', '330106', '330102', '330108', 'D01'],
      unitName: ['杭州市', '西湖区', '上城区', '滨江区', '发改委'],
      class: ['county', 'county', 'county', 'county', 'dept'],
      level: ['city', 'county', 'county', 'county', 'department'],
      parentCode: [null, '330100', '330100', '330100', null],
      total: [95, 85, 80, 0, 60],
      rank: [1, 2, 3, 4, 1],
      classSize: [4, 4, 4, 4, 1],
      grade: ['A', 'B', 'B', 'D', 'C'],
      previousRank: [2, 3, 1, 4, 1],
      rankP05: [null, null, null, null, null],
      rankMedian: [null, null, null, null, null],
      rankP95: [null, null, null, null, null],
    });
    expect(body.total).toBe(5);
    // The first screen: the first rows of the same table, with the count of all of them.
    const first = (await get(office, `/api/results/${s2026.id}/dashboard/ranking?first=2`)).json();
    expect(first.total).toBe(5);
    expect(first.previous).toEqual(body.previous);
    expect(first.rows.unitCode).toEqual(['330100', '330106']);
    expect(first.rows.previousRank).toEqual([2, 3]);
    const firstOfClass = (
      await get(office, `/api/results/${s2026.id}/dashboard/ranking?class=dept&first=3`)
    ).json();
    expect([firstOfClass.total, firstOfClass.rows.unitCode]).toEqual([1, ['D01']]);
    for (const bad of ['0', '1001', 'x']) {
      const res = await get(office, `/api/results/${s2026.id}/dashboard/ranking?first=${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().errors[0].path).toContain('first');
    }
    // The earliest period has nothing before it.
    expect((await get(office, `/api/results/${s2025.id}/dashboard/ranking`)).json().previous).toBeNull();

    const run = await app.inject({
      method: 'POST',
      url: `/api/results/${s2026.id}/sensitivity`,
      headers: office.headers,
      payload: { draws: 20, seed: 7, version: s2026.version },
    });
    expect(run.statusCode, run.body).toBe(200);
    const stored = (await get(office, `/api/results/${s2026.id}/sensitivity`)).json();
    const withIntervals = (
      await get(office, `/api/results/${s2026.id}/dashboard/ranking?class=county`)
    ).json();
    expect(withIntervals.sensitivity).toEqual({ draws: 20 });
    const r = withIntervals.rows;
    expect(r.unitCode).toEqual(['330100', '330106', '330102', '330108']);
    const byCode = new Map(stored.units.map((u: { code: string }) => [u.code, u]));
    expect(r.unitCode.map((_: string, i: number) => [r.rankP05[i], r.rankMedian[i], r.rankP95[i]])).toEqual(
      r.unitCode.map((c: string) => {
        const u = byCode.get(c) as { p05: number; median: number; p95: number };
        return [u.p05, u.median, u.p95];
      }),
    );
  });

  it('follows an indicator across the periods for a unit, a subtree and the whole scope', async () => {
    const { office, s2025, s2026, get } = await world();
    const unit = (await get(office, `/api/results/${s2026.id}/dashboard/trend?node=x&unit=330102`)).json();
    expect(unit).toMatchObject({
      node: { code: 'x', name: '指标', leaf: true, unit: null },
      unit: { code: '330102', name: '上城区' },
      subtree: false,
    });
    expect(unit.points).toEqual([
      { period: '2025', snapshotId: s2025.id, units: 1, fraction: 0.9, points: 90, fullPoints: 100 },
      { period: '2026', snapshotId: s2026.id, units: 1, fraction: 0.8, points: 80, fullPoints: 100 },
    ]);
    // Everyone: 2025 (80 + 90 + 70 + 60 + 50) / 5 = 70; 2026 (95 + 85 + 80 + 0 + 60) / 5 = 64.
    const all = (await get(office, `/api/results/${s2026.id}/dashboard/trend?node=work`)).json();
    expect(all.unit).toBeNull();
    expect(all.points.map((p: { units: number; points: number }) => [p.units, p.points])).toEqual([
      [5, 70],
      [5, 64],
    ]);
    // The city and its counties: 2025 (80 + 90 + 70 + 60) / 4 = 75; 2026 (95 + 80 + 85 + 0) / 4 = 65.
    const city = (
      await get(office, `/api/results/${s2026.id}/dashboard/trend?node=work&unit=330100&subtree=true`)
    ).json();
    expect(city.subtree).toBe(true);
    expect(city.points.map((p: { units: number }) => p.units)).toEqual([4, 4]);
    expect(city.points[0].fraction).toBeCloseTo(0.75, 12);
    expect(city.points[1].fraction).toBeCloseTo(0.65, 12);
    // Seen from 2025 the series stops at 2025.
    const early = (await get(office, `/api/results/${s2025.id}/dashboard/trend?node=x&unit=330102`)).json();
    expect(early.points.map((p: { period: string }) => p.period)).toEqual(['2025']);
  });

  it('keeps a city office, a leader and a viewer to what they may see', async () => {
    const { s2025, s2026, get, as, publish } = await world();
    const city = await as(['office'], '330100');
    const summary = (await get(city, `/api/results/${s2026.id}/dashboard/summary`)).json();
    expect(summary.units).toBe(4);
    expect(summary.classes.map((c: { code: string }) => c.code)).toEqual(['county']);
    // Its single top unit is opened at once.
    const heat = (await get(city, `/api/results/${s2026.id}/dashboard/heatmap`)).json();
    expect(heat.path).toEqual([{ code: '330100', name: '杭州市' }]);
    expect(heat.rows.map((r: { unitCode: string }) => r.unitCode)).toEqual(['330102', '330106', '330108']);
    const outside = await get(city, `/api/results/${s2026.id}/dashboard/heatmap?parent=D01`);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('out_of_scope');
    const ranking = (await get(city, `/api/results/${s2026.id}/dashboard/ranking`)).json();
    expect(ranking.rows.unitCode).toEqual(['330100', '330106', '330102', '330108']);
    // Ranks stay the province's: the city office sees its units' places among all counties.
    expect(ranking.rows.rank).toEqual([1, 2, 3, 4]);
    const cityTrend = (await get(city, `/api/results/${s2026.id}/dashboard/trend?node=work`)).json();
    expect(cityTrend.points.map((p: { units: number; points: number }) => [p.units, p.points])).toEqual([
      [4, 75],
      [4, 65],
    ]);
    expect((await get(city, `/api/results/${s2026.id}/dashboard/trend?node=work&unit=D01`)).statusCode).toBe(
      403,
    );

    // Drafts are the office's: a viewer learns nothing of them, not even the previous period's.
    const viewer = await as(['viewer']);
    const hidden = await get(viewer, `/api/results/${s2026.id}/dashboard/summary`);
    expect(hidden.statusCode).toBe(404);
    await publish(s2026.id);
    expect((await get(viewer, `/api/results/${s2026.id}/dashboard/ranking`)).json().previous).toBeNull();
    await publish(s2025.id);
    expect((await get(viewer, `/api/results/${s2026.id}/dashboard/ranking`)).json().previous).toMatchObject({
      id: s2025.id,
    });

    // A published snapshot: the leader sees it, and only their own unit.
    const leader = await as(['leader'], '330106');
    const ownRes = await get(leader, `/api/results/${s2026.id}/dashboard/heatmap`);
    expect(ownRes.statusCode, ownRes.body).toBe(200);
    const own = ownRes.json();
    expect(own.path).toEqual([]);
    expect(own.rows.map((r: { unitCode: string; children: number }) => [r.unitCode, r.children])).toEqual([
      ['330106', 0],
    ]);
    expect((await get(leader, `/api/results/${s2026.id}/dashboard/ranking`)).json().rows.unitCode).toEqual([
      '330106',
    ]);
  });

  it('exports the ranking table of the scope as an Excel workbook', async () => {
    const { s2026, get, as } = await world();
    const city = await as(['office'], '330100');
    const res = await get(city, `/api/results/${s2026.id}/dashboard/ranking.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="P-2026-ranking.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('排名')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 11)));
    expect(rows).toEqual([
      ['单位代码', '单位', '类别', '层级', '总分', '排名', '类别单位数', '等次', '上期排名', '名次变化'],
      ['330100', '杭州市', '县区', 'city', 95, 1, 4, 'A 优秀', 2, 1],
      ['330106', '西湖区', '县区', 'county', 85, 2, 4, 'B 良好', 3, 1],
      ['330102', '上城区', '县区', 'county', 80, 3, 4, 'B 良好', 1, -2],
      ['330108', '滨江区', '县区', 'county', 0, 4, 4, 'D 较差', 4, 0],
    ]);
  });

  it('answers bad snapshots, classes, indicators and units with problem+json', async () => {
    const { office, s2026, get } = await world();
    const missing = await get(office, '/api/results/no-such-snapshot/dashboard/summary');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({ code: 'not_found' });
    const badClass = await get(office, `/api/results/${s2026.id}/dashboard/summary?class=nope`);
    expect(badClass.statusCode).toBe(400);
    expect(badClass.json().errors).toEqual([{ path: 'query.class', message: '未知的单位类别' }]);
    const badNode = await get(office, `/api/results/${s2026.id}/dashboard/trend?node=nope`);
    expect(badNode.statusCode).toBe(400);
    expect(badNode.json().errors[0].path).toBe('query.node');
    const noNode = await get(office, `/api/results/${s2026.id}/dashboard/trend`);
    expect(noNode.statusCode).toBe(400);
    const badBins = await get(office, `/api/results/${s2026.id}/dashboard/summary?bins=0`);
    expect(badBins.statusCode).toBe(400);
    expect(badBins.json().errors[0].path).toBe('query.bins');
    const unknownUnit = await get(office, `/api/results/${s2026.id}/dashboard/heatmap?parent=ZZ9`);
    expect(unknownUnit.statusCode).toBe(404);
    expect(unknownUnit.json().code).toBe('not_found');
    const en = await get(
      { ...office, headers: { ...office.headers, 'accept-language': 'en' } },
      `/api/results/${s2026.id}/dashboard/heatmap?parent=ZZ9`,
    );
    expect(en.json().detail).toBe('unit "ZZ9" is not in this snapshot');
  });
});
