import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'xn_session';

/**
 * httpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure when configured, no
 * Max-Age (it dies with the browser; the server's idle and absolute timeouts bound it anyway).
 */
export function setSessionCookie(reply: FastifyReply, secret: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
