import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type ApiError, formErrorsOf } from '../../api/api-error';
import { useT } from '../../i18n/use-t';
import { asApiError } from './api-problem';
import { messages } from './messages';
import { PERIOD_TYPES, PERIODS_PER_YEAR, type PeriodType, periodCodeOf } from './period-code';
import { type Period, periodsApi } from './periods-api';

interface Values {
  type: PeriodType;
  year: number;
  number?: number;
  code: string;
  status: Period['status'];
  deadline?: Dayjs | null;
}

/** 新建周期: the code typed, or made from type + year + number; optional status and deadline. */
export function PeriodCreateForm({ onCreated }: { onCreated(period: Period): void }) {
  const t = useT(messages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const type = Form.useWatch('type', form) ?? 'month';
  const year = new Date().getFullYear();
  const month = new Date().getMonth() + 1;

  const submit = async (values: Values) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const created = await periodsApi.create({
        code: values.code.trim(),
        status: values.status,
        deadline: values.deadline ? values.deadline.toISOString() : null,
      });
      onCreated(created);
      void message.success(t('created', { code: created.code }));
    } catch (error) {
      const e = asApiError(error);
      setProblem(e);
      const fields = formErrorsOf<Values>(e);
      // 409 period_exists names no field; it is about the code.
      if (e.code === 'period_exists') fields.push({ name: ['code'], errors: [e.detail] });
      form.setFields(fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('createTitle')}>
      {problem !== undefined && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="create-problem"
          data-code={problem.code}
          title={problem.detail}
        />
      )}
      <Form<Values>
        form={form}
        name="periodCreate"
        layout="inline"
        style={{ rowGap: 12 }}
        initialValues={{
          type: 'month',
          year,
          number: month,
          code: periodCodeOf('month', year, month),
          status: 'open',
        }}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          if ('type' in changed || 'year' in changed || 'number' in changed) {
            const code = periodCodeOf(all.type, all.year, all.number);
            if (code !== undefined) form.setFieldValue('code', code);
          }
        }}
        onFinish={submit}
      >
        <Form.Item name="type" label={t('pickType')}>
          <Select
            style={{ width: 110 }}
            options={PERIOD_TYPES.map((p) => ({ value: p, label: t(`type_${p}`) }))}
          />
        </Form.Item>
        <Form.Item name="year" label={t('pickYear')}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="number" label={t('pickNumber')} hidden={type === 'year'}>
          <InputNumber min={1} max={PERIODS_PER_YEAR[type]} precision={0} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('code')}
          tooltip={t('codeHint')}
          rules={[{ required: true, whitespace: true, message: t('codeRequired') }]}
        >
          <Input style={{ width: 120 }} placeholder="2026M03" />
        </Form.Item>
        <Form.Item name="status" label={t('initialStatus')}>
          <Select
            style={{ width: 100 }}
            options={[
              { value: 'open', label: t('status_open') },
              { value: 'closed', label: t('status_closed') },
            ]}
          />
        </Form.Item>
        <Form.Item name="deadline" label={t('deadline')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="create-period">
            {t('create')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
