import { Alert, Button, Card, Empty, Flex, Input, Progress, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useMe } from '../../auth/session-provider';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { type EntryFormSummary, formPath } from './entry-types';
import { messages } from './messages';
import { StatusTag } from './status-tag';

/** 我的填报: the forms of the signed-in reporter's unit (or of a unit an office user names). */
export function EntryListPage() {
  const t = useT(messages);
  const format = useFormat();
  const me = useMe();
  const [unit, setUnit] = useState<string | undefined>(me.unitCode ?? undefined);
  const [typed, setTyped] = useState('');
  const [items, setItems] = useState<EntryFormSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (unit === undefined) return;
      setError(undefined);
      try {
        const answer = await api.get<{ items: EntryFormSummary[] }>('/api/entry-forms', { unit }, signal);
        setItems(answer.items);
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(e instanceof ApiError ? e.detail : String(e));
      }
    },
    [unit],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <div style={{ maxWidth: 880 }}>
      <Typography.Title level={2}>{t('entryListTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('listIntro')}</Typography.Paragraph>
      {me.unitCode === null && (
        <Space.Compact style={{ width: '100%', maxWidth: 420, marginBottom: 16 }}>
          <Input
            aria-label={t('unitCodeLabel')}
            placeholder={t('unitCodePlaceholder')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onPressEnter={() => setUnit(typed.trim() || undefined)}
          />
          <Button type="primary" onClick={() => setUnit(typed.trim() || undefined)}>
            {t('show')}
          </Button>
        </Space.Compact>
      )}
      {error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed', { detail: error })}
          action={<Button onClick={() => void load()}>{t('retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      {unit !== undefined && items === undefined && error === undefined && <Spin />}
      {items !== undefined && items.length === 0 && <Empty description={t('noForms')} />}
      <Flex vertical gap={12} data-testid="entry-list">
        {(items ?? []).map((item) => {
          // Only reporters enter their unit's own values; everyone else reads.
          const editable =
            me.roles.includes('reporter') &&
            item.open &&
            (item.status === 'none' || item.status === 'draft' || item.status === 'returned');
          return (
            <Card
              key={`${item.planCode}/${item.periodCode}/${item.unitCode}`}
              size="small"
              data-testid={`entry-item-${item.planCode}-${item.periodCode}-${item.unitCode}`}
              title={
                <Space wrap size={4}>
                  <span>{item.periodCode}</span>
                  <StatusTag status={item.status} />
                </Space>
              }
              extra={
                <Link to={`/entry/${formPath(item)}`}>
                  <Button type={editable ? 'primary' : 'default'} size="large">
                    {editable ? t('open') : t('view')}
                  </Button>
                </Link>
              }
            >
              <Flex vertical gap={4}>
                <Typography.Text strong>{item.planName}</Typography.Text>
                <Typography.Text type="secondary">
                  {item.unitName}（{item.unitCode}）
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('deadline')}：{item.deadline === null ? t('noDeadline') : format.dateTime(item.deadline)}
                  {!item.open && ` · ${t('periodClosed')}`}
                </Typography.Text>
                <Progress
                  percent={item.fields === 0 ? 0 : Math.round((item.filled / item.fields) * 100)}
                  format={() => t('progress', { filled: item.filled, fields: item.fields })}
                  size="small"
                />
                {item.status === 'returned' && item.comment !== null && (
                  <Alert type="warning" showIcon title={t('returnedComment', { comment: item.comment })} />
                )}
              </Flex>
            </Card>
          );
        })}
      </Flex>
    </div>
  );
}
