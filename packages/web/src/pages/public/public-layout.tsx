import { ConfigProvider, Layout, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { useT } from '../../i18n/use-t';
import { LocaleSwitch } from '../../layout/locale-switch';
import { PageLoading } from '../../layout/page-loading';

/**
 * antd's default blue (#1677ff) reaches only 4.1:1 against white; the portal is read by everyone, so links
 * and primary buttons take a darker blue of the same palette (6.2:1, WCAG AA for text).
 */
const PORTAL_THEME = { token: { colorPrimary: '#0958d9', colorLink: '#0958d9' } };

/** The public portal's own light frame: no sign-in, no menu. */
export function PublicLayout() {
  const t = useT();
  return (
    <ConfigProvider theme={PORTAL_THEME}>
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
        <Layout.Content style={{ padding: 16, maxWidth: 1200, width: '100%', marginInline: 'auto' }}>
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
