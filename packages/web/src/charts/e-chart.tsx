import type { EChartsOption } from 'echarts';
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

// Only the charts and components the pages draw: the whole of echarts is over a megabyte of script that
// the dashboard would parse before its first paint. A page needing another chart type registers it here.
echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

// The full option type (types only: nothing of it reaches the bundle).
export type EChartOption = EChartsOption;

interface EChartProps {
  option: EChartOption;
  style?: CSSProperties;
  /** Dark for the big screen. */
  theme?: 'dark';
  /** The chart instance, for exports (getDataURL) and click events. */
  onReady?: (chart: echarts.ECharts) => void;
  'aria-label'?: string;
}

/**
 * An ECharts chart that follows its box's size. Import it only from pages that chart: echarts is large and
 * lands in the chunks of those pages alone.
 */
export function EChart({ option, style, theme, onReady, 'aria-label': label }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);

  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const instance = echarts.init(element, theme);
    chart.current = instance;
    onReady?.(instance);
    // The observer reports the box once as soon as it observes it: resizing then would draw the chart a
    // second time at the size it already has, which on the dashboard costs a frame per chart.
    let size = { width: element.clientWidth, height: element.clientHeight };
    const observer = new ResizeObserver(() => {
      const now = { width: element.clientWidth, height: element.clientHeight };
      if (now.width === size.width && now.height === size.height) return;
      size = now;
      instance.resize();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, [theme, onReady]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height: 320, ...style }} />;
}
