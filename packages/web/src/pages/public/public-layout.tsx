import { ConfigProvider, Layout, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { useT } from '../../i18n/use-t';
import { LocaleSwitch } from '../../layout/locale-switch';
import { PageLoading } from '../../layout/page-loading';
import { messages } from './messages';

/**
 * antd's default blue (#1677ff) reaches only 4.1:1 against white; the portal is read by everyone, so links
 * and primary buttons take a darker blue of the same palette (6.2:1, WCAG AA for text).
 */
const PORTAL_THEME = { token: { colorPrimary: '#0958d9', colorLink: '#0958d9' } };

/** Off screen until focused: the first Tab of a keyboard user jumps past the header to the content. */
const SKIP_LINK_CSS = `
.xn-skip-link { position: absolute; left: -9999px; top: 8px; z-index: 1000; padding: 8px 12px;
  background: #fff; border: 2px solid #0958d9; border-radius: 4px; }
.xn-skip-link:focus { left: 8px; }
`;

/** The public portal's own light frame: no sign-in, no menu. */
export function PublicLayout() {
  const t = useT(messages);
  return (
    <ConfigProvider theme={PORTAL_THEME}>
      <style>{SKIP_LINK_CSS}</style>
      <a className="xn-skip-link" href="#main-content">
        {t('skipToContent')}
      </a>
      <Layout style={{ minHeight: '100vh', background: '#fff' }}>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
            paddingInline: 16,
          }}
        >
          <Typography.Text strong style={{ fontSize: 18 }}>
            <Link to="/public">
              {t('appName')} · {t('publicPortal')}
            </Link>
          </Typography.Text>
          <LocaleSwitch />
        </Layout.Header>
        <Layout.Content
          id="main-content"
          tabIndex={-1}
          style={{ padding: 16, maxWidth: 1200, width: '100%', marginInline: 'auto' }}
        >
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', background: '#fff' }}>
          <Link to="/login">{t('signIn')}</Link>
        </Layout.Footer>
      </Layout>
    </ConfigProvider>
  );
}
