import {
  BINARY_PRECEDENCE,
  ELEMENT_CODE,
  type Expr,
  FUNCTION_ARITY,
  isComparison,
  MAX_FORMULA_LENGTH,
  ROUND_MAX_DIGITS,
} from './ast.js';

/** Tighter than every binary operator: unary operators, atoms and calls. */
const PRIMARY = 10;

function precedenceOf(e: Expr): number {
  return e.type === 'binary' ? BINARY_PRECEDENCE[e.op] : PRIMARY;
}

/**
 * Shortest text that reads back as the same double. `String` already gives the shortest round-trip digits;
 * only its `e+21` form needs the sign dropped, and -0 prints as 0.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`A num node must hold a finite, non-negative value, got ${value}`);
  }
  return value === 0 ? '0' : String(value).replace('e+', 'e');
}

/**
 * Canonical text of a formula: ASCII operators with spaces around binary ones, and parentheses only where
 * the tree needs them, so that `parseFormula(printFormula(e))` deep-equals `e`. Throws a RangeError for a
 * tree the parser could never have produced (bad number, element code, function or argument count).
 */
export function printFormula(expr: Expr): string {
  return print(expr);
}

function print(e: Expr): string {
  switch (e.type) {
    case 'num':
      return formatNumber(e.value);
    case 'ref': {
      if (!ELEMENT_CODE.test(e.element) || e.element.length > MAX_FORMULA_LENGTH) {
        throw new RangeError(`Not a valid element code: ${JSON.stringify(e.element)}`);
      }
      const ref = `#{${e.element}}`;
      return e.shift === 'current' ? ref : `${e.shift}(${ref})`;
    }
    case 'unary': {
      // `-(-x)` rather than `--x`, which reads like a decrement; the parentheses add no node.
      const nested = e.arg.type === 'binary' || (e.op === '-' && e.arg.type === 'unary' && e.arg.op === '-');
      const arg = nested ? `(${print(e.arg)})` : print(e.arg);
      return e.op === '-' ? `-${arg}` : `not ${arg}`;
    }
    case 'binary': {
      const p = BINARY_PRECEDENCE[e.op];
      const lp = precedenceOf(e.left);
      const rp = precedenceOf(e.right);
      // Comparisons do not chain, so a comparison under a comparison needs parentheses on either side;
      // the right operand of a left-associative operator needs them at equal precedence.
      const leftParens = lp < p || (isComparison(e.op) && lp === p);
      const rightParens = rp <= p;
      const left = leftParens ? `(${print(e.left)})` : print(e.left);
      const right = rightParens ? `(${print(e.right)})` : print(e.right);
      return `${left} ${e.op} ${right}`;
    }
    case 'call': {
      const arity = FUNCTION_ARITY[e.fn];
      if (!arity) throw new RangeError(`Unknown function: ${JSON.stringify(e.fn)}`);
      if (e.args.length < arity.min || e.args.length > arity.max) {
        throw new RangeError(`${e.fn} takes ${arity.min}–${arity.max} arguments, got ${e.args.length}`);
      }
      const digits = e.fn === 'round' ? e.args[1] : undefined;
      if (
        digits &&
        (digits.type !== 'num' || !Number.isInteger(digits.value) || digits.value > ROUND_MAX_DIGITS)
      ) {
        throw new RangeError(`The digits of round must be a whole number from 0 to ${ROUND_MAX_DIGITS}`);
      }
      return `${e.fn}(${e.args.map(print).join(', ')})`;
    }
  }
}
