import { type LocalisedText, text } from '../localised.js';
import { MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, ROUND_MAX_DIGITS } from './ast.js';

export type FormulaErrorCode =
  | 'empty'
  | 'too_long'
  | 'too_deep'
  | 'unexpected_character'
  | 'unexpected_token'
  | 'unexpected_end'
  | 'missing_operator'
  | 'unclosed_paren'
  | 'unmatched_paren'
  | 'bad_number'
  | 'bad_reference'
  | 'empty_reference'
  | 'unclosed_reference'
  | 'unknown_name'
  | 'unknown_function'
  | 'bad_arity'
  | 'bad_round_digits'
  | 'chained_comparison'
  | 'prev_needs_reference'
  | 'unknown_element';

/**
 * A problem in a formula's text. `position` is a 0-based offset in UTF-16 code units (what editors and
 * `String.prototype.slice` use); messages count characters from 1, as people do.
 */
export interface FormulaError {
  code: FormulaErrorCode;
  position: number;
  length: number;
  message: LocalisedText;
}

/** Thrown by `parseFormulaOrThrow`; `.error` holds the structured error with both languages. */
export class FormulaSyntaxError extends Error {
  override readonly name = 'FormulaSyntaxError';
  constructor(readonly error: FormulaError) {
    super(`${error.message.en} [${error.code}]`);
  }
}

/** Source text quoted for a message, shortened so that a 2,000-character reference does not flood it. */
function quote(s: string): string {
  return s.length > 24 ? `${s.slice(0, 23)}…` : s;
}

function err(code: FormulaErrorCode, position: number, length: number, zh: string, en: string): FormulaError {
  return { code, position, length, message: text(zh, en) };
}

