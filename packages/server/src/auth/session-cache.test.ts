import { describe, expect, it } from 'vitest';
import { makeApp, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { SESSION_CACHE_MS, SessionCache, type SessionRow } from './session-cache.js';

const row = (username: string): SessionRow => ({
  created_at: '2026-11-23T08:00:00.000Z',
  last_seen_at: '2026-11-23T08:00:00.000Z',
  expires_at: '2026-11-23T20:00:00.000Z',
  revoked_at: null,
  id: username,
  username,
  display_name: username,
  province_code: '330000',
  roles: '["viewer"]',
  unit_code: null,
  must_change_password: 0,
  disabled: 0,
  session_idle_minutes: null,
  session_absolute_minutes: null,
});

describe('SessionCache', () => {
  it('keeps a row for its time to live and not a moment longer', () => {
    const cache = new SessionCache(1_000);
    cache.set('a', row('a'), 10_000);
    expect(cache.get('a', 10_999)?.username).toBe('a');
    expect(cache.get('a', 11_000)).toBeUndefined();
    // Gone for good once expired, even if the clock were set back.
    expect(cache.get('a', 10_500)).toBeUndefined();
  });

  it('does not trust a row read "in the future" (clock set back)', () => {
    const cache = new SessionCache(1_000);
    cache.set('a', row('a'), 10_000);
    expect(cache.get('a', 9_999)).toBeUndefined();
  });

  it('drops the oldest entry when full, and forgets everything on clear', () => {
    const cache = new SessionCache(60_000, 2);
    cache.set('a', row('a'), 0);
    cache.set('b', row('b'), 1);
    cache.set('c', row('c'), 2);
    expect(cache.size).toBe(2);
    expect(cache.get('a', 3)).toBeUndefined();
    expect(cache.get('b', 3)?.username).toBe('b');
    cache.clear();
    expect(cache.get('c', 3)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe.each(DIALECTS)('session cache in the app on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  async function world() {
    const province = await seedProvince(ctx.db);
    const user = await seedUser(ctx.db, province, ['office']);
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    return { user, clock, app, me };
  }

  it('ends sessions read moments ago at once when this server logs the account out everywhere', async () => {
    const w = await world();
    const a = await signIn(w.app, w.user.username);
    const b = await signIn(w.app, w.user.username);
    // Both sessions are now in the cache.
    expect((await w.me(a.cookie)).statusCode).toBe(200);
    expect((await w.me(b.cookie)).statusCode).toBe(200);
    const res = await w.app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: b.headers });
    expect(res.statusCode).toBe(200);
    expect((await w.me(a.cookie)).json().code).toBe('session_expired');
  });

  it('sees a revocation made by another process within the cache time', async () => {
    const w = await world();
    const a = await signIn(w.app, w.user.username);
    expect((await w.me(a.cookie)).statusCode).toBe(200);
    // Another process (a second server, `xn`) ends every session in the database behind this app's back.
    await ctx.db.updateTable('session').set({ revoked_at: '2026-11-23T08:00:00.000Z' }).execute();
    expect((await w.me(a.cookie)).statusCode).toBe(200);
    w.clock.current = new Date(w.clock.current.getTime() + SESSION_CACHE_MS);
    expect((await w.me(a.cookie)).json().code).toBe('session_expired');
  });
});
