import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { useSession } from '../../auth/session-provider';
import { startPageEarly } from '../../early-pages';
import { useLocale } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { LocaleSwitch } from '../../layout/locale-switch';
import { homeOf } from '../../routes';

interface Credentials {
  username: string;
  password: string;
}

/** Only paths of this site, so that ?next= cannot send anyone elsewhere after signing in. */
function safeNext(next: string | null): string | undefined {
  return next?.startsWith('/') && !next.startsWith('//') ? next : undefined;
}

export function LoginPage() {
  const t = useT();
  const { session, signIn } = useSession();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (session.status === 'signedIn') return <Navigate to={next ?? homeOf(session.me.roles)} replace />;

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(undefined);
    try {
      const me = await signIn(values.username, values.password);
      const to = next ?? homeOf(me.roles);
      startPageEarly(new URL(to, location.origin).pathname, locale);
      navigate(to, { replace: true });
    } catch (e) {
      // Wrong password, locked account (its message says until when), network: the server's text, in the
      // language of the page.
      setError(e instanceof ApiError ? e : new ApiError(0, { code: 'network', detail: t('networkError') }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        padding: 16,
        background: '#f5f5f5',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('signInTitle')}
            </Typography.Title>
            <LocaleSwitch />
          </div>
          {error !== undefined && (
            <Alert
              type="error"
              showIcon
              title={t('signInFailed')}
              description={error.detail}
              data-testid="login-error"
            />
          )}
          <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
            <Form.Item
              name="username"
              label={t('username')}
              rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('password')}
              rules={[{ required: true, message: t('passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('signIn')}
            </Button>
          </Form>
          <Link to="/public">{t('publicPortal')}</Link>
        </Space>
      </Card>
    </main>
  );
}
