import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.js';
import { FormulaSyntaxError } from './formula-error.js';
import { parseFormula, parseFormulaOrThrow } from './parser.js';

const num = (value: number): Expr => ({ type: 'num', value });
const ref = (element: string, shift: 'current' | 'prev' | 'lastYear' = 'current'): Expr => ({
  type: 'ref',
  element,
  shift,
});
const bin = (op: Extract<Expr, { type: 'binary' }>['op'], left: Expr, right: Expr): Expr => ({
  type: 'binary',
  op,
  left,
  right,
});
const neg = (arg: Expr): Expr => ({ type: 'unary', op: '-', arg });
const not = (arg: Expr): Expr => ({ type: 'unary', op: 'not', arg });
const call = (fn: Extract<Expr, { type: 'call' }>['fn'], ...args: Expr[]): Expr => ({
  type: 'call',
  fn,
  args,
});

function ok(src: string): Expr {
  const r = parseFormula(src);
  if (!r.ok) throw new Error(`expected ${src} to parse, got ${r.error.message.en}`);
  return r.expr;
}

function fail(src: string) {
  const r = parseFormula(src);
  if (r.ok) throw new Error(`expected ${src} to fail, got ${JSON.stringify(r.expr)}`);
  return r.error;
}

describe('parseFormula: numbers', () => {
  it.each([
    ['12', 12],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1.5E-2', 0.015],
    ['2e+2', 200],
    ['007', 7],
    ['60%', 0.6],
    ['0.07%', 0.0007],
    ['1e2%', 1],
    ['100%', 1],
    ['5e-324', 5e-324],
    ['1.7976931348623157e308', Number.MAX_VALUE],
  ])('%s is %d', (src, value) => {
    expect(ok(src)).toEqual(num(value));
  });

  it('reads a percent literal as the double nearest the decimal, not as a division', () => {
    // 0.07 / 100 would give 7.000000000000001e-4.
    expect(ok('0.07%')).toEqual(num(0.0007));
    expect(0.07 / 100).not.toBe(0.0007);
  });

  it.each([
    ['1.', '1.'],
    ['1.e5', '1.e5'],
    ['1e', '1e'],
    ['1e+', '1e+'],
    ['12abc', '12abc'],
    ['1.2.3', '1.2.3'],
    ['3x', '3x'],
  ])('rejects the malformed number %s', (src, shown) => {
    const e = fail(src);
    expect(e.code).toBe('bad_number');
    expect(e.position).toBe(0);
    expect(e.length).toBe(shown.length);
  });

  it('rejects numbers beyond the double range', () => {
    expect(fail('2 * 1e999')).toMatchObject({ code: 'bad_number', position: 4, length: 5 });
  });

  it('keeps digits ASCII: full-width digits are an error with a hint', () => {
    expect(fail('１２')).toMatchInlineSnapshot(`
      {
        "code": "unexpected_character",
        "length": 1,
        "message": {
          "en": "Unexpected character '１' at character 1; it is full-width, use '1' instead",
          "zh-CN": "第 1 个字符 '１' 无法识别，这是全角字符，请改用半角 '1'",
        },
        "position": 0,
      }
    `);
  });
});

describe('parseFormula: references', () => {
  it.each(['a', 'hotline.closed', '热线.办结数', 'A_1-b:c/d', '2026', 'x.y.z'])('#{%s}', (code) => {
    expect(ok(`#{${code}}`)).toEqual(ref(code));
  });

  it('reads prev() and lastYear() as shifted references', () => {
    expect(ok('prev(#{x})')).toEqual(ref('x', 'prev'));
    expect(ok('lastYear( #{审批.时长} )')).toEqual(ref('审批.时长', 'lastYear'));
    expect(ok('prev((#{x}))')).toEqual(ref('x', 'prev'));
  });

  it('rejects malformed references with their position', () => {
    expect(fail('1 + #{a')).toMatchObject({ code: 'unclosed_reference', position: 4, length: 3 });
    expect(fail('#{}')).toMatchObject({ code: 'empty_reference', position: 0, length: 3 });
    expect(fail('#{a b}')).toMatchObject({ code: 'bad_reference', position: 3, length: 1 });
    expect(fail('#a')).toMatchObject({ code: 'bad_reference', position: 0, length: 1 });
    expect(fail('#{a + 1')).toMatchObject({ code: 'unclosed_reference', position: 0, length: 7 });
  });

  it('requires exactly one plain reference in prev() and lastYear()', () => {
    expect(fail('prev(#{x} + 1)')).toMatchObject({ code: 'prev_needs_reference', position: 5, length: 8 });
    expect(fail('lastYear(3)')).toMatchObject({ code: 'prev_needs_reference', position: 9, length: 1 });
    expect(fail('prev(prev(#{x}))')).toMatchObject({ code: 'prev_needs_reference', position: 5, length: 10 });
    expect(fail('prev(#{x}, #{y})')).toMatchObject({ code: 'bad_arity', position: 0, length: 16 });
    expect(fail('prev()')).toMatchObject({ code: 'bad_arity', position: 0, length: 6 });
  });
});

