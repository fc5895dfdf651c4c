import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
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
    expect(err.text.en).toMatch(/^plan\.json is not valid JSON: line 3, column 7 /);
    expect(err.text['zh-CN']).toMatch(/第 3 行第 7 列/);
    expect(err.details.map((d) => d.en)).toEqual(['  "b" 2', '      ^']);
  });

  it('points at the end for truncated input', () => {
    const err = failure('{\n  "a": [1,\n');
    expect(err.text.en).toMatch(/line 3, column 1 /);
  });

  it('reports an empty file at line 1, column 1', () => {
    expect(failure('').text.en).toMatch(/line 1, column 1 /);
  });

  it('counts lines and columns from an offset', () => {
    expect(lineColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});
