import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLocale } from '../api/client';
import { type Formatters, formattersOf } from './format';
import { type Locale, storedLocale, storeLocale } from './locale';

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

/**
 * Ant Design's styles come from its prebuilt stylesheet (imported in main.tsx) instead of being generated
 * in the page as each component first renders: on the dashboard that generation was a fifth of the first
 * render's main-thread time. Themes (the portal's darker links) still apply, as CSS variables.
 */
const THEME = { zeroRuntime: true } as const;

const LocaleContext = createContext<LocaleState | undefined>(undefined);

function apply(locale: Locale): void {
  document.documentElement.lang = locale;
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  setApiLocale(locale);
}

/** The chosen language (remembered in localStorage) for texts, antd, dayjs and the API's error messages. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() => {
    const initial = storedLocale();
    apply(initial);
    return initial;
  });
  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    apply(next);
    setState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={THEME}>
        {children}
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (state === undefined) throw new Error('useLocale needs a LocaleProvider above it');
  return state;
}

export function useFormat(): Formatters {
  return formattersOf(useLocale().locale);
}
