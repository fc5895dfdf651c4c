import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditError } from './audit-error.js';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: '是' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"y":"是","z":null}]},"b":1}',
    );
  });

  it('writes numbers in their shortest round-trip form and leaves out undefined properties', () => {
    expect(canonicalJson([1.5, -0.001, 1e21, 100, 0.1 + 0.2])).toBe(
      '[1.5,-0.001,1e+21,100,0.30000000000000004]',
    );
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson(new Date('2026-11-23T00:00:00Z'))).toBe('"2026-11-23T00:00:00.000Z"');
  });

  it('refuses what JSON cannot hold, saying where', () => {
    const thrown = (v: unknown) => {
      try {
        canonicalJson(v);
      } catch (e) {
        return e instanceof AuditError ? [e.code, e.text.en] : e;
      }
      return 'no error';
    };
    expect(thrown({ a: [1, Number.NaN] })).toEqual([
      'entry_invalid',
      'the value NaN at $.a[1] cannot be written as JSON',
    ]);
    expect(thrown([undefined])).toEqual([
      'entry_invalid',
      'the value undefined at $[0] cannot be written as JSON',
    ]);
    expect(thrown({ n: 1n })).toEqual(['entry_invalid', 'the value bigint at $.n cannot be written as JSON']);
    expect(thrown(Number.POSITIVE_INFINITY)).toEqual([
      'entry_invalid',
      'the value Infinity at $ cannot be written as JSON',
    ]);
  });

  it('gives the same text for the same value whatever the key order, and parses back to it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        // JSON has no −0: compare with what JSON itself makes of the value.
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(JSON.stringify(shuffleKeys(value))))).toBe(text);
      }),
    );
  });
});

function shuffleKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffleKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).reverse();
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v)]));
  }
  return value;
}
