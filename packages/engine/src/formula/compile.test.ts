import { describe, expect, it } from 'vitest';
import type { Shift } from './ast.js';
import { compileFormula, type FormulaContext } from './compile.js';
import { parseFormulaOrThrow } from './parser.js';

const NaN_ = Number.NaN;

/** A context over fixed columns that records every column request. */
function context(length: number, columns: Record<string, number[]>) {
  const requests: string[] = [];
  const arrays = new Map<string, Float64Array>();
  for (const [k, v] of Object.entries(columns)) arrays.set(k, Float64Array.from(v));
  const ctx: FormulaContext = {
    length,
    column(element: string, shift: Shift) {
      const key = shift === 'current' ? element : `${shift}:${element}`;
      requests.push(key);
      const col = arrays.get(key);
      if (!col) throw new Error(`no column ${key}`);
      return col;
    },
  };
  return { ctx, requests, arrays };
}

const compile = (src: string) => compileFormula(parseFormulaOrThrow(src));

describe('compileFormula', () => {
  it('evaluates every unit of a column at once, NaN as missing', () => {
    const { ctx } = context(5, {
      closed: [90, 0, NaN_, 5, 7],
      total: [100, 0, 10, NaN_, 7],
    });
    const out = compile('#{closed} / #{total}')(ctx);
    expect(Array.from(out)).toEqual([0.9, NaN_, NaN_, NaN_, 1]);
  });

  it('applies scalar constants to every unit', () => {
    const { ctx } = context(3, { a: [1, 2, NaN_] });
    expect(Array.from(compile('#{a} * 100 + 60%')(ctx))).toEqual([100.6, 200.6, NaN_]);
    expect(Array.from(compile('if(#{a} >= 2, 1, 0)')(ctx))).toEqual([0, 1, NaN_]);
  });

  it('folds constant formulas into a column of their value', () => {
    const { ctx, requests } = context(4, {});
    expect(Array.from(compile('round(10 / 3, 2) * 3')(ctx))).toEqual([9.99, 9.99, 9.99, 9.99]);
    expect(Array.from(compile('1 / 0')(ctx))).toEqual([NaN_, NaN_, NaN_, NaN_]);
    expect(requests).toEqual([]);
  });

  it('reads each (element, shift) once per call, in order of first appearance', () => {
    const { ctx, requests } = context(2, { a: [1, 2], 'prev:a': [3, 4], 'lastYear:a': [5, 6] });
    const out = compile('#{a} + prev(#{a}) * #{a} - lastYear(#{a}) + prev(#{a})')(ctx);
    expect(Array.from(out)).toEqual([1 + 3 * 1 - 5 + 3, 2 + 4 * 2 - 6 + 4]);
    expect(requests).toEqual(['a', 'prev:a', 'lastYear:a']);
  });

  it('never writes to the columns it reads', () => {
    const { ctx, arrays } = context(3, { a: [1, -2, NaN_], b: [0, 4, 5] });
    const before = [...arrays.values()].map((c) => Array.from(c));
    compile('-#{a}')(ctx);
    compile('abs(#{a}) + (#{b} - #{a}) * not #{b}')(ctx);
    compile('min(#{a}, #{b}, sum(#{a}, #{b}))')(ctx);
    expect([...arrays.values()].map((c) => Array.from(c))).toEqual(before);
  });

  it('returns a new array owned by the caller, also for a bare reference or a constant', () => {
    const { ctx, arrays } = context(2, { a: [1, 2] });
    const bare = compile('#{a}');
    const first = bare(ctx);
    expect(Array.from(first)).toEqual([1, 2]);
    expect(first).not.toBe(arrays.get('a'));
    first[0] = 99;
    expect(arrays.get('a')![0]).toBe(1);

    const constant = compile('7');
    const c1 = constant(ctx);
    c1[0] = 0;
    expect(Array.from(constant(ctx))).toEqual([7, 7]);

    const sum = compile('#{a} + 1');
    const s1 = sum(ctx);
    const s2 = sum(ctx);
    expect(s1).not.toBe(s2);
    expect(Array.from(s1)).toEqual([2, 3]);
  });

  it('keeps intermediate values apart while reusing scratch columns', () => {
    // Several temporaries alive at once, across nesting levels and n-ary functions.
    const { ctx } = context(3, { a: [1, 2, 3], b: [10, 20, NaN_] });
    const src = '(#{a} + 1) * (#{b} - 1) - if(#{a} > 1, #{a} * 2, #{a} * 3) + max(#{a} + 1, #{b} / 2, -#{a})';
    // unit 0: 2 * 9 - 3 + max(2, 5, -1) = 20; unit 1: 3 * 19 - 4 + max(3, 10, -2) = 63;
    // unit 2: NaN (b missing in the first product).
    expect(Array.from(compile(src)(ctx))).toEqual([20, 63, NaN_]);
  });

  it('keeps earlier results intact when scratch columns are reused by later calls', () => {
    const { ctx } = context(3, { a: [1, 2, 3], b: [4, 5, 6] });
    const f = compile('(#{a} + 1) * (#{b} + 2)');
    const g = compile('(#{b} - 1) / (#{a} - 10) + 7');
    const first = f(ctx);
    g(ctx);
    const again = f(ctx);
    expect(Array.from(first)).toEqual([12, 21, 32]);
    expect(Array.from(again)).toEqual([12, 21, 32]);
  });

  it('lets a column be computed by another compiled formula (a computed element)', () => {
    const rate = compile('(#{closed} + 0) / (#{total} + 0)');
    const base = context(2, { closed: [45, 9], total: [50, 10] });
    const ctx: FormulaContext = {
      length: 2,
      column: (element, shift) => (element === 'rate' ? rate(base.ctx) : base.ctx.column(element, shift)),
    };
    expect(Array.from(compile('(#{rate} - 0.5) * (#{total} - 0) * 2')(ctx))).toEqual([40, 8]);
  });

  it('handles zero units and long left-leaning chains', () => {
    expect(compile('#{a} + 1')(context(0, { a: [] }).ctx).length).toBe(0);
    const chain = Array.from({ length: 400 }, () => '#{a}').join('+');
    expect(Array.from(compile(chain)(context(2, { a: [1, 0.5] }).ctx))).toEqual([400, 200]);
  });

  it('rejects a context whose columns do not match its length', () => {
    const { ctx } = context(3, { a: [1, 2] });
    expect(() => compile('#{a} + 1')(ctx)).toThrow(
      new RangeError('Column current(a) has 2 values, expected 3'),
    );
    expect(() => compile('1')({ length: -1, column: () => new Float64Array() })).toThrow(RangeError);
  });
});
