import { App, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { useLoad } from '../public/use-load';
import { messages, type ResultsKey } from './messages';
import type { Appeal, Snapshot } from './result-types';

interface UnitName {
  code: string;
  name: string;
}

/**
 * 申诉处理: the appeals against a snapshot with their reasons and files; the office accepts or rejects each
 * with a reply, and after accepted ones re-scores into a corrected snapshot with its reason.
 */
export function AppealsPanel({
  snapshot,
  open,
  onCorrected,
}: {
  snapshot: Snapshot;
  /** In the notice period: appeals can be answered and the result corrected. */
  open: boolean;
  onCorrected(corrected: Snapshot): void;
}) {
  const t = useT(messages);
  const f = useFormat();
  const { message } = App.useApp();
  const base = `/api/results/${encodeURIComponent(snapshot.id)}`;
  const list = useLoad(`appeals/${snapshot.id}/${snapshot.version}`, async (signal) => {
    const { items } = await api.get<{ items: Appeal[] }>(`${base}/appeals`, undefined, signal);
    const codes = [...new Set(items.map((a) => a.unitCode))];
    const units = await Promise.all(
      codes.map((c) => api.get<UnitName>(`/api/units/${encodeURIComponent(c)}`, undefined, signal)),
    );
    return { items, names: new Map(units.map((u) => [u.code, u.name])) };
  });
  const [deciding, setDeciding] = useState<{ appeal: Appeal; decision: 'accepted' | 'rejected' } | null>(
    null,
  );
  const [correcting, setCorrecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [replyForm] = Form.useForm<{ reply: string }>();
  const [correctForm] = Form.useForm<{ reason: string }>();

  const items = list.state.status === 'ready' ? list.state.data.items : [];
  const nameOf = (code: string) =>
    list.state.status === 'ready' ? (list.state.data.names.get(code) ?? code) : code;
  const awaitingCorrection = items.filter((a) => a.status === 'accepted' && a.correctedById === null).length;

  const decide = async () => {
    if (deciding === null) return;
    const values = await replyForm.validateFields().catch(() => undefined);
    if (values === undefined) return;
    const { reply } = values;
    setBusy(true);
    try {
      await api.post(`/api/appeals/${encodeURIComponent(deciding.appeal.id)}/decision`, {
        decision: deciding.decision,
        reply,
        version: deciding.appeal.version,
      });
      void message.success(t('decided'));
      setDeciding(null);
      replyForm.resetFields();
      list.reload();
    } catch (error) {
      if (error instanceof ApiError) void message.error(error.detail);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  const correct = async () => {
    const values = await correctForm.validateFields().catch(() => undefined);
    if (values === undefined) return;
    const { reason } = values;
    setBusy(true);
    try {
      const corrected = await api.post<Snapshot>(`${base}/corrections`, {
        reason,
        version: snapshot.version,
      });
      void message.success(t('corrected', { hash: corrected.hash.slice(0, 12) }));
      setCorrecting(false);
      correctForm.resetFields();
      onCorrected(corrected);
    } catch (error) {
      if (error instanceof ApiError) void message.error(error.detail);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {list.state.status === 'error' ? (
        <Typography.Text type="danger">
          {t('loadFailed', { detail: list.state.error.detail })}
        </Typography.Text>
      ) : null}
      <Table<Appeal>
        aria-label={t('appealsTitle')}
        rowKey="id"
        size="small"
        loading={list.state.status === 'loading'}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('noAppeals') }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('colUnit'),
            dataIndex: 'unitCode',
            key: 'unit',
            render: (code: string) => `${nameOf(code)} (${code})`,
          },
          {
            title: t('colReasons'),
            dataIndex: 'reasons',
            key: 'reasons',
            render: (r: string) => <div style={{ whiteSpace: 'pre-wrap', maxWidth: 360 }}>{r}</div>,
          },
          {
            title: t('colEvidence'),
            key: 'evidence',
            render: (_, a) => (
              <Space direction="vertical" size={0}>
                {a.evidence.map((h, i) => (
                  <a
                    key={h}
                    href={`/api/appeals/${encodeURIComponent(a.id)}/evidence/${h}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {t('evidenceFile', { n: i + 1 })}
                  </a>
                ))}
              </Space>
            ),
          },
          {
            title: t('colFiledAt'),
            dataIndex: 'filedAt',
            key: 'filedAt',
            render: (v: string) => f.dateTime(v),
          },
          {
            title: t('colStatus'),
            key: 'status',
            render: (_, a) => (
              <Space direction="vertical" size={0}>
                <Tag color={a.status === 'accepted' ? 'green' : a.status === 'rejected' ? 'red' : 'blue'}>
                  {t(`appealStatus_${a.status}` as ResultsKey)}
                </Tag>
                {a.correctedById ? <Tag>{t('correctedBy')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('colReply'), dataIndex: 'reply', key: 'reply', render: (r: string | null) => r ?? '—' },
          {
            title: '',
            key: 'actions',
            render: (_, a) =>
              open && a.status === 'pending' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setDeciding({ appeal: a, decision: 'accepted' })}
                  >
                    {t('accept')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setDeciding({ appeal: a, decision: 'rejected' })}
                  >
                    {t('reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {open && awaitingCorrection > 0 ? (
        <Button style={{ marginTop: 12 }} onClick={() => setCorrecting(true)}>
          {t('correctTitle')}
        </Button>
      ) : null}

      <Modal
        open={deciding !== null}
        title={
          deciding
            ? t('decideTitle', {
                decision: t(deciding.decision === 'accepted' ? 'accept' : 'reject'),
                unit: nameOf(deciding.appeal.unitCode),
              })
            : ''
        }
        okText={deciding ? t(deciding.decision === 'accepted' ? 'accept' : 'reject') : t('confirm')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onOk={() => void decide()}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        {deciding ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {deciding.appeal.reasons}
          </Typography.Paragraph>
        ) : null}
        <Form form={replyForm} layout="vertical">
          <Form.Item
            name="reply"
            label={t('replyLabel')}
            rules={[{ required: true, whitespace: true, message: t('replyRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={correcting}
        title={t('correctTitle')}
        okText={t('correct')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onOk={() => void correct()}
        onCancel={() => setCorrecting(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('correctIntro', { n: awaitingCorrection })}</Typography.Paragraph>
        <Form form={correctForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('correctReason')}
            rules={[{ required: true, whitespace: true, message: t('correctReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
