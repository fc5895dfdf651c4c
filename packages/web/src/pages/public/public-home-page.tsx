import { Alert, Empty, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { PageLoading } from '../../layout/page-loading';
import { type Snapshot, STATE_COLOR, snapshotState } from '../results/result-types';
import { messages, type PublicKey } from './messages';
import { useLoad } from './use-load';

type PublicSnapshot = Snapshot & { province: string };

/** 结果公开: every published result, newest first, each leading to its ranking. */
export function PublicHomePage() {
  const t = useT(messages);
  const f = useFormat();
  const { state } = useLoad('public-results', (signal) =>
    api.get<{ items: PublicSnapshot[] }>('/api/public/results', undefined, signal),
  );
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('publicHomeTitle')}
      </Typography.Title>
      <Typography.Paragraph>{t('publicHomeIntro')}</Typography.Paragraph>
      {state.status === 'loading' ? <PageLoading /> : null}
      {state.status === 'error' ? (
        <Alert type="error" showIcon message={t('loadFailed', { detail: state.error.detail })} />
      ) : null}
      {state.status === 'ready' ? (
        state.data.items.length === 0 ? (
          <Empty description={t('noPublished')} />
        ) : (
          <Table<PublicSnapshot>
            aria-label={t('publicHomeTitle')}
            rowKey="id"
            dataSource={state.data.items}
            pagination={false}
            columns={[
              {
                title: t('colPeriod'),
                dataIndex: 'period',
                key: 'period',
                render: (period: string, s) => <Link to={`/public/results/${s.id}`}>{period}</Link>,
              },
              { title: t('colPlan'), dataIndex: 'plan', key: 'plan' },
              {
                title: t('colUnits'),
                dataIndex: 'units',
                key: 'units',
                align: 'right',
                render: (n: number) => f.number(n),
              },
              {
                title: t('colPublishedAt'),
                dataIndex: 'publishedAt',
                key: 'publishedAt',
                render: (v: string | null) => (v ? f.dateTime(v) : '—'),
              },
              {
                title: t('colNoticeEndsAt'),
                dataIndex: 'noticeEndsAt',
                key: 'noticeEndsAt',
                render: (v: string | null) => (v ? f.dateTime(v) : '—'),
              },
              {
                title: t('colState'),
                key: 'state',
                render: (_, s) => {
                  const st = snapshotState({ status: 'published', final: s.final });
                  return (
                    <>
                      <Tag color={STATE_COLOR[st]}>{t(`state_${st}` as PublicKey)}</Tag>
                      {s.correctionReason ? (
                        <Typography.Text type="secondary">
                          {t('correctionOf', { reason: s.correctionReason })}
                        </Typography.Text>
                      ) : null}
                    </>
                  );
                },
              },
            ]}
          />
        )
      ) : null}
    </>
  );
}
