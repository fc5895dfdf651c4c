import { App, Button, Form, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { adminApi, type UnitClass } from './admin-api';
import { ApiProblem, asApiError } from './api-problem';
import { showFieldErrors } from './form-errors';
import { messages } from './messages';

/** 单位类别 (分类考核): the list and a form to add one. Plans refer to classes by code. */
export function UnitClassesPanel({
  classes,
  onChanged,
}: {
  classes: readonly UnitClass[];
  onChanged(): void;
}) {
  const t = useT(messages);
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitClass>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: UnitClass) => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await adminApi.createUnitClass({ code: v.code.trim(), name: v.name.trim() });
      message.success(t('classCreated', { name: created.name }));
      form.resetFields();
      onChanged();
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
      {error !== undefined && <ApiProblem error={error} testId="class-problem" />}
      <Form<UnitClass>
        name="unitClass"
        form={form}
        layout="inline"
        onFinish={submit}
        style={{ margin: '12px 0' }}
        data-testid="class-form"
      >
        <Form.Item name="code" label={t('classCode')} rules={[{ required: true, message: t('required') }]}>
          <Input style={{ width: 140 }} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('className')} rules={[{ required: true, message: t('required') }]}>
          <Input style={{ width: 200 }} autoComplete="off" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('addClass')}
          </Button>
        </Space>
      </Form>
      <Table<UnitClass>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={[...classes]}
        data-testid="class-table"
        columns={[
          { title: t('classCode'), dataIndex: 'code' },
          { title: t('className'), dataIndex: 'name' },
        ]}
      />
    </>
  );
}
