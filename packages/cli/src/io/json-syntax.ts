import type { LocalisedText } from '@xiaoneng/engine';
import { t } from '../localised.js';

export interface JsonSyntaxError {
  offset: number;
  message: LocalisedText;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: LocalisedText,
  ) {}
}

/**
 * Finds where JSON text first goes wrong and why. V8's own messages do not always give a position
 * ("Unexpected token 'c', "code,name"... is not valid JSON"), and a person fixing a plan needs the line and
 * column every time. Only called after JSON.parse has failed, so speed does not matter.
 */
export function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const n = text.length;
  const show = (k: number) => (k >= n ? '' : JSON.stringify(text[k]));
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (message: LocalisedText): never => {
    throw new Stop(i, message);
  };
  const end = () =>
    fail(t('文件意外结束（是否缺少右括号或引号？）', 'unexpected end of file (a missing bracket or quote?)'));
  const expectChar = (c: string, zh: string, en: string) => {
    ws();
    if (i >= n) end();
    if (text[i] !== c) fail(t(`应为 ${zh}，实际为 ${show(i)}`, `expected ${en} but found ${show(i)}`));
    i++;
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= n) fail(t('字符串没有结束引号', 'unterminated string'));
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 0x20)
        fail(
          t(
            '字符串中有未转义的控制字符（如换行）',
            'unescaped control character (such as a line break) in a string',
          ),
        );
      if (c === 92) {
        const e = text[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail(t('无效的转义序列', 'invalid escape sequence'));
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(t(`无效的数字，位于 ${show(i)}`, `invalid number at ${show(i)}`));
    i += m![0].length;
    if (i < n && /[0-9.eE]/.test(text[i]!))
      fail(t('无效的数字（如前导零）', 'invalid number (such as a leading zero)'));
  };
  const value = (): void => {
    ws();
    if (i >= n) end();
    const c = text[i]!;
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (i >= n) end();
        if (text[i] !== '"')
          fail(
            t(
              `应为用双引号括起的属性名，实际为 ${show(i)}（是否多了逗号？）`,
              `expected a property name in double quotes but found ${show(i)} (a trailing comma?)`,
            ),
          );
        string();
        expectChar(':', '“:”', "':'");
        value();
        ws();
        if (i >= n) end();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(
          t(
            `应为“,”或“}”，实际为 ${show(i)}（是否缺少逗号？）`,
            `expected ',' or '}' but found ${show(i)} (a missing comma?)`,
          ),
        );
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (i >= n) end();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(
          t(
            `应为“,”或“]”，实际为 ${show(i)}（是否缺少逗号？）`,
            `expected ',' or ']' but found ${show(i)} (a missing comma?)`,
          ),
        );
      }
    }
    if (c === '"') {
      string();
      return;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      number();
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(t(`应为一个值，实际为 ${show(i)}`, `expected a value but found ${show(i)}`));
  };
  try {
    value();
    ws();
    if (i < n) fail(t(`JSON 之后还有多余的内容：${show(i)}`, `unexpected text after the JSON: ${show(i)}`));
    return undefined;
  } catch (err) {
    if (err instanceof Stop) return { offset: err.offset, message: err.message };
    throw err;
  }
}
