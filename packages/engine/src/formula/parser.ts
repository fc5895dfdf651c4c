import {
  BINARY_PRECEDENCE,
  type Expr,
  FUNCTION_ARITY,
  type FunctionName,
  isComparison,
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_LENGTH,
  ROUND_MAX_DIGITS,
  type Shift,
} from './ast.js';
import { type FormulaError, FormulaSyntaxError, formulaErrors } from './formula-error.js';
import { FormulaFailure, Lexer, type Token } from './lexer.js';

/** An element reference as written in the source: `position`/`length` span the `#{code}` token. */
export interface FormulaReference {
  element: string;
  shift: Shift;
  position: number;
  length: number;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: FormulaError };

const SHIFT_FUNCTIONS: Readonly<Record<string, Shift>> = { prev: 'prev', lastYear: 'lastYear' };

/** Names people type from spreadsheets or other languages, mapped to ours for "did you mean" hints. */
const ALIASES: Readonly<Record<string, string>> = {
  average: 'avg',
  mean: 'avg',
  ifnull: 'coalesce',
  nvl: 'coalesce',
  iif: 'if',
  previous: 'prev',
  last_year: 'lastYear',
};
const KNOWN_NAMES = [...Object.keys(FUNCTION_ARITY), ...Object.keys(SHIFT_FUNCTIONS), 'and', 'or', 'not'];

function suggest(name: string): string | undefined {
  const lower = name.toLowerCase();
  return KNOWN_NAMES.find((k) => k.toLowerCase() === lower) ?? ALIASES[lower];
}

function startsOperand(t: Token): boolean {
  return (
    t.kind === 'num' ||
    t.kind === 'ref' ||
    t.kind === 'name' ||
    t.kind === '(' ||
    (t.kind === 'op' && t.op === 'not')
  );
}

/**
 * Pratt parser. Recursion happens only through parentheses, calls and unary operators, each of which counts
 * towards MAX_FORMULA_DEPTH, so hostile input ends in an error, never in a stack overflow.
 */
class Parser {
  private readonly lexer: Lexer;
  private tok: Token;
  /** End offset of the last consumed token, for argument spans. */
  private prevEnd = 0;
  private depth = 0;
  readonly refs: FormulaReference[] = [];

  constructor(private readonly src: string) {
    this.lexer = new Lexer(src);
    this.tok = this.lexer.next();
  }

  parse(): Expr {
    const expr = this.parseExpr(0);
    const t = this.tok;
    if (t.kind !== 'eof') {
      if (t.kind === ')') throw new FormulaFailure(formulaErrors.unmatchedParen(t.start));
      this.failAfterOperand(t);
    }
    return expr;
  }

  /** A token that cannot follow a complete operand; `AND`/`OR` get a hint rather than "missing operator". */
  private failAfterOperand(t: Token): never {
    if (t.kind === 'name') {
      const hint = suggest(t.name);
      if (hint === 'and' || hint === 'or')
        throw new FormulaFailure(formulaErrors.unknownName(t.start, t.name, hint));
    }
    if (startsOperand(t)) throw new FormulaFailure(formulaErrors.missingOperator(t.start, this.textOf(t)));
    throw new FormulaFailure(formulaErrors.unexpectedToken(t.start, this.textOf(t)));
  }

  /** The current token, read through a call so that TypeScript does not keep a narrowing across `advance`. */
  private current(): Token {
    return this.tok;
  }

  private textOf(t: Token): string {
    return this.src.slice(t.start, t.end);
  }