describe('parseFormula: operators and precedence', () => {
  const [a, b, c] = [ref('a'), ref('b'), ref('c')];

  it('binds * and / tighter than + and -', () => {
    expect(ok('#{a} + #{b} * #{c}')).toEqual(bin('+', a, bin('*', b, c)));
    expect(ok('#{a} / #{b} - #{c}')).toEqual(bin('-', bin('/', a, b), c));
  });

  it('associates - and / to the left', () => {
    expect(ok('#{a} - #{b} - #{c}')).toEqual(bin('-', bin('-', a, b), c));
    expect(ok('#{a} / #{b} / #{c}')).toEqual(bin('/', bin('/', a, b), c));
    expect(ok('#{a} - (#{b} - #{c})')).toEqual(bin('-', a, bin('-', b, c)));
  });

  it('orders or < and < comparison < additive', () => {
    expect(ok('#{a} or #{b} and #{c}')).toEqual(bin('or', a, bin('and', b, c)));
    expect(ok('#{a} + 1 > #{b} and #{c} <= 2')).toEqual(
      bin('and', bin('>', bin('+', a, num(1)), b), bin('<=', c, num(2))),
    );
    expect(ok('(#{a} or #{b}) and #{c}')).toEqual(bin('and', bin('or', a, b), c));
  });

  it('binds unary minus and not tightest', () => {
    expect(ok('-#{a} * #{b}')).toEqual(bin('*', neg(a), b));
    expect(ok('- -#{a}')).toEqual(neg(neg(a)));
    expect(ok('--#{a}')).toEqual(neg(neg(a)));
    expect(ok('not #{a} == 0')).toEqual(bin('==', not(a), num(0)));
    expect(ok('#{a} - -1')).toEqual(bin('-', a, neg(num(1))));
    expect(ok('-2')).toEqual(neg(num(2)));
  });

  it('accepts the symbol spellings and Chinese punctuation', () => {
    expect(ok('#{a} && #{b} || !#{c}')).toEqual(ok('#{a} and #{b} or not #{c}'));
    expect(ok('#{a} × #{b} ÷ 2')).toEqual(bin('/', bin('*', a, b), num(2)));
    expect(ok('max（#{a}，#{b}）')).toEqual(call('max', a, b));
    expect(ok('（#{a} + 1）× 2')).toEqual(bin('*', bin('+', a, num(1)), num(2)));
  });

  it('accepts every comparison', () => {
    for (const op of ['<', '<=', '>', '>=', '==', '!='] as const) {
      expect(ok(`#{a} ${op} 1`)).toEqual(bin(op, a, num(1)));
    }
  });

  it('allows whitespace of any kind between tokens, none needed', () => {
    expect(ok(' \t#{a}\n+\u3000#{b} \r\n')).toEqual(bin('+', a, b));
    expect(ok('#{a}+#{b}*2')).toEqual(bin('+', a, bin('*', b, num(2))));
  });

  it('rejects chained comparisons but accepts parenthesised ones', () => {
    expect(fail('#{a} < #{b} < #{c}')).toMatchObject({ code: 'chained_comparison', position: 12, length: 1 });
    expect(fail('1 == 2 != 3')).toMatchObject({ code: 'chained_comparison', position: 7, length: 2 });
    expect(ok('(#{a} < #{b}) == 1')).toEqual(bin('==', bin('<', a, b), num(1)));
    expect(ok('#{a} < #{b} and #{b} < #{c}')).toEqual(bin('and', bin('<', a, b), bin('<', b, c)));
  });
});

