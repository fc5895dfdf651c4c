import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import type { ECharts } from 'echarts';
import { type CSSProperties, type ReactNode, useCallback, useMemo, useRef } from 'react';
import { EChart, type EChartOption } from '../../charts/e-chart';
import { useT } from '../../i18n/use-t';
import { saveAs } from './dashboard-api';
import { messages } from './messages';

interface ChartCardProps {
  title: ReactNode;
  /** File name of the PNG export, without extension. */
  fileName: string;
  option: EChartOption;
  style?: CSSProperties;
  extra?: ReactNode;
  children?: ReactNode;
  testId?: string;
  onChart?: (chart: ECharts) => void;
}

/** A card with one chart and a button that saves the chart as a PNG image. */
export function ChartCard({
  title,
  fileName,
  option,
  style,
  extra,
  children,
  testId,
  onChart,
}: ChartCardProps) {
  const t = useT(messages);
  const chart = useRef<ECharts | undefined>(undefined);
  const onReady = useCallback(
    (c: ECharts) => {
      chart.current = c;
      onChart?.(c);
    },
    [onChart],
  );
  // Drawn at once, without the entry animation: an office reads these charts, and animating four of them
  // keeps the page busy for half a second after its data came.
  const still = useMemo(() => ({ ...option, animation: false }), [option]);
  const exportPng = () => {
    const c = chart.current;
    if (c === undefined) return;
    saveAs(c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${fileName}.png`);
  };
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      extra={
        <>
          {extra}
          <Button size="small" icon={<DownloadOutlined />} onClick={exportPng}>
            {t('exportPng')}
          </Button>
        </>
      }
    >
      {children}
      <EChart
        option={still}
        onReady={onReady}
        style={style}
        aria-label={typeof title === 'string' ? title : fileName}
      />
    </Card>
  );
}
