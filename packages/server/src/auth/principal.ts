import type { Permission } from './permissions.js';
import type { Role } from './roles.js';

/** A person signed in through a session cookie. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  province: string;
  roles: readonly Role[];
  /** Bound unit (reporter, leader) or subtree root (others); null: the whole province. */
  unitCode: string | null;
  mustChangePassword: boolean;
  /** The session's key; logout revokes it. */
  sessionIdHash: string;
  /** What cookie-authenticated writes must send in X-CSRF-Token. */
  csrfToken: string;
}

/** Another system calling with a Bearer token. */
export interface TokenPrincipal {
  kind: 'token';
  tokenId: string;
  name: string;
  province: string;
  scopes: readonly Permission[];
  unitCode: string | null;
}

export type Principal = UserPrincipal | TokenPrincipal;

/** Who the audit log names for an act of `principal`, and in which role(s). */
export function auditActor(principal: Principal): { actor: string; role: string } {
  return principal.kind === 'user'
    ? { actor: principal.username, role: principal.roles.join(',') || 'none' }
    : { actor: `token:${principal.tokenId}`, role: 'token' };
}
