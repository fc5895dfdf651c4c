import type { FastifyServerOptions } from 'fastify';
import { DEFAULT_HASH_ALGORITHM, type HashAlgorithm } from '../audit/hash-algorithm.js';
import { DEFAULT_PASSWORD_HASHING, type PasswordHashing } from '../auth/password-hasher.js';

export interface AppConfig {
  /**
   * Secure flag of the session cookie (sent over HTTPS only). On by default; browsers accept it on
   * http://localhost too. Turn it off only for plain-HTTP deployments on other hosts.
   */
  cookieSecure?: boolean;
  /** Largest request body in bytes; larger ones get 413. Default 1 MiB. */
  bodyLimit?: number;
  /** argon2id cost; tests lower it. */
  passwordHashing?: PasswordHashing;
  /** Hash of new audit entries: sha256 (default) or sm3. */
  auditAlgorithm?: HashAlgorithm;
  /** Fastify's logger option; off by default (tests), pino JSON lines when given. */
  logger?: FastifyServerOptions['logger'];
  /** Trust X-Forwarded-* from a reverse proxy (request ip and protocol). */
  trustProxy?: boolean;
}

export type ResolvedAppConfig = Required<Omit<AppConfig, 'logger'>> & Pick<AppConfig, 'logger'>;

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function resolveConfig(config: AppConfig = {}): ResolvedAppConfig {
  return {
    cookieSecure: config.cookieSecure ?? true,
    bodyLimit: config.bodyLimit ?? DEFAULT_BODY_LIMIT,
    passwordHashing: config.passwordHashing ?? DEFAULT_PASSWORD_HASHING,
    auditAlgorithm: config.auditAlgorithm ?? DEFAULT_HASH_ALGORITHM,
    trustProxy: config.trustProxy ?? false,
    logger: config.logger,
  };
}
