import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalAt, fastNumber, parseNumberText } from './parse-number.js';

const value = (s: string) => {
  const r = parseNumberText(s);
  return r.ok ? r.value : r.reason.en;
};

describe('reading numbers from data files', () => {
  it('accepts plain decimals, signs and exponents', () => {
    expect(value('85')).toBe(85);
    expect(value('-3.5')).toBe(-3.5);
    expect(value('+2')).toBe(2);
    expect(value('.5')).toBe(0.5);
    expect(value('1e6')).toBe(1e6);
    expect(value('  12.25 ')).toBe(12.25);
  });

  it('normalises full-width digits and the Unicode minus', () => {
    expect(value('８５．５')).toBe(85.5);
    expect(value('\u22124')).toBe(-4);
  });

  it('accepts thousands separators only in groups of three', () => {
    expect(value('1,234.5')).toBe(1234.5);
    expect(value('12,345,678')).toBe(12345678);
    expect(value('-1,000')).toBe(-1000);
    expect(value('12,5')).toMatch(/use "\." as the decimal point/);
    expect(value('1,23')).toMatch(/use "\." as the decimal point/);
    expect(value('1234,567')).toMatch(/use "\." as the decimal point/);
  });

  it('refuses percentages, dashes, words and hexadecimal', () => {
    expect(value('85%')).toMatch(/percent sign/);
    expect(value('—')).toMatch(/is not a number/);
    expect(value('N/A')).toMatch(/is not a number/);
    expect(value('约85')).toMatch(/is not a number/);
    expect(value('0x1A')).toMatch(/is not a number/);
    expect(value('Infinity')).toMatch(/is not a number/);
    expect(value('1e999')).toMatch(/too large/);
  });

  it('says what is wrong in Chinese too', () => {
    const r = parseNumberText('85%');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason['zh-CN']).toContain('百分号');
  });

  it('fastNumber takes only what is certainly a plain number and leaves the rest to the full reader', () => {
    expect(fastNumber('12.5')).toBe(12.5);
    expect(fastNumber('-1')).toBe(-1);
    for (const s of ['', ' ', '0x10', '0b1', 'Infinity', '1,234', '85%', ' 1'])
      expect(fastNumber(s)).toBeNaN();
  });

  it('decimalAt reads a span exactly as Number() would (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15 + 1, max: 1e15 - 1 }), fc.integer({ min: 0, max: 15 }), (m, k) => {
        const digits = Math.abs(m)
          .toString()
          .padStart(k + 1, '0');
        const s = `${m < 0 ? '-' : ''}${k > 0 ? `${digits.slice(0, -k)}.${digits.slice(-k)}` : digits}`;
        const v = decimalAt(`x,${s},y`, 2, 2 + s.length);
        if (s.replace(/[-.]/g, '').length > 15) expect(v).toBeNaN();
        else expect(Object.is(v, Number(s))).toBe(true);
      }),
    );
  });

  it('decimalAt leaves anything unusual to the slow path', () => {
    for (const s of ['', '-', '.', '1e5', '1,0', '+1', '1.2.3', ' 1'])
      expect(decimalAt(s, 0, s.length)).toBeNaN();
    expect(decimalAt('5.', 0, 2)).toBe(5);
  });
});
