import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileFormula, type Expr, parseFormulaOrThrow, printFormula, type Shift } from '@xiaoneng/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PYTHON, referenceProblem } from '../lib/reference.js';

// The reference's own reading of the formula language (bench/reference/formula.py) must give the engine's
// values bit for bit — NaN for missing, -0, infinities and round()'s ties included — on hand-picked edge
// cases and on random formulas.

const SCRIPT = fileURLToPath(new URL('./formula.py', import.meta.url));

/** Per unit, the values every reference reads: ties for round(), zeros of both signs, missing values. */
const X = [
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  2.5,
  -2.5,
  1.005,
  0.125,
  1e21,
  1e-7,
  Number.NaN,
  3,
  1e308,
  0.1 + 0.2,
  7,
  2,
];
const Y = [0, 2, 0, -0, 2, 0.5, Number.NaN, 4, 100, 0.375, 3, -1e-7, 1, Number.NaN, 10, 0.3, -7, 2];
const Z = [
  Number.NaN,
  Number.NaN,
  5,
  0,
  -3,
  1.25,
  2.675,
  0,
  Number.NaN,
  8,
  0.5,
  2,
  1,
  4,
  Number.NaN,
  6,
  1.45,
  2,
];
const N = X.length;

function columns(): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const shifted = (xs: number[], k: number) => xs.map((_, i) => xs[(i + k) % N]!);
  for (const [name, xs] of [
    ['x', X],
    ['y', Y],
    ['z', Z],
  ] as const) {
    out[`current:${name}`] = xs;
    out[`prev:${name}`] = shifted(xs, 3);
    out[`lastYear:${name}`] = shifted(xs, 7);
  }
  return out;
}

const HAND_PICKED = [
  '#{x} / #{y}',
  '#{x} / 0',
  '0 / 0 + #{x}',
  '#{x} ÷ #{y} × 2',
  '60% * #{x} + 0.07%',
  '1.5e-2 + .5 + #{z}',
  'round(#{x})',
  'round(#{x}, 2)',
  'round(#{z}, 2)',
  'round(#{x} * 10, 1)',
  'round(-#{x})',
  '-#{x}',
  '-(-#{y})',
  'not #{x}',
  '!#{y}',
  '#{x} < #{y}',
  '#{x} <= #{y}',
  '#{x} > #{y} and #{z} >= 1',
  '#{x} == #{y} or #{z} != 2',
  '#{x} && #{y} || !#{z}',
  'if(#{x} > 1, #{y}, #{z})',
  'if(#{z}, 1, 0)',
  'min(#{x}, #{y}, #{z})',
  'max(#{x}, #{y}, #{z})',
  'min(#{x}, -0)',
  'max(-0, #{x})',
  'sum(#{x}, #{y}, #{z})',
  'avg(#{x}, #{y}, #{z})',
  'sum(#{z})',
  'coalesce(#{z}, #{x}, 7)',
  'abs(#{x} - #{y})',
  '#{x} / prev(#{x}) - 1',
  '#{x} - lastYear(#{x})',
  'prev((#{y})) * 2',
  '（#{x} + #{y}）÷ 2',
  'max（#{x}，#{y}）',
  '#{x} * 1e308',
  '2 - 3 - 4 * #{y} / 2',
  'not #{x} == 0',
  '1 + 2 * 3',
];

const codeArb = fc.constantFrom('x', 'y', 'z');
const SHIFTS: Shift[] = ['current', 'prev', 'lastYear'];

/** Random formulas the parser can produce, over the three elements. */
function exprArb(): fc.Arbitrary<Expr> {
  const numberArb = fc.oneof(
    fc.integer({ min: 0, max: 100 }),
    fc.constantFrom(0.5, 0.1, 2.5, 1.005, 1e21, 1.5e-7, 0.07),
    fc.double({ min: 0, max: 1e6, noNaN: true }).filter((v) => !Object.is(v, -0)),
  );
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
    const sub = tie('expr');
    const leaf = fc.oneof(
      numberArb.map((value): Expr => ({ type: 'num', value })),
      fc
        .tuple(codeArb, fc.constantFrom(...SHIFTS))
        .map(([element, shift]): Expr => ({ type: 'ref', element, shift })),
    );
    return {
      expr: fc.oneof(
        { maxDepth: 4, depthSize: 'small' },
        leaf,
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
          .tuple(sub, fc.integer({ min: 0, max: 4 }))
          .map(([a, d]): Expr => ({ type: 'call', fn: 'round', args: [a, { type: 'num', value: d }] })),
      ),
    };
  });
  return expr;
}

function engineValues(src: string, cols: Record<string, number[]>): Float64Array {
  const f = compileFormula(parseFormulaOrThrow(src));
  return f({
    length: N,
    column: (element, shift) =>
      Float64Array.from(cols[`${shift}:${element}`] ?? new Array(N).fill(Number.NaN)),
  });
}

function encode(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  return Object.is(x, -0) ? '-0' : x;
}

/** Python repr → number: nan, inf, -inf, -0.0 and ordinary shortest-form decimals. */
function decode(s: string): number {
  if (s === 'nan') return Number.NaN;
  if (s === 'inf') return Number.POSITIVE_INFINITY;
  if (s === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(s);
}

function pythonValues(formulas: string[], cols: Record<string, number[]>): (string[] | { error: string })[] {
  const problem = referenceProblem();
  if (problem) throw new Error(`The pandas reference cannot run: ${problem}`);
  const job = {
    n: N,
    columns: Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v.map(encode)])),
    formulas,
  };
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`formula.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Formulas whose values differ (NaN equals NaN; 0 and -0 differ), with the first differing unit. */
function differences(formulas: string[]): string[] {
  const cols = columns();
  const py = pythonValues(formulas, cols);
  const out: string[] = [];
  formulas.forEach((src, k) => {
    const theirs = py[k]!;
    if (!Array.isArray(theirs)) {
      out.push(`${src}: the reference refuses it (${theirs.error})`);
      return;
    }
    const ours = engineValues(src, cols);
    for (let i = 0; i < N; i++) {
      const b = decode(theirs[i]!);
      if (!Object.is(ours[i], b)) {
        out.push(
          `${src}: unit ${i} engine ${Object.is(ours[i], -0) ? '-0' : ours[i]} ≠ reference ${theirs[i]}`,
        );
        return;
      }
    }
  });
  return out;
}

describe('the reference formula evaluator agrees with the engine bit for bit', () => {
  it('on hand-picked edge cases', () => {
    expect(differences(HAND_PICKED)).toEqual([]);
  });

  it('on 400 random formulas', () => {
    const formulas = fc.sample(exprArb(), { numRuns: 400, seed: 20261123 }).map(printFormula);
    expect(differences(formulas)).toEqual([]);
  });

  it('notices a difference (the check can fail)', () => {
    // round(0.5) is 1 (half away from zero); a reference rounding half to even would give 0.
    const cols = columns();
    const [values] = pythonValues(['round(#{x})'], cols) as string[][];
    expect(decode(values![4]!)).toBe(1);
    expect(engineValues('round(#{x})', cols)[4]).toBe(1);
    expect(Object.is(engineValues('-#{x}', cols)[0], -0)).toBe(true);
  });
});
