import { Alert, Flex, Grid, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useMe } from '../../auth/session-provider';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';
import { SourceForm } from './source-form';
import { SourceImport } from './source-import';
import {
  type OtherSource,
  type Period,
  type PlanSummary,
  type ProgressUnit,
  sourcesOfRoles,
} from './sources-api';

/** Open periods first, then the newest. */
function byOpenThenNewest(a: Period, b: Period): number {
  if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
  return b.code.localeCompare(a.code);
}

/**
 * Third-party evaluation (第三方评估), on-site inspection (实地核查) and public survey (群众评议) values, each
 * entered by its own role as its own source: pick plan, period and unit, enter values with evidence, or
 * import a whole period from the template. Selections live in the address, so a reload keeps them.
 */
export function SourcesPage() {
  const t = useT(messages);
  const format = useFormat();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const phone = screens.md !== true;
  const sources = useMemo(() => sourcesOfRoles(me.roles), [me.roles]);
  const [params, setParams] = useSearchParams();
  const [plans, setPlans] = useState<PlanSummary[] | undefined>();
  const [periods, setPeriods] = useState<Period[]>([]);
  const [periodType, setPeriodType] = useState<string | undefined>();
  const [units, setUnits] = useState<ProgressUnit[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [refreshKey, setRefreshKey] = useState(0);

  const source = (sources.find((s) => s === params.get('source')) ?? sources[0]) as OtherSource | undefined;
  const plan = params.get('plan') ?? undefined;
  const period = params.get('period') ?? undefined;
  const unit = params.get('unit') ?? undefined;
  // setParams changes with every navigation; the effects below must not re-run for that.
  const setParamsRef = useRef(setParams);
  setParamsRef.current = setParams;
  const choose = useCallback(
    (change: Record<string, string | undefined>) =>
      setParamsRef.current(
        (p) => {
          const next = new URLSearchParams(p);
          for (const [k, v] of Object.entries(change))
            if (v === undefined) next.delete(k);
            else next.set(k, v);
          return next;
        },
        { replace: true },
      ),
    [],
  );

  const fail = setError;

  useEffect(() => {
    Promise.all([
      api.get<{ items: PlanSummary[] }>('/api/plans'),
      api.get<{ items: Period[] }>('/api/periods'),
    ]).then(([p, q]) => {
      setPlans(p.items.filter((x) => x.published !== null));
      setPeriods([...q.items].sort(byOpenThenNewest));
    }, fail);
  }, []);

  // The first published plan is the usual choice; its period type decides which periods fit.
  useEffect(() => {
    if (plans === undefined || plans.length === 0) return;
    const chosen = plans.find((p) => p.code === plan) ?? plans[0];
    if (chosen === undefined) return;
    if (chosen.code !== plan) {
      choose({ plan: chosen.code });
      return;
    }
    setPeriodType(undefined);
    api
      .get<{ document: { periodType?: string } }>(
        `/api/plans/${encodeURIComponent(chosen.code)}/versions/${chosen.published}`,
      )
      .then((v) => setPeriodType(v.document.periodType ?? ''), fail);
  }, [plans, plan, choose]);

  const fitting = useMemo(
    () => (periodType === undefined ? [] : periods.filter((p) => periodType === '' || p.type === periodType)),
    [periods, periodType],
  );

  useEffect(() => {
    if (periodType === undefined || fitting.length === 0) return;
    if (!fitting.some((p) => p.code === period)) choose({ period: fitting[0]?.code, unit });
  }, [fitting, period, periodType, unit, choose]);

  useEffect(() => {
    if (plan === undefined || period === undefined) return;
    setUnits(undefined);
    api
      .get<{ units: ProgressUnit[] }>('/api/submissions/progress', { plan, period })
      .then(
        (r) => setUnits([...r.units].sort((a, b) => format.compareUnitNames(a.unitName, b.unitName))),
        fail,
      );
  }, [plan, period, format]);

  if (source === undefined) return <Alert type="info" showIcon title={t('noSource')} />;

  const fieldStyle = { width: phone ? '100%' : 260 };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="sources-page">
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('intro')}
        </Typography.Paragraph>
      </div>
      {error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed', { detail: error instanceof ApiError ? error.detail : String(error) })}
        />
      )}
      {sources.length > 1 && (
        <Segmented<OtherSource>
          value={source}
          options={sources.map((s) => ({ value: s, label: t(`source_${s}`) }))}
          onChange={(s) => choose({ source: s })}
        />
      )}
      {sources.length === 1 && (
        <Tag color="blue" data-testid="source-tag" style={{ fontSize: 14, padding: '2px 8px' }}>
          {t('sourceTag', { source: t(`source_${source}`) })}
        </Tag>
      )}
      {plans !== undefined && plans.length === 0 && <Alert type="info" showIcon title={t('noPlans')} />}
      <Flex gap={8} wrap vertical={phone}>
        <Select
          aria-label={t('plan')}
          data-testid="plan-select"
          placeholder={t('plan')}
          style={fieldStyle}
          size={phone ? 'large' : 'middle'}
          loading={plans === undefined}
          value={plan}
          options={(plans ?? []).map((p) => ({ value: p.code, label: p.name }))}
          onChange={(v) => choose({ plan: v, period: undefined, unit: undefined })}
        />
        <Select
          aria-label={t('period')}
          data-testid="period-select"
          placeholder={t('period')}
          style={fieldStyle}
          size={phone ? 'large' : 'middle'}
          value={period}
          options={fitting.map((p) => ({
            value: p.code,
            label: `${p.code} · ${p.status === 'open' ? t('periodOpen') : t('periodClosed')}`,
          }))}
          onChange={(v) => choose({ period: v })}
        />
        <Select
          aria-label={t('unit')}
          data-testid="unit-select"
          showSearch={{
            filterOption: (input, option) => {
              const q = input.trim().toLowerCase();
              return (
                option !== undefined &&
                (option.value.toLowerCase().includes(q) || option.name.toLowerCase().includes(q))
              );
            },
            // A typed code that names a unit exactly puts it first, ahead of the units below it.
            filterSort: (a, b, { searchValue }) =>
              Number(b.value === searchValue.trim()) - Number(a.value === searchValue.trim()),
          }}
          placeholder={t('unitPlaceholder')}
          style={phone ? fieldStyle : { width: 360 }}
          size={phone ? 'large' : 'middle'}
          loading={units === undefined && period !== undefined}
          value={unit}
          options={(units ?? []).map((u) => ({
            value: u.unitCode,
            name: u.unitName,
            label: `${u.unitName} · ${u.unitCode}`,
          }))}
          onChange={(v) => choose({ unit: v })}
        />
      </Flex>
      {plan !== undefined && period !== undefined && unit === undefined && (
        <Typography.Text type="secondary">{t('chooseUnit')}</Typography.Text>
      )}
      {plan !== undefined && period !== undefined && unit !== undefined && (
        <SourceForm
          key={`${plan}/${period}/${unit}/${source}`}
          plan={plan}
          period={period}
          unit={unit}
          source={source}
          phone={phone}
          refreshKey={refreshKey}
        />
      )}
      {plan !== undefined && period !== undefined && (
        <SourceImport
          plan={plan}
          period={period}
          source={source}
          onImported={() => setRefreshKey((k) => k + 1)}
        />
      )}
    </Space>
  );
}
