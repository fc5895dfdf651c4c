import { type DataValue, SOURCES, valueTable } from '@xiaoneng/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalInputBytes, decodeInputs, encodeInputs, snapshotHash } from './scoring-inputs.js';

const units = [
  { code: 'B', name: '乙', class: 'c' },
  { code: 'A', name: '甲', class: 'c', parent: 'B', elasticity: 1.1 },
];
const values: DataValue[] = [
  { unit: 'A', element: 'x', period: '2026', source: 'self', value: 1.5 },
  { unit: 'A', element: 'x', period: '2026', source: 'survey', value: 2 },
  { unit: 'B', element: 'y', period: '2025', source: 'self', value: -3 },
  { unit: 'B', element: 'x', period: '2026', source: 'thirdParty', value: 0.1 },
];

describe('canonical scoring inputs', () => {
  it('gives the same hash whatever order units and values come in', () => {
    const reference = encodeInputs({ units, values: valueTable(values) }).hash;
    fc.assert(
      fc.property(fc.shuffledSubarray(values, { minLength: 4, maxLength: 4 }), fc.boolean(), (vs, flip) => {
        const us = flip ? [...units].reverse() : units;
        expect(encodeInputs({ units: us, values: valueTable(vs) }).hash).toBe(reference);
      }),
    );
  });

  it('changes the hash when one value, source or unit changes', () => {
    const base = encodeInputs({ units, values: valueTable(values) }).hash;
    const changed = values.map((v, i) => (i === 0 ? { ...v, value: 1.5000000001 } : v));
    expect(encodeInputs({ units, values: valueTable(changed) }).hash).not.toBe(base);
    const resourced = values.map((v, i) => (i === 1 ? { ...v, source: 'inspection' as const } : v));
    expect(encodeInputs({ units, values: valueTable(resourced) }).hash).not.toBe(base);
    const moved = [{ ...units[0]!, class: 'd' }, units[1]!];
    expect(encodeInputs({ units: moved, values: valueTable(values) }).hash).not.toBe(base);
  });

  it('lays values out in code order: 24 bytes each after the header line', () => {
    const bytes = canonicalInputBytes({ units, values: valueTable(values) });
    const nl = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(0, nl).toString('utf8'));
    expect(header.units.map((u: { code: string }) => u.code)).toEqual(['A', 'B']);
    expect(header.elements).toEqual(['x', 'y']);
    expect(header.periods).toEqual(['2025', '2026']);
    const body = bytes.subarray(nl + 1);
    expect(body.length).toBe(4 * 24);
    // First record: unit A (0), element x (0), period 2026 (1), self (0), 1.5.
    expect([body.readUInt32LE(0), body.readUInt32LE(4), body.readUInt32LE(8), body.readUInt32LE(12)]).toEqual(
      [0, 0, 1, 0],
    );
    expect(body.readDoubleLE(16)).toBe(1.5);
    // Last record: unit B, element y, period 2025, self, -3.
    expect(body.readUInt32LE(72)).toBe(1);
    expect(body.readUInt32LE(76)).toBe(1);
    expect(body.readUInt32LE(80)).toBe(0);
    expect(body.readDoubleLE(88)).toBe(-3);
  });

  it('decodes to the same facts', () => {
    const back = decodeInputs(encodeInputs({ units, values: valueTable(values) }).blob);
    expect(back.units.map((u) => u.code)).toEqual(['A', 'B']);
    expect(back.units[0]).toEqual({ code: 'A', name: '甲', class: 'c', parent: 'B', elasticity: 1.1 });
    const facts = Array.from({ length: back.values.length }, (_, i) => ({
      unit: back.values.unitCodes[back.values.unit[i]!],
      source: SOURCES[back.values.source[i]!],
      value: back.values.value[i],
    }));
    expect(facts).toEqual([
      { unit: 'A', source: 'self', value: 1.5 },
      { unit: 'A', source: 'survey', value: 2 },
      { unit: 'B', source: 'thirdParty', value: 0.1 },
      { unit: 'B', source: 'self', value: -3 },
    ]);
  });

  it('refuses a value of a unit that is not among the units', () => {
    expect(() =>
      canonicalInputBytes({
        units,
        values: valueTable([{ unit: 'Z', element: 'x', period: '2026', source: 'self', value: 1 }]),
      }),
    ).toThrow(/unit "Z"/);
  });

  it('derives the snapshot hash from both hashes', () => {
    expect(snapshotHash('a', 'b')).toBe(snapshotHash('a', 'b'));
    expect(snapshotHash('a', 'b')).not.toBe(snapshotHash('a', 'c'));
    expect(snapshotHash('a', 'b')).not.toBe(snapshotHash('b', 'a'));
  });
});
