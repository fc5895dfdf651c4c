import type { Locale } from './locale';

/** A dictionary of one page or area: every key in both languages. */
export type Messages<K extends string> = Record<Locale, Record<K, string>>;

/**
 * Defines a dictionary; the en half must have exactly the keys of the zh-CN half (a missing key is a type
 * error, and so is an extra one in the literal). Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
export function defineMessages<const Z extends Record<string, string>>(
  zh: Z,
  en: { [K in keyof Z]: string },
): Messages<Extract<keyof Z, string>> {
  return { 'zh-CN': zh, en } as Messages<Extract<keyof Z, string>>;
}

/** Replaces `{name}` placeholders; an unknown placeholder stays visible so that the mistake is seen. */
export function fill(template: string, vars?: Record<string, string | number>): string {
  if (vars === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    vars[name] === undefined ? whole : String(vars[name]),
  );
}
