import { Alert, App, Button, Checkbox, Flex, Input, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { type EntryField, type EntryForm, formPath } from '../entry/entry-types';
import { EvidencePreview } from '../entry/evidence-preview';
import { messages } from './messages';
import type { ReviewQueueItem } from './review-types';

/**
 * One submission under review: every field against the previous period with its flags and evidence, and
 * approve / return (a return needs a comment). A 409 (reviewed or changed by someone else) refreshes.
 */
export function ReviewDetail({ item, onDone }: { item: ReviewQueueItem; onDone(): void }) {
  const t = useT(messages);
  const format = useFormat();
  const { message } = App.useApp();
  const [form, setForm] = useState<EntryForm | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [onlyFilled, setOnlyFilled] = useState(true);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState(false);
  const [busy, setBusy] = useState<'approve' | 'return' | undefined>();

  useEffect(() => {
    let live = true;
    api.get<EntryForm>(`/api/entry-forms/${formPath(item)}`).then(
      (f) => live && setForm(f),
      (e: unknown) => live && setError(e instanceof ApiError ? e.detail : String(e)),
    );
    return () => {
      live = false;
    };
  }, [item]);

  const act = async (action: 'approve' | 'return') => {
    if (action === 'return' && comment.trim() === '') {
      setCommentError(true);
      return;
    }
    setBusy(action);
    try {
      await api.post(`/api/submissions/${formPath(item)}/${action}`, {
        version: form?.submission?.version ?? item.version,
        ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
      });
      message.success(action === 'approve' ? t('approved') : t('returned'));
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(t('conflict'));
        onDone();
      } else message.error(t('actionFailed', { detail: e instanceof ApiError ? e.detail : String(e) }));
    } finally {
      setBusy(undefined);
    }
  };

  if (error !== undefined) return <Alert type="error" showIcon title={t('loadFailed', { detail: error })} />;
  if (form === undefined) return <Spin />;

  const order = form.groups.flatMap((g) => g.indicators.flatMap((i) => i.fields));
  const byCode = new Map(form.fields.map((f) => [f.code, f]));
  const rows = order
    .map((code) => byCode.get(code))
    .filter((f): f is EntryField => f !== undefined)
    .filter((f) => (!onlyFlagged || f.flags.length > 0) && (!onlyFilled || f.value !== null));
  const num = (v: number | null) => (v === null ? t('noValue') : format.number(v));

  return (
    <Flex vertical gap={12} data-testid="review-detail">
      {item.submittedBy !== null && item.submittedAt !== null && (
        <Typography.Text type="secondary">
          {t('submittedBy', { who: item.submittedBy, at: format.dateTime(item.submittedAt) })}
        </Typography.Text>
      )}
      {item.comment !== null && (
        <Alert type="info" showIcon title={t('previousComment', { comment: item.comment })} />
      )}
      <Flex gap={16} wrap>
        <Checkbox checked={onlyFilled} onChange={(e) => setOnlyFilled(e.target.checked)}>
          {t('onlyFilled')}
        </Checkbox>
        <Checkbox checked={onlyFlagged} onChange={(e) => setOnlyFlagged(e.target.checked)}>
          {t('onlyFlagged')}
        </Checkbox>
      </Flex>
      <Table<EntryField>
        size="small"
        rowKey="code"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('colElement'),
            key: 'name',
            render: (_, f) => (
              <span>
                {f.name}
                {f.unit !== null && <Typography.Text type="secondary">（{f.unit}）</Typography.Text>}
              </span>
            ),
          },
          {
            title: t('colValue'),
            key: 'value',
            align: 'end',
            render: (_, f) => <span data-testid={`value-${f.code}`}>{num(f.value)}</span>,
          },
          {
            title: t('colPrevious', { period: form.previousPeriod ?? '' }),
            key: 'previous',
            align: 'end',
            render: (_, f) => num(f.previous),
          },
          {
            title: t('colChange'),
            key: 'change',
            align: 'end',
            render: (_, f) =>
              f.change === null
                ? t('noValue')
                : `${f.change > 0 ? '+' : ''}${format.number(f.change)}${
                    f.changeRatio === null
                      ? ''
                      : `（${f.changeRatio > 0 ? '+' : ''}${format.percent(f.changeRatio)}）`
                  }`,
          },
          {
            title: t('colFlags'),
            key: 'flags',
            render: (_, f) =>
              f.flags.map((flag) => (
                <Tag
                  key={flag}
                  color={flag === 'jump' ? 'orange' : 'red'}
                  data-testid={`flag-${f.code}-${flag}`}
                >
                  {t(`flag_${flag}`)}
                </Tag>
              )),
          },
          {
            title: t('colEvidence'),
            key: 'evidence',
            render: (_, f) => (f.evidence === null ? null : <EvidencePreview evidence={f.evidence} />),
          },
        ]}
      />
      <Flex vertical gap={4}>
        <label htmlFor="review-comment">{t('commentLabel')}</label>
        <Input.TextArea
          id="review-comment"
          rows={3}
          maxLength={2000}
          value={comment}
          status={commentError ? 'error' : undefined}
          onChange={(e) => {
            setComment(e.target.value);
            setCommentError(false);
          }}
        />
        {commentError && (
          <Typography.Text type="danger" data-testid="comment-error">
            {t('commentRequired')}
          </Typography.Text>
        )}
      </Flex>
      <Flex gap={8} wrap>
        <Button
          type="primary"
          size="large"
          loading={busy === 'approve'}
          disabled={busy !== undefined}
          onClick={() => void act('approve')}
          data-testid="approve"
        >
          {t('approve')}
        </Button>
        <Button
          danger
          size="large"
          loading={busy === 'return'}
          disabled={busy !== undefined}
          onClick={() => void act('return')}
          data-testid="return"
        >
          {t('return')}
        </Button>
      </Flex>
    </Flex>
  );
}
