import { LogoutOutlined, MenuOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, type MenuProps, Space, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSession } from '../auth/session-provider';
import { useT } from '../i18n/use-t';
import { APP_ROUTES, BIG_SCREEN_ROUTE, mayOpen } from '../routes';
import { LocaleSwitch } from './locale-switch';
import { PageLoading } from './page-loading';

/**
 * The signed-in frame: header (name, language, sign-out) and the menu of the pages the account's roles may
 * open. Below the md breakpoint (phones, 390 px) the menu moves into a drawer behind a button.
 */
export function AppLayout() {
  const me = useMe();
  const { signOut } = useSession();
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const mine = [...APP_ROUTES, BIG_SCREEN_ROUTE].filter((r) => r.nav !== undefined && mayOpen(r, me.roles));
  const item = (r: (typeof mine)[number]) => ({
    key: r.path,
    icon: r.nav?.icon,
    label: <Link to={r.path}>{t(r.nav!.label)}</Link>,
  });
  const main = mine.filter((r) => r.nav?.group === undefined).map(item);
  const admin = mine.filter((r) => r.nav?.group === 'admin').map(item);
  const items: MenuProps['items'] =
    admin.length === 0
      ? main
      : [...main, { key: 'admin', icon: <SettingOutlined />, label: t('navAdmin'), children: admin }];
  const selected = mine
    .map((r) => r.path)
    .filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      defaultOpenKeys={['admin']}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          paddingInline: narrow ? 12 : 24,
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        {narrow && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('menu')}
            onClick={() => setDrawerOpen(true)}
            data-testid="menu-button"
          />
        )}
        <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
          <Link to="/">{narrow ? t('appName') : t('appTitle')}</Link>
        </Typography.Text>
        <Space style={{ marginInlineStart: 'auto' }} size={narrow ? 4 : 12}>
          <LocaleSwitch />
          {!narrow && (
            <Typography.Text data-testid="current-user">
              <UserOutlined /> {me.displayName}
            </Typography.Text>
          )}
          <Button
            type="text"
            icon={<LogoutOutlined />}
            onClick={() => signOut().finally(() => navigate('/login'))}
            aria-label={t('signOut')}
            data-testid="sign-out"
          >
            {narrow ? null : t('signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {narrow ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={me.displayName}
            size={260}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider width={220} theme="light" data-testid="side-menu">
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
