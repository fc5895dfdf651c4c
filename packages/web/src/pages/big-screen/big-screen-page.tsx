import { useT } from '../../i18n/use-t';
import { messages } from './messages';

export function BigScreenPage() {
  const t = useT(messages);
  return (
    <main style={{ minHeight: '100vh', padding: 32, background: '#0b1a33', color: '#fff' }}>
      <h1 style={{ fontSize: 40 }}>{t('bigScreenTitle')}</h1>
    </main>
  );
}
