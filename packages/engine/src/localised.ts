/** Text a person reads, in every language the product speaks. zh-CN is the default. */
export interface LocalisedText {
  'zh-CN': string;
  en: string;
}

export type Locale = keyof LocalisedText;
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export function text(zh: string, en: string): LocalisedText {
  return { 'zh-CN': zh, en };
}

/** One problem found in a plan, a formula or an input: where, what, and how bad. */
export interface EngineIssue {
  severity: 'error' | 'warning';
  /** Stable machine code, e.g. `weights_sum`, `unknown_element`. */
  code: string;
  /** Path in the plan document, e.g. ['tree', 0, 'children', 2, 'weight']. */
  path: (string | number)[];
  message: LocalisedText;
}

export function pathToString(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}
