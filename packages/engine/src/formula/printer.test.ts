import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.js';
import { parseFormulaOrThrow } from './parser.js';
import { formatNumber, printFormula } from './printer.js';

const canonical = (src: string): string => printFormula(parseFormulaOrThrow(src));

describe('printFormula', () => {
  it.each([
    ['#{a}-(#{b}-#{c})', '#{a} - (#{b} - #{c})'],
    ['(#{a}-#{b})-#{c}', '#{a} - #{b} - #{c}'],
    ['#{a}/(#{b}/#{c})', '#{a} / (#{b} / #{c})'],
    ['#{a}+(#{b}+#{c})', '#{a} + (#{b} + #{c})'],
    ['(#{a}+#{b})*#{c}', '(#{a} + #{b}) * #{c}'],
    ['#{a}+(#{b}*#{c})', '#{a} + #{b} * #{c}'],
    ['--#{a}', '-(-#{a})'],
    ['-(-(-1))', '-(-(-1))'],
    ['-(#{a}+1)', '-(#{a} + 1)'],
    ['-#{a}*#{b}', '-#{a} * #{b}'],
    ['#{a} - -#{b}', '#{a} - -#{b}'],
    ['- not #{a}', '-not #{a}'],
    ['!(#{a} && #{b})', 'not (#{a} and #{b})'],
    ['!!#{a}', 'not not #{a}'],
    ['#{a} && #{b} || #{c}', '#{a} and #{b} or #{c}'],
    ['(#{a} || #{b}) && #{c}', '(#{a} or #{b}) and #{c}'],
    ['(#{a} < #{b}) == 1', '(#{a} < #{b}) == 1'],
    ['1 != (#{a} >= #{b})', '1 != (#{a} >= #{b})'],
    ['(#{a} + 1) > 2', '#{a} + 1 > 2'],
    ['#{a} × 2 ÷ 3', '#{a} * 2 / 3'],
    ['max（#{a}，#{b}）', 'max(#{a}, #{b})'],
    ['prev( #{x} )+lastYear(#{y})', 'prev(#{x}) + lastYear(#{y})'],
    ['round(#{a},2)', 'round(#{a}, 2)'],
    ['if(#{a}>0,1,0)', 'if(#{a} > 0, 1, 0)'],
    ['60%', '0.6'],
    ['1.50', '1.5'],
    ['.5', '0.5'],
    ['1e21', '1e21'],
    ['0.0000005', '5e-7'],
    ['1E3', '1000'],
  ])('%s → %s', (src, out) => {
    expect(canonical(src)).toBe(out);
    // Canonical text is a fixed point.
    expect(canonical(out)).toBe(out);
  });

  it('prints numbers so that they read back as the same double', () => {
    for (const v of [
      0,
      0.1,
      0.30000000000000004,
      1e21,
      1.5e300,
      5e-7,
      5e-324,
      Number.MAX_VALUE,
      2 ** 53 + 2,
    ]) {
      expect(parseFormulaOrThrow(formatNumber(v))).toEqual({ type: 'num', value: v });
    }
    expect(formatNumber(-0)).toBe('0');
  });

  it('refuses trees the parser could never produce', () => {
    const bad: Expr[] = [
      { type: 'num', value: -1 },
      { type: 'num', value: Number.NaN },
      { type: 'num', value: Number.POSITIVE_INFINITY },
      { type: 'ref', element: 'a b', shift: 'current' },
      { type: 'ref', element: '', shift: 'prev' },
      { type: 'call', fn: 'if', args: [{ type: 'num', value: 1 }] },
      { type: 'call', fn: 'min', args: [] },
      {
        type: 'call',
        fn: 'round',
        args: [
          { type: 'num', value: 1 },
          { type: 'num', value: 11 },
        ],
      },
      {
        type: 'call',
        fn: 'round',
        args: [
          { type: 'num', value: 1 },
          { type: 'ref', element: 'd', shift: 'current' },
        ],
      },
      { type: 'call', fn: 'pow' as 'min', args: [{ type: 'num', value: 1 }] },
    ];
    for (const e of bad) expect(() => printFormula(e), JSON.stringify(e)).toThrow(RangeError);
  });
});
