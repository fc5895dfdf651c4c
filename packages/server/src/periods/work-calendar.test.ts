import { describe, expect, it } from 'vitest';
import { addValue, seedResultsWorld } from '../results/results-fixture.js';
import { auditActions, makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

/**
 * National Day 2026 as an office would enter it: 1 October is a Thursday; Thu 1, Fri 2, Mon 5, Tue 6 and
 * Wed 7 are holidays (Sat 3 and Sun 4 are off anyway) and Saturday 10 October is worked in exchange.
 */
const NATIONAL_DAY = [
  { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-02', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-05', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-06', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-07', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-10', kind: 'workday', name: '国庆节调休' },
];

describe.each(DIALECTS)('working-day calendar on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const w = await seedResultsWorld(ctx.db);
    // Tuesday 29 September 2026, 10:00 in Beijing.
    const clock = new TestClock(new Date('2026-09-29T02:00:00.000Z'));
    const app = await makeApp(ctx.db, clock);
    const office = await signIn(app, (await seedUser(ctx.db, w.province, ['office'])).username);
    const put = (days: unknown) =>
      app.inject({ method: 'PUT', url: '/api/calendar/2026', headers: office.headers, payload: { days } });
    const get = () => app.inject({ url: '/api/calendar/2026', headers: office.headers });
    return { ...w, app, office, put, get };
  }

  it('stores a year of holidays and weekend working days, replaces it whole, and audits the change', async () => {
    const w = await world();
    const res = await w.put(NATIONAL_DAY);
    expect(res.statusCode, res.body).toBe(200);
    expect((await w.get()).json()).toEqual({ year: 2026, days: NATIONAL_DAY });
    expect((await w.put([NATIONAL_DAY[5]])).statusCode).toBe(200);
    expect((await w.get()).json().days).toEqual([NATIONAL_DAY[5]]);
    expect((await auditActions(ctx.db, w.province)).filter((a) => a === 'calendar.replace')).toHaveLength(2);
  });

  it('refuses impossible dates, other years, repeats and days that change nothing, each at its path, and keeps the old calendar', async () => {
    const w = await world();
    await w.put(NATIONAL_DAY);
    const res = await w.put([
      { day: '2026-02-30', kind: 'holiday', name: null },
      { day: '2025-10-01', kind: 'holiday', name: null },
      { day: '2026-10-01', kind: 'holiday', name: null },
      { day: '2026-10-01', kind: 'holiday', name: null },
      { day: '2026-10-03', kind: 'holiday', name: null },
      { day: '2026-10-09', kind: 'workday', name: null },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.days[0].day',
      'body.days[1].day',
      'body.days[3].day',
      'body.days[4].day',
      'body.days[5].day',
    ]);
    expect((await w.get()).json().days).toEqual(NATIONAL_DAY);
    const en = await w.app.inject({
      method: 'PUT',
      url: '/api/calendar/2026',
      headers: { ...w.office.headers, 'accept-language': 'en' },
      payload: { days: [{ day: '2026-10-03', kind: 'holiday', name: null }] },
    });
    expect(en.json().errors[0].message).toBe('2026-10-03 is a weekend day: already a day off');
  });

  it('counts the notice period in working days of the calendar: National Day is not part of it', async () => {
    const w = await world();
    await addValue(ctx.db, w.province, '330100', 95);
    const publish = async () => {
      const run = await w.app.inject({
        method: 'POST',
        url: '/api/results',
        headers: w.office.headers,
        payload: { plan: 'P', period: '2026' },
      });
      const { snapshot } = run.json();
      const pub = await w.app.inject({
        method: 'POST',
        url: `/api/results/${snapshot.id}/publish`,
        headers: w.office.headers,
        payload: { version: snapshot.version, noticeDays: 5 },
      });
      expect(pub.statusCode, pub.body).toBe(200);
      return pub.json().noticeEndsAt as string;
    };
    // Without a calendar: Wed 30 Sep, Thu 1, Fri 2, Mon 5, Tue 6 October; ends at midnight into Wed 7.
    expect(await publish()).toBe('2026-10-06T16:00:00.000Z');
    await w.put(NATIONAL_DAY);
    await addValue(ctx.db, w.province, '330102', 80);
    // With it: Wed 30 Sep, Thu 8, Fri 9, Sat 10 (worked), Mon 12 October; ends at midnight into Tue 13.
    expect(await publish()).toBe('2026-10-12T16:00:00.000Z');
  });
});
