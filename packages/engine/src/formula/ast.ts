/**
 * The formula language's syntax tree. It carries no source positions so that `parseFormula(printFormula(e))`
 * deep-equals `e`; positions live in errors and in `formulaReferences` results.
 */

/** Which period a reference reads: the assessed one, the previous one of the same type, or a year before. */
export type Shift = 'current' | 'prev' | 'lastYear';
export const SHIFTS: readonly Shift[] = ['current', 'prev', 'lastYear'];

export type UnaryOp = '-' | 'not';
export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type BinaryOp = '+' | '-' | '*' | '/' | ComparisonOp | 'and' | 'or';
export type FunctionName = 'if' | 'min' | 'max' | 'abs' | 'round' | 'sum' | 'avg' | 'coalesce';

export type Expr =
  /** Always finite and not negative: a minus sign is a `unary` node. */
  | { type: 'num'; value: number }
  | { type: 'ref'; element: string; shift: Shift }
  | { type: 'unary'; op: UnaryOp; arg: Expr }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { type: 'call'; fn: FunctionName; args: Expr[] };

/** Argument counts; `max: Infinity` for the variadic functions. */
export const FUNCTION_ARITY: Readonly<Record<FunctionName, { min: number; max: number }>> = {
  if: { min: 3, max: 3 },
  min: { min: 1, max: Number.POSITIVE_INFINITY },
  max: { min: 1, max: Number.POSITIVE_INFINITY },
  abs: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  sum: { min: 1, max: Number.POSITIVE_INFINITY },
  avg: { min: 1, max: Number.POSITIVE_INFINITY },
  coalesce: { min: 1, max: Number.POSITIVE_INFINITY },
};

export const FUNCTION_NAMES = Object.keys(FUNCTION_ARITY) as FunctionName[];

/** `round(x, digits)`: digits is an integer literal in this range. */
export const ROUND_MAX_DIGITS = 10;

/** Longest accepted source, in UTF-16 code units. */
export const MAX_FORMULA_LENGTH = 2000;
/** Deepest accepted nesting of parentheses, function calls and unary operators. */
export const MAX_FORMULA_DEPTH = 64;

/** Binding power of binary operators, low to high; unary operators bind tighter than all of them. */
export const BINARY_PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  or: 1,
  and: 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
};

export function isComparison(op: BinaryOp): op is ComparisonOp {
  return BINARY_PRECEDENCE[op] === 3;
}

/** A character allowed in an element code: letters (Chinese included), digits and `_ . - : /`. */
export const ELEMENT_CODE_CHAR = /^[\p{L}\p{Nd}_.\-:/]$/u;
export const ELEMENT_CODE = /^[\p{L}\p{Nd}_.\-:/]+$/u;
