import { Spin } from 'antd';
import { useT } from '../i18n/use-t';

/** Shown while a page's chunk loads. */
export function PageLoading() {
  const t = useT();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin aria-label={t('loading')} />
    </div>
  );
}
