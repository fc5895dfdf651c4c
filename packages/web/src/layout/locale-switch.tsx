import { Segmented } from 'antd';
import type { Locale } from '../i18n/locale';
import { useLocale } from '../i18n/locale-provider';
import { useT } from '../i18n/use-t';

/** 中文 / EN: switches every text, antd, dates and the API's messages; remembered in localStorage. */
export function LocaleSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('language')}
      value={locale}
      onChange={setLocale}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
      data-testid="locale-switch"
    />
  );
}
