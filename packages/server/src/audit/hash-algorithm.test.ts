import { describe, expect, it } from 'vitest';
import { AuditError } from './audit-error.js';
import { digestHex, requireHashAlgorithm } from './hash-algorithm.js';

describe('hash algorithms', () => {
  it('compute the published test vectors of SHA-256 and SM3 for "abc"', () => {
    expect(digestHex('sha256', 'abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    // GB/T 32905-2016, example 1.
    expect(digestHex('sm3', 'abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('accept the known algorithms this process can compute', () => {
    expect(requireHashAlgorithm('sha256')).toBe('sha256');
    expect(requireHashAlgorithm('sm3')).toBe('sm3');
  });

  it('refuse an unknown name and an algorithm OpenSSL lacks, rather than fall back', () => {
    const failure = (name: string, available?: string[]) => {
      try {
        requireHashAlgorithm(name, available);
      } catch (e) {
        return e instanceof AuditError ? { code: e.code, zh: e.text['zh-CN'], en: e.text.en } : e;
      }
      return 'no error';
    };
    expect(failure('md5')).toEqual({
      code: 'algorithm_unknown',
      zh: '未知的哈希算法“md5”：可选 sha256、sm3',
      en: 'unknown hash algorithm "md5": choose one of sha256, sm3',
    });
    expect(failure('sm3', ['sha256'])).toEqual({
      code: 'algorithm_unavailable',
      zh: '本机 Node.js 的 OpenSSL 不支持哈希算法 sm3：请换用带 sm3 的 OpenSSL 构建，或选用 sha256',
      en: "this Node.js build's OpenSSL cannot compute sm3: use a build whose OpenSSL has it, or choose sha256",
    });
  });
});
