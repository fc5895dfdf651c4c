import { describe, expect, it } from 'vitest';
import { makeApp, TestClock } from '../test/app-fixture.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(DIALECTS)('HTTP application on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  it('answers the health check with the database dialect, and gives every response a request id', async () => {
    const app = await makeApp(ctx.db, new TestClock());
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it("keeps a caller's acceptable request id and replaces one that is not", async () => {
    const app = await makeApp(ctx.db, new TestClock());
    const kept = await app.inject({
      method: 'GET',
      url: '/api/nowhere',
      headers: { 'x-request-id': 'gw-123.abc' },
    });
    expect(kept.headers['x-request-id']).toBe('gw-123.abc');
    expect(kept.json().requestId).toBe('gw-123.abc');
    const replaced = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'a b<script>' },
    });
    expect(replaced.headers['x-request-id']).toMatch(UUID);
  });

  it('turns malformed JSON into a problem that says where, in zh-CN by default and in en on request', async () => {
    const app = await makeApp(ctx.db, new TestClock());
    const zh = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a",\n bad}',
    });
    expect(zh.statusCode).toBe(400);
    expect(zh.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(zh.headers['content-language']).toBe('zh-CN');
    const body = zh.json();
    expect(body).toMatchObject({
      type: 'urn:xiaoneng:problem:malformed_json',
      title: '请求体不是有效的 JSON',
      status: 400,
      code: 'malformed_json',
      instance: '/api/auth/login',
      requestId: zh.headers['x-request-id'],
    });
    // V8 names the position for this kind of error; the handler turns it into line and column.
    expect(body.detail).toMatch(/^请求体不是有效的 JSON（第 2 行第 2 列）：/);
    const en = await app.inject({
      method: 'POST',
      url: '/api/auth/login?x=1',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9' },
      payload: '{"username": }',
    });
    expect(en.json()).toMatchObject({
      title: 'The request body is not valid JSON',
      instance: '/api/auth/login',
    });
    // Without a position from V8, its own message quotes the text around the fault.
    expect(en.json().detail).toMatch(/^the request body is not valid JSON: Unexpected token '}'/);
  });

  it('refuses JSON that tries to set __proto__', async () => {
    const app = await makeApp(ctx.db, new TestClock());
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"a","password":"b","__proto__":{"admin":true}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('malformed_json');
  });

  it('lists every schema failure with its field path', async () => {
    const app = await makeApp(ctx.db, new TestClock());
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username: 42, extra: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      title: 'The input is not valid',
      errors: [
        { path: 'body.password', message: 'is required' },
        { path: 'body.extra', message: 'is not an allowed field' },
        { path: 'body.username', message: 'must be a string' },
      ],
    });
    const empty = await app.inject({ method: 'POST', url: '/api/auth/login' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([{ path: 'body', message: '应为对象' }]);
  });

  it('reads JSON only: text/plain is 415 (no CORS-simple bodies)', async () => {
    const app = await makeApp(ctx.db, new TestClock());
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: '{"username":"a","password":"b"}',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_media_type');
  });

  it('refuses a body over the limit with 413', async () => {
    const app = await makeApp(ctx.db, new TestClock(), { bodyLimit: 1000 });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'x'.repeat(2000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large', detail: '请求体超过上限 1000 字节' });
  });

  it('answers an unknown route with a 404 problem naming it', async () => {
    const app = await makeApp(ctx.db, new TestClock());
    const res = await app.inject({
      method: 'DELETE',
      url: '/api/health',
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      code: 'route_not_found',
      detail: 'there is no endpoint DELETE /api/health: see /api/docs',
    });
  });

  it('logs an unexpected error with the request id and answers a generic 500 that reveals nothing', async () => {
    const lines: string[] = [];
    const app = await makeApp(ctx.db, new TestClock(), {
      logger: { level: 'error', stream: { write: (line: string) => lines.push(line) } },
    });
    app.get('/api/test/crash', { config: { permission: 'public' } }, async () => {
      throw new Error('connection string postgres://secret@db');
    });
    const res = await app.inject({ method: 'GET', url: '/api/test/crash' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'internal_error', status: 500 });
    expect(res.body).not.toContain('secret');
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unexpected error');
    expect(logged?.reqId).toBe(res.headers['x-request-id']);
    expect(logged?.err.message).toBe('connection string postgres://secret@db');
  });

  it('refuses to start with a route that declares no permission (default deny)', async () => {
    const app = await makeApp(ctx.db, new TestClock());
    expect(() => app.get('/api/test/open', async () => 'oops')).toThrow(
      'route GET /api/test/open declares no permission (config.permission)',
    );
  });

  it('serves the OpenAPI document from the route schemas, with each permission and how to authenticate', async () => {
    const app = await makeApp(ctx.db, new TestClock());
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/users/{id}/roles', '/api/audit/verify']),
    );
    const put = doc.paths['/api/users/{id}'].put;
    expect(put.description).toBe('Permission `users.write`: sysadmin.');
    expect(put.security).toEqual([{ session: [], csrf: [] }]);
    expect(put.requestBody.content['application/json'].schema.required).toEqual(['version']);
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    const ui = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
  });
});
