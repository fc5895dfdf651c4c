import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registeredRoutes } from '../app/build-app.js';
import { createDatabase } from '../db/database.js';
import { makeApp, seedUser, TestClock } from '../test/app-fixture.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { createApiToken } from './api-token-repository.js';
import { TOKEN_SCOPES } from './permissions.js';
import { CALLERS, type Caller, expectedAccess, matrixRoutes, renderRbacMarkdown } from './rbac-matrix.js';
import { ROLES } from './roles.js';
import { createSession } from './session-repository.js';

const DOC = new URL('../../../../docs/rbac.md', import.meta.url);

/** A path parameter value that names nothing, so that an allowed call reaches the handler and stops there. */
function concrete(url: string): string {
  return url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000').replace('*', 'x');
}

describe.each(DIALECTS)('RBAC matrix on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  it('answers every route as the permission table says, for every caller', async () => {
    const province = await seedProvince(ctx.db);
    const clock = new TestClock();
    const app = await makeApp(ctx.db, clock);
    await app.ready();
    const users = new Map<string, string>();
    for (const role of ROLES)
      users.set(
        role,
        (
          await seedUser(
            ctx.db,
            province,
            [role],
            role === 'reporter' || role === 'leader' ? { unitCode: '330106' } : {},
          )
        ).id,
      );
    const { secret: tokenSecret } = await createApiToken(
      ctx.db,
      {
        province,
        actor: 'test',
        role: 'test',
        requestId: undefined,
        at: clock.now().toISOString(),
        auditAlgorithm: 'sha256',
      },
      { name: 'all scopes', scopes: TOKEN_SCOPES, unitCode: null, expiresInDays: 1 },
    );
    const headersFor = async (caller: Caller): Promise<Record<string, string>> => {
      if (caller === 'anonymous') return {};
      if (caller === 'token') return { authorization: `Bearer ${tokenSecret}` };
      // A new session per call: some allowed calls end theirs (logout).
      const s = await createSession(ctx.db, {
        userId: users.get(caller)!,
        province,
        at: clock.now(),
        absoluteMinutes: 60,
      });
      return { cookie: `xn_session=${s.secret}`, 'x-csrf-token': s.csrfToken };
    };

    const routes = matrixRoutes(registeredRoutes(app));
    expect(routes.length).toBeGreaterThanOrEqual(19);
    const mismatches: string[] = [];
    for (const route of routes) {
      for (const caller of CALLERS) {
        const res = await app.inject({
          method: route.method as 'GET',
          url: concrete(route.url),
          headers: await headersFor(caller),
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        const code = String(res.headers['content-type']).startsWith('application/problem+json')
          ? res.json().code
          : undefined;
        const denied = res.statusCode === 401 || (res.statusCode === 403 && code === 'forbidden');
        const expected = expectedAccess(route.permission, caller);
        if (denied === expected)
          mismatches.push(`${route.method} ${route.url} as ${caller}: ${res.statusCode} ${code ?? ''}`);
        if (!expected)
          expect(res.statusCode, `${route.method} ${route.url} as ${caller}`).toBe(
            caller === 'anonymous' ? 401 : 403,
          );
      }
    }
    expect(mismatches).toEqual([]);
    // Every route × every caller, each a request with its own session: over a thousand requests.
  }, 180_000);
});

describe('docs/rbac.md', () => {
  it('is generated from the permission table and the registered routes', async () => {
    const db = createDatabase(':memory:');
    try {
      const app = await makeApp(db, new TestClock());
      await app.ready();
      const text = renderRbacMarkdown(registeredRoutes(app));
      if (process.env.XN_WRITE_DOCS === '1') writeFileSync(DOC, text);
      const onDisk = readFileSync(DOC, 'utf8');
      expect(
        onDisk,
        'docs/rbac.md is stale: XN_WRITE_DOCS=1 npx vitest run packages/server/src/auth/rbac-matrix.test.ts',
      ).toBe(text);
      await app.close();
    } finally {
      await db.destroy();
    }
  });

  it('lists a route as allowed exactly where the table grants it', () => {
    expect(expectedAccess('audit.read', 'auditor')).toBe(true);
    expect(expectedAccess('audit.read', 'sysadmin')).toBe(false);
    expect(expectedAccess('self', 'anonymous')).toBe(false);
    expect(expectedAccess('self', 'token')).toBe(false);
    expect(expectedAccess('public', 'anonymous')).toBe(true);
    expect(expectedAccess('values.import', 'token')).toBe(true);
  });
});
