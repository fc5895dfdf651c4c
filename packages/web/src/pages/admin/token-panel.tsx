import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { type ApiToken, adminApi, TOKEN_SCOPES } from './admin-api';
import { ApiProblem, asApiError } from './api-problem';
import { showFieldErrors } from './form-errors';
import { messages } from './messages';
import { useLoad } from './use-load';

interface Values {
  name: string;
  scopes: string[];
  unitCode: string;
  expiresInDays: number;
}

function stateOf(token: ApiToken, now = Date.now()): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt !== null) return 'revoked';
  return Date.parse(token.expiresAt) <= now ? 'expired' : 'active';
}

const STATE_COLOR = { active: 'green', revoked: 'default', expired: 'orange' } as const;

/**
 * API tokens for other systems (imports from service platforms, read access for dashboards): issued with
 * scopes, an optional unit subtree and an expiry; the secret is shown once; revoked, never deleted.
 */
export function TokenPanel() {
  const t = useT(messages);
  const format = useFormat();
  const { message } = App.useApp();
  const tokens = useLoad(() => adminApi.tokens(), []);
  const [issuing, setIssuing] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  const issue = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const code = v.unitCode.trim();
      const issued = await adminApi.issueToken({
        name: v.name.trim(),
        scopes: v.scopes,
        unitCode: code === '' ? null : code,
        expiresInDays: v.expiresInDays,
      });
      setIssuing(false);
      form.resetFields();
      setSecret({ name: issued.token.name, secret: issued.secret });
      tokens.reload();
    } catch (e) {
      const problem = asApiError(e);
      showFieldErrors(form, problem);
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: ApiToken) => {
    try {
      await adminApi.revokeToken(token);
      message.success(t('tokenRevoked', { name: token.name }));
      tokens.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => {
          setError(undefined);
          setIssuing(true);
        }}
        style={{ marginBottom: 12 }}
        data-testid="issue-token"
      >
        {t('issueToken')}
      </Button>
      {tokens.error !== undefined && <ApiProblem error={tokens.error} />}
      {error !== undefined && !issuing && <ApiProblem error={error} testId="token-problem" />}
      <Table<ApiToken>
        rowKey="id"
        size="small"
        loading={tokens.loading}
        dataSource={tokens.data ?? []}
        data-testid="token-table"
        scroll={{ x: 900 }}
        columns={[
          { title: t('tokenName'), dataIndex: 'name' },
          {
            title: t('tokenScopes'),
            dataIndex: 'scopes',
            render: (scopes: string[]) => scopes.map((s) => <Tag key={s}>{s}</Tag>),
          },
          {
            title: t('unitScope'),
            dataIndex: 'unitCode',
            render: (c: string | null) => c ?? t('wholeProvince'),
          },
          { title: t('createdBy'), dataIndex: 'createdBy' },
          { title: t('expiresAt'), dataIndex: 'expiresAt', render: (v: string) => format.dateTime(v) },
          {
            title: t('lastUsedAt'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => (v === null ? '—' : format.dateTime(v)),
          },
          {
            title: t('state'),
            key: 'state',
            render: (_: unknown, tok) => {
              const s = stateOf(tok);
              return <Tag color={STATE_COLOR[s]}>{t(`token_${s}`)}</Tag>;
            },
          },
          {
            title: t('actions'),
            key: 'actions',
            render: (_: unknown, tok) =>
              stateOf(tok) === 'active' && (
                <Popconfirm
                  title={t('revokeConfirm', { name: tok.name })}
                  okText={t('revoke')}
                  cancelText={t('cancel')}
                  onConfirm={() => revoke(tok)}
                >
                  <Button size="small" type="link" danger data-testid={`revoke-${tok.name}`}>
                    {t('revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={issuing}
        title={t('issueToken')}
        okText={t('issue')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setIssuing(false)}
        destroyOnHidden
        data-testid="token-form"
      >
        {error !== undefined && <ApiProblem error={error} testId="token-form-problem" />}
        <Form<Values>
          name="token"
          form={form}
          layout="vertical"
          onFinish={issue}
          initialValues={{ name: '', scopes: [], unitCode: '', expiresInDays: 90 }}
          style={{ marginTop: 12 }}
        >
          <Form.Item
            name="name"
            label={t('tokenName')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('tokenScopes')}
            rules={[{ required: true, message: t('scopesRequired') }]}
          >
            <Checkbox.Group
              style={{ display: 'grid', gap: 4 }}
              options={TOKEN_SCOPES.map((s) => ({ value: s, label: `${t(`scope_${s}`)} (${s})` }))}
            />
          </Form.Item>
          <Form.Item name="unitCode" label={t('unitScope')} extra={t('tokenUnitHelp')}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="expiresInDays"
            label={t('expiresInDays')}
            rules={[{ required: true, message: t('required') }]}
          >
            <InputNumber min={1} max={366} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={secret !== undefined}
        title={t('tokenIssued', { name: secret?.name ?? '' })}
        onOk={() => setSecret(undefined)}
        onCancel={() => setSecret(undefined)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('secretStored')}
        data-testid="token-secret"
      >
        <Alert type="warning" showIcon title={t('secretOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: secret?.secret ?? '' }} code data-testid="token-secret-value">
          {secret?.secret}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
