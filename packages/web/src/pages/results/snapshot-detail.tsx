import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { type PublicKey, messages as publicMessages } from '../public/messages';
import { AppealsPanel } from './appeals-panel';
import { messages } from './messages';
import { RankingPreview } from './ranking-preview';
import { type Snapshot, STATE_COLOR, snapshotState } from './result-types';

/** 默认公示期: five working days, as the server's default. */
const DEFAULT_NOTICE_DAYS = 5;

/** One snapshot: its figures and state, publication with the notice period, ranking preview, appeals. */
export function SnapshotDetail({
  snapshot,
  onChanged,
}: {
  snapshot: Snapshot;
  /** A write changed this snapshot (publication) or made another (correction). */
  onChanged(next: Snapshot): void;
}) {
  const t = useT(messages);
  const tp = useT(publicMessages);
  const f = useFormat();
  const { message } = App.useApp();
  const [noticeDays, setNoticeDays] = useState<number>(DEFAULT_NOTICE_DAYS);
  const [publishing, setPublishing] = useState(false);
  const state = snapshotState(snapshot);

  const publish = async () => {
    setPublishing(true);
    try {
      const next = await api.post<Snapshot>(`/api/results/${encodeURIComponent(snapshot.id)}/publish`, {
        noticeDays,
        version: snapshot.version,
      });
      void message.success(t('published', { date: next.noticeEndsAt ? f.dateTime(next.noticeEndsAt) : '' }));
      onChanged(next);
    } catch (error) {
      if (error instanceof ApiError) void message.error(error.detail);
      else throw error;
    } finally {
      setPublishing(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('detailTitle', { hash: snapshot.hash.slice(0, 12) })}
        extra={<Tag color={STATE_COLOR[state]}>{tp(`state_${state}` as PublicKey)}</Tag>}
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('planLabel')}>{snapshot.plan}</Descriptions.Item>
          <Descriptions.Item label={t('planVersion')}>{snapshot.planVersion}</Descriptions.Item>
          <Descriptions.Item label={t('periodLabel')}>{snapshot.period}</Descriptions.Item>
          <Descriptions.Item label={t('colUnits')}>{f.number(snapshot.units)}</Descriptions.Item>
          <Descriptions.Item label={t('colValues')}>{f.number(snapshot.values ?? 0)}</Descriptions.Item>
          <Descriptions.Item label={t('createdBy')}>
            {snapshot.createdBy} · {snapshot.createdAt ? f.dateTime(snapshot.createdAt) : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('publishedAt')}>
            {snapshot.publishedAt ? f.dateTime(snapshot.publishedAt) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('noticeEndsAt')}>
            {snapshot.noticeEndsAt ? f.dateTime(snapshot.noticeEndsAt) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('colHash')}>
            <Typography.Text code copyable style={{ fontSize: 12 }}>
              {snapshot.hash}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        {snapshot.correctsId ? (
          <Alert
            type="info"
            showIcon
            message={t('correctsLink', {
              id: snapshot.correctsId,
              reason: snapshot.correctionReason ?? '',
            })}
          />
        ) : null}
        {state === 'final' ? <Alert type="success" showIcon message={t('finalLocked')} /> : null}
      </Card>

      {state === 'draft' ? (
        <Card size="small" title={t('publishTitle')}>
          <Form layout="inline" onFinish={() => void publish()}>
            <Form.Item label={t('noticeDays')} htmlFor="notice-days">
              <InputNumber
                id="notice-days"
                min={1}
                max={30}
                value={noticeDays}
                onChange={(v) => setNoticeDays(v ?? DEFAULT_NOTICE_DAYS)}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={publishing}>
              {t('publish')}
            </Button>
          </Form>
        </Card>
      ) : null}

      <Card size="small" title={t('previewTitle')}>
        <RankingPreview snapshotId={snapshot.id} />
      </Card>

      {state !== 'draft' ? (
        <Card size="small" title={t('appealsTitle')}>
          <AppealsPanel snapshot={snapshot} open={state === 'notice'} onCorrected={onChanged} />
        </Card>
      ) : null}
    </Space>
  );
}
