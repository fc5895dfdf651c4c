import { Alert, Breadcrumb, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useLocale } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { PageLoading } from '../../layout/page-loading';
import type { UnitDetail } from '../results/result-types';
import { ExplanationView } from './explanation-view';
import { messages } from './messages';
import { useLoad } from './use-load';

/** One unit's published figures with the full explanation of its score. */
export function PublicUnitPage() {
  const t = useT(messages);
  const { locale } = useLocale();
  const { id = '', unit = '' } = useParams();
  const { state } = useLoad(`${id}/${unit}/${locale}`, (signal) =>
    api.get<UnitDetail>(
      `/api/public/results/${encodeURIComponent(id)}/units/${encodeURIComponent(unit)}`,
      undefined,
      signal,
    ),
  );
  const e = state.status === 'ready' ? state.data.explanation : undefined;
  return (
    <>
      <Breadcrumb
        items={[
          { title: <Link to="/public">{t('backToList')}</Link> },
          { title: <Link to={`/public/results/${id}`}>{t('backToRanking')}</Link> },
          { title: e?.unit.name ?? unit },
        ]}
      />
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 12 }}>
        {e ? `${e.unit.name} · ${e.period}` : t('publicUnitTitle')}
      </Typography.Title>
      {state.status === 'loading' ? <PageLoading /> : null}
      {state.status === 'error' ? (
        <Alert
          type="error"
          showIcon
          message={
            state.error.status === 404 ? t('notFoundResult') : t('loadFailed', { detail: state.error.detail })
          }
        />
      ) : null}
      {state.status === 'ready' ? (
        <ExplanationView explanation={state.data.explanation} text={state.data.text} />
      ) : null}
    </>
  );
}
