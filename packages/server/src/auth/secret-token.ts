import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: the secret of a session cookie or an API token. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session, derived from its secret: only someone who can read the secret (the
 * httpOnly cookie, out of reach of other sites and of scripts) can know it, and nothing needs storing.
 * The prefix keeps it apart from the session's stored hash.
 */
export function csrfTokenFor(sessionSecret: string): string {
  return createHash('sha256').update(`xiaoneng-csrf\u0000${sessionSecret}`, 'utf8').digest('base64url');
}

/** Constant-time comparison of two tokens (different lengths compare unequal at once: length is no secret). */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
