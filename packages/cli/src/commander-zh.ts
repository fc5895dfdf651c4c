import type { Locale } from '@xiaoneng/engine';

/**
 * Commander prints its own parse errors and help headings in English; these put them into Chinese for the
 * default locale, so that `xn` speaks one language from start to end.
 */
const ERRORS: [RegExp, string][] = [
  [/^error: required option '(.+)' not specified/, '错误：缺少必需的选项 $1'],
  [/^error: unknown option '(.+?)'/, '错误：未知的选项 $1'],
  [/^error: unknown command '(.+?)'/, '错误：未知的命令 $1'],
  [/^error: option '(.+)' argument missing/, '错误：选项 $1 缺少参数'],
  [/^error: option '(.+)' argument '(.*)' is invalid\. ?/, '错误：选项 $1 的参数“$2”无效：'],
  [/^error: missing required argument '(.+)'/, '错误：缺少必需的参数 $1'],
  [/^error: too many arguments.*/, '错误：参数过多'],
  [/\(Did you mean (.+)\?\)/, '（是否想输入 $1？）'],
];

export function translateCommanderError(message: string, locale: Locale): string {
  if (locale !== 'zh-CN') return message;
  let out = message;
  for (const [pattern, zh] of ERRORS) out = out.replace(pattern, zh);
  return out;
}

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

export function helpTitle(title: string, locale: Locale): string {
  return locale === 'zh-CN' ? (TITLES[title] ?? title) : title;
}
