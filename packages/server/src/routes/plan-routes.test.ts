import { describe, expect, it } from 'vitest';
import { sha256 } from '../plans/plan-document.js';
import { auditActions, makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { testPlanDocument } from '../test/domain-fixtures.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

describe.each(DIALECTS)('plans on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const province = await seedProvince(ctx.db);
    const app = await makeApp(ctx.db, new TestClock());
    const [a, b, r] = await Promise.all([
      seedUser(ctx.db, province, ['office']),
      seedUser(ctx.db, province, ['office']),
      seedUser(ctx.db, province, ['reporter'], { unitCode: '330106' }),
    ]);
    return {
      province,
      app,
      officeA: await signIn(app, a.username),
      officeB: await signIn(app, b.username),
      reporter: await signIn(app, r.username),
    };
  }

  it('returns every engine error with its path and stores nothing', async () => {
    const w = await world();
    const doc = testPlanDocument();
    const bad = {
      ...doc,
      tree: [{ ...doc.tree[0], weight: 0.5 }, doc.tree[1]],
      elements: [...doc.elements, { code: 'x', name: 'x', rollup: 'median' }],
    };
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/plans',
      headers: { ...w.officeA.headers, 'accept-language': 'en' },
      payload: { code: 'Q', name: '季度考核', document: bad },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('plan_invalid');
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('body.document.elements[4].rollup');
    expect(paths.some((p: string) => p.startsWith('body.document.tree'))).toBe(true);
    const list = await w.app.inject({ method: 'GET', url: '/api/plans', headers: w.officeA.headers });
    expect(list.json().items.map((p: { code: string }) => p.code)).toEqual(['P2026']);
  });

  it('publishes version 1, freezes it, and needs a reason and another office user to approve a change', async () => {
    const w = await world();
    const created = await w.app.inject({
      method: 'POST',
      url: '/api/plans',
      headers: w.officeA.headers,
      payload: { code: 'Q', name: '季度考核', document: testPlanDocument() },
    });
    expect(created.statusCode).toBe(201);
    const v1 = created.json();
    expect(v1).toMatchObject({ planCode: 'Q', number: 1, status: 'draft', version: 1 });
    // The server owns id and version; the hash is over the canonical text it stores.
    expect(v1.document).toMatchObject({ id: 'Q', version: 1 });
    const row = await ctx.db
      .selectFrom('plan_version')
      .select(['document', 'hash'])
      .where('province_code', '=', w.province)
      .where('plan_code', '=', 'Q')
      .executeTakeFirstOrThrow();
    expect(row.hash).toBe(sha256(row.document));
    expect(v1.hash).toBe(row.hash);

    const renamed = await w.app.inject({
      method: 'PUT',
      url: '/api/plans/Q/versions/1',
      headers: w.officeB.headers,
      payload: { document: { ...testPlanDocument(), name: '季度考核（修订）' }, version: 1 },
    });
    expect(renamed.statusCode).toBe(200);
    const stale = await w.app.inject({
      method: 'POST',
      url: '/api/plans/Q/versions/1/publish',
      headers: w.officeA.headers,
      payload: { version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    const published = await w.app.inject({
      method: 'POST',
      url: '/api/plans/Q/versions/1/publish',
      headers: w.officeA.headers,
      payload: { version: 2 },
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedBy: expect.any(String) });

    const frozen = await w.app.inject({
      method: 'PUT',
      url: '/api/plans/Q/versions/1',
      headers: w.officeA.headers,
      payload: { document: testPlanDocument(), version: 3 },
    });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().code).toBe('plan_state');

    const noReason = await w.app.inject({
      method: 'POST',
      url: '/api/plans/Q/versions',
      headers: w.officeA.headers,
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ path: 'body.reason', message: '必填' }]);

    const change = await w.app.inject({
      method: 'POST',
      url: '/api/plans/Q/versions',
      headers: w.officeA.headers,
      payload: { reason: '满意度权重上调' },
    });
    expect(change.statusCode).toBe(201);
    expect(change.json()).toMatchObject({ number: 2, status: 'draft', reason: '满意度权重上调' });
    expect(change.json().document.name).toBe('季度考核（修订）');

    const unapproved = await w.app.inject({
      method: 'POST',
      url: '/api/plans/Q/versions/2/publish',
      headers: w.officeA.headers,
      payload: { version: 1 },
    });
    expect(unapproved.statusCode).toBe(409);
    expect(unapproved.json().code).toBe('approval_required');
    const selfApproved = await w.app.inject({
      method: 'POST',
      url: '/api/plans/Q/versions/2/approve',
      headers: w.officeA.headers,
      payload: { version: 1 },
    });
    expect(selfApproved.statusCode).toBe(403);
    expect(selfApproved.json().code).toBe('self_approval');
    const approved = await w.app.inject({
      method: 'POST',
      url: '/api/plans/Q/versions/2/approve',
      headers: w.officeB.headers,
      payload: { version: 1 },
    });
    expect(approved.statusCode).toBe(200);
    const v2 = await w.app.inject({
      method: 'POST',
      url: '/api/plans/Q/versions/2/publish',
      headers: w.officeA.headers,
      payload: { version: 2 },
    });
    expect(v2.statusCode).toBe(200);

    const plan = await w.app.inject({ method: 'GET', url: '/api/plans/Q', headers: w.reporter.headers });
    expect(plan.json()).toMatchObject({ published: 2, draft: null });
    expect(
      plan
        .json()
        .versions.map((v: { number: number; status: string; reason: string | null }) => [
          v.number,
          v.status,
          v.reason,
        ]),
    ).toEqual([
      [1, 'published', null],
      [2, 'published', '满意度权重上调'],
    ]);
    const old = await w.app.inject({
      method: 'GET',
      url: '/api/plans/Q/versions/1',
      headers: w.reporter.headers,
    });
    expect(old.json()).toMatchObject({ number: 1, hash: published.json().hash });
    expect(published.json().hash).not.toBe(v1.hash);
    expect(old.json().document.name).toBe('季度考核（修订）');
    expect(await auditActions(ctx.db, w.province)).toEqual(
      expect.arrayContaining([
        'plan.create',
        'plan.draft.update',
        'plan.publish',
        'plan.change.start',
        'plan.change.approve',
      ]),
    );
  });

  it('lets nobody approve a change they edited, and withdraws an approval when the draft changes', async () => {
    const w = await world();
    const post = (url: string, s: typeof w.officeA, payload: object) =>
      w.app.inject({ method: 'POST', url, headers: s.headers, payload });
    await post('/api/plans', w.officeA, { code: 'Q', name: 'q', document: testPlanDocument() });
    await post('/api/plans/Q/versions/1/publish', w.officeA, { version: 1 });
    await post('/api/plans/Q/versions', w.officeA, { reason: '调整' });
    const edited = await w.app.inject({
      method: 'PUT',
      url: '/api/plans/Q/versions/2',
      headers: w.officeB.headers,
      payload: { reason: '调整目标值', version: 1 },
    });
    expect(edited.statusCode).toBe(200);
    const byEditor = await post('/api/plans/Q/versions/2/approve', w.officeB, { version: 2 });
    expect(byEditor.json().code).toBe('self_approval');
    const c = await seedUser(ctx.db, w.province, ['office']);
    const officeC = await signIn(w.app, c.username);
    expect((await post('/api/plans/Q/versions/2/approve', officeC, { version: 2 })).statusCode).toBe(200);
    const again = await w.app.inject({
      method: 'PUT',
      url: '/api/plans/Q/versions/2',
      headers: w.officeA.headers,
      payload: { reason: '再调整', version: 3 },
    });
    expect(again.json()).toMatchObject({ approvedBy: null, version: 4 });
    expect((await post('/api/plans/Q/versions/2/publish', w.officeA, { version: 4 })).json().code).toBe(
      'approval_required',
    );
    const second = await post('/api/plans/Q/versions', w.officeA, { reason: '另一个' });
    expect(second.json().code).toBe('plan_state');
  });

  it('keeps plan writes to the office', async () => {
    const w = await world();
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/plans',
      headers: w.reporter.headers,
      payload: { code: 'Q', name: 'q', document: testPlanDocument() },
    });
    expect(res.statusCode).toBe(403);
    const missing = await w.app.inject({
      method: 'GET',
      url: '/api/plans/NOPE',
      headers: w.reporter.headers,
    });
    expect(missing.statusCode).toBe(404);
  });
});
