import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeTable } from './code-table.js';

describe('CodeTable', () => {
  it('finds codes by span and misses everything else', () => {
    const table = new CodeTable([
      ['done', 0],
      ['total', 1],
      ['自评', 2],
    ]);
    const text = 'x,done,total,自评,don,done ,totals';
    const span = (s: string) => {
      const a = text.indexOf(s);
      return table.get(text, a, a + s.length);
    };
    expect(span('done')).toBe(0);
    expect(span('total')).toBe(1);
    expect(span('自评')).toBe(2);
    expect(span('don,')).toBe(-1);
    expect(span('done ')).toBe(-1);
    expect(span('totals')).toBe(-1);
    expect(table.get(text, 0, 0)).toBe(-1);
  });

  it('keeps the first id of a code given twice', () => {
    expect(
      new CodeTable([
        ['a', 1],
        ['a', 2],
      ]).get('a', 0, 1),
    ).toBe(1);
  });

  it('agrees with a Map (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 60 }),
        fc.string({ maxLength: 6 }),
        (codes, probe) => {
          const map = new Map(codes.map((c, i) => [c, i]));
          const table = new CodeTable(map);
          for (const c of codes) expect(table.get(`<${c}>`, 1, 1 + c.length)).toBe(map.get(c));
          expect(table.get(probe, 0, probe.length)).toBe(map.get(probe) ?? -1);
        },
      ),
    );
  });
});
