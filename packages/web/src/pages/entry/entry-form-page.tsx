import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Divider, Flex, Grid, Progress, Result, Spin, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { EntryFieldInput } from './entry-field';
import { type EntryForm, formPath, type Submission } from './entry-types';
import { messages } from './messages';
import { StatusTag } from './status-tag';
import { useEntryDraft } from './use-entry-draft';

/** 填报表: one unit × period, generated from the plan's data elements, saved as you type. */
export function EntryFormPage() {
  const t = useT(messages);
  const format = useFormat();
  const { modal, message } = App.useApp();
  const params = useParams();
  const path = formPath({
    planCode: params.plan ?? '',
    periodCode: params.period ?? '',
    unitCode: params.unit ?? '',
  });
  const screens = Grid.useBreakpoint();
  const phone = screens.md !== true;
  const [conflict, setConflict] = useState(false);
  const onConflict = useCallback(() => setConflict(true), []);
  const draft = useEntryDraft(path, onConflict);
  const [submitting, setSubmitting] = useState(false);
  const { form } = draft;

  if (draft.loadError !== undefined && form === undefined)
    return (
      <Result
        status={draft.loadError.status === 403 ? '403' : draft.loadError.status === 404 ? '404' : 'error'}
        title={t('loadFailed', { detail: draft.loadError.detail })}
        extra={
          <Link to="/entry">
            <Button>{t('back')}</Button>
          </Link>
        }
      />
    );
  if (form === undefined) return <Spin />;

  const status = form.submission?.status ?? 'none';
  const submit = async () => {
    await draft.flush();
    const latest = await draft.load();
    if (latest === undefined || !latest.editable) return;
    const empty = latest.counts.empty;
    modal.confirm({
      title: t('submitConfirmTitle'),
      content: empty > 0 ? t('submitConfirmEmpty', { count: empty }) : t('submitConfirmFull'),
      okText: status === 'returned' ? t('resubmit') : t('submit'),
      cancelText: t('cancel'),
      onOk: async () => {
        setSubmitting(true);
        try {
          await api.post<Submission>(`/api/submissions/${path}/submit`, {
            version: latest.submission?.version ?? 0,
          });
          message.success(t('submitted'));
        } catch (e) {
          if (e instanceof ApiError && e.status === 409) setConflict(true);
          else message.error(t('submitFailed', { detail: e instanceof ApiError ? e.detail : String(e) }));
        } finally {
          setSubmitting(false);
          await draft.load();
        }
      },
    });
  };

  const fieldsByCode = new Map(form.fields.map((f) => [f.code, f]));
  const manual = form.counts.total - form.counts.imported;
  const saveText = (() => {
    const s = draft.status;
    if (s.kind === 'saving') return t('saving');
    if (s.kind === 'dirty') return t('unsaved');
    if (s.kind === 'saved') return t('saved', { time: format.dateTime(s.at) });
    if (s.kind === 'error') return t('saveFailed', { detail: s.detail });
    return '';
  })();

  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <Link to="/entry">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('back')}
        </Button>
      </Link>
      <Typography.Title level={2} style={{ marginTop: 4 }}>
        {t('entryFormTitle')}
      </Typography.Title>
      <Flex vertical gap={2} style={{ marginBottom: 12 }}>
        <Typography.Text>
          {t('unitLabel')}：{form.unit.name}（{form.unit.code}）
        </Typography.Text>
        <Typography.Text>
          {t('planLabel')}：{form.plan.name} · {t('periodLabel')}：{form.period.code}{' '}
          <StatusTag status={status} />
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('deadline')}：
          {form.period.deadline === null ? t('noDeadline') : format.dateTime(form.period.deadline)}
        </Typography.Text>
      </Flex>
      <StateBanner form={form} />
      {conflict && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setConflict(false) }}
          title={t('conflict')}
          data-testid="conflict-banner"
          style={{ marginBottom: 12 }}
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }} data-testid="entry-counter">
        <Typography.Text>
          {t('counter', { imported: form.counts.imported, manual, byHand: form.counts.byHand })}
        </Typography.Text>
        <Progress
          percent={form.counts.total === 0 ? 0 : Math.round((form.counts.filled / form.counts.total) * 100)}
          format={() => t('filledOf', { filled: form.counts.filled, total: form.counts.total })}
        />
      </Card>
      {form.groups.map((group) => (
        <Card
          key={group.code ?? '-'}
          title={group.name ?? t('otherGroup')}
          size="small"
          style={{ marginBottom: 12 }}
          styles={{ body: { paddingBlock: 4 } }}
        >
          {group.indicators.map((indicator, i) => (
            <div key={indicator.code || `rest-${i}`}>
              {i > 0 && <Divider style={{ marginBlock: 4 }} />}
              {indicator.name !== '' && (group.indicators.length > 1 || indicator.name !== group.name) && (
                <Typography.Text strong type="secondary" style={{ display: 'block', paddingTop: 8 }}>
                  {indicator.name}
                </Typography.Text>
              )}
              {indicator.description !== null && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>
                  {indicator.description}
                </Typography.Paragraph>
              )}
              {indicator.fields.map((code) => {
                const field = fieldsByCode.get(code);
                if (field === undefined) return null;
                return (
                  <EntryFieldInput
                    key={code}
                    field={field}
                    state={draft.stateOf(code)}
                    editable={form.editable}
                    phone={phone}
                    onText={(text) => draft.setText(code, text)}
                    onEvidence={(evidence) => draft.setEvidence(code, evidence)}
                  />
                );
              })}
            </div>
          ))}
        </Card>
      ))}
      {form.editable && (
        <div
          data-testid="submit-bar"
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 10,
            background: 'var(--ant-color-bg-container, #fff)',
            borderTop: '1px solid var(--ant-color-border-secondary, #f0f0f0)',
            padding: '10px 12px',
            marginInline: -12,
            boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
          }}
        >
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Flex vertical gap={0} style={{ minWidth: 0, flex: '1 1 160px' }}>
              <Typography.Text type="secondary" data-testid="save-status" data-state={draft.status.kind}>
                {saveText}
              </Typography.Text>
              {draft.invalidCount > 0 && (
                <Typography.Text type="danger">
                  {t('invalidPending', { count: draft.invalidCount })}
                </Typography.Text>
              )}
            </Flex>
            <Button
              type="primary"
              size="large"
              loading={submitting}
              disabled={draft.invalidCount > 0}
              onClick={() => void submit()}
              data-testid="submit"
              style={{ minWidth: phone ? '100%' : 160 }}
            >
              {status === 'returned' ? t('resubmit') : t('submit')}
            </Button>
          </Flex>
        </div>
      )}
    </div>
  );
}

function StateBanner({ form }: { form: EntryForm }) {
  const t = useT(messages);
  const status = form.submission?.status ?? 'none';
  const comment = form.submission?.comment ?? null;
  const type =
    status === 'approved'
      ? 'success'
      : status === 'returned'
        ? 'warning'
        : status === 'submitted'
          ? 'info'
          : 'info';
  const closed = !form.period.open && (status === 'none' || status === 'draft' || status === 'returned');
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      <Alert
        type={type}
        showIcon
        data-testid="state-banner"
        data-status={status}
        title={t(`banner_${status}`)}
        description={
          comment !== null && (status === 'returned' || status === 'approved' || status === 'submitted') ? (
            <span data-testid="reviewer-comment">{t('reviewerComment', { comment })}</span>
          ) : undefined
        }
      />
      {closed && <Alert type="error" showIcon title={t('bannerClosed', { period: form.period.code })} />}
      {!form.editable && !closed && status !== 'submitted' && status !== 'approved' && (
        <Alert type="info" showIcon title={t('bannerReadOnly')} />
      )}
    </Flex>
  );
}
