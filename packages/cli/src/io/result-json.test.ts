import { describe, expect, it } from 'vitest';
import { toPlainJson, writePlainJson } from './result-json.js';

describe('toPlainJson', () => {
  it('turns typed arrays into arrays and NaN/Infinity into null', () => {
    expect(
      toPlainJson({
        a: new Float64Array([1.5, Number.NaN, -0, Number.POSITIVE_INFINITY]),
        b: new Uint8Array([3]),
      }),
    ).toBe('{"a":[1.5,null,0,null],"b":[3]}');
  });

  it('sorts keys at every level and leaves out undefined and functions', () => {
    expect(toPlainJson({ b: 1, a: { d: [undefined, 2], c: 'x' }, u: undefined, f: () => 1 })).toBe(
      '{"a":{"c":"x","d":[null,2]},"b":1}',
    );
  });

  it('gives the same text as JSON.stringify of the plain equivalent', () => {
    const plain = { z: [1, 2, { y: 'é"\n', x: null }], m: true, n: -1e-7 };
    expect(JSON.parse(toPlainJson(plain))).toEqual(plain);
  });

  it('streams long columns in chunks that join to the same text', () => {
    const column = Float64Array.from({ length: 50_000 }, (_, i) => i / 7);
    const chunks: string[] = [];
    writePlainJson({ column }, (c) => chunks.push(c), 4096);
    expect(chunks.length).toBeGreaterThan(10);
    const parsed = JSON.parse(chunks.join(''));
    expect(parsed.column).toHaveLength(50_000);
    expect(parsed.column[49_999]).toBe(49_999 / 7);
  });
});
