import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { EChart, type EChartOption } from '../../charts/e-chart';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import {
  dashboardApi,
  type HeatMapData,
  type RankingRow,
  rowsOf,
  type SnapshotItem,
  type Summary,
} from '../dashboard/dashboard-api';
import { heatLines } from '../dashboard/heat-map-panel';
import { gradeOption, histogramOption, LIGHT_COLOURS, lightsOption } from '../dashboard/summary-charts';
import { messages } from './messages';

const PANELS = ['overview', 'lights', 'heatMap', 'top', 'histogram'] as const;
type Panel = (typeof PANELS)[number];

interface Data {
  snapshot: SnapshotItem;
  summary: Summary;
  heat: HeatMapData;
  top: RankingRow[];
  at: Date;
}

/** Seconds from the query string (`?rotate=10&refresh=60`), within sane bounds. */
function seconds(params: URLSearchParams, name: string, fallback: number): number {
  const n = Number(params.get(name));
  return Number.isFinite(n) && n >= 1 && n <= 3600 ? n : fallback;
}

async function load(): Promise<Data | null> {
  const { items } = await dashboardApi.snapshots();
  const snapshot = items.find((s) => s.status !== 'superseded');
  if (snapshot === undefined) return null;
  const [summary, heat, ranking] = await Promise.all([
    dashboardApi.summary(snapshot.id, {}),
    dashboardApi.heatMap(snapshot.id, undefined),
    dashboardApi.ranking(snapshot.id),
  ]);
  // The largest class's top ten: the ranking the wall shows.
  const biggest = [...summary.classes].sort((a, b) => b.units - a.units)[0]?.code;
  const top = rowsOf(ranking)
    .filter((r) => r.class === biggest)
    .slice(0, 10);
  return { snapshot, summary, heat, top, at: new Date() };
}

/**
 * The command-centre wall: full screen, dark, large type, no menus. Panels rotate every `rotate` seconds
 * (default 12) and the figures reload every `refresh` seconds (default 60).
 */
