import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/app-context.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { authenticate } from './authenticate.js';
import { authorize } from './authorize.js';
import { permissionSpec } from './permissions.js';
import { sameToken } from './secret-token.js';
import { clearSessionCookie } from './session-cookie.js';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Writes under these paths can end sessions or change accounts, roles or the session policy. */
const ACCOUNT_WRITES = /^\/api\/(?:auth|users|security-policy)(?:[/?]|$)/;

/**
 * Runs before the body is read: who is calling, may they use this route (its declared permission), and
 * for a cookie-authenticated write, does it carry the session's CSRF token in X-CSRF-Token. A cross-site
 * page can make the browser send the cookie but cannot read the token, so it cannot forge the header.
 * Bearer requests need no CSRF token: browsers never attach them on their own.
 */
export function installAuthorisation(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return;
    const permission = request.routeOptions.config.permission;
    if (permission !== undefined && permissionSpec(permission).grantedTo === 'anyone') return;
    const auth = await authenticate(ctx, request);
    const decision = authorize(auth.principal, permission, auth.problem);
    if (!decision.allow) {
      if (auth.problem?.code === 'session_expired') clearSessionCookie(reply, ctx.config.cookieSecure);
      throw decision.problem;
    }
    if (auth.via === 'cookie' && auth.principal?.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, auth.principal.csrfToken))
        throw problem(
          'csrf_failed',
          t(
            '写操作须在 X-CSRF-Token 头中携带会话的 CSRF 令牌（见登录或 /api/auth/me 的响应）',
            'writes must carry the session CSRF token in the X-CSRF-Token header (from the sign-in or /api/auth/me response)',
          ),
        );
    }
    request.principal = auth.principal;
  });
  // Before the response leaves, so that the caller's next request already sees the change.
  app.addHook('onSend', async (request) => {
    if (!SAFE_METHODS.has(request.method) && ACCOUNT_WRITES.test(request.url)) ctx.sessionCache.clear();
  });
}