  private advance(): void {
    this.prevEnd = this.tok.end;
    this.tok = this.lexer.next();
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_FORMULA_DEPTH) {
      throw new FormulaFailure(formulaErrors.tooDeep(t.start, t.end - t.start));
    }
  }

  private parseExpr(minPrecedence: number): Expr {
    let left = this.parsePrefix();
    let afterComparison = false;
    for (;;) {
      const t = this.tok;
      if (t.kind !== 'op' || t.op === 'not') return left;
      const op = t.op;
      const precedence = BINARY_PRECEDENCE[op];
      if (precedence < minPrecedence) return left;
      const comparison = isComparison(op);
      if (comparison && afterComparison) {
        throw new FormulaFailure(formulaErrors.chainedComparison(t.start, this.textOf(t)));
      }
      afterComparison = comparison;
      this.advance();
      // Left-associative: the right operand only takes tighter-binding operators.
      const right = this.parseExpr(precedence + 1);
      left = { type: 'binary', op, left, right };
    }
  }

  private parsePrefix(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case 'num':
        this.advance();
        return { type: 'num', value: t.value };
      case 'ref':
        this.advance();
        this.refs.push({ element: t.element, shift: 'current', position: t.start, length: t.end - t.start });
        return { type: 'ref', element: t.element, shift: 'current' };
      case '(': {
        this.enter(t);
        this.advance();
        const inner = this.parseExpr(0);
        if (this.tok.kind !== ')') this.failClose(t.start);
        this.advance();
        this.depth--;
        return inner;
      }
      case 'op': {
        if (t.op !== '-' && t.op !== 'not') {
          throw new FormulaFailure(formulaErrors.expectedOperand(t.start, this.textOf(t)));
        }
        this.enter(t);
        this.advance();
        const arg = this.parsePrefix();
        this.depth--;
        return { type: 'unary', op: t.op, arg };
      }
      case 'name':
        return this.parseCall(t);
      case 'eof':
        throw new FormulaFailure(formulaErrors.unexpectedEnd(t.start));
      default:
        throw new FormulaFailure(formulaErrors.expectedOperand(t.start, this.textOf(t)));
    }
  }

  /** Where ')' (or, in a call, ',') should stand but something else does. */
  private failClose(openPos: number): never {
    const t = this.tok;
    if (t.kind === 'eof') throw new FormulaFailure(formulaErrors.unclosedParen(t.start, openPos));
    this.failAfterOperand(t);
  }

  private parseCall(t: Extract<Token, { kind: 'name' }>): Expr {
    const name = t.name;
    const isFunction = Object.hasOwn(FUNCTION_ARITY, name);
    const shift = Object.hasOwn(SHIFT_FUNCTIONS, name) ? SHIFT_FUNCTIONS[name] : undefined;
    const next = this.src[this.lexer.peekNonSpace()];
    if (next !== '(' && next !== '（') {
      if (isFunction || shift) throw new FormulaFailure(formulaErrors.functionWithoutParen(t.start, name));
      throw new FormulaFailure(formulaErrors.unknownName(t.start, name, suggest(name)));
    }
    if (!isFunction && !shift)
      throw new FormulaFailure(formulaErrors.unknownFunction(t.start, name, suggest(name)));

    this.enter(t);
    this.advance(); // the name
    const openPos = this.tok.start;
    this.advance(); // '('
    const args: Expr[] = [];
    const spans: [number, number][] = [];
    if (this.tok.kind !== ')') {
      for (;;) {
        const start = this.tok.start;
        args.push(this.parseExpr(0));
        spans.push([start, this.prevEnd]);
        const kind = this.current().kind;
        if (kind === ',') {
          this.advance();
          continue;
        }
        if (kind === ')') break;
        this.failClose(openPos);
      }
    }
    const end = this.tok.end;
    this.advance(); // ')'
    this.depth--;

    if (shift) {
      if (args.length !== 1) {
        throw new FormulaFailure(formulaErrors.badArity(t.start, end - t.start, name, 1, 1, args.length));
      }
      const arg = args[0]!;
      const [s, e] = spans[0]!;
      if (arg.type !== 'ref' || arg.shift !== 'current') {
        throw new FormulaFailure(formulaErrors.prevNeedsReference(s, e - s, name));
      }
      // The argument's reference is the last one recorded (parentheses around it add none).
      this.refs[this.refs.length - 1]!.shift = shift;
      return { type: 'ref', element: arg.element, shift };
    }

    const fn = name as FunctionName;
    const arity = FUNCTION_ARITY[fn];
    if (args.length < arity.min || args.length > arity.max) {
      throw new FormulaFailure(
        formulaErrors.badArity(t.start, end - t.start, name, arity.min, arity.max, args.length),
      );
    }
    if (fn === 'round' && args.length === 2) {
      const digits = args[1]!;
      if (
        digits.type !== 'num' ||
        !Number.isInteger(digits.value) ||
        digits.value < 0 ||
        digits.value > ROUND_MAX_DIGITS
      ) {
        const [s, e] = spans[1]!;
        throw new FormulaFailure(formulaErrors.badRoundDigits(s, e - s));
      }
    }
    return { type: 'call', fn, args };
  }
}

/** Parses with the references' positions; shared by `parseFormula`, `formulaReferences` and `checkFormula`. */
export function parseWithReferences(
  src: string,
): { ok: true; expr: Expr; refs: FormulaReference[] } | { ok: false; error: FormulaError } {
  if (src.length > MAX_FORMULA_LENGTH) return { ok: false, error: formulaErrors.tooLong(src.length) };
  if (src.trim() === '') return { ok: false, error: formulaErrors.empty() };
  try {
    const parser = new Parser(src);
    const expr = parser.parse();
    return { ok: true, expr, refs: parser.refs };
  } catch (e) {
    if (e instanceof FormulaFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** Parses a formula; never throws for any input string. */
export function parseFormula(src: string): ParseResult {
  const r = parseWithReferences(src);
  return r.ok ? { ok: true, expr: r.expr } : r;
}

/** Parses a formula or throws a {@link FormulaSyntaxError}. */
export function parseFormulaOrThrow(src: string): Expr {
  const r = parseWithReferences(src);
  if (!r.ok) throw new FormulaSyntaxError(r.error);
  return r.expr;
}
