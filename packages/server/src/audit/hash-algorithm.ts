import { createHash, getHashes } from 'node:crypto';
import { t } from '../localised.js';
import { AuditError } from './audit-error.js';

/** SHA-256 by default; SM3 (GB/T 32905) for 国密 deployments. Both give 32-byte digests. */
export const HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];
export const DEFAULT_HASH_ALGORITHM: HashAlgorithm = 'sha256';

/** The `prev_hash` of the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

export function isHashAlgorithm(name: string): name is HashAlgorithm {
  return (HASH_ALGORITHMS as readonly string[]).includes(name);
}

/**
 * Checks that `name` is a known algorithm this process can compute, and returns it. `available` defaults to
 * what Node's OpenSSL offers; SM3 is missing from builds without it, and that must fail loudly, not fall
 * back to SHA-256.
 */
export function requireHashAlgorithm(
  name: string,
  available: readonly string[] = getHashes(),
): HashAlgorithm {
  if (!isHashAlgorithm(name)) {
    throw new AuditError(
      'algorithm_unknown',
      t(
        `未知的哈希算法“${name}”：可选 ${HASH_ALGORITHMS.join('、')}`,
        `unknown hash algorithm "${name}": choose one of ${HASH_ALGORITHMS.join(', ')}`,
      ),
    );
  }
  if (!available.includes(name)) {
    throw new AuditError(
      'algorithm_unavailable',
      t(
        `本机 Node.js 的 OpenSSL 不支持哈希算法 ${name}：请换用带 ${name} 的 OpenSSL 构建，或选用 sha256`,
        `this Node.js build's OpenSSL cannot compute ${name}: use a build whose OpenSSL has it, or choose sha256`,
      ),
    );
  }
  return name;
}

export function digestHex(algorithm: HashAlgorithm, data: string): string {
  return createHash(algorithm).update(data, 'utf8').digest('hex');
}
