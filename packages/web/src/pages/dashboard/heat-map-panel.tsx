import { Breadcrumb, Button, Select, Space, Typography } from 'antd';
import type { ECharts } from 'echarts';
import { useCallback, useMemo, useRef } from 'react';
import type { EChartOption } from '../../charts/e-chart';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { ChartCard } from './chart-card';
import type { HeatMapData, HeatRow } from './dashboard-api';
import { messages } from './messages';

interface HeatLine {
  label: string;
  row: HeatRow;
  shares: (number | null)[];
  /** Drill into this unit on click. */
  drill: string | null;
}

/** Rows of the chart, top to bottom: each unit, followed by the mean of the units below it if it has any. */
export function heatLines(data: HeatMapData, belowLabel: (name: string, n: number) => string): HeatLine[] {
  const lines: HeatLine[] = [];
  for (const row of data.rows) {
    const drill = row.children > 0 ? row.unitCode : null;
    lines.push({ label: row.unitName, row, shares: row.shares, drill });
    if (row.below !== null)
      lines.push({ label: belowLabel(row.unitName, row.below.units), row, shares: row.below.shares, drill });
  }
  return lines;
}

export function HeatMapPanel({
  data,
  onDrill,
  dark = false,
}: {
  data: HeatMapData;
  onDrill?: (parent: string | undefined) => void;
  dark?: boolean;
}) {
  const t = useT(messages);
  const f = useFormat();
  const lines = useMemo(
    () => heatLines(data, (name, n) => t('belowMean', { name, n: f.number(n) })),
    [data, t, f],
  );
  const option = useMemo<EChartOption>(() => {
    const cells: [number, number, number | string][] = [];
    lines.forEach((line, y) => {
      line.shares.forEach((share, x) => {
        cells.push([x, lines.length - 1 - y, share === null ? '-' : Math.round(share * 1000) / 10]);
      });
    });
    return {
      backgroundColor: 'transparent',
      tooltip: {
        position: 'top',
        formatter: (p: unknown) => {
          const { value } = p as { value: [number, number, number | string] };
          const line = lines[lines.length - 1 - value[1]]!;
          const dim = data.dimensions[value[0]]!;
          return `${line.label}<br/>${dim.name}: ${typeof value[2] === 'number' ? `${f.decimals(value[2], 1)} %` : '—'}`;
        },
      },
      grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
      // Every row and column is labelled (interval 0): a unit's row without its name is no use, and it
      // spares ECharts measuring every label to choose which to leave out.
      xAxis: {
        type: 'category',
        data: data.dimensions.map((d) => d.name),
        splitArea: { show: true },
        axisLabel: { interval: 0 },
      },
      yAxis: {
        type: 'category',
        data: lines.map((l) => l.label).reverse(),
        splitArea: { show: true },
        axisLabel: { fontSize: dark ? 16 : 12, interval: 0 },
      },
      visualMap: {
        min: 0,
        max: 100,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#cf1322', '#faad14', '#389e0d'] },
        textStyle: { color: dark ? '#fff' : '#333' },
      },
      series: [
        {
          type: 'heatmap',
          data: cells,
          // Labels are measured one by one on the canvas: beyond 150 cells they cost more than they tell.
          label: { show: lines.length * data.dimensions.length <= 150, formatter: '{@[2]}' },
          emphasis: { itemStyle: { shadowBlur: 8, shadowColor: 'rgba(0,0,0,0.4)' } },
        },
      ],
    };
  }, [lines, data.dimensions, dark, f]);

  // The chart is made once; its click handler reads the current rows through refs.
  const current = useRef({ lines, onDrill });
  current.current = { lines, onDrill };
  const onChart = useCallback((chart: ECharts) => {
    chart.on('click', (p) => {
      const value = p.value as [number, number] | undefined;
      const { lines: now, onDrill: drill } = current.current;
      if (value === undefined || drill === undefined) return;
      const line = now[now.length - 1 - value[1]];
      if (line?.drill) drill(line.drill);
    });
  }, []);

  const height = Math.max(240, lines.length * (dark ? 34 : 26) + 100);
  return (
    <div data-testid="heat-map" data-rows={data.rows.length} data-parent={data.path.at(-1)?.code ?? ''}>
      <ChartCard
        title={t('heatMap')}
        fileName="heat-map"
        option={option}
        style={{ height }}
        onChart={onChart}
      >
        {onDrill !== undefined && (
          <>
            <Breadcrumb
              data-testid="heat-map-path"
              items={[
                {
                  title: (
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0, height: 'auto' }}
                      onClick={() => onDrill(undefined)}
                    >
                      {t('top')}
                    </Button>
                  ),
                },
                ...data.path.map((p, i) => ({
                  title:
                    i === data.path.length - 1 ? (
                      <span>{p.name}</span>
                    ) : (
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0, height: 'auto' }}
                        onClick={() => onDrill(p.code)}
                      >
                        {p.name}
                      </Button>
                    ),
                })),
              ]}
            />
            <Space wrap>
              {/* The same drill-down without a mouse: the canvas cells are not reachable by keyboard. */}
              <Select
                size="small"
                data-testid="heat-map-drill"
                aria-label={t('drillInto')}
                placeholder={t('drillInto')}
                style={{ width: 240 }}
                value={null}
                onChange={(code: string) => onDrill(code)}
                options={data.rows
                  .filter((r) => r.children > 0)
                  .map((r) => ({ value: r.unitCode, label: r.unitName }))}
              />
              <Typography.Text type="secondary">{t('heatMapHint')}</Typography.Text>
            </Space>
          </>
        )}
      </ChartCard>
    </div>
  );
}
