import type { Expr, Shift } from './ast.js';
import { divide, roundHalfAway } from './semantics.js';

/**
 * Scalar evaluation for explanations and tests: `lookup` returning undefined (or NaN) means missing.
 * Gives the same result as `compileFormula` for every unit.
 */
export function evaluateFormula(
  expr: Expr,
  lookup: (element: string, shift: Shift) => number | undefined,
): number {
  const ev = (e: Expr): number => {
    switch (e.type) {
      case 'num':
        return e.value;
      case 'ref':
        return lookup(e.element, e.shift) ?? Number.NaN;
      case 'unary': {
        const a = ev(e.arg);
        if (e.op === '-') return -a;
        return Number.isNaN(a) ? Number.NaN : a === 0 ? 1 : 0;
      }
      case 'binary': {
        const a = ev(e.left);
        const b = ev(e.right);
        switch (e.op) {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case '/':
            return divide(a, b);
        }
        if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
        switch (e.op) {
          case '<':
            return a < b ? 1 : 0;
          case '<=':
            return a <= b ? 1 : 0;
          case '>':
            return a > b ? 1 : 0;
          case '>=':
            return a >= b ? 1 : 0;
          case '==':
            return a === b ? 1 : 0;
          case '!=':
            return a !== b ? 1 : 0;
          case 'and':
            return a !== 0 && b !== 0 ? 1 : 0;
          case 'or':
            return a !== 0 || b !== 0 ? 1 : 0;
        }
        break;
      }
      case 'call': {
        const args = e.args;
        switch (e.fn) {
          case 'if': {
            const c = ev(args[0]!);
            if (Number.isNaN(c)) return Number.NaN;
            return c !== 0 ? ev(args[1]!) : ev(args[2]!);
          }
          case 'abs':
            return Math.abs(ev(args[0]!));
          case 'round':
            return roundHalfAway(ev(args[0]!), args.length > 1 ? ev(args[1]!) : 0);
          case 'min':
          case 'max': {
            const isMin = e.fn === 'min';
            let r = Number.NaN;
            for (const arg of args) {
              const v = ev(arg);
              if (!Number.isNaN(v) && (Number.isNaN(r) || (isMin ? v < r : v > r))) r = v;
            }
            return r;
          }
          case 'sum':
          case 'avg': {
            let s = 0;
            let n = 0;
            for (const arg of args) {
              const v = ev(arg);
              if (!Number.isNaN(v)) {
                s += v;
                n++;
              }
            }
            return n === 0 ? Number.NaN : e.fn === 'sum' ? s : s / n;
          }
          case 'coalesce':
            for (const arg of args) {
              const v = ev(arg);
              if (!Number.isNaN(v)) return v;
            }
            return Number.NaN;
        }
        break;
      }
    }
    throw new TypeError(`Not a formula node: ${JSON.stringify(e)}`);
  };
  return ev(expr);
}
