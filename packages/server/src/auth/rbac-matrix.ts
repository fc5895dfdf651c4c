import { DOCS_PREFIX, type RegisteredRoute } from '../app/route-registry.js';
import { PERMISSION_NAMES, type Permission, permissionSpec } from './permissions.js';
import { ROLE_LABELS, ROLES, type Role } from './roles.js';

/** Who calls: no credential, a signed-in account with one role, or an API token holding every scope. */
export type Caller = 'anonymous' | Role | 'token';

export const CALLERS: readonly Caller[] = ['anonymous', ...ROLES, 'token'];

/** Whether `caller` may use a route requiring `permission`: THE table, read one way. */
export function expectedAccess(permission: Permission, caller: Caller): boolean {
  const spec = permissionSpec(permission);
  if (spec.grantedTo === 'anyone') return true;
  if (caller === 'anonymous') return false;
  if (caller === 'token') return spec.tokenScope;
  return spec.grantedTo === 'signedIn' || spec.grantedTo.includes(caller);
}

/** The routes the matrix lists: all but the API documentation's own (public by decision). */
export function matrixRoutes(routes: readonly RegisteredRoute[]): RegisteredRoute[] {
  return routes.filter((r) => !r.url.startsWith(DOCS_PREFIX));
}

const cell = (allowed: boolean) => (allowed ? '✓' : '·');

/** docs/rbac.md, generated from the permission table and the routes an app registered. */
export function renderRbacMarkdown(routes: readonly RegisteredRoute[]): string {
  const listed = matrixRoutes(routes);
  const header = ['Route', 'Permission', ...CALLERS];
  const lines = [
    '# Roles and access (RBAC)',
    '',
    '<!-- Generated from packages/server/src/auth/permissions.ts and the routes buildApp registers. Do not edit:',
    '     XN_WRITE_DOCS=1 npx vitest run packages/server/src/auth/rbac-matrix.test.ts -->',
    '',
    'Every route declares one permission; access is denied unless the table below grants it (default deny). A',
    'test calls every route as every caller and checks the answer against this table. `token` is an API token',
    'carrying every scope a token may carry (Authorization: Bearer); a token never carries the others.',
    '',
    '## Routes',
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...listed.map(
      (r) =>
        `| \`${r.method} ${r.url}\` | \`${r.permission}\` | ${CALLERS.map((c) => cell(expectedAccess(r.permission, c))).join(' | ')} |`,
    ),
    '',
    `The API documentation (\`${DOCS_PREFIX}\`, \`${DOCS_PREFIX}/json\` and its assets) is public.`,
    '',
    '## Permissions',
    '',
    '| Permission | What it allows | Granted to | API token scope | Routes |',
    '| --- | --- | --- | --- | --- |',
    ...PERMISSION_NAMES.map((p) => {
      const spec = permissionSpec(p);
      const granted =
        spec.grantedTo === 'anyone'
          ? 'anyone, no sign-in'
          : spec.grantedTo === 'signedIn'
            ? 'every signed-in account'
            : spec.grantedTo.join(', ');
      const count = listed.filter((r) => r.permission === p).length;
      return `| \`${p}\` | ${spec.description.en} (${spec.description['zh-CN']}) | ${granted} | ${spec.tokenScope ? 'yes' : 'no'} | ${count === 0 ? 'none yet' : count} |`;
    }),
    '',
    '## Roles',
    '',
    '| Role | 中文 |',
    '| --- | --- |',
    ...ROLES.map((r) => `| \`${r}\` | ${ROLE_LABELS[r]['zh-CN']} |`),
    '',
    '## Rules beyond the table',
    '',
    '- 三员分立: an administrator role (`sysadmin`, `secadmin`, `auditor`) is the only role of its account, so no',
    '  one holds two of them. The system administrator manages accounts but not roles; the security',
    '  administrator assigns roles and unit scopes (never their own), sets the security policy and issues API',
    '  tokens; the audit administrator only reads and verifies the audit log. The system administrator cannot',
    '  change, disable or reset an administrator account; the last enabled holder of an administrator role',
    '  keeps it.',
    '- `reporter` and `leader` are never held together: no one reviews their own submission.',
    '- Row scope: a `reporter` or `leader` is bound to one unit and acts for it only; other roles may be bound',
    '  to a unit and then see that unit and everything under it (a city office sees its districts, streets and',
    '  villages); unbound, they see the whole province. API tokens may be bound to a subtree the same way.',
    '  Routes that touch a unit check it with `requireUnitInScope` (403 `out_of_scope`).',
    '- An account with a temporary password (set by the system administrator) may use only the `self` routes',
    '  until it changes it.',
    '- Cookie-authenticated writes must carry the session CSRF token in `X-CSRF-Token`.',
    '',
  ];
  return lines.join('\n');
}
