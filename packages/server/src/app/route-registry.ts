import type { FastifyInstance } from 'fastify';
import type { Permission } from '../auth/permissions.js';

/** A route as the RBAC matrix and docs/rbac.md list it. */
export interface RegisteredRoute {
  method: string;
  url: string;
  permission: Permission;
  summary: string | undefined;
}

export const DOCS_PREFIX = '/api/docs';

/**
 * Collects every route as it is registered and refuses, at start-up, any that declares no permission
 * (default deny made loud). The API documentation's own routes are public by decision.
 */
export function installRouteRegistry(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(DOCS_PREFIX)) route.config = { ...route.config, permission: 'public' };
    const permission = route.config?.permission;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (permission === undefined)
      throw new Error(`route ${methods.join(',')} ${route.url} declares no permission (config.permission)`);
    for (const method of methods)
      routes.push({
        method,
        url: route.url,
        permission,
        summary: route.schema?.summary as string | undefined,
      });
  });
  return routes;
}
