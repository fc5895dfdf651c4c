import { CliError } from '../cli-error.js';
import { t } from '../localised.js';
import { decodeText } from './decode-text.js';
import { findJsonError } from './json-syntax.js';
import { readFileOrThrow } from './read-file.js';

/** Line and column (1-based) of a character offset, as editors show them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses JSON text; on a syntax error throws a CliError with the line and column and the offending line
 * with a caret under the spot, because "Unexpected token at position 18734" helps nobody fix a plan.
 */
export function parseJsonText(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const found = findJsonError(text);
    const message = err instanceof Error ? err.message : String(err);
    const m = /position (\d+)/.exec(message);
    const offset = found?.offset ?? (m ? Number(m[1]) : text.length);
    const reason = found?.message ?? t(message, message);
    const { line, column } = lineColumn(text, offset);
    const lines = text.split('\n');
    const source = (lines[line - 1] ?? '').replace(/\r$/, '');
    // Long lines (minified JSON) are cut around the spot.
    const from = Math.max(0, column - 60);
    const excerpt = `${from > 0 ? '…' : ''}${source.slice(from, column + 40)}`;
    const caret = `${' '.repeat(column - 1 - from + (from > 0 ? 1 : 0))}^`;
    throw new CliError(
      'plan_not_json',
      t(
        `${path} 不是有效的 JSON：第 ${line} 行第 ${column} 列：${reason['zh-CN']}`,
        `${path} is not valid JSON: line ${line}, column ${column}: ${reason.en}`,
      ),
      [t(excerpt, excerpt), t(caret, caret)],
    );
  }
}

export async function readJsonFile(path: string): Promise<unknown> {
  const text = await decodeText(await readFileOrThrow(path));
  return parseJsonText(path, text);
}
