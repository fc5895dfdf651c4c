import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAST_HASHING } from '../test/app-fixture.js';
import { startServer } from './start-server.js';

describe('startServer', () => {
  it('migrates a new SQLite file, bootstraps once, and serves on a loopback port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xn-serve-'));
    const file = join(dir, 'xn.db');
    try {
      const first = await startServer({
        databaseUrl: file,
        port: 0,
        config: { passwordHashing: FAST_HASHING, cookieSecure: false },
        bootstrap: { province: { code: '330000', name: '浙江省' }, mustChangePassword: false },
      });
      try {
        expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const health = await fetch(`${first.url}/api/health`);
        expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
        const sys = first.bootstrap?.accounts.find((a) => a.role === 'sysadmin');
        const login = await fetch(`${first.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: sys?.username, password: sys?.password }),
        });
        expect(login.status).toBe(200);
        expect(login.headers.get('set-cookie')).toMatch(
          /^xn_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/,
        );
      } finally {
        await first.close();
      }
      const second = await startServer({
        databaseUrl: file,
        port: 0,
        config: { passwordHashing: FAST_HASHING },
        bootstrap: { province: { code: '330000', name: '浙江省' } },
      });
      expect(second.bootstrap).toBeUndefined();
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
