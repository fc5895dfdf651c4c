import type { FastifyRequest } from 'fastify';
import type { Act } from '../app/act.js';
import type { AppContext } from '../app/app-context.js';
import { auditActor, type Principal, type UserPrincipal } from '../auth/principal.js';
import { t } from '../localised.js';
import { problem } from './app-error.js';

/** The caller of a route that requires a permission (the hook has already refused anyone else). */
export function principalOf(request: FastifyRequest): Principal {
  const p = request.principal;
  if (p === undefined) throw problem('unauthenticated', t('请先登录', 'sign in first'));
  return p;
}

/** The signed-in person; for routes that make no sense for an API token. */
export function userOf(request: FastifyRequest): UserPrincipal {
  const p = principalOf(request);
  if (p.kind !== 'user')
    throw problem('forbidden', t('此接口仅供登录用户使用', 'this endpoint is for signed-in people only'));
  return p;
}

/** The act a write of this request records: its principal, its request id, now. */
export function actOf(ctx: AppContext, request: FastifyRequest): Act & { actorId: string } {
  const p = principalOf(request);
  return {
    province: p.province,
    ...auditActor(p),
    actorId: p.kind === 'user' ? p.userId : p.tokenId,
    requestId: request.id,
    at: ctx.clock().toISOString(),
    auditAlgorithm: ctx.config.auditAlgorithm,
  };
}
