import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../app/app-instance.js';
import { registeredRoutes } from '../app/build-app.js';
import { createDatabase, type Db } from '../db/database.js';
import { makeApp, TestClock } from '../test/app-fixture.js';
import { WEB_CSP } from './web-assets.js';

// Static serving touches no table: one in-memory SQLite database suffices, whatever the dialect.
describe('web assets', () => {
  let dir: string;
  let db: Db;
  let app: AppInstance;
  let bare: AppInstance;
  const INDEX =
    '<!doctype html><title>xn</title><script type="module" src="/assets/index-abc123.js"></script>';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xn-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, '..', 'secret-beside-web-root.txt'), 'no');
    db = createDatabase(':memory:');
    app = await makeApp(db, new TestClock(), { webRoot: dir });
    bare = await makeApp(db, new TestClock(), { webRoot: join(dir, 'missing') });
  });

  afterAll(async () => {
    await app.close();
    await bare.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(dir, '..', 'secret-beside-web-root.txt'), { force: true });
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(1);');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers the start page and every client-side route with index.html, revalidated, with the CSP', async () => {
    for (const url of [
      '/',
      '/dashboard',
      '/entry/P1/2026Q1/330106?x=1',
      '/public/results/abc/units/330106',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(INDEX);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-security-policy'], url).toBe(WEB_CSP);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
  });

  it('serves other files of the build unhashed, revalidated', async () => {
    const res = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing hashed asset with 404, not with HTML', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-old999.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('never serves a file outside the web root', async () => {
    for (const url of [
      '/../secret-beside-web-root.txt',
      '/%2e%2e/secret-beside-web-root.txt',
      '/a/%2e%2e/%2e%2e/x',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.body, url).not.toBe('no');
    }
  });

  it('leaves /api alone: unknown API paths and non-GET methods stay problem+json 404s', async () => {
    for (const [method, url] of [
      ['GET', '/api/no-such-endpoint'],
      ['GET', '/api'],
      ['POST', '/dashboard'],
    ] as const) {
      const res = await app.inject({ method, url, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ code: 'route_not_found' });
    }
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-type']).toMatch(/json/);
  });

  it('registers no route: the route table and the RBAC matrix list the API only', () => {
    expect(registeredRoutes(app).map((r) => `${r.method} ${r.url}`)).toEqual(
      registeredRoutes(bare).map((r) => `${r.method} ${r.url}`),
    );
    expect(registeredRoutes(app).every((r) => r.url.startsWith('/api'))).toBe(true);
  });

  it('serves nothing without a built web root, and the API is unaffected', async () => {
    const page = await bare.inject({ method: 'GET', url: '/dashboard' });
    expect(page.statusCode).toBe(404);
    expect(page.json()).toMatchObject({ code: 'route_not_found' });
    expect((await bare.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
