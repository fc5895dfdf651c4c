import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { findJsonError } from './json-syntax.js';
import { lineColumn, parseJsonText } from './read-json.js';

function failure(text: string): CliError {
  try {
    parseJsonText('plan.json', text);
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('parsed');
}

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('plan.json', '{"a": [1, 2]}')).toEqual({ a: [1, 2] });
  });

  it('names line and column of a syntax error, with the line and a caret', () => {
    const err = failure('{\n  "a": 1,\n  "b" 2\n}');
    expect(err.code).toBe('plan_not_json');
    expect(err.exitCode).toBe(2);
    expect(err.text.en).toBe('plan.json is not valid JSON: line 3, column 7: expected \':\' but found "2"');
    expect(err.text['zh-CN']).toBe('plan.json 不是有效的 JSON：第 3 行第 7 列：应为 “:”，实际为 "2"');
    expect(err.details.map((d) => d.en)).toEqual(['  "b" 2', '      ^']);
  });

  it('finds the spot even where V8 gives no position (a CSV passed as the plan)', () => {
    expect(failure('code,name\n370101,历下区\n').text.en).toBe(
      'plan.json is not valid JSON: line 1, column 1: expected a value but found "c"',
    );
  });

  it('points at the end for truncated input and at line 1 for an empty file', () => {
    expect(failure('{\n  "a": [1,\n').text.en).toMatch(/line 3, column 1: unexpected end of file/);
    expect(failure('').text.en).toMatch(/line 1, column 1: unexpected end of file/);
  });

  it('counts lines and columns from an offset', () => {
    expect(lineColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});

describe('findJsonError', () => {
  const at = (text: string) => {
    const e = findJsonError(text);
    return e && { offset: e.offset, en: e.message.en };
  };

  it('accepts what JSON.parse accepts', () => {
    for (const s of ['{}', '[]', ' 1 ', '"x\\u00e9\\n"', '{"a":[true,false,null,-1.5e3,{"b":"c"}]}'])
      expect(at(s)).toBeUndefined();
  });

  it.each([
    ['{"a":1,}', 7, /expected a property name in double quotes but found "}" \(a trailing comma\?\)/],
    ['{"a":1 "b":2}', 7, /expected ',' or '}' but found "\\"" \(a missing comma\?\)/],
    ['[1 2]', 3, /expected ',' or '\]' but found "2"/],
    ['[1,,2]', 3, /expected a value but found ","/],
    ['{"a": tru}', 6, /expected a value but found "t"/],
    ['{"a": 01}', 7, /invalid number/],
    ['"abc', 4, /unterminated string/],
    ['{"a":"x\ny"}', 7, /unescaped control character/],
    ['"\\x"', 1, /invalid escape sequence/],
    ['{"a":1}}', 7, /unexpected text after the JSON: "}"/],
  ])('%j fails at %i', (text, offset, message) => {
    const e = at(text);
    expect(e?.offset).toBe(offset);
    expect(e?.en).toMatch(message);
    expect(() => JSON.parse(text)).toThrow();
  });
});