describe('parseFormula: functions', () => {
  const [a, b] = [ref('a'), ref('b')];

  it('parses every function', () => {
    expect(ok('if(#{a} > 0, #{a}, #{b})')).toEqual(call('if', bin('>', a, num(0)), a, b));
    expect(ok('min(#{a})')).toEqual(call('min', a));
    expect(ok('max(#{a}, #{b}, 3)')).toEqual(call('max', a, b, num(3)));
    expect(ok('abs(-#{a})')).toEqual(call('abs', neg(a)));
    expect(ok('round(#{a})')).toEqual(call('round', a));
    expect(ok('round(#{a}, 2)')).toEqual(call('round', a, num(2)));
    expect(ok('sum(#{a}, #{b})')).toEqual(call('sum', a, b));
    expect(ok('avg(#{a}, #{b})')).toEqual(call('avg', a, b));
    expect(ok('coalesce(#{a}, prev(#{a}), 0)')).toEqual(call('coalesce', a, ref('a', 'prev'), num(0)));
    expect(ok('max ( #{a} , #{b} )')).toEqual(call('max', a, b));
  });

  it('checks argument counts', () => {
    expect(fail('if(1, 2)')).toMatchObject({ code: 'bad_arity', position: 0, length: 8 });
    expect(fail('abs(1, 2)')).toMatchObject({ code: 'bad_arity', position: 0, length: 9 });
    expect(fail('round(1, 2, 3)')).toMatchObject({ code: 'bad_arity' });
    expect(fail('1 + min()')).toMatchObject({ code: 'bad_arity', position: 4, length: 5 });
  });

  it('accepts only a whole literal 0–10 as round digits', () => {
    expect(ok('round(1, 0)')).toEqual(call('round', num(1), num(0)));
    expect(ok('round(1, 10)')).toEqual(call('round', num(1), num(10)));
    expect(fail('round(1, 11)')).toMatchObject({ code: 'bad_round_digits', position: 9, length: 2 });
    expect(fail('round(1, -1)')).toMatchObject({ code: 'bad_round_digits', position: 9, length: 2 });
    expect(fail('round(1, 1.5)')).toMatchObject({ code: 'bad_round_digits' });
    expect(fail('round(1, #{d})')).toMatchObject({ code: 'bad_round_digits', position: 9, length: 4 });
  });

  it('knows function names case-sensitively and suggests the right one', () => {
    expect(fail('IF(1, 2, 3)')).toMatchObject({ code: 'unknown_function', position: 0, length: 2 });
    expect(fail('lastyear(#{a})').message.en).toContain("did you mean 'lastYear'?");
    expect(fail('average(1, 2)').message['zh-CN']).toContain("是否应为 'avg'");
    expect(fail('foo(1)').message.en).toBe("Unknown function 'foo' at character 1");
  });

  it('rejects bare names, with a hint to write a reference', () => {
    expect(fail('#{a} + b')).toMatchObject({ code: 'unknown_name', position: 7, length: 1 });
    expect(fail('#{a} AND #{b}').message.en).toContain("did you mean 'and'?");
    expect(fail('abs 3')).toMatchObject({ code: 'unexpected_token', position: 0, length: 3 });
  });
});

