import { score } from '@xiaoneng/engine';
import { describe, expect, it } from 'vitest';
import type { Act } from '../app/act.js';
import { makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { addValue, count, seedResultsWorld, setValue } from './results-fixture.js';
import { runScoring } from './run-scoring.js';

/**
 * County class: 330100 self 95 → 95 A (rank 1); 330106 self 70 but third party 85, which takes precedence
 * → 85 B (2); 330102 self 80 → 80 B (3); 330108 self 99 only submitted, not approved → missing, scored
 * zero → 0 D (4). Department class: D01 self 60 → 60 C, rank 1 of 1.
 */
async function standardValues(db: Parameters<typeof addValue>[0], province: string): Promise<void> {
  await addValue(db, province, '330100', 95);
  await addValue(db, province, '330106', 70);
  await addValue(db, province, '330106', 85, { source: 'thirdParty' });
  await addValue(db, province, '330102', 80);
  await addValue(db, province, '330108', 99, { status: 'submitted' });
  await addValue(db, province, 'D01', 60);
}

function actFor(province: string): Act {
  return {
    province,
    actor: 'office',
    role: 'office',
    requestId: undefined,
    at: '2026-11-23T08:00:00.000Z',
    auditAlgorithm: 'sha256',
  };
}

describe.each(DIALECTS)('scoring runs on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const w = await seedResultsWorld(ctx.db);
    await standardValues(ctx.db, w.province);
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    const office = await seedUser(ctx.db, w.province, ['office']);
    const s = await signIn(app, office.username);
    return { ...w, app, clock, s };
  }

  it('scores the approved values into a snapshot with per-unit figures worked out by hand', async () => {
    const { app, s, province } = await world();
    const res = await app.inject({
      method: 'POST',
      url: '/api/results',
      headers: s.headers,
      payload: { plan: 'P', period: '2026' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { snapshot, created } = res.json();
    expect(created).toBe(true);
    expect(snapshot).toMatchObject({
      plan: 'P',
      planVersion: 1,
      period: '2026',
      status: 'draft',
      units: 5,
      values: 5,
    });
    expect(snapshot.hash).toMatch(/^[0-9a-f]{64}$/);

    const page = await app.inject({
      url: `/api/results/${snapshot.id}/rankings?limit=10`,
      headers: s.headers,
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().total).toBe(5);
    expect(
      page
        .json()
        .items.map(
          (r: { unitCode: string; total: number; rank: number; grade: string; classSize: number }) => [
            r.unitCode,
            r.total,
            r.rank,
            r.grade,
            r.classSize,
          ],
        ),
    ).toEqual([
      ['330100', 95, 1, 'A', 4],
      ['330106', 85, 2, 'B', 4],
      ['330102', 80, 3, 'B', 4],
      ['330108', 0, 4, 'D', 4],
      ['D01', 60, 1, 'C', 1],
    ]);
    expect(page.json().items[0].dimensions).toEqual({ work: 95 });
    expect(await count(ctx.db, 'audit_entry', province)).toBeGreaterThan(0);
  });

  it('gives the same snapshot hash on a re-run over the same inputs, and a new one when a value changes', async () => {
    const { app, s, province } = await world();
    const run = () =>
      app.inject({
        method: 'POST',
        url: '/api/results',
        headers: s.headers,
        payload: { plan: 'P', period: '2026' },
      });
    const first = (await run()).json().snapshot;
    const again = await run();
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, snapshot: { id: first.id, hash: first.hash } });
    expect(await count(ctx.db, 'result_snapshot', province)).toBe(1);

    await setValue(ctx.db, province, '330102', 81);
    const changed = await run();
    expect(changed.statusCode).toBe(201);
    expect(changed.json().snapshot.hash).not.toBe(first.hash);
    expect(changed.json().snapshot.planHash).toBe(first.planHash);
    await setValue(ctx.db, province, '330102', 80);
    // Back to the first inputs: the first snapshot, not a third.
    expect((await run()).json().snapshot.id).toBe(first.id);
  });

  it('gives the same hash in another province scored from the same facts (order of insertion differs)', async () => {
    const a = await world();
    const b = await seedResultsWorld(ctx.db);
    // Same facts, inserted in reverse order.
    await addValue(ctx.db, b.province, 'D01', 60);
    await addValue(ctx.db, b.province, '330108', 99, { status: 'submitted' });
    await addValue(ctx.db, b.province, '330102', 80);
    await addValue(ctx.db, b.province, '330106', 85, { source: 'thirdParty' });
    await addValue(ctx.db, b.province, '330106', 70);
    await addValue(ctx.db, b.province, '330100', 95);
    const ra = await runScoring(ctx.db, actFor(a.province), { planCode: 'P', period: '2026' });
    const rb = await runScoring(ctx.db, actFor(b.province), { planCode: 'P', period: '2026' });
    expect(rb.snapshot.inputs_hash).toBe(ra.snapshot.inputs_hash);
    expect(rb.snapshot.hash).toBe(ra.snapshot.hash);
  });

  it('reads values of shorter periods inside the scored one (roll-up) and refuses none of them', async () => {
    const w = await seedResultsWorld(ctx.db);
    await ctx.db
      .insertInto('period')
      .values(
        ['2026Q1', '2026Q2'].map((code) => ({
          province_code: w.province,
          code,
          type: 'quarter' as const,
          status: 'closed' as const,
          deadline: null,
        })),
      )
      .execute();
    // 330102 reported by quarter only: 80 and 100 average (the element's roll-up) to 90 for the year.
    for (const [period, value] of [
      ['2026Q1', 80],
      ['2026Q2', 100],
    ] as const) {
      await ctx.db
        .insertInto('data_value')
        .values({
          province_code: w.province,
          plan_code: 'P',
          unit_code: '330102',
          element_code: 'score',
          period_code: period,
          source: 'self',
          value,
          evidence_hash: null,
          entered_by: 'test',
          entered_at: '2026-11-23T00:00:00.000Z',
        })
        .execute();
      await ctx.db
        .insertInto('submission')
        .values({
          province_code: w.province,
          plan_code: 'P',
          period_code: period,
          unit_code: '330102',
          plan_version: 1,
          status: 'approved',
          created_at: '2026-11-23T00:00:00.000Z',
        })
        .execute();
    }
    const out = await runScoring(ctx.db, actFor(w.province), { planCode: 'P', period: '2026' });
    expect(out.snapshot.value_count).toBe(2);
    const row = await ctx.db
      .selectFrom('result_unit')
      .select(['total', 'grade'])
      .where('snapshot_id', '=', out.snapshot.id)
      .where('unit_code', '=', '330102')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ total: 90, grade: 'A' });
  });

  it('leaves the database as it was when the insert fails half way', async () => {
    const { province } = await world();
    const before = await Promise.all(
      (['result_snapshot', 'result_unit', 'audit_entry'] as const).map((t) => count(ctx.db, t, province)),
    );
    await expect(
      runScoring(
        ctx.db,
        actFor(province),
        { planCode: 'P', period: '2026' },
        {
          onBatch: (written) => {
            // Rows are in the table at this point; the transaction must take them back.
            expect(written).toBe(5);
            throw new Error('disk full');
          },
        },
      ),
    ).rejects.toThrow('disk full');
    const after = await Promise.all(
      (['result_snapshot', 'result_unit', 'audit_entry'] as const).map((t) => count(ctx.db, t, province)),
    );
    expect(after).toEqual(before);
  });

  it('leaves the database as it was when the engine throws', async () => {
    const { province } = await world();
    const before = await count(ctx.db, 'audit_entry', province);
    await expect(
      runScoring(
        ctx.db,
        actFor(province),
        { planCode: 'P', period: '2026' },
        {
          scoreFn: () => {
            throw new Error('engine crashed');
          },
        },
      ),
    ).rejects.toThrow('engine crashed');
    expect(await count(ctx.db, 'result_snapshot', province)).toBe(0);
    expect(await count(ctx.db, 'audit_entry', province)).toBe(before);
    // The real engine afterwards: scores normally.
    const ok = await runScoring(
      ctx.db,
      actFor(province),
      { planCode: 'P', period: '2026' },
      { scoreFn: score },
    );
    expect(ok.created).toBe(true);
  });

  it('refuses unknown plans and periods, and malformed input, changing nothing', async () => {
    const { app, s, province } = await world();
    const post = (payload: unknown) =>
      app.inject({
        method: 'POST',
        url: '/api/results',
        headers: { ...s.headers, 'accept-language': 'en' },
        payload: payload as object,
      });
    const noPlan = await post({ plan: 'NOPE', period: '2026' });
    expect(noPlan.statusCode).toBe(409);
    expect(noPlan.json().code).toBe('snapshot_state');
    const noPeriod = await post({ plan: 'P', period: '2025' });
    expect(noPeriod.statusCode).toBe(404);
    expect(noPeriod.json().detail).toMatch(/2025/);
    const bad = await post({ plan: 'P', period: 'last year' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toMatch(/period/);
    expect(await count(ctx.db, 'result_snapshot', province)).toBe(0);
  });

  it('shows a snapshot published through the API at once, though its draft head was read a moment before', async () => {
    const { app, s, province } = await world();
    const { snapshot } = (
      await app.inject({
        method: 'POST',
        url: '/api/results',
        headers: s.headers,
        payload: { plan: 'P', period: '2026' },
      })
    ).json();
    const leader = await seedUser(ctx.db, province, ['leader'], { unitCode: '330106' });
    const ls = await signIn(app, leader.username);
    const read = () => app.inject({ url: `/api/results/${snapshot.id}/rankings`, headers: ls.headers });
    expect((await app.inject({ url: `/api/results/${snapshot.id}`, headers: s.headers })).json().status).toBe(
      'draft',
    );
    expect((await read()).statusCode).toBe(404);
    const pub = await app.inject({
      method: 'POST',
      url: `/api/results/${snapshot.id}/publish`,
      headers: s.headers,
      payload: { version: snapshot.version },
    });
    expect(pub.statusCode, pub.body).toBe(200);
    expect((await read()).json()).toMatchObject({ total: 1, items: [{ unitCode: '330106' }] });
  });

  it('pages and filters the ranking by class, and keeps a leader to their own unit', async () => {
    const { app, s, province, clock } = await world();
    const { snapshot } = (
      await app.inject({
        method: 'POST',
        url: '/api/results',
        headers: s.headers,
        payload: { plan: 'P', period: '2026' },
      })
    ).json();
    const page2 = await app.inject({
      url: `/api/results/${snapshot.id}/rankings?class=county&limit=2&offset=2`,
      headers: s.headers,
    });
    expect(page2.json()).toMatchObject({ total: 4, items: [{ unitCode: '330102' }, { unitCode: '330108' }] });

    const leader = await seedUser(ctx.db, province, ['leader'], { unitCode: '330106' });
    const ls = await signIn(app, leader.username);
    // A draft is the office's: a leader does not see it at all.
    expect(
      (await app.inject({ url: `/api/results/${snapshot.id}/rankings`, headers: ls.headers })).statusCode,
    ).toBe(404);
    await ctx.db
      .updateTable('result_snapshot')
      .set({ status: 'published' })
      .where('id', '=', snapshot.id)
      .execute();
    // Changed behind the server's back (not through its API): seen once its 2-second head cache expires.
    clock.advanceMinutes(2 / 60);
    const mine = await app.inject({ url: `/api/results/${snapshot.id}/rankings`, headers: ls.headers });
    expect(mine.json()).toMatchObject({ total: 1, items: [{ unitCode: '330106', rank: 2 }] });
    const other = await app.inject({ url: `/api/results/${snapshot.id}/units/330100`, headers: ls.headers });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('out_of_scope');
  });

  it("explains one unit in the request's language, also after the cache is gone", async () => {
    const { app, s, province } = await world();
    const { snapshot } = (
      await app.inject({
        method: 'POST',
        url: '/api/results',
        headers: s.headers,
        payload: { plan: 'P', period: '2026' },
      })
    ).json();
    const en = await app.inject({
      url: `/api/results/${snapshot.id}/units/330106`,
      headers: { ...s.headers, 'accept-language': 'en' },
    });
    expect(en.statusCode, en.body).toBe(200);
    const body = en.json();
    expect(body.figures).toMatchObject({ unitCode: '330106', total: 85, rank: 2, grade: 'B' });
    expect(body.explanation.total).toBe(85);
    expect(body.explanation.tree[0].children[0].leaf.inputs[0]).toMatchObject({
      value: 85,
      source: 'thirdParty',
    });
    expect(body.text).toMatch(/rank/i);
    const zh = await app.inject({ url: `/api/results/${snapshot.id}/units/330106`, headers: s.headers });
    expect(zh.json().text).toMatch(/排名|名/);

    // A second app over the same database has an empty cache: it re-scores the stored inputs, whatever
    // the live values have become since.
    await setValue(ctx.db, province, '330102', 1);
    const fresh = await makeApp(ctx.db, new TestClock());
    const s2 = await signIn(fresh, (await seedUser(ctx.db, province, ['office'])).username);
    const again = await fresh.inject({
      url: `/api/results/${snapshot.id}/units/330102`,
      headers: s2.headers,
    });
    expect(again.json().explanation).toMatchObject({ total: 80, rank: 3, grade: 'B' });
    const missing = await app.inject({ url: `/api/results/${snapshot.id}/units/999999`, headers: s.headers });
    expect(missing.statusCode).toBe(403);
  });

  it('runs a sensitivity analysis with draws and seed and stores it with the snapshot', async () => {
    const { app, s } = await world();
    const { snapshot } = (
      await app.inject({
        method: 'POST',
        url: '/api/results',
        headers: s.headers,
        payload: { plan: 'P', period: '2026' },
      })
    ).json();
    const none = await app.inject({ url: `/api/results/${snapshot.id}/sensitivity`, headers: s.headers });
    expect(none.statusCode).toBe(404);
    const run = await app.inject({
      method: 'POST',
      url: `/api/results/${snapshot.id}/sensitivity`,
      headers: s.headers,
      payload: { draws: 20, seed: 7, version: snapshot.version },
    });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({
      hasSensitivity: true,
      version: snapshot.version + 1,
      hash: snapshot.hash,
    });
    const stored = (
      await app.inject({ url: `/api/results/${snapshot.id}/sensitivity`, headers: s.headers })
    ).json();
    expect(stored).toMatchObject({ draws: 20, seed: 7 });
    // One indicator only: weights cannot move anyone, so every rank stays put.
    const d01 = stored.units.find((u: { code: string }) => u.code === 'D01');
    expect(d01).toMatchObject({ rank: 1, median: 1, p05: 1, p95: 1, gradeStability: 1 });
    const stale = await app.inject({
      method: 'POST',
      url: `/api/results/${snapshot.id}/sensitivity`,
      headers: s.headers,
      payload: { draws: 20, seed: 7, version: snapshot.version },
    });
    expect(stale.statusCode).toBe(409);
  });
});
