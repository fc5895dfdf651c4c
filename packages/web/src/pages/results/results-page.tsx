import { PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { PageLoading } from '../../layout/page-loading';
import { type PublicKey, messages as publicMessages } from '../public/messages';
import { useLoad } from '../public/use-load';
import { messages } from './messages';
import { type Snapshot, STATE_COLOR, snapshotState } from './result-types';
import { SnapshotDetail } from './snapshot-detail';

interface PlanSummary {
  code: string;
  name: string;
  published: number | null;
}
interface Period {
  code: string;
  status: string;
}

/**
 * 评分与公示: the office scores a plan's period into a snapshot, previews the ranking, publishes it with its
 * notice period (公示期), answers appeals and corrects the result; each snapshot shows where it stands.
 */
export function ResultsPage() {
  const t = useT(messages);
  const tp = useT(publicMessages);
  const f = useFormat();
  const { message } = App.useApp();
  const choices = useLoad('plans-periods', async (signal) => {
    const [plans, periods] = await Promise.all([
      api.get<{ items: PlanSummary[] }>('/api/plans', undefined, signal),
      api.get<{ items: Period[] }>('/api/periods', undefined, signal),
    ]);
    return {
      plans: plans.items.filter((p) => p.published !== null),
      periods: [...periods.items].sort((a, b) => (a.code < b.code ? 1 : -1)),
    };
  });
  const [plan, setPlan] = useState<string | undefined>(undefined);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const [round, setRound] = useState(0);

  const ready = choices.state.status === 'ready' ? choices.state.data : undefined;
  const planCode = plan ?? ready?.plans[0]?.code;
  // The open period first: that is the one being scored; else the newest.
  const periodCode =
    period ?? ready?.periods.find((p) => p.status === 'open')?.code ?? ready?.periods[0]?.code;
  const snapshots = useLoad(planCode && periodCode ? `${planCode}/${periodCode}/${round}` : null, (signal) =>
    api.get<{ items: Snapshot[] }>('/api/results', { plan: planCode, period: periodCode }, signal),
  );
  const items = snapshots.state.status === 'ready' ? snapshots.state.data.items : [];
  const current = items.find((s) => s.id === selected) ?? items[0];

  const run = async () => {
    if (!planCode || !periodCode) return;
    setRunning(true);
    try {
      const out = await api.post<{ snapshot: Snapshot; created: boolean }>('/api/results', {
        plan: planCode,
        period: periodCode,
      });
      const hash = out.snapshot.hash.slice(0, 12);
      void message.success(out.created ? t('runDone', { hash }) : t('runSame', { hash }));
      setSelected(out.snapshot.id);
      setRound((r) => r + 1);
    } catch (error) {
      if (error instanceof ApiError) void message.error(error.detail);
      else throw error;
    } finally {
      setRunning(false);
    }
  };

  if (choices.state.status === 'loading') return <PageLoading />;
  if (choices.state.status === 'error')
    return <Alert type="error" showIcon message={t('loadFailed', { detail: choices.state.error.detail })} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('resultsTitle')}
      </Typography.Title>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('planLabel')} htmlFor="results-plan">
          <Select
            id="results-plan"
            style={{ minWidth: 220 }}
            value={planCode}
            onChange={(v: string) => {
              setPlan(v);
              setSelected(undefined);
            }}
            options={(ready?.plans ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
          />
        </Form.Item>
        <Form.Item label={t('periodLabel')} htmlFor="results-period">
          <Select
            id="results-period"
            style={{ minWidth: 160 }}
            value={periodCode}
            onChange={(v: string) => {
              setPeriod(v);
              setSelected(undefined);
            }}
            options={(ready?.periods ?? []).map((p) => ({
              value: p.code,
              label: p.status === 'open' ? t('periodOpen', { code: p.code }) : p.code,
            }))}
          />
        </Form.Item>
        <Button
          type="primary"
          icon={<PlayCircleOutlined />}
          loading={running}
          disabled={!planCode || !periodCode}
          onClick={() => void run()}
        >
          {t('runScoring')}
        </Button>
      </Form>
      {running ? (
        <Alert type="info" showIcon icon={<Spin size="small" />} message={t('running')} role="status" />
      ) : null}

      <Card size="small" title={t('snapshotsTitle')}>
        {snapshots.state.status === 'error' ? (
          <Alert type="error" showIcon message={t('loadFailed', { detail: snapshots.state.error.detail })} />
        ) : null}
        <Table<Snapshot>
          aria-label={t('snapshotsTitle')}
          rowKey="id"
          size="small"
          loading={snapshots.state.status === 'loading'}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('noSnapshots') }}
          rowClassName={(s) => (s.id === current?.id ? 'ant-table-row-selected' : '')}
          scroll={{ x: 800 }}
          columns={[
            {
              title: t('colCreatedAt'),
              dataIndex: 'createdAt',
              key: 'createdAt',
              render: (v: string | undefined) => (v ? f.dateTime(v) : '—'),
            },
            {
              title: t('colHash'),
              dataIndex: 'hash',
              key: 'hash',
              render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text>,
            },
            {
              title: t('colUnits'),
              dataIndex: 'units',
              key: 'units',
              align: 'right',
              render: (n: number) => f.number(n),
            },
            {
              title: t('colState'),
              key: 'state',
              render: (_, s) => {
                const st = snapshotState(s);
                return <Tag color={STATE_COLOR[st]}>{tp(`state_${st}` as PublicKey)}</Tag>;
              },
            },
            {
              title: t('colNoticeEnds'),
              dataIndex: 'noticeEndsAt',
              key: 'noticeEndsAt',
              render: (v: string | null) => (v ? f.dateTime(v) : '—'),
            },
            {
              title: t('colCorrection'),
              dataIndex: 'correctionReason',
              key: 'correction',
              render: (r: string | null) => r ?? '—',
            },
            {
              title: '',
              key: 'open',
              render: (_, s) =>
                s.id === current?.id ? (
                  <Tag>{t('selected')}</Tag>
                ) : (
                  <Button size="small" onClick={() => setSelected(s.id)}>
                    {t('open')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>

      {current ? (
        <SnapshotDetail
          key={`${current.id}/${current.version}`}
          snapshot={current}
          onChanged={(next) => {
            setSelected(next.id);
            setRound((r) => r + 1);
          }}
        />
      ) : null}
    </Space>
  );
}
