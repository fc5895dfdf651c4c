import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config-from-env.js';

describe('configFromEnv', () => {
  it('reads the switches it knows and leaves everything else to the defaults', () => {
    expect(configFromEnv({})).toEqual({});
    expect(
      configFromEnv({ XN_COOKIE_SECURE: 'false', XN_TRUST_PROXY: 'true', XN_AUDIT_HASH: 'sm3' }),
    ).toEqual({
      cookieSecure: false,
      trustProxy: true,
      auditAlgorithm: 'sm3',
    });
    expect(configFromEnv({ XN_COOKIE_SECURE: 'true', XN_AUDIT_HASH: 'md5' })).toEqual({ cookieSecure: true });
  });
});
