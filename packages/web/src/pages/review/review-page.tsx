import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Drawer,
  Flex,
  Grid,
  Input,
  Modal,
  Result,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { type ItemOutcome, type ReviewAction, reviewEach } from './bulk-review';
import { messages } from './messages';
import { ReviewDetail } from './review-detail';
import { FLAGS, keyOf, type ReviewQueueItem } from './review-types';

const PAGE = 50;

interface Filters {
  plan?: string;
  period?: string;
  unit?: string;
  flagged?: boolean;
}

/** 审核队列: submitted submissions in scope, with flags; review one, or approve / return many at once. */
export function ReviewPage() {
  const t = useT(messages);
  const format = useFormat();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md !== true;
  const [filters, setFilters] = useState<Filters>({});
  const [unitText, setUnitText] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: ReviewQueueItem[]; total: number } | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(false);
  const [plans, setPlans] = useState<{ code: string; name: string }[]>([]);
  const [periods, setPeriods] = useState<{ code: string }[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<ReviewQueueItem | undefined>();
  const [bulk, setBulk] = useState<ReviewAction | undefined>();
  const [bulkComment, setBulkComment] = useState('');
  const [bulkCommentError, setBulkCommentError] = useState(false);
  const [bulkBusy, setBulkBusy] = useState<number | undefined>();
  const [outcomes, setOutcomes] = useState<ItemOutcome[] | undefined>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const answer = await api.get<{ items: ReviewQueueItem[]; total: number }>('/api/review-queue', {
        plan: filters.plan,
        period: filters.period,
        unit: filters.unit,
        flagged: filters.flagged,
        limit: PAGE,
        offset: (page - 1) * PAGE,
      });
      setData(answer);
      setError(undefined);
      const keys = new Set(answer.items.map(keyOf));
      setSelected((now) => now.filter((k) => keys.has(k)));
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    } finally {
      setLoading(false);
    }
  }, [filters, page]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    api.get<{ items: { code: string; name: string }[] }>('/api/plans').then(
      (a) => setPlans(a.items),
      () => setPlans([]),
    );
    api.get<{ items: { code: string }[] }>('/api/periods').then(
      (a) => setPeriods([...a.items].reverse()),
      () => setPeriods([]),
    );
  }, []);

  if (error?.status === 403) return <Result status="403" title={t('forbidden')} subTitle={error.detail} />;

  const items = data?.items ?? [];
  const chosen = items.filter((i) => selected.includes(keyOf(i)));

  const runBulk = async () => {
    if (bulk === undefined) return;
    if (bulk === 'return' && bulkComment.trim() === '') {
      setBulkCommentError(true);
      return;
    }
    setBulkBusy(0);
    try {
      const result = await reviewEach(chosen, bulk, bulkComment.trim() || undefined, setBulkBusy);
      setOutcomes(result);
      const ok = result.filter((r) => r.ok).length;
      message.info(t('bulkDone', { ok, failed: result.length - ok }));
    } finally {
      setBulkBusy(undefined);
      setBulk(undefined);
      setBulkComment('');
      setSelected([]);
      await load();
    }
  };

  return (
    <div>
      <Typography.Title level={2}>{t('reviewTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('filterPlan')}
          placeholder={t('filterPlan')}
          style={{ minWidth: 180 }}
          value={filters.plan}
          options={plans.map((p) => ({ value: p.code, label: p.name }))}
          onChange={(plan?: string) => {
            setPage(1);
            setFilters((f) => ({ ...f, plan }));
          }}
        />
        <Select
          allowClear
          aria-label={t('filterPeriod')}
          placeholder={t('filterPeriod')}
          style={{ minWidth: 120 }}
          value={filters.period}
          options={periods.map((p) => ({ value: p.code, label: p.code }))}
          onChange={(period?: string) => {
            setPage(1);
            setFilters((f) => ({ ...f, period }));
          }}
        />
        <Input.Search
          allowClear
          aria-label={t('filterUnit')}
          placeholder={t('filterUnit')}
          style={{ width: 180 }}
          value={unitText}
          onChange={(e) => setUnitText(e.target.value)}
          onSearch={(value) => {
            setPage(1);
            setFilters((f) => ({ ...f, unit: value.trim() || undefined }));
          }}
        />
        <Select
          aria-label={t('filterFlags')}
          style={{ minWidth: 140 }}
          value={filters.flagged === undefined ? 'all' : filters.flagged ? 'flagged' : 'clean'}
          options={[
            { value: 'all', label: t('flagsAll') },
            { value: 'flagged', label: t('flagsOnly') },
            { value: 'clean', label: t('flagsNone') },
          ]}
          onChange={(v: string) => {
            setPage(1);
            setFilters((f) => ({ ...f, flagged: v === 'all' ? undefined : v === 'flagged' }));
          }}
          data-testid="filter-flags"
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('refresh')}
        </Button>
      </Flex>
      {error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed', { detail: error.detail })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }} data-testid="bulk-bar">
        <Typography.Text>{t('selected', { count: chosen.length })}</Typography.Text>
        <Button disabled={chosen.length === 0} onClick={() => setBulk('approve')} data-testid="bulk-approve">
          {t('bulkApprove')}
        </Button>
        <Button
          danger
          disabled={chosen.length === 0}
          onClick={() => setBulk('return')}
          data-testid="bulk-return"
        >
          {t('bulkReturn')}
        </Button>
      </Flex>
      <Table<ReviewQueueItem>
        data-testid="review-table"
        size="middle"
        rowKey={keyOf}
        loading={loading}
        dataSource={items}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('empty') }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('total', { total }),
          onChange: setPage,
        }}
        columns={[
          {
            title: t('colUnit'),
            key: 'unit',
            render: (_, i) => (
              <Flex vertical gap={0}>
                <span>{i.unitName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.unitCode}
                </Typography.Text>
                {i.comment !== null && (
                  <Tag color="gold" style={{ width: 'fit-content' }}>
                    {t('resubmitted')}
                  </Tag>
                )}
              </Flex>
            ),
          },
          { title: t('colPeriod'), key: 'period', render: (_, i) => `${i.periodCode} · ${i.planCode}` },
          {
            title: t('colSubmitted'),
            key: 'submitted',
            render: (_, i) => (i.submittedAt === null ? '' : format.dateTime(i.submittedAt)),
          },
          { title: t('colFilled'), key: 'filled', align: 'end', render: (_, i) => `${i.filled}/${i.fields}` },
          { title: t('colEvidence'), key: 'evidence', align: 'end', render: (_, i) => i.evidence },
          {
            title: t('colFlags'),
            key: 'flags',
            render: (_, i) => {
              const shown = FLAGS.filter((f) => i.flags[f] > 0);
              if (shown.length === 0)
                return <Typography.Text type="secondary">{t('noFlags')}</Typography.Text>;
              return shown.map((f) => (
                <Tag key={f} color={f === 'jump' ? 'orange' : 'red'}>
                  {t('flagCount', { label: t(`flag_${f}`), count: i.flags[f] })}
                </Tag>
              ));
            },
          },
          {
            title: t('colAction'),
            key: 'action',
            fixed: 'right',
            render: (_, i) => (
              <Button
                type="primary"
                onClick={() => setOpen(i)}
                data-testid={`review-${i.unitCode}-${i.periodCode}`}
              >
                {t('review')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={open !== undefined}
        onClose={() => setOpen(undefined)}
        size={phone ? '100%' : 880}
        title={open === undefined ? '' : t('detailTitle', { unit: open.unitName, period: open.periodCode })}
        destroyOnHidden
      >
        {open !== undefined && (
          <ReviewDetail
            key={keyOf(open)}
            item={open}
            onDone={() => {
              setOpen(undefined);
              void load();
            }}
          />
        )}
      </Drawer>
      <Modal
        open={bulk !== undefined}
        title={
          bulk === 'return'
            ? t('bulkReturnTitle', { count: chosen.length })
            : t('bulkApproveTitle', { count: chosen.length })
        }
        okText={t('confirm')}
        cancelText={t('cancel')}
        okButtonProps={{ danger: bulk === 'return', loading: bulkBusy !== undefined }}
        onOk={() => void runBulk()}
        onCancel={() => {
          setBulk(undefined);
          setBulkCommentError(false);
        }}
      >
        <Flex vertical gap={4}>
          <label htmlFor="bulk-comment">{bulk === 'return' ? t('commentLabel') : t('commentOptional')}</label>
          <Input.TextArea
            id="bulk-comment"
            rows={3}
            maxLength={2000}
            value={bulkComment}
            status={bulkCommentError ? 'error' : undefined}
            onChange={(e) => {
              setBulkComment(e.target.value);
              setBulkCommentError(false);
            }}
          />
          {bulkCommentError && <Typography.Text type="danger">{t('commentRequired')}</Typography.Text>}
        </Flex>
      </Modal>
      <Modal
        open={outcomes !== undefined}
        title={t('results')}
        onCancel={() => setOutcomes(undefined)}
        footer={
          <Button onClick={() => setOutcomes(undefined)} data-testid="bulk-results-close">
            {t('close')}
          </Button>
        }
      >
        <Table<ItemOutcome>
          data-testid="bulk-results"
          size="small"
          pagination={false}
          rowKey={(o) => keyOf(o.item)}
          dataSource={outcomes ?? []}
          columns={[
            {
              title: t('colUnit'),
              key: 'unit',
              render: (_, o) => `${o.item.unitName}（${o.item.unitCode}）`,
            },
            {
              title: t('results'),
              key: 'result',
              render: (_, o) =>
                o.ok ? (
                  <Tag color="success">{t('resultOk')}</Tag>
                ) : (
                  <Typography.Text type="danger">
                    {t('resultFailed', { detail: o.detail ?? '' })}
                  </Typography.Text>
                ),
            },
          ]}
        />
      </Modal>
    </div>
  );
}