export function BigScreenPage() {
  const t = useT(messages);
  const f = useFormat();
  const [params] = useSearchParams();
  const rotate = seconds(params, 'rotate', 12);
  const refresh = seconds(params, 'refresh', 60);
  const [data, setData] = useState<Data | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [panel, setPanel] = useState(0);

  useEffect(() => {
    let live = true;
    const run = () =>
      load().then(
        (d) => {
          if (!live) return;
          setData(d);
          setError(null);
        },
        (e: unknown) => {
          if (live) setError(e instanceof ApiError ? e.detail : String(e));
        },
      );
    void run();
    const timer = setInterval(run, refresh * 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [refresh]);

  useEffect(() => {
    const timer = setInterval(() => setPanel((p) => (p + 1) % PANELS.length), rotate * 1000);
    return () => clearInterval(timer);
  }, [rotate]);

  const lightTotals = useMemo(() => {
    const sum = { green: 0, yellow: 0, red: 0 };
    for (const c of data?.summary.classes ?? [])
      for (const l of c.lights) {
        sum.green += l.green;
        sum.yellow += l.yellow;
        sum.red += l.red;
      }
    return sum;
  }, [data]);

  const current: Panel = PANELS[panel]!;
  const options = useMemo(() => {
    if (!data) return null;
    const heatRows = heatLines(data.heat, (name, n) => t('belowMean', { name, n: f.number(n) }));
    const heat: EChartOption = {
      backgroundColor: 'transparent',
      grid: { left: 8, right: 24, top: 8, bottom: 72, containLabel: true },
      xAxis: { type: 'category', data: data.heat.dimensions.map((d) => d.name), axisLabel: { fontSize: 18 } },
      yAxis: { type: 'category', data: heatRows.map((l) => l.label).reverse(), axisLabel: { fontSize: 16 } },
      visualMap: {
        min: 0,
        max: 100,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#cf1322', '#faad14', '#389e0d'] },
        textStyle: { color: '#fff', fontSize: 16 },
      },
      series: [
        {
          type: 'heatmap',
          label: { show: heatRows.length <= 24, fontSize: 14 },
          data: heatRows.flatMap((line, y) =>
            line.shares.map((s, x) => [
              x,
              heatRows.length - 1 - y,
              s === null ? '-' : Math.round(s * 1000) / 10,
            ]),
          ),
        },
      ],
    };
    return {
      overview: gradeOption(data.summary, true),
      lights: lightsOption(data.summary, { green: t('green'), yellow: t('yellow'), red: t('red') }, true),
      heatMap: heat,
      histogram: histogramOption(data.summary, f, t('count'), true),
    };
  }, [data, t, f]);

  const big = { fontSize: 56, fontWeight: 700, lineHeight: 1.1 } as const;
  return (
    <main
      data-testid="big-screen"
      style={{
        position: 'fixed',
        inset: 0,
        overflow: 'hidden',
        background: 'radial-gradient(circle at 50% 0%, #123063 0%, #0b1a33 60%, #050b18 100%)',
        color: '#fff',
        padding: '24px 40px',
        display: 'flex',
        flexDirection: 'column',
        gap: 16,
        fontSize: 22,
      }}
    >
      <header style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 24 }}>
        <h1 style={{ fontSize: 44, margin: 0, letterSpacing: 4, color: '#fff' }}>{t('bigScreenTitle')}</h1>
        {data && (
          <span style={{ opacity: 0.8 }}>
            {t('subtitle', {
              plan: data.snapshot.plan,
              period: data.snapshot.period,
              status: t(`status_${data.snapshot.status}`),
            })}
            {' · '}
            <span data-testid="big-screen-updated">{t('updatedAt', { time: f.dateTime(data.at) })}</span>
          </span>
        )}
        <Link to="/dashboard" style={{ color: '#8fb4ff', fontSize: 16 }}>
          {t('exit')}
        </Link>
      </header>
      {error !== null && (
        <div role="alert" style={{ color: '#ff7875' }}>
          {t('loadFailed', { detail: error })}
        </div>
      )}
      {data === null && (
        <div style={{ ...big, textAlign: 'center', marginTop: '20vh' }}>{t('noSnapshot')}</div>
      )}
      {data && options && (
        <>
          <section
            style={{ display: 'grid', gridTemplateColumns: 'repeat(5, 1fr)', gap: 16 }}
            data-testid="big-screen-kpis"
          >
            {[
              { label: t('units'), value: data.summary.units, color: '#8fb4ff' },
              {
                label: t('gradeA'),
                value: data.summary.classes.reduce((n, c) => n + (c.grades.A ?? 0), 0),
                color: '#95de64',
              },
              { label: t('greenLights'), value: lightTotals.green, color: LIGHT_COLOURS.green },
              { label: t('yellowLights'), value: lightTotals.yellow, color: LIGHT_COLOURS.yellow },
              { label: t('redLights'), value: lightTotals.red, color: LIGHT_COLOURS.red },
            ].map((k) => (
              <div
                key={k.label}
                style={{
                  background: 'rgba(255,255,255,0.06)',
                  borderRadius: 12,
                  padding: '16px 24px',
                  borderTop: `4px solid ${k.color}`,
                }}
              >
                <div style={{ opacity: 0.8 }}>{k.label}</div>
                <div style={{ ...big, color: k.color }}>{f.number(k.value)}</div>
              </div>
            ))}
          </section>
          <section
            data-testid="big-screen-panel"
            data-panel={current}
            style={{
              flex: 1,
              minHeight: 0,
              background: 'rgba(255,255,255,0.04)',
              borderRadius: 12,
              padding: 16,
              display: 'flex',
              flexDirection: 'column',
            }}
          >
            <h2 style={{ fontSize: 30, margin: '0 0 8px', color: '#fff' }}>
              {t(`panel${current[0]!.toUpperCase()}${current.slice(1)}` as 'panelOverview')}
            </h2>
            {current === 'top' ? (
              <table style={{ width: '100%', fontSize: 26, borderCollapse: 'collapse' }}>
                <thead>
                  <tr style={{ textAlign: 'left', opacity: 0.7 }}>
                    <th>{t('rank')}</th>
                    <th>{t('unit')}</th>
                    <th style={{ textAlign: 'right' }}>{t('total')}</th>
                    <th style={{ textAlign: 'right' }}>{t('change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.top.map((r) => {
                    const d = r.previousRank === null ? null : r.previousRank - r.rank;
                    return (
                      <tr
                        key={r.unitCode}
                        style={{ borderTop: '1px solid rgba(255,255,255,0.1)', height: 52 }}
                      >
                        <td>{f.number(r.rank)}</td>
                        <td>{r.unitName}</td>
                        <td style={{ textAlign: 'right' }}>{f.decimals(r.total, 2)}</td>
                        <td
                          style={{
                            textAlign: 'right',
                            color: d === null || d === 0 ? '#bfbfbf' : d > 0 ? '#95de64' : '#ff7875',
                          }}
                        >
                          {d === null ? (
                            '—'
                          ) : d > 0 ? (
                            <>
                              <ArrowUpOutlined /> {d}
                            </>
                          ) : d < 0 ? (
                            <>
                              <ArrowDownOutlined /> {-d}
                            </>
                          ) : (
                            '–'
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ) : (
              <EChart
                theme="dark"
                option={options[current]}
                style={{ flex: 1, height: '100%' }}
                aria-label={current}
              />
            )}
          </section>
          <nav style={{ display: 'flex', justifyContent: 'center', gap: 12 }} aria-hidden>
            {PANELS.map((p, i) => (
              <span
                key={p}
                style={{
                  width: 14,
                  height: 14,
                  borderRadius: 7,
                  background: i === panel ? '#8fb4ff' : 'rgba(255,255,255,0.25)',
                }}
              />
            ))}
          </nav>
        </>
      )}
    </main>
  );
}
