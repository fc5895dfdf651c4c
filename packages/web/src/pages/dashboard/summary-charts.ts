import type { EChartOption } from '../../charts/e-chart';
import type { Formatters } from '../../i18n/format';
import type { Summary } from './dashboard-api';

const GRADE_COLOURS: Record<string, string> = { A: '#389e0d', B: '#1677ff', C: '#faad14', D: '#cf1322' };
export const LIGHT_COLOURS = { green: '#389e0d', yellow: '#faad14', red: '#cf1322' } as const;

/** Grade counts per class, stacked. */
export function gradeOption(summary: Summary, dark = false): EChartOption {
  const grades = ['A', 'B', 'C', 'D'];
  return {
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis' },
    legend: { data: grades, textStyle: { color: dark ? '#fff' : '#333', fontSize: dark ? 18 : 12 } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: summary.classes.map((c) => c.name),
      // Every class named (and no label measuring to choose which to leave out).
      axisLabel: { fontSize: dark ? 16 : 12, interval: 0 },
    },
    yAxis: { type: 'value', axisLabel: { fontSize: dark ? 16 : 12 } },
    series: grades.map((g) => ({
      name: g,
      type: 'bar',
      stack: 'grades',
      itemStyle: { color: GRADE_COLOURS[g] },
      label: { show: dark, fontSize: 16 },
      data: summary.classes.map((c) => c.grades[g] ?? 0),
    })),
  };
}

/**
 * Traffic lights per class × dimension as each class's split (100 % bars, so that a class of two
 * departments is as legible as one of 24,000 villages); the tooltip gives the counts.
 */
export function lightsOption(
  summary: Summary,
  names: { green: string; yellow: string; red: string },
  dark = false,
): EChartOption {
  const dimName = new Map(summary.dimensions.map((d) => [d.code, d.name]));
  const labels: string[] = [];
  const counts = { green: [] as number[], yellow: [] as number[], red: [] as number[] };
  for (const c of summary.classes)
    for (const l of c.lights) {
      const dim = dimName.get(l.dimension) ?? l.dimension;
      labels.push(summary.classes.length > 1 ? `${c.name} · ${dim}` : dim);
      counts.green.push(l.green);
      counts.yellow.push(l.yellow);
      counts.red.push(l.red);
    }
  const totals = labels.map((_, i) => counts.green[i]! + counts.yellow[i]! + counts.red[i]! || 1);
  return {
    backgroundColor: 'transparent',
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = params as {
          dataIndex: number;
          seriesName: string;
          marker: string;
          seriesIndex: number;
        }[];
        const i = list[0]?.dataIndex ?? 0;
        const keys = ['green', 'yellow', 'red'] as const;
        return [
          labels[i],
          ...list.map((p) => `${p.marker}${p.seriesName}: ${counts[keys[p.seriesIndex]!][i]}`),
        ].join('<br/>');
      },
    },
    legend: { textStyle: { color: dark ? '#fff' : '#333', fontSize: dark ? 18 : 12 } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %', fontSize: dark ? 16 : 12 } },
    yAxis: {
      type: 'category',
      data: labels,
      inverse: true,
      axisLabel: { fontSize: dark ? 16 : 11, interval: 0 },
    },
    series: (['green', 'yellow', 'red'] as const).map((k) => ({
      name: names[k],
      type: 'bar',
      stack: 'lights',
      barMaxWidth: 18,
      itemStyle: { color: LIGHT_COLOURS[k] },
      data: counts[k].map((n, i) => Math.round((n / totals[i]!) * 1000) / 10),
    })),
  };
}

/** Units per bin of totals. */
export function histogramOption(
  summary: Summary,
  f: Formatters,
  countName: string,
  dark = false,
): EChartOption {
  const bins = summary.histogram.bins;
  return {
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: bins.map((b) => `${f.number(b.from)}–${f.number(b.to)}`),
      axisLabel: { fontSize: dark ? 14 : 11 },
    },
    yAxis: { type: 'value', axisLabel: { fontSize: dark ? 16 : 12 } },
    series: [
      { name: countName, type: 'bar', data: bins.map((b) => b.count), itemStyle: { color: '#4096ff' } },
    ],
  };
}
