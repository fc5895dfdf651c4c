import { describe, expect, it } from 'vitest';
import { auditActions, makeApp, type Session, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedPublishedPlan } from '../test/domain-fixtures.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

const BASE = '/api/submissions/P2026/2026Q1/330106';

describe.each(DIALECTS)('submissions on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const province = await seedProvince(ctx.db);
    await seedPublishedPlan(ctx.db, province);
    // The fixture's deadline (April) is long past on the test clock (November): move it to the year's end.
    await ctx.db
      .updateTable('period')
      .set({ deadline: '2026-12-31T16:00:00.000Z' })
      .where('province_code', '=', province)
      .execute();
    const app = await makeApp(ctx.db, new TestClock());
    const as = async (roles: Parameters<typeof seedUser>[2], unitCode: string | null = null) =>
      signIn(app, (await seedUser(ctx.db, province, roles, { unitCode })).username);
    return {
      province,
      app,
      reporter: await as(['reporter'], '330106'),
      cityReporter: await as(['reporter'], '330100'),
      leader: await as(['leader'], '330106'),
      office: await as(['office']),
      thirdParty: await as(['thirdParty']),
      inspector: await as(['inspector']),
    };
  }

  const call = (
    w: Awaited<ReturnType<typeof world>>,
    s: Session,
    method: 'GET' | 'PUT' | 'POST',
    url: string,
    payload?: object,
  ) =>
    w.app.inject({
      method,
      url,
      headers: { ...s.headers, 'accept-language': 'en' },
      ...(payload ? { payload } : {}),
    });

  it('runs draft → submitted → returned → resubmitted → approved, with versions and audit', async () => {
    const w = await world();
    const first = await call(w, w.reporter, 'PUT', `${BASE}/values`, {
      values: [
        { element: 'cases.done', value: 80 },
        { element: 'cases.total', value: 100 },
      ],
      version: 0,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'draft', planVersion: 1, version: 1 });

    const stale = await call(w, w.reporter, 'PUT', `${BASE}/values`, { values: [], version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 1 });

    expect((await call(w, w.reporter, 'POST', `${BASE}/submit`, { version: 1 })).json().status).toBe(
      'submitted',
    );
    const locked = await call(w, w.reporter, 'PUT', `${BASE}/values`, { values: [], version: 2 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('submission_state');

    const noComment = await call(w, w.leader, 'POST', `${BASE}/return`, { version: 2 });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().errors).toEqual([{ path: 'body.comment', message: 'is required' }]);
    const returned = await call(w, w.leader, 'POST', `${BASE}/return`, {
      version: 2,
      comment: '办结件数与台账不符',
    });
    expect(returned.json()).toMatchObject({ status: 'returned', comment: '办结件数与台账不符', version: 3 });
    const byReporter = await call(w, w.reporter, 'POST', `${BASE}/approve`, { version: 3 });
    expect(byReporter.statusCode).toBe(403);

    await call(w, w.reporter, 'PUT', `${BASE}/values`, {
      values: [{ element: 'cases.done', value: 78 }],
      version: 3,
    });
    expect((await call(w, w.reporter, 'POST', `${BASE}/submit`, { version: 4 })).json().status).toBe(
      'submitted',
    );
    const approved = await call(w, w.office, 'POST', `${BASE}/approve`, { version: 5, comment: '同意' });
    expect(approved.json()).toMatchObject({ status: 'approved', version: 6 });
    const twice = await call(w, w.leader, 'POST', `${BASE}/approve`, { version: 6 });
    expect(twice.json().code).toBe('submission_state');

    const detail = await call(w, w.leader, 'GET', BASE);
    expect(detail.json().values.map((v: { element: string; value: number }) => [v.element, v.value])).toEqual(
      [
        ['cases.done', 78],
        ['cases.total', 100],
      ],
    );
    expect((await auditActions(ctx.db, w.province)).filter((a) => a.startsWith('submission.'))).toEqual([
      'submission.values',
      'submission.submit',
      'submission.return',
      'submission.values',
      'submission.resubmit',
      'submission.approve',
    ]);
  });

  it('lets nobody review what they submitted themselves (an office user who imported the values)', async () => {
    const w = await world();
    const boundary = '----xn-self-review';
    const imported = await w.app.inject({
      method: 'POST',
      url: '/api/imports/P2026/2026Q1',
      headers: { ...w.office.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: [
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="v.csv"',
        'Content-Type: text/csv',
        '',
        '单位代码,办结件数（cases.done）',
        '330106,5',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    });
    expect(imported.statusCode).toBe(200);
    const own = await call(w, w.office, 'POST', `${BASE}/approve`, { version: 1 });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({
      code: 'self_approval',
      detail: 'you cannot review a submission you submitted yourself',
    });
    expect((await call(w, w.leader, 'POST', `${BASE}/approve`, { version: 1 })).statusCode).toBe(200);
  });

  it('shows the progress of every unit in scope, the ones not started included', async () => {
    const w = await world();
    await call(w, w.reporter, 'PUT', `${BASE}/values`, {
      values: [{ element: 'cases.done', value: 1 }],
      version: 0,
    });
    await call(w, w.reporter, 'POST', `${BASE}/submit`, { version: 1 });
    const office = await call(w, w.office, 'GET', '/api/submissions/progress?plan=P2026&period=2026Q1');
    expect(office.statusCode).toBe(200);
    expect(office.json()).toEqual({
      counts: { none: 1, draft: 0, submitted: 1, returned: 0, approved: 0 },
      units: [
        {
          unitCode: '330100',
          unitName: '杭州市',
          status: 'none',
          submittedAt: null,
          reviewedAt: null,
          version: 0,
        },
        {
          unitCode: '330106',
          unitName: '西湖区',
          status: 'submitted',
          submittedAt: '2026-11-23T08:00:00.000Z',
          reviewedAt: null,
          version: 2,
        },
      ],
    });
    const mine = await call(w, w.leader, 'GET', '/api/submissions/progress?plan=P2026&period=2026Q1');
    expect(mine.json().units.map((u: { unitCode: string }) => u.unitCode)).toEqual(['330106']);
  });

  it('lets exactly one of two reviewers acting at once win; the other gets 409', async () => {
    const w = await world();
    await call(w, w.reporter, 'PUT', `${BASE}/values`, {
      values: [{ element: 'cases.done', value: 1 }],
      version: 0,
    });
    await call(w, w.reporter, 'POST', `${BASE}/submit`, { version: 1 });
    const [a, b] = await Promise.all([
      call(w, w.leader, 'POST', `${BASE}/approve`, { version: 2 }),
      call(w, w.office, 'POST', `${BASE}/return`, { version: 2, comment: '请补充' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json()).toMatchObject({ code: 'version_conflict', currentVersion: 3 });
    const actions = (await auditActions(ctx.db, w.province)).filter((x) => /approve|return/.test(x));
    expect(actions).toHaveLength(1);
  });

  it('lets one of two first saves at once win; the other gets 409, not an error', async () => {
    const w = await world();
    const save = (value: number) =>
      call(w, w.reporter, 'PUT', `${BASE}/values`, {
        values: [{ element: 'cases.done', value }],
        version: 0,
      });
    const results = await Promise.all([save(1), save(2)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().code).toBe('version_conflict');
  });

  it('refuses computed and unknown elements, other units, and closed periods; stores nothing then', async () => {
    const w = await world();
    const bad = await call(w, w.reporter, 'PUT', `${BASE}/values`, {
      values: [
        { element: 'cases.rate', value: 0.8 },
        { element: 'nope', value: 1 },
        { element: 'cases.done', value: 1 },
      ],
      version: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'element_unknown',
      errors: [
        {
          path: 'body.values[0].element',
          message: '"cases.rate" is computed by a formula and cannot be entered',
        },
        { path: 'body.values[1].element', message: 'the plan has no data element "nope"' },
      ],
    });
    const other = await call(w, w.reporter, 'PUT', '/api/submissions/P2026/2026Q1/330100/values', {
      values: [],
      version: 0,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('out_of_scope');
    const read = await call(w, w.reporter, 'GET', '/api/submissions/P2026/2026Q1/330100');
    expect(read.statusCode).toBe(403);
    // A city reporter is bound to the city, not to the districts under it.
    expect((await call(w, w.cityReporter, 'GET', BASE)).statusCode).toBe(403);

    const late = await call(w, w.office, 'PUT', '/api/periods/2026Q1', {
      deadline: '2026-11-23T07:59:59.999Z',
      version: 1,
    });
    expect(late.statusCode).toBe(200);
    const afterDeadline = await call(w, w.reporter, 'PUT', `${BASE}/values`, {
      values: [{ element: 'cases.done', value: 1 }],
      version: 0,
    });
    expect(afterDeadline.statusCode).toBe(409);
    expect(afterDeadline.json().detail).toBe(
      'the deadline of period "2026Q1" (2026-11-23T07:59:59.999Z) has passed',
    );
    const close = await call(w, w.office, 'PUT', '/api/periods/2026Q1', {
      status: 'closed',
      deadline: null,
      version: 2,
    });
    expect(close.statusCode).toBe(200);
    const closed = await call(w, w.reporter, 'PUT', `${BASE}/values`, {
      values: [{ element: 'cases.done', value: 1 }],
      version: 0,
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('period_closed');
    const rows = await ctx.db
      .selectFrom('data_value')
      .select('value')
      .where('province_code', '=', w.province)
      .execute();
    expect(rows).toEqual([]);
    const subs = await call(w, w.office, 'GET', '/api/submissions');
    expect(subs.json()).toEqual({ items: [], total: 0 });
  });

  it('shows the reviewer the previous period and flags jumps and values outside the range', async () => {
    const w = await world();
    await ctx.db
      .insertInto('period')
      .values({
        province_code: w.province,
        code: '2025Q4',
        type: 'quarter',
        status: 'closed',
        deadline: null,
      })
      .execute();
    for (const [element, value] of [
      ['cases.done', 100],
      ['cases.total', 200],
      ['satisfaction', 90],
    ] as const)
      await ctx.db
        .insertInto('data_value')
        .values({
          province_code: w.province,
          plan_code: 'P2026',
          period_code: '2025Q4',
          unit_code: '330106',
          element_code: element,
          source: 'self',
          value,
          evidence_hash: null,
          entered_by: 'test',
          entered_at: '2026-01-05T00:00:00.000Z',
        })
        .execute();
    await call(w, w.reporter, 'PUT', `${BASE}/values`, {
      values: [
        { element: 'cases.done', value: 160 },
        { element: 'cases.total', value: 250 },
        { element: 'satisfaction', value: 120 },
      ],
      version: 0,
    });
    const res = await call(w, w.leader, 'GET', BASE);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.previousPeriod).toBe('2025Q4');
    expect(body.review).toEqual([
      {
        element: 'cases.done',
        name: '办结件数',
        unit: '件',
        value: 160,
        previous: 100,
        change: 60,
        changeRatio: 0.6,
        flags: ['jump'],
      },
      {
        element: 'cases.total',
        name: '受理件数',
        unit: '件',
        value: 250,
        previous: 200,
        change: 50,
        changeRatio: 0.25,
        flags: [],
      },
      {
        element: 'satisfaction',
        name: '满意度',
        unit: '分',
        value: 120,
        previous: 90,
        change: 30,
        changeRatio: 1 / 3,
        flags: ['above_max'],
      },
    ]);
  });

  it('takes third-party, inspection and survey values from their own roles only, each with its version', async () => {
    const w = await world();
    const tp = await call(w, w.thirdParty, 'PUT', `${BASE}/sources`, {
      source: 'thirdParty',
      values: [{ element: 'satisfaction', value: 82.5 }],
    });
    expect(tp.statusCode).toBe(200);
    expect(tp.json().values).toMatchObject([
      { element: 'satisfaction', source: 'thirdParty', value: 82.5, version: 1 },
    ]);
    const wrongRole = await call(w, w.thirdParty, 'PUT', `${BASE}/sources`, {
      source: 'inspection',
      values: [{ element: 'satisfaction', value: 1 }],
    });
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().code).toBe('source_not_allowed');
    const reporterAsThirdParty = await call(w, w.reporter, 'PUT', `${BASE}/sources`, {
      source: 'thirdParty',
      values: [{ element: 'satisfaction', value: 100 }],
    });
    expect(reporterAsThirdParty.statusCode).toBe(403);
    const officeAsReporter = await call(w, w.office, 'PUT', `${BASE}/values`, { values: [], version: 0 });
    expect(officeAsReporter.json().code).toBe('source_not_allowed');

    const lost = await call(w, w.thirdParty, 'PUT', `${BASE}/sources`, {
      source: 'thirdParty',
      values: [{ element: 'satisfaction', value: 70 }],
    });
    expect(lost.statusCode).toBe(409);
    const update = await call(w, w.thirdParty, 'PUT', `${BASE}/sources`, {
      source: 'thirdParty',
      values: [{ element: 'satisfaction', value: 70, version: 1 }],
    });
    expect(update.json().values).toMatchObject([{ value: 70, version: 2 }]);
    expect(
      (
        await call(w, w.inspector, 'PUT', `${BASE}/sources`, {
          source: 'inspection',
          values: [{ element: 'cases.done', value: 75 }],
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await call(w, w.office, 'PUT', `${BASE}/sources`, {
          source: 'survey',
          values: [{ element: 'satisfaction', value: 88 }],
        })
      ).statusCode,
    ).toBe(200);
    const detail = await call(w, w.reporter, 'GET', BASE);
    expect(detail.json().submission).toBeNull();
    expect(detail.json().values.map((v: { source: string }) => v.source)).toEqual([
      'inspection',
      'survey',
      'thirdParty',
    ]);
  });
});
