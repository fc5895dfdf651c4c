import { FileExcelOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Segmented, Select, Space, Spin, Statistic, Typography } from 'antd';
import { startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/api-error';
import { useMe } from '../../auth/session-provider';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { ChartCard } from './chart-card';
import {
  dashboardApi,
  FIRST_ROWS,
  type HeatMapData,
  openingSnapshot,
  type RankingRow,
  type RankingTableData,
  rowsOf,
  type SnapshotItem,
  type Summary,
  saveAs,
} from './dashboard-api';
import { HeatMapPanel } from './heat-map-panel';
import { messages } from './messages';
import { RankingTable } from './ranking-table';
import { gradeOption, histogramOption, lightsOption } from './summary-charts';
import { TrendPanel } from './trend-panel';

/** The units of `row`'s class ranked within five places of it (the table's order is class, rank). */
export function neighbours(rows: readonly RankingRow[], unitCode: string): RankingRow[] {
  const at = rows.findIndex((r) => r.unitCode === unitCode);
  if (at < 0) return [];
  const cls = rows[at]!.class;
  const out: RankingRow[] = [];
  for (let i = Math.max(0, at - 5); i <= Math.min(rows.length - 1, at + 5); i++)
    if (rows[i]!.class === cls) out.push(rows[i]!);
  return out;
}

function messageOf(e: unknown): string {
  return e instanceof ApiError ? e.detail : e instanceof Error ? e.message : String(e);
}

export function DashboardPage() {
  const t = useT(messages);
  const f = useFormat();
  const me = useMe();
  const allowed = me.permissions.includes('dashboard.read');
  const [snapshots, setSnapshots] = useState<SnapshotItem[] | null>(null);
  const [snapshotId, setSnapshotId] = useState<string | undefined>();
  const [cls, setCls] = useState<string | undefined>();
  const [level, setLevel] = useState<string | undefined>();
  const [summary, setSummary] = useState<Summary | null>(null);
  const [heat, setHeat] = useState<HeatMapData | null>(null);
  const [parent, setParent] = useState<string | undefined>();
  const [table, setTable] = useState<RankingTableData | null>(null);
  const [view, setView] = useState<'all' | 'neighbours'>('all');
  const [unit, setUnit] = useState<string | undefined>(me.unitCode ?? undefined);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    if (!allowed) return;
    dashboardApi.snapshots().then(
      (r) => {
        setSnapshots(r.items);
        setSnapshotId((id) => id ?? openingSnapshot(r.items));
      },
      (e) => setError(messageOf(e)),
    );
  }, [allowed]);

  // The first screen of the ranking, then, once that is drawn, the whole table (27,000 rows of a province
  // are megabytes to fetch and parse, and a long render to hand to the table).
  useEffect(() => {
    if (snapshotId === undefined) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setTable(null);
    const fail = (e: unknown) => live && setError(messageOf(e));
    dashboardApi.ranking(snapshotId, FIRST_ROWS).then((first) => {
      if (!live) return;
      setTable(first);
      if (first.total <= first.rows.unitCode.length) return;
      requestAnimationFrame(() => {
        timer = setTimeout(() => {
          dashboardApi.ranking(snapshotId).then((whole) => {
            if (live) startTransition(() => setTable(whole));
          }, fail);
        }, 0);
      });
    }, fail);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [snapshotId]);

  useEffect(() => {
    if (snapshotId === undefined) return;
    let live = true;
    dashboardApi.summary(snapshotId, { class: cls, level }).then(
      (r) => live && setSummary(r),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [snapshotId, cls, level]);

  useEffect(() => {
    if (snapshotId === undefined) return;
    let live = true;
    dashboardApi.heatMap(snapshotId, parent).then(
      (r) => live && setHeat(r),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [snapshotId, parent]);

  const allRows = useMemo(() => (table === null ? [] : rowsOf(table)), [table]);
  const [knownClasses, setKnownClasses] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    // The class filter offers every class of the snapshot, not only the one chosen.
    if (summary !== null && cls === undefined)
      setKnownClasses(summary.classes.map((c) => ({ code: c.code, name: c.name })));
  }, [summary, cls]);
  const classLabel = useMemo(() => new Map(knownClasses.map((c) => [c.code, c.name])), [knownClasses]);

  const filtered = useMemo(
    () =>
      allRows.filter(
        (r) => (cls === undefined || r.class === cls) && (level === undefined || r.level === level),
      ),
    [allRows, cls, level],
  );
  const shown = useMemo(
    () => (view === 'neighbours' && unit !== undefined ? neighbours(allRows, unit) : filtered),
    [view, unit, allRows, filtered],
  );
  // Options only for what was typed (at most 50): a list of 27,000 options costs the first render dearly.
  const [search, setSearch] = useState('');
  const unitOptions = useMemo(() => {
    const out: { value: string; label: string }[] = [];
    const needle = search.trim();
    for (const r of allRows) {
      if (out.length >= 50) break;
      const match =
        needle === '' ? r.unitCode === unit : r.unitName.includes(needle) || r.unitCode.startsWith(needle);
      if (match) out.push({ value: r.unitCode, label: `${r.unitName}（${r.unitCode}）` });
    }
    if (unit !== undefined && !out.some((o) => o.value === unit)) {
      const r = allRows.find((x) => x.unitCode === unit);
      if (r !== undefined) out.push({ value: r.unitCode, label: `${r.unitName}（${r.unitCode}）` });
    }
    return out;
  }, [allRows, search, unit]);

  const levelName = (level: string) => {
    const key = `level_${level}`;
    const text = t(key as 'level_city');
    return text === key ? level : text;
  };
  const lightNames = useMemo(() => ({ green: t('green'), yellow: t('yellow'), red: t('red') }), [t]);
  const grades = useMemo(() => (summary === null ? null : gradeOption(summary)), [summary]);
  const lights = useMemo(
    () => (summary === null ? null : lightsOption(summary, lightNames)),
    [summary, lightNames],
  );
  const histogram = useMemo(
    () => (summary === null ? null : histogramOption(summary, f, t('count'))),
    [summary, f, t],
  );
  /** Only the first screen of the ranking is in so far. */
  const partial = table !== null && table.total > table.rows.unitCode.length;
  // The trend is below the fold and asks the server for every period's snapshot: it waits until the
  // table is on screen, so that it does not compete with the first render.
  const [trendShown, setTrendShown] = useState(false);
  useEffect(() => {
    if (table === null || trendShown) return;
    const timer = setTimeout(() => setTrendShown(true), 500);
    return () => clearTimeout(timer);
  }, [table, trendShown]);
  const onDrill = useCallback((code: string | undefined) => setParent(code), []);

  const exportExcel = async () => {
    if (snapshotId === undefined || table === null) return;
    setExporting(true);
    try {
      const blob = await dashboardApi.rankingXlsx(snapshotId, { class: cls, level });
      saveAs(blob, `${table.snapshot.plan}-${table.snapshot.period}-ranking.xlsx`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setExporting(false);
    }
  };

  const title = (
    <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('dashboardTitle')}
      </Typography.Title>
      <Link to="/big-screen">
        <Button icon={<FundProjectionScreenOutlined />}>{t('bigScreen')}</Button>
      </Link>
    </Space>
  );
  if (!allowed)
    return (
      <>
        {title}
        <Alert type="info" showIcon title={t('noAccess')} />
      </>
    );
  if (snapshots !== null && snapshots.length === 0)
    return (
      <>
        {title}
        <Alert type="info" showIcon title={t('noSnapshot')} />
      </>
    );

  const selected = snapshots?.find((s) => s.id === snapshotId);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard">
      {title}
      {error !== null && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed')}
          description={error}
          closable
          onClose={() => setError(null)}
        />
      )}
      <Space wrap data-testid="dashboard-filters">
        <Select
          aria-label={t('snapshot')}
          style={{ width: 280 }}
          value={snapshotId}
          loading={snapshots === null}
          onChange={(id) => {
            setSnapshotId(id);
            setParent(undefined);
            setCls(undefined);
            setLevel(undefined);
          }}
          options={(snapshots ?? []).map((s) => ({
            value: s.id,
            label: t('snapshotOption', { plan: s.plan, period: s.period, status: t(`status_${s.status}`) }),
          }))}
        />
        <Select
          aria-label={t('unitClass')}
          data-testid="class-filter"
          style={{ width: 180 }}
          allowClear
          placeholder={t('allClasses')}
          value={cls}
          onChange={(v?: string) => setCls(v)}
          options={knownClasses.map((c) => ({ value: c.code, label: c.name }))}
        />
        <Select
          aria-label={t('level')}
          style={{ width: 160 }}
          allowClear
          placeholder={t('allLevels')}
          value={level}
          onChange={(v?: string) => setLevel(v)}
          options={(summary?.levels ?? []).map((l) => ({ value: l.level, label: levelName(l.level) }))}
        />
      </Space>

      {summary === null ? (
        <Spin />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={6}>
              <Card size="small" data-testid="units-count">
                <Statistic title={t('units')} value={summary.units} formatter={(v) => f.number(Number(v))} />
                <Typography.Text type="secondary">
                  {selected === undefined ? null : `${selected.plan} · ${selected.period}`}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} md={18}>
              <Card size="small" title={t('gradeCounts')} data-testid="grade-counts">
                <Space wrap size={24}>
                  {summary.classes.map((c) => (
                    <Space key={c.code} direction="vertical" size={0} data-class={c.code}>
                      <Typography.Text strong>{c.name}</Typography.Text>
                      <Typography.Text>
                        {['A', 'B', 'C', 'D'].map((g) => `${g} ${f.number(c.grades[g] ?? 0)}`).join(' · ')}
                      </Typography.Text>
                    </Space>
                  ))}
                </Space>
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              {grades && (
                <ChartCard
                  title={t('gradeCounts')}
                  fileName="grades"
                  option={grades}
                  style={{ height: 280 }}
                  testId="grade-chart"
                />
              )}
            </Col>
            <Col xs={24} lg={12}>
              {lights && (
                <ChartCard
                  title={t('lightCounts')}
                  fileName="traffic-lights"
                  option={lights}
                  style={{
                    height: Math.max(280, summary.classes.reduce((n, c) => n + c.lights.length, 0) * 22 + 70),
                  }}
                  testId="light-chart"
                >
                  <Typography.Text type="secondary">
                    {t('lightRule', {
                      green: f.percent(summary.lightThresholds.green, 0),
                      yellow: f.percent(summary.lightThresholds.yellow, 0),
                    })}
                  </Typography.Text>
                </ChartCard>
              )}
            </Col>
          </Row>
        </>
      )}

      {heat !== null && <HeatMapPanel data={heat} onDrill={onDrill} />}

      <Card
        size="small"
        title={t('ranking')}
        extra={
          <Space wrap>
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'all' | 'neighbours')}
              options={[
                { value: 'all', label: t('all') },
                { value: 'neighbours', label: t('neighbours'), disabled: unit === undefined },
              ]}
            />
            <Select
              aria-label={t('pickUnit')}
              data-testid="unit-picker"
              style={{ width: 260 }}
              showSearch
              allowClear
              placeholder={t('pickUnit')}
              value={unit}
              onChange={(v?: string) => {
                setUnit(v);
                if (v === undefined) setView('all');
              }}
              options={unitOptions}
              filterOption={false}
              onSearch={setSearch}
            />
            <Button
              icon={<FileExcelOutlined />}
              onClick={exportExcel}
              loading={exporting}
              data-testid="export-excel"
            >
              {t('exportExcel')}
            </Button>
          </Space>
        }
      >
        {table === null ? (
          <Spin />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary" data-testid="ranking-count">
              {t('rankingCount', {
                n: f.number(
                  partial && view === 'all' && cls === undefined && level === undefined
                    ? table.total
                    : shown.length,
                ),
              })}
              {' · '}
              {table.previous === null ? t('noPrevious') : t('changeVs', { period: table.previous.period })}
              {' · '}
              {table.sensitivity === null
                ? t('noSensitivity')
                : t('sensitivityDraws', { n: f.number(table.sensitivity.draws) })}
            </Typography.Text>
            <RankingTable rows={shown} classNames={classLabel} highlight={unit} height={480} />
          </Space>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          {histogram && (
            <ChartCard
              title={t('histogram')}
              fileName="histogram"
              option={histogram}
              style={{ height: 280 }}
              testId="histogram"
            />
          )}
        </Col>
        <Col xs={24} lg={12}>
          {summary !== null && snapshotId !== undefined && trendShown && (
            <TrendPanel snapshotId={snapshotId} summary={summary} {...(unit === undefined ? {} : { unit })} />
          )}
        </Col>
      </Row>
    </Space>
  );
}
