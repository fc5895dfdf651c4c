import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPostgresBin } from './postgres-cluster.js';

describe('findPostgresBin', () => {
  it('finds a bin/ with initdb on this machine', () => {
    expect(existsSync(join(findPostgresBin({}), 'initdb'))).toBe(true);
  });

  it('fails with an install hint instead of skipping', () => {
    expect(() => findPostgresBin({ XN_PG_BIN: '/nonexistent/bin' })).toThrow(
      'XN_PG_BIN=/nonexistent/bin has no initdb: install postgresql (apt-get install postgresql), or point XN_PG_BIN at its bin/',
    );
  });
});
