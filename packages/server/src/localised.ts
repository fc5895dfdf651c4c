import type { LocalisedText } from '@xiaoneng/engine';

/** Shorthand for a message in both languages; zh-CN first because it is the default. */
export function t(zh: string, en: string): LocalisedText {
  return { 'zh-CN': zh, en };
}
