import type { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';

// What this server adds to Fastify's types: the permission each route declares in its config, and the
// principal the authorisation hook puts on the request.
declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required of every route (checked at start-up); see auth/permissions.ts. */
    permission?: Permission;
  }
  interface FastifyRequest {
    /** Who is calling; undefined on public routes. */
    principal: Principal | undefined;
  }
}
