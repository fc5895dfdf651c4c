import { App, Button, Card, Col, Form, InputNumber, Row, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { adminApi, POLICY_BOUNDS, type SecurityPolicy, type SecurityPolicySettings } from './admin-api';
import { ApiProblem, asApiError } from './api-problem';
import { showFieldErrors } from './form-errors';
import { messages } from './messages';
import { useLoad } from './use-load';

type Key = keyof SecurityPolicySettings;

const GROUPS: readonly {
  title: 'policyPassword' | 'policyLockout' | 'policySession';
  keys: readonly Key[];
}[] = [
  { title: 'policyPassword', keys: ['passwordMinLength', 'passwordMinClasses'] },
  { title: 'policyLockout', keys: ['lockoutThreshold', 'lockoutWindowMinutes', 'lockoutDurationMinutes'] },
  { title: 'policySession', keys: ['sessionIdleMinutes', 'sessionAbsoluteMinutes'] },
];

/** 安全策略: password rules, lockout after failed sign-ins, session idle and absolute timeouts. */
export function PolicyPanel() {
  const t = useT(messages);
  const format = useFormat();
  const { message } = App.useApp();
  const policy = useLoad(() => adminApi.policy(), []);
  const [form] = Form.useForm<SecurityPolicySettings>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (policy.data !== undefined) form.setFieldsValue(policy.data);
  }, [form, policy.data]);

  const submit = async (v: SecurityPolicySettings) => {
    if (policy.data === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved: SecurityPolicy = await adminApi.updatePolicy(v, policy.data.version);
      message.success(t('policySaved', { version: saved.version }));
      policy.reload();
    } catch (e) {
      const problem = asApiError(e);
      showFieldErrors(form, problem);
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {policy.error !== undefined && <ApiProblem error={policy.error} />}
      {error !== undefined && <ApiProblem error={error} testId="policy-problem" />}
      {policy.data !== undefined && (
        <Typography.Paragraph type="secondary" data-testid="policy-version">
          {policy.data.version === 0
            ? t('policyDefaults')
            : t('policyVersion', {
                version: policy.data.version,
                at: policy.data.updatedAt === null ? '—' : format.dateTime(policy.data.updatedAt),
              })}
        </Typography.Paragraph>
      )}
      <Form<SecurityPolicySettings>
        name="policy"
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="policy-form"
      >
        <Row gutter={16}>
          {GROUPS.map((g) => (
            <Col xs={24} lg={8} key={g.title}>
              <Card size="small" title={t(g.title)} style={{ marginBottom: 16 }}>
                {g.keys.map((key) => {
                  const [min, max] = POLICY_BOUNDS[key];
                  return (
                    <Form.Item
                      key={key}
                      name={key}
                      label={t(`policy_${key}`)}
                      extra={t('policyRange', { min, max })}
                      rules={[
                        {
                          required: true,
                          type: 'integer',
                          min,
                          max,
                          message: t('policyOutOfRange', { min, max }),
                        },
                      ]}
                    >
                      <InputNumber precision={0} style={{ width: '100%' }} data-testid={`policy-${key}`} />
                    </Form.Item>
                  );
                })}
              </Card>
            </Col>
          ))}
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} disabled={policy.data === undefined}>
            {t('save')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
