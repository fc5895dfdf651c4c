import type { FastifyServerOptions } from 'fastify';
import { DEFAULT_HASH_ALGORITHM, type HashAlgorithm } from '../audit/hash-algorithm.js';
import { DEFAULT_PASSWORD_HASHING, type PasswordHashing } from '../auth/password-hasher.js';
import { DEFAULT_WEB_ROOT } from '../http/web-assets.js';

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
  /** Where and what evidence files (佐证材料) are kept; see DEFAULT_EVIDENCE. */
  evidence?: Partial<EvidenceConfig>;
  /** The built web application to serve beside the API; false: none. Default packages/web/dist, if built. */
  webRoot?: string | false;
}

export interface EvidenceConfig {
  /** Directory of the content-addressed store (files named by SHA-256). */
  directory: string;
  /** Largest file in bytes; larger uploads get 413. */
  maxBytes: number;
  /** Media types accepted, checked against the file's first bytes. */
  mediaTypes: readonly string[];
}

export const DEFAULT_EVIDENCE: EvidenceConfig = {
  directory: './data/evidence',
  maxBytes: 20 * 1024 * 1024,
  mediaTypes: [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/ofd',
  ],
};

export type ResolvedAppConfig = Required<Omit<AppConfig, 'logger' | 'evidence'>> &
  Pick<AppConfig, 'logger'> & { evidence: EvidenceConfig };

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function resolveConfig(config: AppConfig = {}): ResolvedAppConfig {
  return {
    cookieSecure: config.cookieSecure ?? true,
    bodyLimit: config.bodyLimit ?? DEFAULT_BODY_LIMIT,
    passwordHashing: config.passwordHashing ?? DEFAULT_PASSWORD_HASHING,
    auditAlgorithm: config.auditAlgorithm ?? DEFAULT_HASH_ALGORITHM,
    trustProxy: config.trustProxy ?? false,
    logger: config.logger,
    evidence: { ...DEFAULT_EVIDENCE, ...config.evidence },
    webRoot: config.webRoot ?? DEFAULT_WEB_ROOT,
  };
}
