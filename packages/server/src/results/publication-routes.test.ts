import { describe, expect, it } from 'vitest';
import { makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { addValue, count, seedResultsWorld, setValue } from './results-fixture.js';

describe.each(DIALECTS)('publication, appeals and the public API on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  /** The test clock starts Monday 2026-11-23 08:00 UTC (16:00 CST); 5 working days end 1 Dec 00:00 CST. */
  async function world() {
    const w = await seedResultsWorld(ctx.db);
    await addValue(ctx.db, w.province, '330100', 95);
    await addValue(ctx.db, w.province, '330102', 80);
    await addValue(ctx.db, w.province, '330106', 70);
    await addValue(ctx.db, w.province, 'D01', 60);
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    const officeName = (await seedUser(ctx.db, w.province, ['office'])).username;
    const leaderName = (await seedUser(ctx.db, w.province, ['leader'], { unitCode: '330106' })).username;
    const office = await signIn(app, officeName);
    const leader = await signIn(app, leaderName);
    const run = await app.inject({
      method: 'POST',
      url: '/api/results',
      headers: office.headers,
      payload: { plan: 'P', period: '2026' },
    });
    return { ...w, app, clock, office, leader, officeName, leaderName, snapshot: run.json().snapshot };
  }

  it('serves nothing of an unpublished snapshot under /api/public, and all of it once published', async () => {
    const { app, office, snapshot } = await world();
    const id = snapshot.id;
    const publicUrls = [
      `/api/public/results/${id}`,
      `/api/public/results/${id}/rankings`,
      `/api/public/results/${id}/units/330106`,
      `/api/public/results/${id}/rankings.csv`,
    ];
    for (const url of publicUrls) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('西湖区');
      expect(res.body).not.toContain(snapshot.hash);
    }
    const list = await app.inject({ url: '/api/public/results' });
    expect(list.body).not.toContain(id);

    const pub = await app.inject({
      method: 'POST',
      url: `/api/results/${id}/publish`,
      headers: office.headers,
      payload: { version: snapshot.version },
    });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({
      status: 'published',
      publishedAt: '2026-11-23T08:00:00.000Z',
      noticeEndsAt: '2026-11-30T16:00:00.000Z',
      final: false,
    });
    for (const url of publicUrls) expect((await app.inject({ url })).statusCode, url).toBe(200);
    const rankings = (await app.inject({ url: `/api/public/results/${id}/rankings?class=county` })).json();
    expect(rankings.items.map((r: { unitCode: string }) => r.unitCode)).toEqual([
      '330100',
      '330102',
      '330106',
      '330108',
    ]);
    const unit = await app.inject({
      url: `/api/public/results/${id}/units/330106`,
      headers: { 'accept-language': 'en' },
    });
    expect(unit.json().figures).toMatchObject({ total: 70, rank: 3, grade: 'C' });
    expect(unit.json().text).toMatch(/rank/i);
    const csv = await app.inject({ url: `/api/public/results/${id}/rankings.csv` });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFF单位代码,单位,类别,总分,排名,类别单位数,等次,work',
      '330100,杭州市,county,95,1,4,A,95',
      '330102,上城区,county,80,2,4,B,80',
    ]);
    const listed = (await app.inject({ url: '/api/public/results' })).json().items;
    expect(listed.map((s: { id: string }) => s.id)).toContain(id);
    expect(JSON.stringify(listed)).not.toMatch(/inputsHash|createdBy/);
  });

  it('refuses to publish twice or with a stale version', async () => {
    const { app, office, snapshot } = await world();
    const publish = (version: number) =>
      app.inject({
        method: 'POST',
        url: `/api/results/${snapshot.id}/publish`,
        headers: office.headers,
        payload: { version },
      });
    expect((await publish(snapshot.version + 5)).statusCode).toBe(409);
    expect((await publish(snapshot.version)).statusCode).toBe(200);
    const again = await publish(snapshot.version + 1);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('snapshot_state');
  });

  it('takes appeals during the notice period, corrects after an accepted one, and locks afterwards', async () => {
    const { app, clock, office, leader, officeName, leaderName, snapshot, province } = await world();
    const published = (
      await app.inject({
        method: 'POST',
        url: `/api/results/${snapshot.id}/publish`,
        headers: office.headers,
        payload: { version: snapshot.version },
      })
    ).json();

    // The leader appeals for their own unit only.
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/results/${snapshot.id}/appeals`,
      headers: leader.headers,
      payload: { unitCode: '330100', reasons: '不是我单位' },
    });
    expect(foreign.statusCode).toBe(403);
    const unknownEvidence = await app.inject({
      method: 'POST',
      url: `/api/results/${snapshot.id}/appeals`,
      headers: leader.headers,
      payload: { reasons: '附件', evidence: ['a'.repeat(64)] },
    });
    expect(unknownEvidence.statusCode).toBe(404);
    expect(unknownEvidence.json().errors[0].path).toBe('body.evidence[0]');
    const filed = await app.inject({
      method: 'POST',
      url: `/api/results/${snapshot.id}/appeals`,
      headers: leader.headers,
      payload: { reasons: '第三季度数据录入有误，应为 88' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const appeal = filed.json();
    expect(appeal).toMatchObject({ unitCode: '330106', status: 'pending', evidence: [] });

    // Nothing to correct until an appeal is accepted.
    const early = await app.inject({
      method: 'POST',
      url: `/api/results/${snapshot.id}/corrections`,
      headers: office.headers,
      payload: { reason: '更正', version: published.version },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('appeal_state');

    const decided = await app.inject({
      method: 'POST',
      url: `/api/appeals/${appeal.id}/decision`,
      headers: office.headers,
      payload: { decision: 'accepted', reply: '经核实，予以更正', version: appeal.version },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'accepted', reply: '经核实，予以更正' });
    const twice = await app.inject({
      method: 'POST',
      url: `/api/appeals/${appeal.id}/decision`,
      headers: office.headers,
      payload: { decision: 'rejected', reply: '改主意', version: decided.json().version },
    });
    expect(twice.json().code).toBe('appeal_state');

    // The office fixes the value, then corrects: 330106 goes from 70 (rank 3) to 88 (rank 2).
    await setValue(ctx.db, province, '330106', 88);
    clock.advanceMinutes(5);
    const corrected = await app.inject({
      method: 'POST',
      url: `/api/results/${snapshot.id}/corrections`,
      headers: office.headers,
      payload: { reason: '采纳西湖区申诉，更正满意度数据', version: published.version },
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const fix = corrected.json();
    expect(fix).toMatchObject({
      status: 'published',
      correctsId: snapshot.id,
      correctionReason: '采纳西湖区申诉，更正满意度数据',
      noticeEndsAt: published.noticeEndsAt,
    });
    expect(fix.hash).not.toBe(snapshot.hash);
    // The original is kept but superseded, and no longer public; the correction is.
    expect(
      (await app.inject({ url: `/api/results/${snapshot.id}`, headers: office.headers })).json().status,
    ).toBe('superseded');
    expect((await app.inject({ url: `/api/public/results/${snapshot.id}/rankings` })).statusCode).toBe(404);
    const pubUnit = (await app.inject({ url: `/api/public/results/${fix.id}/units/330106` })).json();
    expect(pubUnit.figures).toMatchObject({ total: 88, rank: 2, grade: 'B' });
    const appeals = (
      await app.inject({ url: `/api/results/${snapshot.id}/appeals`, headers: leader.headers })
    ).json();
    expect(appeals.items).toMatchObject([{ id: appeal.id, status: 'accepted', correctedById: fix.id }]);

    // After the notice period: final. No appeals, no corrections.
    clock.current = new Date('2026-11-30T16:00:00.000Z');
    const office2 = await signIn(app, officeName);
    const leader2 = await signIn(app, leaderName);
    const view = (await app.inject({ url: `/api/results/${fix.id}`, headers: office2.headers })).json();
    expect(view.final).toBe(true);
    const late = await app.inject({
      method: 'POST',
      url: `/api/results/${fix.id}/appeals`,
      headers: { ...leader2.headers, 'accept-language': 'en' },
      payload: { reasons: '太晚了' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'result_final' });
    expect(late.json().detail).toMatch(/final/);
    const before = await count(ctx.db, 'result_snapshot', province);
    const lateFix = await app.inject({
      method: 'POST',
      url: `/api/results/${fix.id}/corrections`,
      headers: office2.headers,
      payload: { reason: '晚了', version: fix.version },
    });
    expect(lateFix.json().code).toBe('result_final');
    expect(await count(ctx.db, 'result_snapshot', province)).toBe(before);
    expect((await app.inject({ url: `/api/public/results/${fix.id}` })).json().final).toBe(true);
  });

  it('refuses appeals against a draft, and keeps a leader from deciding', async () => {
    const { app, office, leader, snapshot } = await world();
    const draft = await app.inject({
      method: 'POST',
      url: `/api/results/${snapshot.id}/appeals`,
      headers: leader.headers,
      payload: { reasons: '草稿' },
    });
    // A leader does not see drafts at all.
    expect(draft.statusCode).toBe(404);
    await app.inject({
      method: 'POST',
      url: `/api/results/${snapshot.id}/publish`,
      headers: office.headers,
      payload: { version: snapshot.version },
    });
    const appeal = (
      await app.inject({
        method: 'POST',
        url: `/api/results/${snapshot.id}/appeals`,
        headers: leader.headers,
        payload: { reasons: '理由' },
      })
    ).json();
    const selfDecide = await app.inject({
      method: 'POST',
      url: `/api/appeals/${appeal.id}/decision`,
      headers: leader.headers,
      payload: { decision: 'accepted', reply: '自己通过', version: appeal.version },
    });
    expect(selfDecide.statusCode).toBe(403);
    expect(selfDecide.json().code).toBe('forbidden');
  });
});
