import { useCallback } from 'react';
import { type CommonKey, commonMessages } from './common-messages';
import { useLocale } from './locale-provider';
import { fill, type Messages } from './messages';

export type Translate<K extends string> = (
  key: K | CommonKey,
  vars?: Record<string, string | number>,
) => string;

/**
 * The texts of a page: `const t = useT(messages)` with the page's own dictionary (defineMessages in its
 * folder's messages.ts); the shell's common keys are always available too. Without an argument: common only.
 */
export function useT<K extends string = never>(messages?: Messages<K>): Translate<K> {
  const { locale } = useLocale();
  return useCallback(
    (key, vars) => {
      const own = messages?.[locale] as Record<string, string> | undefined;
      const text = own?.[key] ?? (commonMessages[locale] as Record<string, string>)[key] ?? key;
      return fill(text, vars);
    },
    [locale, messages],
  );
}