describe('parseFormula: errors with position and both languages', () => {
  it('pins the wording of the common errors', () => {
    expect(fail('')).toMatchInlineSnapshot(`
      {
        "code": "empty",
        "length": 0,
        "message": {
          "en": "The formula is empty",
          "zh-CN": "公式为空",
        },
        "position": 0,
      }
    `);
    expect(fail('   ')).toMatchObject({ code: 'empty' });
    expect(fail('(#{a} + #{b}')).toMatchInlineSnapshot(`
      {
        "code": "unclosed_paren",
        "length": 0,
        "message": {
          "en": "Missing ')' at character 13 to close the '(' at character 1",
          "zh-CN": "第 13 个字符处缺少右括号（与第 1 个字符处的左括号配对）",
        },
        "position": 12,
      }
    `);
    expect(fail('#{a} + ')).toMatchInlineSnapshot(`
      {
        "code": "unexpected_end",
        "length": 0,
        "message": {
          "en": "The formula ends unexpectedly at character 8: an operand is missing",
          "zh-CN": "公式在第 8 个字符处意外结束，缺少运算数",
        },
        "position": 7,
      }
    `);
    expect(fail('#{a} #{b}')).toMatchInlineSnapshot(`
      {
        "code": "missing_operator",
        "length": 4,
        "message": {
          "en": "Missing operator before '#{b}' at character 6",
          "zh-CN": "第 6 个字符 '#{b}' 前缺少运算符",
        },
        "position": 5,
      }
    `);
    expect(fail('#{a} + 1)')).toMatchInlineSnapshot(`
      {
        "code": "unmatched_paren",
        "length": 1,
        "message": {
          "en": "The ')' at character 9 has no matching '('",
          "zh-CN": "第 9 个字符处的右括号没有对应的左括号",
        },
        "position": 8,
      }
    `);
    expect(fail('#{a} = 1')).toMatchInlineSnapshot(`
      {
        "code": "unexpected_character",
        "length": 1,
        "message": {
          "en": "Unexpected character '=' at character 6; use '==' to test equality",
          "zh-CN": "第 6 个字符 '=' 无法识别，判断相等请用 '=='",
        },
        "position": 5,
      }
    `);
    expect(fail('#{a} ＋ 1')).toMatchInlineSnapshot(`
      {
        "code": "unexpected_character",
        "length": 1,
        "message": {
          "en": "Unexpected character '＋' at character 6; it is full-width, use '+' instead",
          "zh-CN": "第 6 个字符 '＋' 无法识别，这是全角字符，请改用半角 '+'",
        },
        "position": 5,
      }
    `);
    expect(fail('#{a} < #{b} < #{c}')).toMatchInlineSnapshot(`
      {
        "code": "chained_comparison",
        "length": 1,
        "message": {
          "en": "Chained comparison at character 13; write a < b and b < c instead of a < b < c",
          "zh-CN": "第 13 个字符处出现连续比较；a < b < c 请写作 a < b and b < c",
        },
        "position": 12,
      }
    `);
    expect(fail('round(#{a}, 2, 3)')).toMatchInlineSnapshot(`
      {
        "code": "bad_arity",
        "length": 17,
        "message": {
          "en": "The function round at character 1 takes 1 to 2 arguments, got 3",
          "zh-CN": "第 1 个字符处的函数 round 需要 1 至 2 个参数，实际为 3 个",
        },
        "position": 0,
      }
    `);
    expect(fail('prev(#{a} * 2)')).toMatchInlineSnapshot(`
      {
        "code": "prev_needs_reference",
        "length": 8,
        "message": {
          "en": "The argument of prev at character 6 must be one element reference, e.g. prev(#{code})",
          "zh-CN": "第 6 个字符处 prev 的参数必须是一个数据元引用，例如 prev(#{代码})",
        },
        "position": 5,
      }
    `);
    expect(fail('* 2')).toMatchInlineSnapshot(`
      {
        "code": "unexpected_token",
        "length": 1,
        "message": {
          "en": "Expected a number, an element reference, a function or '(' at character 1, found '*'",
          "zh-CN": "第 1 个字符处应为数字、数据元引用、函数或 '('，而不是 '*'",
        },
        "position": 0,
      }
    `);
  });

  it('reports where a parenthesis is missing', () => {
    expect(fail('max(#{a}, #{b}')).toMatchObject({ code: 'unclosed_paren', position: 14, length: 0 });
    expect(fail('max(#{a} #{b})')).toMatchObject({ code: 'missing_operator', position: 9 });
    expect(fail('(1, 2)')).toMatchObject({ code: 'unexpected_token', position: 2 });
    expect(fail('()')).toMatchObject({ code: 'unexpected_token', position: 1 });
    expect(fail('2(3)')).toMatchObject({ code: 'missing_operator', position: 1 });
    expect(fail('max(1,,2)')).toMatchObject({ code: 'unexpected_token', position: 6 });
    expect(fail('max(1,)')).toMatchObject({ code: 'unexpected_token', position: 6 });
  });

  it('reports the first error by position', () => {
    // The stray ')' comes before the bad character, so it is the one reported.
    expect(fail('1 + ) $')).toMatchObject({ code: 'unexpected_token', position: 4 });
    expect(fail('1 $ + )')).toMatchObject({ code: 'unexpected_character', position: 2 });
  });

  it('limits length and depth', () => {
    expect(parseFormula('1+'.repeat(999) + '1').ok).toBe(true);
    expect(fail('1+'.repeat(1000) + '1')).toMatchObject({ code: 'too_long', position: 2000, length: 1 });
    expect(ok(`${'('.repeat(64)}1${')'.repeat(64)}`)).toEqual(num(1));
    expect(fail(`${'('.repeat(65)}1${')'.repeat(65)}`)).toMatchObject({
      code: 'too_deep',
      position: 64,
      length: 1,
    });
    expect(fail('-'.repeat(65) + '1')).toMatchObject({ code: 'too_deep', position: 64 });
    expect(fail(`${'abs('.repeat(65)}1${')'.repeat(65)}`)).toMatchObject({ code: 'too_deep', position: 256 });
    expect(fail('('.repeat(10_000))).toMatchObject({ code: 'too_long' });
  });

  it('throws a FormulaSyntaxError from parseFormulaOrThrow', () => {
    expect(parseFormulaOrThrow('#{a} * 2')).toEqual(bin('*', ref('a'), num(2)));
    let thrown: unknown;
    try {
      parseFormulaOrThrow('1 +');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FormulaSyntaxError);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as FormulaSyntaxError).error).toEqual(fail('1 +'));
    expect((thrown as FormulaSyntaxError).message).toBe(
      'The formula ends unexpectedly at character 4: an operand is missing [unexpected_end]',
    );
  });
});
