import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeApp, type Session, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedPublishedPlan } from '../test/domain-fixtures.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

const BASE = '/api/submissions/P2026/2026Q1/330106';
const FORM = '/api/entry-forms/P2026/2026Q1/330106';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('台账扫描件 '.repeat(20))]);
const BOUNDARY = '----xn-entry-form';

function multipart(fileName: string, type: string, content: Buffer) {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

describe.each(DIALECTS)('entry forms and the review queue on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'xn-entry-form-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function world() {
    const province = await seedProvince(ctx.db);
    await seedPublishedPlan(ctx.db, province);
    await ctx.db
      .updateTable('period')
      .set({ deadline: null })
      .where('province_code', '=', province)
      .execute();
    // Last quarter, closed, with the county's approved figures: the baseline of the jump flag.
    await ctx.db
      .insertInto('period')
      .values({ province_code: province, code: '2025Q4', type: 'quarter', status: 'closed', deadline: null })
      .execute();
    await ctx.db
      .insertInto('data_value')
      .values(
        [
          ['cases.done', 2],
          ['satisfaction', 80],
        ].map(([element, value]) => ({
          province_code: province,
          plan_code: 'P2026',
          period_code: '2025Q4',
          unit_code: '330106',
          element_code: element as string,
          source: 'self' as const,
          value: value as number,
          evidence_hash: null,
          entered_by: 'seed',
          entered_at: '2026-01-05T00:00:00.000Z',
        })),
      )
      .execute();
    const app = await makeApp(ctx.db, new TestClock(), { evidence: { directory: dir } });
    const as = async (roles: Parameters<typeof seedUser>[2], unitCode: string | null = null) =>
      signIn(app, (await seedUser(ctx.db, province, roles, { unitCode })).username);
    return {
      province,
      app,
      reporter: await as(['reporter'], '330106'),
      leader: await as(['leader'], '330106'),
      cityLeader: await as(['leader'], '330100'),
      office: await as(['office']),
    };
  }
  type World = Awaited<ReturnType<typeof world>>;

  const call = (w: World, s: Session, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    w.app.inject({
      method,
      url,
      headers: { ...s.headers, 'accept-language': 'en' },
      ...(payload ? { payload } : {}),
    });

  const importCasesDone = (w: World, value: number) =>
    w.app.inject({
      method: 'POST',
      url: '/api/imports/P2026/2026Q1',
      headers: { ...w.office.headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: [
        `--${BOUNDARY}`,
        'Content-Disposition: form-data; name="file"; filename="v.csv"',
        'Content-Type: text/csv',
        '',
        '单位代码,办结件数（cases.done）',
        `330106,${value}`,
        `--${BOUNDARY}--`,
        '',
      ].join('\r\n'),
    });

  it('gives an empty form grouped by indicator, with ranges and units, editable only by the reporter', async () => {
    const w = await world();
    const res = await call(w, w.reporter, 'GET', FORM);
    expect(res.statusCode).toBe(200);
    const form = res.json();
    expect(form).toMatchObject({
      unit: { code: '330106', name: '西湖区', disabled: false },
      plan: { code: 'P2026', name: '2026 年度效能考核', version: 1 },
      period: { code: '2026Q1', status: 'open', deadline: null, open: true },
      previousPeriod: '2025Q4',
      submission: null,
      editable: true,
      counts: { total: 3, filled: 0, imported: 0, byHand: 0, empty: 3 },
    });
    // cases.rate is computed by a formula: never a field.
    expect(form.fields.map((f: { code: string }) => f.code)).toEqual([
      'cases.done',
      'cases.total',
      'satisfaction',
    ]);
    expect(form.fields[0]).toEqual({
      code: 'cases.done',
      name: '办结件数',
      unit: '件',
      min: 0,
      max: 1000,
      help: null,
      value: null,
      evidence: null,
      origin: null,
      enteredBy: null,
      enteredAt: null,
      previous: 2,
      change: null,
      changeRatio: null,
      flags: [],
    });
    // The rate indicator reads both counts through the computed element.
    expect(form.groups).toEqual([
      {
        code: 'rate',
        name: '办结率',
        indicators: [
          { code: 'rate', name: '办结率', description: null, fields: ['cases.done', 'cases.total'] },
        ],
      },
      {
        code: 'sat',
        name: '满意度',
        indicators: [{ code: 'sat', name: '满意度', description: null, fields: ['satisfaction'] }],
      },
    ]);
    expect((await call(w, w.leader, 'GET', FORM)).json().editable).toBe(false);
    const outside = await call(w, w.reporter, 'GET', '/api/entry-forms/P2026/2026Q1/330100');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('out_of_scope');
    expect((await call(w, w.reporter, 'GET', '/api/entry-forms/P2026/2030Q1/330106')).statusCode).toBe(404);
  });

  it('tells imported values from typed ones, shows evidence and flags, and queues the submission for review', async () => {
    const w = await world();
    expect((await importCasesDone(w, 5)).statusCode).toBe(200);
    const queued = await call(w, w.leader, 'GET', '/api/review-queue');
    expect(queued.json()).toEqual({
      total: 1,
      items: [
        expect.objectContaining({
          unitCode: '330106',
          unitName: '西湖区',
          version: 1,
          fields: 3,
          filled: 1,
          evidence: 0,
          // 2 → 5 is +150%.
          flags: { below_min: 0, above_max: 0, jump: 1 },
        }),
      ],
    });
    const returned = await call(w, w.leader, 'POST', `${BASE}/return`, { version: 1, comment: '请补满意度' });
    expect(returned.statusCode).toBe(200);
    expect((await call(w, w.leader, 'GET', '/api/review-queue')).json()).toEqual({ total: 0, items: [] });

    const up = multipart('台账.pdf', 'application/pdf', PDF);
    const uploaded = await w.app.inject({
      method: 'POST',
      url: '/api/evidence',
      headers: { ...w.reporter.headers, ...up.headers },
      payload: up.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const hash = uploaded.json().hash as string;
    const saved = await call(w, w.reporter, 'PUT', `${BASE}/values`, {
      values: [{ element: 'satisfaction', value: 120, evidenceHash: hash }],
      version: 2,
    });
    expect(saved.statusCode).toBe(200);

    const form = (await call(w, w.reporter, 'GET', FORM)).json();
    expect(form.submission).toMatchObject({ status: 'returned', comment: '请补满意度', version: 3 });
    expect(form.editable).toBe(true);
    expect(form.counts).toEqual({ total: 3, filled: 2, imported: 1, byHand: 1, empty: 1 });
    const [done, total, satisfaction] = form.fields;
    expect(done).toMatchObject({
      value: 5,
      origin: 'import',
      previous: 2,
      change: 3,
      changeRatio: 1.5,
      flags: ['jump'],
    });
    expect(total).toMatchObject({ value: null, origin: null, flags: [] });
    expect(satisfaction).toMatchObject({
      value: 120,
      origin: 'hand',
      previous: 80,
      change: 40,
      changeRatio: 0.5,
      // +50% is not more than half: no jump, but above the plausible maximum of 100.
      flags: ['above_max'],
      evidence: { hash, fileName: '台账.pdf', mediaType: 'application/pdf', size: PDF.length },
    });

    // The reporter retypes the imported value: now it is theirs.
    await call(w, w.reporter, 'PUT', `${BASE}/values`, {
      values: [{ element: 'cases.done', value: 3 }],
      version: 3,
    });
    const retyped = (await call(w, w.reporter, 'GET', FORM)).json();
    expect(retyped.counts).toEqual({ total: 3, filled: 2, imported: 0, byHand: 2, empty: 1 });

    expect((await call(w, w.reporter, 'POST', `${BASE}/submit`, { version: 4 })).statusCode).toBe(200);
    expect((await call(w, w.reporter, 'GET', FORM)).json().editable).toBe(false);
    const again = (await call(w, w.office, 'GET', '/api/review-queue?flagged=true')).json();
    expect(again.total).toBe(1);
    // 2 → 3 is +50%: no jump; 120 is above 100.
    expect(again.items[0]).toMatchObject({
      comment: '请补满意度',
      version: 5,
      filled: 2,
      evidence: 1,
      flags: { below_min: 0, above_max: 1, jump: 0 },
    });
    expect((await call(w, w.office, 'GET', '/api/review-queue?flagged=false')).json()).toEqual({
      total: 0,
      items: [],
    });
    expect((await call(w, w.office, 'GET', '/api/review-queue?period=2025Q4')).json().total).toBe(0);
    expect((await call(w, w.cityLeader, 'GET', '/api/review-queue')).json().total).toBe(0);
    const reporterQueue = await call(w, w.reporter, 'GET', '/api/review-queue');
    expect(reporterQueue.statusCode).toBe(403);
  });

  it("lists a unit's forms: open periods and those with a submission, newest first", async () => {
    const w = await world();
    const fresh = (await call(w, w.reporter, 'GET', '/api/entry-forms')).json();
    // 2025Q4 is closed and has no submission: not a form to fill.
    expect(fresh.items).toEqual([
      {
        planCode: 'P2026',
        planName: '2026 年度效能考核',
        periodCode: '2026Q1',
        periodStatus: 'open',
        deadline: null,
        open: true,
        unitCode: '330106',
        unitName: '西湖区',
        status: 'none',
        comment: null,
        submittedAt: null,
        reviewedAt: null,
        version: 0,
        fields: 3,
        filled: 0,
      },
    ]);
    await ctx.db
      .insertInto('submission')
      .values({
        province_code: w.province,
        plan_code: 'P2026',
        period_code: '2025Q4',
        unit_code: '330106',
        plan_version: 1,
        status: 'approved',
        submitted_by: 'seed',
        submitted_at: '2026-01-05T00:00:00.000Z',
        reviewed_by: 'seed',
        reviewed_at: '2026-01-06T00:00:00.000Z',
        created_at: '2026-01-05T00:00:00.000Z',
      })
      .execute();
    await call(w, w.reporter, 'PUT', `${BASE}/values`, {
      values: [
        { element: 'cases.done', value: 4 },
        { element: 'cases.total', value: 9 },
      ],
      version: 0,
    });
    const later = (await call(w, w.reporter, 'GET', '/api/entry-forms')).json();
    expect(
      later.items.map((i: { periodCode: string; status: string; filled: number }) => [
        i.periodCode,
        i.status,
        i.filled,
      ]),
    ).toEqual([
      ['2026Q1', 'draft', 2],
      ['2025Q4', 'approved', 2],
    ]);
    const office = await call(w, w.office, 'GET', '/api/entry-forms');
    expect(office.statusCode).toBe(400);
    expect(office.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'querystring.unit', message: 'is required' }],
    });
    expect((await call(w, w.office, 'GET', '/api/entry-forms?unit=330106')).json().items).toHaveLength(2);
    const foreign = await call(w, w.reporter, 'GET', '/api/entry-forms?unit=330100');
    expect(foreign.statusCode).toBe(403);
  });
});
