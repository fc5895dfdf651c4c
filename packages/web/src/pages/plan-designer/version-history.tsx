import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';
import { type PlanVersionSummary, planApi } from './plan-api';
import { diffPlans, type PlanChange } from './plan-diff';
import { ProblemAlert } from './problem-alert';

export function StatusTag({ v }: { v: PlanVersionSummary }) {
  const t = useT(messages);
  if (v.status === 'published') return <Tag color="green">{t('statusPublished')}</Tag>;
  return v.approvedBy === null ? (
    <Tag color="gold">{t('statusDraft')}</Tag>
  ) : (
    <Tag color="blue">{t('statusApproved')}</Tag>
  );
}

/**
 * 版本历史: every version with its reason and who started, approved and published it when; and the changes
 * between any two versions (nodes added, removed or moved, weights, methods, formulas …).
 */
export function VersionHistory({
  code,
  versions,
}: {
  code: string;
  versions: readonly PlanVersionSummary[];
}) {
  const t = useT(messages);
  const fmt = useFormat();
  const last = versions[versions.length - 1]?.number ?? 1;
  const [from, setFrom] = useState(Math.max(1, last - 1));
  const [to, setTo] = useState(last);
  const [diff, setDiff] = useState<
    { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; changes: PlanChange[] }
  >({
    status: 'loading',
  });

  useEffect(() => {
    const controller = new AbortController();
    setDiff({ status: 'loading' });
    Promise.all([
      planApi.version(code, from, controller.signal),
      planApi.version(code, to, controller.signal),
    ]).then(
      ([a, b]) => {
        if (!controller.signal.aborted)
          setDiff({ status: 'ready', changes: diffPlans(a.document, b.document) });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setDiff({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [code, from, to]);

  const options = versions.map((v) => ({ value: v.number, label: t('versionN', { n: v.number }) }));
  const changeLabel: Record<PlanChange['change'], string> = {
    added: t('changeAdded'),
    removed: t('changeRemoved'),
    changed: t('changeChanged'),
    moved: t('changeMoved'),
  };
  const areaLabel: Record<PlanChange['area'], string> = {
    node: t('areaNode'),
    element: t('areaElement'),
    class: t('areaClass'),
    grading: t('areaGrading'),
    adjustment: t('areaAdjustment'),
    plan: t('areaPlan'),
  };
  const color: Record<PlanChange['change'], string> = {
    added: 'green',
    removed: 'red',
    changed: 'blue',
    moved: 'purple',
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="version-history">
      <Table<PlanVersionSummary>
        size="small"
        rowKey="number"
        pagination={false}
        dataSource={[...versions].reverse()}
        columns={[
          {
            title: t('version'),
            dataIndex: 'number',
            width: 80,
            render: (n: number) => t('versionN', { n }),
          },
          { title: t('status'), key: 'status', width: 100, render: (_, v) => <StatusTag v={v} /> },
          { title: t('reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
          {
            title: t('createdBy'),
            key: 'created',
            render: (_, v) => `${v.createdBy} · ${fmt.dateTime(v.createdAt)}`,
          },
          {
            title: t('approvedBy'),
            key: 'approved',
            render: (_, v) =>
              v.approvedBy === null ? '—' : `${v.approvedBy} · ${fmt.dateTime(v.approvedAt ?? '')}`,
          },
          {
            title: t('publishedBy'),
            key: 'published',
            render: (_, v) =>
              v.publishedBy === null ? '—' : `${v.publishedBy} · ${fmt.dateTime(v.publishedAt ?? '')}`,
          },
        ]}
      />
      <Card
        size="small"
        title={
          <Space wrap>
            <span>{t('compareVersions')}</span>
            <Select
              data-testid="diff-from"
              style={{ width: 110 }}
              value={from}
              onChange={setFrom}
              options={options}
            />
            <span>→</span>
            <Select
              data-testid="diff-to"
              style={{ width: 110 }}
              value={to}
              onChange={setTo}
              options={options}
            />
          </Space>
        }
      >
        {diff.status === 'error' && <ProblemAlert error={diff.error} testId="diff-problem" />}
        {diff.status === 'ready' && diff.changes.length === 0 && (
          <Typography.Text type="secondary" data-testid="diff-none">
            {t('noChanges')}
          </Typography.Text>
        )}
        {diff.status === 'ready' && diff.changes.length > 0 && (
          <Table<PlanChange & { key: number }>
            size="small"
            data-testid="diff-table"
            rowKey="key"
            pagination={diff.changes.length > 50 ? { pageSize: 50 } : false}
            dataSource={diff.changes.map((c, key) => ({ ...c, key }))}
            columns={[
              {
                title: t('area'),
                dataIndex: 'area',
                width: 90,
                render: (a: PlanChange['area']) => areaLabel[a],
              },
              {
                title: t('change'),
                dataIndex: 'change',
                width: 80,
                render: (c: PlanChange['change']) => <Tag color={color[c]}>{changeLabel[c]}</Tag>,
              },
              {
                title: t('code'),
                dataIndex: 'code',
                width: 140,
                render: (c: string) => <Typography.Text code>{c || '—'}</Typography.Text>,
              },
              { title: t('name'), dataIndex: 'name' },
              { title: t('field'), dataIndex: 'field', width: 110, render: (f?: string) => f ?? '' },
              { title: t('before'), dataIndex: 'before', render: (v?: string) => <code>{v ?? ''}</code> },
              { title: t('after'), dataIndex: 'after', render: (v?: string) => <code>{v ?? ''}</code> },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