/** Messages for every error code, in one place so that wording stays consistent. */
export const formulaErrors = {
  empty: (): FormulaError => err('empty', 0, 0, '公式为空', 'The formula is empty'),

  tooLong: (length: number): FormulaError =>
    err(
      'too_long',
      MAX_FORMULA_LENGTH,
      length - MAX_FORMULA_LENGTH,
      `公式过长：共 ${length} 个字符，最多允许 ${MAX_FORMULA_LENGTH} 个`,
      `The formula is too long: ${length} characters, at most ${MAX_FORMULA_LENGTH} are allowed`,
    ),

  tooDeep: (pos: number, length: number): FormulaError =>
    err(
      'too_deep',
      pos,
      length,
      `第 ${pos + 1} 个字符处嵌套超过 ${MAX_FORMULA_DEPTH} 层`,
      `Nesting deeper than ${MAX_FORMULA_DEPTH} levels at character ${pos + 1}`,
    ),

  unexpectedCharacter: (pos: number, ch: string): FormulaError => {
    const hint = characterHint(ch);
    return err(
      'unexpected_character',
      pos,
      ch.length,
      `第 ${pos + 1} 个字符 '${ch}' 无法识别${hint ? `，${hint.zh}` : ''}`,
      `Unexpected character '${ch}' at character ${pos + 1}${hint ? `; ${hint.en}` : ''}`,
    );
  },

  /** A token where an operand (number, reference, function call, '(' or unary operator) must stand. */
  expectedOperand: (pos: number, tokenText: string): FormulaError =>
    err(
      'unexpected_token',
      pos,
      tokenText.length,
      `第 ${pos + 1} 个字符处应为数字、数据元引用、函数或 '('，而不是 '${quote(tokenText)}'`,
      `Expected a number, an element reference, a function or '(' at character ${pos + 1}, found '${quote(tokenText)}'`,
    ),

  /** A ',' outside a function call, or another token that cannot follow a complete operand. */
  unexpectedToken: (pos: number, tokenText: string): FormulaError =>
    err(
      'unexpected_token',
      pos,
      tokenText.length,
      `第 ${pos + 1} 个字符处不应出现 '${quote(tokenText)}'`,
      `Unexpected '${quote(tokenText)}' at character ${pos + 1}`,
    ),

  unexpectedEnd: (pos: number): FormulaError =>
    err(
      'unexpected_end',
      pos,
      0,
      `公式在第 ${pos + 1} 个字符处意外结束，缺少运算数`,
      `The formula ends unexpectedly at character ${pos + 1}: an operand is missing`,
    ),

  missingOperator: (pos: number, tokenText: string): FormulaError =>
    err(
      'missing_operator',
      pos,
      tokenText.length,
      `第 ${pos + 1} 个字符 '${quote(tokenText)}' 前缺少运算符`,
      `Missing operator before '${quote(tokenText)}' at character ${pos + 1}`,
    ),

  unclosedParen: (pos: number, openPos: number): FormulaError =>
    err(
      'unclosed_paren',
      pos,
      0,
      `第 ${pos + 1} 个字符处缺少右括号（与第 ${openPos + 1} 个字符处的左括号配对）`,
      `Missing ')' at character ${pos + 1} to close the '(' at character ${openPos + 1}`,
    ),

  unmatchedParen: (pos: number): FormulaError =>
    err(
      'unmatched_paren',
      pos,
      1,
      `第 ${pos + 1} 个字符处的右括号没有对应的左括号`,
      `The ')' at character ${pos + 1} has no matching '('`,
    ),

  badNumber: (pos: number, numText: string): FormulaError =>
    err(
      'bad_number',
      pos,
      numText.length,
      `第 ${pos + 1} 个字符处的数字 '${quote(numText)}' 格式错误`,
      `Malformed number '${quote(numText)}' at character ${pos + 1}`,
    ),

  numberOutOfRange: (pos: number, numText: string): FormulaError =>
    err(
      'bad_number',
      pos,
      numText.length,
      `第 ${pos + 1} 个字符处的数字 '${quote(numText)}' 超出范围`,
      `The number '${quote(numText)}' at character ${pos + 1} is too large`,
    ),

  hashWithoutBrace: (pos: number): FormulaError =>
    err(
      'bad_reference',
      pos,
      1,
      `第 ${pos + 1} 个字符处的 '#' 后应为 '{'：数据元引用写作 #{代码}`,
      `Expected '{' after the '#' at character ${pos + 1}: element references are written #{code}`,
    ),

  badReferenceCharacter: (pos: number, ch: string): FormulaError =>
    err(
      'bad_reference',
      pos,
      ch.length,
      `数据元代码中不能包含第 ${pos + 1} 个字符 '${ch}'（只能用字母、汉字、数字和 _ . - : /）`,
      `Character ${pos + 1} '${ch}' cannot appear in an element code (letters, digits and _ . - : / only)`,
    ),

  emptyReference: (pos: number): FormulaError =>
    err(
      'empty_reference',
      pos,
      3,
      `第 ${pos + 1} 个字符处的数据元引用 #{} 中缺少代码`,
      `The element reference #{} at character ${pos + 1} has no code`,
    ),

  unclosedReference: (pos: number, length: number): FormulaError =>
    err(
      'unclosed_reference',
      pos,
      length,
      `第 ${pos + 1} 个字符处的数据元引用缺少右花括号 '}'`,
      `The element reference at character ${pos + 1} is missing its closing '}'`,
    ),

  unknownName: (pos: number, name: string, suggestion: string | undefined): FormulaError =>
    err(
      'unknown_name',
      pos,
      name.length,
      suggestion
        ? `第 ${pos + 1} 个字符处的 '${quote(name)}' 无法识别，是否应为 '${suggestion}'？`
        : `第 ${pos + 1} 个字符处的 '${quote(name)}' 不是函数或运算符；引用数据元请写作 #{${quote(name)}}`,
      suggestion
        ? `Unknown name '${quote(name)}' at character ${pos + 1}; did you mean '${suggestion}'?`
        : `'${quote(name)}' at character ${pos + 1} is neither a function nor an operator; write #{${quote(name)}} to refer to a data element`,
    ),

  functionWithoutParen: (pos: number, name: string): FormulaError =>
    err(
      'unexpected_token',
      pos,
      name.length,
      `第 ${pos + 1} 个字符处的函数 '${name}' 后缺少 '('`,
      `Expected '(' after the function '${name}' at character ${pos + 1}`,
    ),

  unknownFunction: (pos: number, name: string, suggestion: string | undefined): FormulaError =>
    err(
      'unknown_function',
      pos,
      name.length,
      `第 ${pos + 1} 个字符处的函数 '${quote(name)}' 不存在${suggestion ? `，是否应为 '${suggestion}'？` : ''}`,
      `Unknown function '${quote(name)}' at character ${pos + 1}${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
    ),

  badArity: (
    pos: number,
    length: number,
    name: string,
    min: number,
    max: number,
    got: number,
  ): FormulaError => {
    const zhWant =
      min === max
        ? ` ${min} 个参数`
        : max === Number.POSITIVE_INFINITY
          ? `至少 ${min} 个参数`
          : ` ${min} 至 ${max} 个参数`;
    const enWant =
      min === max
        ? `${min} argument${min === 1 ? '' : 's'}`
        : max === Number.POSITIVE_INFINITY
          ? `at least ${min} argument${min === 1 ? '' : 's'}`
          : `${min} to ${max} arguments`;
    return err(
      'bad_arity',
      pos,
      length,
      `第 ${pos + 1} 个字符处的函数 ${name} 需要${zhWant}，实际为 ${got} 个`,
      `The function ${name} at character ${pos + 1} takes ${enWant}, got ${got}`,
    );
  },

  badRoundDigits: (pos: number, length: number): FormulaError =>
    err(
      'bad_round_digits',
      pos,
      length,
      `第 ${pos + 1} 个字符处 round 的小数位数必须是 0 至 ${ROUND_MAX_DIGITS} 的整数`,
      `The digits of round at character ${pos + 1} must be a whole number from 0 to ${ROUND_MAX_DIGITS}`,
    ),

  chainedComparison: (pos: number, op: string): FormulaError =>
    err(
      'chained_comparison',
      pos,
      op.length,
      `第 ${pos + 1} 个字符处出现连续比较；a < b < c 请写作 a < b and b < c`,
      `Chained comparison at character ${pos + 1}; write a < b and b < c instead of a < b < c`,
    ),

  prevNeedsReference: (pos: number, length: number, fn: string): FormulaError =>
    err(
      'prev_needs_reference',
      pos,
      length,
      `第 ${pos + 1} 个字符处 ${fn} 的参数必须是一个数据元引用，例如 ${fn}(#{代码})`,
      `The argument of ${fn} at character ${pos + 1} must be one element reference, e.g. ${fn}(#{code})`,
    ),

  unknownElement: (pos: number, length: number, element: string): FormulaError =>
    err(
      'unknown_element',
      pos,
      length,
      `第 ${pos + 1} 个字符处引用了不存在的数据元 '${quote(element)}'`,
      `Unknown data element '${quote(element)}' at character ${pos + 1}`,
    ),
};

/** Full-width ASCII look-alikes typed with a Chinese IME, and common slips from other languages. */
function characterHint(ch: string): { zh: string; en: string } | undefined {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0xff01 && code <= 0xff5e) {
    const half = String.fromCharCode(code - 0xfee0);
    return { zh: `这是全角字符，请改用半角 '${half}'`, en: `it is full-width, use '${half}' instead` };
  }
  switch (ch) {
    case '=':
      return { zh: "判断相等请用 '=='", en: "use '==' to test equality" };
    case '&':
      return { zh: "逻辑与请用 'and' 或 '&&'", en: "use 'and' or '&&'" };
    case '|':
      return { zh: "逻辑或请用 'or' 或 '||'", en: "use 'or' or '||'" };
    case '≤':
      return { zh: "小于等于请用 '<='", en: "use '<='" };
    case '≥':
      return { zh: "大于等于请用 '>='", en: "use '>='" };
    case '≠':
      return { zh: "不等于请用 '!='", en: "use '!='" };
    case '^':
      return { zh: '公式不支持乘方', en: 'the formula language has no power operator' };
    case '{':
    case '}':
      return { zh: '数据元引用写作 #{代码}', en: 'element references are written #{code}' };
    default:
      return undefined;
  }
}
