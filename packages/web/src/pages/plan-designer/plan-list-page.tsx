import { Card, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';
import { type PlanSummary, type PlanVersionSummary, planApi } from './plan-api';
import { ProblemAlert } from './problem-alert';
import { StatusTag } from './version-history';

type PlanWithVersions = PlanSummary & { versions: PlanVersionSummary[] };

/** 考核方案: every plan with its versions, their states and reasons; a plan opens in the designer. */
export function PlanListPage() {
  const t = useT(messages);
  const fmt = useFormat();
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'error'; error: unknown }
    | { status: 'ready'; plans: PlanWithVersions[] }
  >({ status: 'loading' });

  useEffect(() => {
    let live = true;
    planApi
      .list()
      .then(({ items }) => Promise.all(items.map((p) => planApi.plan(p.code))))
      .then(
        (plans) => {
          if (live) setState({ status: 'ready', plans });
        },
        (error: unknown) => {
          if (live) setState({ status: 'error', error });
        },
      );
    return () => {
      live = false;
    };
  }, []);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('planListTitle')}</Typography.Title>
      {state.status === 'loading' && <Spin />}
      {state.status === 'error' && <ProblemAlert error={state.error} testId="plans-problem" />}
      {state.status === 'ready' && (
        <Card size="small">
          <Table<PlanWithVersions>
            data-testid="plan-list"
            rowKey="code"
            pagination={false}
            dataSource={state.plans}
            expandable={{
              expandedRowRender: (p) => (
                <Table<PlanVersionSummary>
                  size="small"
                  rowKey="number"
                  pagination={false}
                  dataSource={[...p.versions].reverse()}
                  columns={[
                    {
                      title: t('version'),
                      dataIndex: 'number',
                      width: 90,
                      render: (n: number) => (
                        <Link to={`/plans/${encodeURIComponent(p.code)}?v=${n}`}>{t('versionN', { n })}</Link>
                      ),
                    },
                    { title: t('status'), key: 'status', width: 100, render: (_, v) => <StatusTag v={v} /> },
                    { title: t('reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
                    {
                      title: t('createdBy'),
                      key: 'created',
                      render: (_, v) => `${v.createdBy} · ${fmt.dateTime(v.createdAt)}`,
                    },
                    {
                      title: t('publishedBy'),
                      key: 'published',
                      render: (_, v) =>
                        v.publishedBy === null
                          ? '—'
                          : `${v.publishedBy} · ${fmt.dateTime(v.publishedAt ?? '')}`,
                    },
                  ]}
                />
              ),
            }}
            columns={[
              {
                title: t('planName'),
                key: 'name',
                render: (_, p) => (
                  <Link to={`/plans/${encodeURIComponent(p.code)}`} data-testid={`open-plan-${p.code}`}>
                    {p.name}
                  </Link>
                ),
              },
              {
                title: t('code'),
                dataIndex: 'code',
                width: 200,
                render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
              },
              {
                title: t('publishedVersion'),
                dataIndex: 'published',
                width: 130,
                render: (n: number | null) =>
                  n === null ? '—' : <Tag color="green">{t('versionN', { n })}</Tag>,
              },
              {
                title: t('draftVersion'),
                dataIndex: 'draft',
                width: 130,
                render: (n: number | null) =>
                  n === null ? '—' : <Tag color="gold">{t('versionN', { n })}</Tag>,
              },
              { title: t('versionCount'), key: 'count', width: 100, render: (_, p) => p.versions.length },
              {
                title: t('createdAt'),
                dataIndex: 'createdAt',
                width: 180,
                render: (d: string) => fmt.dateTime(d),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
