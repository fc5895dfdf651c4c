import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Expr, MAX_FORMULA_LENGTH, SHIFTS, type Shift } from './ast.js';
import { compileFormula } from './compile.js';
import { evaluateFormula } from './evaluate.js';
import { parseFormula } from './parser.js';
import { printFormula } from './printer.js';

const numberArb: fc.Arbitrary<number> = fc
  .oneof(
    fc.integer({ min: 0, max: 1000 }),
    fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0.1, 0.6, 1e21, 1.5e-7, 5e-7, 5e-324, Number.MAX_VALUE, 2 ** 53 + 2),
  )
  .filter((v) => !Object.is(v, -0));

const codeArb: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom('a', 'Z', '9', '_', '.', '-', ':', '/', '热', '线', 'é'),
  minLength: 1,
  maxLength: 5,
});

/** Any tree the parser can produce; `anyDigits` also lets round() take a computed digits count. */
function exprArb(element: fc.Arbitrary<string>, anyDigits = false): fc.Arbitrary<Expr> {
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
    const sub = tie('expr');
    const leaf = fc.oneof(
      numberArb.map((value): Expr => ({ type: 'num', value })),
      fc
        .tuple(element, fc.constantFrom(...SHIFTS))
        .map(([e, shift]): Expr => ({ type: 'ref', element: e, shift })),
    );
    const digits: fc.Arbitrary<Expr> = anyDigits
      ? sub
      : fc.integer({ min: 0, max: 10 }).map((value): Expr => ({ type: 'num', value }));
    return {
      expr: fc.oneof(
        { maxDepth: 5, depthSize: 'small', withCrossShrink: true },
        leaf,
        fc
          .tuple(fc.constantFrom('-' as const, 'not' as const), sub)
          .map(([op, arg]): Expr => ({ type: 'unary', op, arg })),
        fc
          .tuple(
            fc.constantFrom(
              ...(['+', '-', '*', '/', '<', '<=', '>', '>=', '==', '!=', 'and', 'or'] as const),
            ),
            sub,
            sub,
          )
          .map(([op, left, right]): Expr => ({ type: 'binary', op, left, right })),
        fc.tuple(sub, sub, sub).map((args): Expr => ({ type: 'call', fn: 'if', args })),
        fc
          .tuple(
            fc.constantFrom(...(['min', 'max', 'sum', 'avg', 'coalesce'] as const)),
            fc.array(sub, { minLength: 1, maxLength: 3 }),
          )
          .map(([fn, args]): Expr => ({ type: 'call', fn, args })),
        sub.map((a): Expr => ({ type: 'call', fn: 'abs', args: [a] })),
        fc
          .tuple(sub, fc.option(digits, { nil: undefined }))
          .map(([a, d]): Expr => ({ type: 'call', fn: 'round', args: d === undefined ? [a] : [a, d] })),
      ),
    };
  });
  return expr;
}

describe('printFormula / parseFormula round trip', () => {
  it('parse(print(e)) deep-equals e for every tree', () => {
    fc.assert(
      fc.property(exprArb(codeArb), (e) => {
        const text = printFormula(e);
        fc.pre(text.length <= MAX_FORMULA_LENGTH);
        expect(parseFormula(text)).toEqual({ ok: true, expr: e });
      }),
      { numRuns: 3000 },
    );
  });

  it('printed text is canonical: printing what it parses to gives it back', () => {
    fc.assert(
      fc.property(exprArb(codeArb), (e) => {
        const text = printFormula(e);
        fc.pre(text.length <= MAX_FORMULA_LENGTH);
        const r = parseFormula(text);
        expect(r.ok && printFormula(r.expr)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});

const ELEMENTS = ['a', 'b', '热线.办结'];
const valueArb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    0,
    -0,
    1,
    -1,
    0.5,
    2.5,
    1.005,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ),
  fc.integer({ min: -5, max: 5 }),
  fc.double(),
);

describe('compileFormula agrees with evaluateFormula', () => {
  it('gives the same double (NaN and the sign of zero included) for every unit', () => {
    const columnsArb = fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(fc.array(valueArb, { minLength: n, maxLength: n }), {
          minLength: ELEMENTS.length * SHIFTS.length,
          maxLength: ELEMENTS.length * SHIFTS.length,
        }),
      ),
    );
    fc.assert(
      fc.property(exprArb(fc.constantFrom(...ELEMENTS), true), columnsArb, (e, [n, raw]) => {
        const columns = raw.map((c) => Float64Array.from(c));
        const column = (element: string, shift: Shift): Float64Array =>
          columns[ELEMENTS.indexOf(element) * SHIFTS.length + SHIFTS.indexOf(shift)]!;
        const out = compileFormula(e)({ length: n, column });
        expect(out.length).toBe(n);
        for (let i = 0; i < n; i++) {
          const scalar = evaluateFormula(e, (element, shift) => column(element, shift)[i]);
          expect(out[i]).toBe(scalar);
        }
        // The compiled formula never writes to its inputs.
        expect(columns.map((c) => Array.from(c))).toEqual(raw);
      }),
      { numRuns: 2000 },
    );
  });
});
