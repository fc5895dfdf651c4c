import type { SwaggerOptions } from '@fastify/swagger';
import type { RouteOptions } from 'fastify';
import { CSRF_HEADER } from '../auth/authorisation-hook.js';
import { permissionSpec } from '../auth/permissions.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';

export const openApiOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'xiaoneng 效能 API',
      version: '0.1.0',
      description:
        'REST API of xiaoneng. Errors are RFC 9457 problem+json in the language of Accept-Language (zh-CN by default, en). ' +
        'Cookie-authenticated writes must send the session CSRF token in X-CSRF-Token. API tokens go in Authorization: Bearer.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  },
};

/**
 * Writes each route's permission and the roles holding it into its OpenAPI entry, from the same table
 * the authorisation hook enforces, and marks how it authenticates.
 */
export function describeRouteAccess(route: RouteOptions): void {
  const permission = route.config?.permission;
  if (permission === undefined || route.schema === undefined) return;
  const spec = permissionSpec(permission);
  const who =
    spec.grantedTo === 'anyone'
      ? 'public'
      : spec.grantedTo === 'signedIn'
        ? 'any signed-in account'
        : spec.grantedTo.join(', ');
  const tokens = spec.tokenScope ? `; API tokens with scope \`${permission}\`` : '';
  route.schema.description = `Permission \`${permission}\`: ${who}${tokens}.`;
  if (spec.grantedTo === 'anyone') return;
  const methodList = Array.isArray(route.method) ? route.method : [route.method];
  const writes = methodList.some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m));
  const session: Record<string, string[]> = writes ? { session: [], csrf: [] } : { session: [] };
  route.schema.security = spec.tokenScope ? [session, { bearer: [] }] : [session];
}
