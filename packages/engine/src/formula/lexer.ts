import type { BinaryOp } from './ast.js';
import { ELEMENT_CODE_CHAR } from './ast.js';
import { type FormulaError, formulaErrors } from './formula-error.js';

export type Token =
  | { kind: 'num'; start: number; end: number; value: number }
  | { kind: 'ref'; start: number; end: number; element: string }
  | { kind: 'name'; start: number; end: number; name: string }
  | { kind: 'op'; start: number; end: number; op: BinaryOp | 'not' }
  | { kind: '(' | ')' | ',' | 'eof'; start: number; end: number };

/** Carries a FormulaError out of deep recursion; caught by the parser's entry point only. */
export class FormulaFailure {
  constructor(readonly error: FormulaError) {}
}

const NAME_START = /^[\p{L}_]$/u;
const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;
/** Characters that glue onto a number and make it malformed (`12abc`, `1.2.3`). */
const NUMBER_TAIL = /^[\p{L}\p{Nd}_.]$/u;
const WHITESPACE = /^\s$/u;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII letters, digits and `_`, tested without a Unicode regex (the common case). */
function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function codePointAt(src: string, pos: number): string {
  const cp = src.codePointAt(pos) ?? 0;
  return String.fromCodePoint(cp);
}

/**
 * Turns source text into tokens on demand, so that the first error by position is the one reported.
 * Full-width `（ ） ，` (typed with a Chinese IME) read as `( ) ,`; `× ÷` as `* /`.
 */
export class Lexer {
  private pos = 0;
  constructor(readonly src: string) {}

  /** Offset of the next non-space character (or the end), without consuming anything. */
  peekNonSpace(): number {
    const src = this.src;
    let p = this.pos;
    while (p < src.length) {
      const c = src.charCodeAt(p);
      if (c === 32 || (c >= 9 && c <= 13) || (c > 127 && WHITESPACE.test(src[p]!))) p++;
      else break;
    }
    return p;
  }

  next(): Token {
    const src = this.src;
    const start = this.peekNonSpace();
    this.pos = start;
    if (start >= src.length) return { kind: 'eof', start, end: start };
    const c = src.charCodeAt(start);
    if (isDigit(c) || (c === 46 /* . */ && isDigit(src.charCodeAt(start + 1)))) return this.number(start);
    const ch = src[start]!;
    switch (ch) {
      case '#':
        return this.reference(start);
      case '(':
      case '（':
        return this.simple('(', start, 1);
      case ')':
      case '）':
        return this.simple(')', start, 1);
      case ',':
      case '，':
        return this.simple(',', start, 1);
      case '+':
      case '-':
      case '*':
      case '/':
        return this.op(ch, start, 1);
      case '×':
        return this.op('*', start, 1);
      case '÷':
        return this.op('/', start, 1);
      case '<':
      case '>':
        return src[start + 1] === '=' ? this.op(`${ch}=` as BinaryOp, start, 2) : this.op(ch, start, 1);
      case '=':
        if (src[start + 1] === '=') return this.op('==', start, 2);
        break;
      case '!':
        return src[start + 1] === '=' ? this.op('!=', start, 2) : this.op('not', start, 1);
      case '&':
        if (src[start + 1] === '&') return this.op('and', start, 2);
        break;
      case '|':
        if (src[start + 1] === '|') return this.op('or', start, 2);
        break;
    }
    const cp = codePointAt(src, start);
    if (NAME_START.test(cp)) return this.name(start);
    throw new FormulaFailure(formulaErrors.unexpectedCharacter(start, cp));
  }

  private simple(kind: '(' | ')' | ',', start: number, length: number): Token {
    this.pos = start + length;
    return { kind, start, end: this.pos };
  }

  private op(op: BinaryOp | 'not', start: number, length: number): Token {
    this.pos = start + length;
    return { kind: 'op', start, end: this.pos, op };
  }

  private name(start: number): Token {
    const src = this.src;
    let p = start;
    while (p < src.length) {
      if (isAsciiWord(src.charCodeAt(p))) {
        p++;
        continue;
      }
      const cp = codePointAt(src, p);
      if (!NAME_CHAR.test(cp)) break;
      p += cp.length;
    }
    this.pos = p;
    const name = src.slice(start, p);
    if (name === 'and' || name === 'or' || name === 'not') return { kind: 'op', start, end: p, op: name };
    return { kind: 'name', start, end: p, name };
  }

  /** `12`, `0.5`, `.5`, `1e3`, `1.5E-2`, and a trailing `%` dividing by 100. */
  private number(start: number): Token {
    const src = this.src;
    let p = start;
    while (isDigit(src.charCodeAt(p))) p++;
    let malformed = false;
    if (src[p] === '.') {
      p++;
      if (!isDigit(src.charCodeAt(p))) malformed = true;
      while (isDigit(src.charCodeAt(p))) p++;
    }
    const mantissaEnd = p;
    let exponent = 0;
    if (!malformed && (src[p] === 'e' || src[p] === 'E')) {
      let q = p + 1;
      if (src[q] === '+' || src[q] === '-') q++;
      if (isDigit(src.charCodeAt(q))) {
        while (isDigit(src.charCodeAt(q))) q++;
        exponent = Number(src.slice(p + 1, q));
        p = q;
      } else {
        malformed = true;
        p = q;
      }
    }
    // A letter, digit or dot stuck to the number (`12abc`, `1.2.3`, `1.`) makes the whole run malformed.
    while (p < src.length) {
      const cp = codePointAt(src, p);
      if (!NUMBER_TAIL.test(cp)) break;
      malformed = true;
      p += cp.length;
    }
    if (malformed) throw new FormulaFailure(formulaErrors.badNumber(start, src.slice(start, p)));
    let value: number;
    if (src[p] === '%') {
      p++;
      // Shift the decimal exponent instead of dividing by 100, so `0.07%` is the double nearest 0.0007.
      value = Number(`${src.slice(start, mantissaEnd)}e${exponent - 2}`);
    } else {
      value = Number(src.slice(start, p));
    }
    if (!Number.isFinite(value)) {
      throw new FormulaFailure(formulaErrors.numberOutOfRange(start, src.slice(start, p)));
    }
    this.pos = p;
    return { kind: 'num', start, end: p, value };
  }

  /** `#{code}`; the code runs to the first `}` and must be non-empty and made of code characters. */
  private reference(start: number): Token {
    const src = this.src;
    if (src[start + 1] !== '{') throw new FormulaFailure(formulaErrors.hashWithoutBrace(start));
    let p = start + 2;
    while (p < src.length && src[p] !== '}') {
      const c = src.charCodeAt(p);
      if (isAsciiWord(c) || c === 46 || c === 45 || c === 58 || c === 47 /* . - : / */) {
        p++;
        continue;
      }
      const cp = codePointAt(src, p);
      if (!ELEMENT_CODE_CHAR.test(cp)) {
        if (src.indexOf('}', p) < 0) break;
        throw new FormulaFailure(formulaErrors.badReferenceCharacter(p, cp));
      }
      p += cp.length;
    }
    if (p >= src.length || src[p] !== '}') {
      throw new FormulaFailure(formulaErrors.unclosedReference(start, src.length - start));
    }
    if (p === start + 2) throw new FormulaFailure(formulaErrors.emptyReference(start));
    this.pos = p + 1;
    return { kind: 'ref', start, end: p + 1, element: src.slice(start + 2, p) };
  }
}
