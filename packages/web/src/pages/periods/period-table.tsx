import { App, Button, DatePicker, Form, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { asApiError } from './api-problem';
import { messages } from './messages';
import { type Period, periodsApi } from './periods-api';

interface Props {
  periods: Period[];
  /** A change the server accepted: the row takes the answer (with its new version). */
  onSaved(period: Period): void;
  /** 409 version_conflict: someone changed the period since the list was read. */
  onConflict(code: string): void;
  onError(error: unknown): void;
}

/** The periods with their status and deadline; open/close (confirmed) and the deadline dialog. */
export function PeriodTable({ periods, onSaved, onConflict, onError }: Props) {
  const t = useT(messages);
  const f = useFormat();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Period | undefined>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ deadline: Dayjs | null }>();

  const update = async (period: Period, change: { status?: Period['status']; deadline?: string | null }) => {
    setBusy(true);
    try {
      const saved = await periodsApi.update(period.code, { ...change, version: period.version });
      onSaved(saved);
      return saved;
    } catch (error) {
      const e = asApiError(error);
      if (e.status === 409 && e.code === 'version_conflict') onConflict(period.code);
      else onError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (period: Period) => {
    const status = period.status === 'open' ? 'closed' : 'open';
    const saved = await update(period, { status });
    if (saved !== undefined)
      void message.success(t(status === 'open' ? 'opened' : 'closed', { code: period.code }));
  };

  const saveDeadline = async () => {
    if (editing === undefined) return;
    const { deadline } = await form.validateFields();
    const saved = await update(editing, { deadline: deadline ? deadline.toISOString() : null });
    setEditing(undefined);
    if (saved !== undefined) void message.success(t('deadlineSaved', { code: saved.code }));
  };

  const now = Date.now();
  return (
    <>
      <Table<Period>
        data-testid="period-table"
        rowKey="code"
        size="middle"
        pagination={periods.length > 20 ? { pageSize: 20 } : false}
        dataSource={periods}
        locale={{ emptyText: t('emptyPeriods') }}
        columns={[
          {
            title: t('code'),
            dataIndex: 'code',
            render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
          },
          { title: t('type'), dataIndex: 'type', render: (type: Period['type']) => t(`type_${type}`) },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: Period['status']) => (
              <Tag color={s === 'open' ? 'green' : 'default'} data-testid="period-status">
                {t(`status_${s}`)}
              </Tag>
            ),
          },
          {
            title: t('deadline'),
            dataIndex: 'deadline',
            render: (d: string | null) =>
              d === null ? (
                <Typography.Text type="secondary">{t('noDeadline')}</Typography.Text>
              ) : (
                <Space size={4} data-testid="period-deadline">
                  <span>{f.dateTime(d)}</span>
                  {Date.parse(d) <= now && <Tag color="red">{t('deadlinePassed')}</Tag>}
                </Space>
              ),
          },
          { title: t('version'), dataIndex: 'version', width: 80 },
          {
            title: t('actions'),
            key: 'actions',
            render: (_, p) => (
              <Space>
                <Popconfirm
                  title={t(p.status === 'open' ? 'confirmClose' : 'confirmOpen', { code: p.code })}
                  okText={t('confirm')}
                  cancelText={t('cancel')}
                  onConfirm={() => toggle(p)}
                >
                  <Button size="small" disabled={busy} data-testid={`toggle-${p.code}`}>
                    {t(p.status === 'open' ? 'close' : 'open')}
                  </Button>
                </Popconfirm>
                <Button
                  size="small"
                  disabled={busy}
                  data-testid={`deadline-${p.code}`}
                  onClick={() => {
                    form.setFieldsValue({ deadline: p.deadline === null ? null : dayjs(p.deadline) });
                    setEditing(p);
                  }}
                >
                  {t('setDeadline')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== undefined}
        title={editing === undefined ? '' : t('deadlineTitle', { code: editing.code })}
        okText={t('confirm')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onOk={saveDeadline}
        onCancel={() => setEditing(undefined)}
        forceRender
      >
        <Form form={form} name="periodDeadline" layout="vertical">
          <Form.Item name="deadline" label={t('deadline')} extra={t('deadlineHint')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
