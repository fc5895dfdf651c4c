import { Alert, Select, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { EChartOption } from '../../charts/e-chart';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { ChartCard } from './chart-card';
import { dashboardApi, type Summary, type TrendData } from './dashboard-api';
import { messages } from './messages';

type TrendScope = 'all' | 'unit' | 'subtree';

/** An indicator's share of full marks across the periods with snapshots, for the scope, a unit or its subtree. */
export function TrendPanel({
  snapshotId,
  summary,
  unit,
}: {
  snapshotId: string;
  summary: Summary;
  unit?: string;
}) {
  const t = useT(messages);
  const f = useFormat();
  const [node, setNode] = useState(summary.indicators[0]?.code);
  const [scope, setScope] = useState<TrendScope>('all');
  const [data, setData] = useState<TrendData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!summary.indicators.some((i) => i.code === node)) setNode(summary.indicators[0]?.code);
  }, [summary, node]);
  const effective = unit === undefined ? 'all' : scope;
  useEffect(() => {
    if (node === undefined) return;
    let live = true;
    dashboardApi
      .trend(snapshotId, {
        node,
        ...(effective === 'all' || unit === undefined ? {} : { unit, subtree: effective === 'subtree' }),
      })
      .then(
        (d) => {
          if (!live) return;
          setData(d);
          setError(null);
        },
        (e: Error) => {
          if (live) setError(e.message);
        },
      );
    return () => {
      live = false;
    };
  }, [snapshotId, node, effective, unit]);

  const option = useMemo<EChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (typeof v === 'number' ? f.percent(v / 100) : '—'),
      },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data?.points.map((p) => p.period) ?? [] },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      series: [
        {
          name: t('fraction'),
          type: 'line',
          symbolSize: 8,
          data:
            data?.points.map((p) => (p.fraction === null ? null : Math.round(p.fraction * 10000) / 100)) ??
            [],
        },
      ],
    }),
    [data, f, t],
  );
  const indent = (depth: number) => '\u3000'.repeat(depth);
  return (
    <ChartCard title={t('trend')} fileName="trend" option={option} style={{ height: 260 }} testId="trend">
      <Space wrap>
        <Select
          size="small"
          aria-label={t('indicator')}
          style={{ width: 220 }}
          value={node}
          onChange={setNode}
          showSearch={{ optionFilterProp: 'label' }}
          options={summary.indicators.map((i) => ({ value: i.code, label: `${indent(i.depth)}${i.name}` }))}
        />
        <Select
          size="small"
          aria-label={t('trendScope')}
          style={{ width: 200 }}
          value={effective}
          disabled={unit === undefined}
          onChange={setScope}
          options={[
            { value: 'all', label: t('scopeAll') },
            { value: 'unit', label: t('scopeUnit') },
            { value: 'subtree', label: t('scopeSubtree') },
          ]}
        />
      </Space>
      {error !== null && <Alert type="error" title={error} />}
    </ChartCard>
  );
}
