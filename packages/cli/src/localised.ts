import type { Locale, LocalisedText } from '@xiaoneng/engine';

/** Shorthand for a message in both languages; zh-CN first because it is the default. */
export function t(zh: string, en: string): LocalisedText {
  return { 'zh-CN': zh, en };
}

/** A `--lang` value as a locale: `en`, `en-US`… → en; `zh`, `zh-CN`, `zh_Hans`… → zh-CN; else undefined. */
export function parseLocale(flag: string): Locale | undefined {
  const f = flag.toLowerCase();
  if (f === 'en' || f.startsWith('en-') || f.startsWith('en_')) return 'en';
  if (f === 'zh' || f.startsWith('zh-') || f.startsWith('zh_')) return 'zh-CN';
  return undefined;
}

/**
 * The locale messages are printed in: `--lang` wins; otherwise an English `LANG`/`LC_ALL` gives en and
 * everything else (including the bare `C`/`POSIX` of servers) gives zh-CN, the product's default.
 */
export function resolveLocale(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Locale {
  if (flag !== undefined) return parseLocale(flag) ?? 'zh-CN';
  const lang = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').toLowerCase();
  return lang.startsWith('en') ? 'en' : 'zh-CN';
}
