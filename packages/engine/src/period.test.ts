import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contains, parsePeriod, previousPeriod, sameLastYear, shiftPeriod } from './period.js';

const p = (code: string) => parsePeriod(code)!;

describe('periods', () => {
  it('parses the four period types and rejects anything else', () => {
    expect(p('2026M03')).toEqual({ code: '2026M03', type: 'month', year: 2026, index: 3 });
    expect(p('2026Q1').type).toBe('quarter');
    expect(p('2026H2').index).toBe(2);
    expect(p('2026').type).toBe('year');
    for (const bad of ['2026M13', '2026M3', '2026Q5', '2026H3', '26', '2026-03', ''])
      expect(parsePeriod(bad)).toBeUndefined();
  });

  it('shifts across year boundaries', () => {
    expect(previousPeriod(p('2026M01')).code).toBe('2025M12');
    expect(previousPeriod(p('2026Q1')).code).toBe('2025Q4');
    expect(sameLastYear(p('2026H2')).code).toBe('2025H2');
    expect(previousPeriod(p('2026')).code).toBe('2025');
  });

  it('knows which periods lie within which (月保季、季保年)', () => {
    expect(contains(p('2026Q2'), p('2026M04'))).toBe(true);
    expect(contains(p('2026Q2'), p('2026M07'))).toBe(false);
    expect(contains(p('2026'), p('2026H2'))).toBe(true);
    expect(contains(p('2026H1'), p('2026Q3'))).toBe(false);
    expect(contains(p('2026M04'), p('2026Q2'))).toBe(false);
    expect(contains(p('2026'), p('2025M12'))).toBe(false);
  });

  it('shifting back and forth returns the same period', () => {
    const types = ['M', 'Q', 'H', ''] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.constantFrom(...types),
        fc.integer({ min: -100, max: 100 }),
        (y, t, k) => {
          const code = t === 'M' ? `${y}M01` : t === 'Q' ? `${y}Q1` : t === 'H' ? `${y}H1` : String(y);
          const start = p(code);
          expect(shiftPeriod(shiftPeriod(start, k), -k)).toEqual(start);
          expect(parsePeriod(shiftPeriod(start, k).code)).toEqual(shiftPeriod(start, k));
        },
      ),
    );
  });
});
